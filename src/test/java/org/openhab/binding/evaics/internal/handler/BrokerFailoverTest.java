/*
 * Copyright (c) 2010-2026 Contributors to the openHAB project
 *
 * See the NOTICE file(s) distributed with this work for additional
 * information.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License 2.0 which is available at
 * http://www.eclipse.org/legal/epl-2.0
 *
 * SPDX-License-Identifier: EPL-2.0
 */
package org.openhab.binding.evaics.internal.handler;

import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openhab.binding.evaics.test.broker.BrokerExtension;
import org.openhab.binding.evaics.test.broker.TestBroker;

/**
 * Failover of the whole binding between two brokers (issue 14), on two independent mosquitto brokers: the broker
 * bridge and the simulated controller both have both in their lists, so that both move to the other broker when
 * theirs stops ({@link FailoverScenario}; the RabbitMQ cluster of the {@code brokers} profile runs the same scenario
 * with the controller on the other node).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class BrokerFailoverTest {

    @RegisterExtension
    static final BrokerExtension BROKER_A = new BrokerExtension(TestBroker.options().tcpNoDelay(true));

    @RegisterExtension
    static final BrokerExtension BROKER_B = new BrokerExtension(TestBroker.options().tcpNoDelay(true));

    /** A few back and forth; the figures of docs/benchmarks.md come from the RabbitMQ cluster. */
    private static final int FAILOVERS = 4;
    /**
     * Short: the controller fails over too, and a call it missed meanwhile waits this long; mosquitto stops at once,
     * so the call in flight is still cut off by the stop.
     */
    private static final int CALL_TIMEOUT_SECONDS = ControllerFixture.CALL_TIMEOUT_SECONDS;

    private static FailoverScenario.Node node(BrokerExtension broker) {
        return new FailoverScenario.Node() {
            @Override
            public String address() {
                return TestBroker.HOST + ":" + broker.port();
            }

            @Override
            public void stop() {
                broker.stop();
            }

            @Override
            public void start() {
                broker.start();
            }
        };
    }

    @Test
    void theBindingFailsOverWithACallInFlightAndBackAndForth() {
        try (FailoverScenario scenario = new FailoverScenario(node(BROKER_A), node(BROKER_B),
                List.of(BROKER_A.uri(), BROKER_B.uri()), CALL_TIMEOUT_SECONDS)) {
            scenario.commandsAndAnnouncementsFlow("start");
            scenario.failOverWithACallInFlight();
            scenario.failOver(FAILOVERS, "mosquitto pair");
        }
    }
}
