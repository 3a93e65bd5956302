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
package org.openhab.binding.evaics.internal.protocol.mqtt;

import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.evaics.test.StdStreams.out;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openhab.binding.evaics.test.broker.BrokerExtension;
import org.openhab.binding.evaics.test.broker.TestBroker;

/**
 * User name / password authentication against a broker that refuses anonymous clients.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class MqttTransportAuthTest {

    private static final String USER = "openhab";
    private static final String PASSWORD = "pa:ss wörd";

    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(
            TestBroker.options().allowAnonymous(false).user(USER, PASSWORD));

    private final List<MqttTransport> transports = new ArrayList<>();

    @AfterEach
    void closeTransports() {
        transports.forEach(MqttTransport::close);
    }

    private TransportProbe start(UnaryOperator<MqttSettings.Builder> credentials) {
        TransportProbe probe = new TransportProbe();
        MqttTransport transport = new MqttTransport(credentials.apply(MqttSettings.builder(BROKER.uri())).build());
        transports.add(transport);
        transport.addConnectionListener(probe);
        transport.start();
        return probe;
    }

    @Test
    void rightUsernameAndPasswordConnect() {
        TransportProbe probe = start(b -> b.username(USER).password(PASSWORD));
        probe.await("connected");
        assertTrue(transports.get(0).isConnected());
    }

    @Test
    void wrongPasswordIsReportedAsAuthenticationRefused() {
        TransportProbe probe = start(b -> b.username(USER).password("wrong"));
        TransportProbe.Event failure = probe.await("connectFailed");
        out().println("wrong password reason: " + failure.detail());
        assertTrue(failure.flag(), failure.detail());
        assertFalse(failure.detail().contains("wrong"), "the reason never quotes the password");
        assertFalse(transports.get(0).isConnected());
    }

    @Test
    void missingCredentialsAreReportedAsAuthenticationRefused() {
        TransportProbe probe = start(b -> b);
        assertTrue(probe.await("connectFailed").flag());
    }
}
