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

import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.evaics.internal.EvaIcsBindingConstants.*;
import static org.openhab.binding.evaics.internal.handler.EvaItemConstants.*;
import static org.openhab.binding.evaics.test.StdStreams.out;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.binding.evaics.test.broker.BrokerExtension;
import org.openhab.binding.evaics.test.broker.TestBroker;
import org.openhab.binding.evaics.test.sim.EvaSimulator;
import org.openhab.binding.evaics.test.sim.LoggedRequest;
import org.openhab.binding.evaics.test.sim.Misbehaviour;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusDetail;

import com.google.gson.JsonElement;

/**
 * A controller that dies and comes back, seen through the whole chain (issue 6, item 2): the heartbeat makes the
 * controller bridge OFFLINE within two heartbeat intervals of its last answer and ONLINE again when it answers, and
 * then every item thing is ONLINE again with what changed meanwhile, fetched by authenticated {@code state} calls.
 * The times are printed; the one bound asserted is the one the controller bridge documents (OFFLINE within two
 * intervals), plus a margin for a busy machine.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class ControllerDeathTest {

    private static final Oid LAMP = Oid.parse("unit:lights/lamp1");
    private static final Oid TEMP = Oid.parse("sensor:env/temp1");
    private static final Duration HEARTBEAT = Duration.ofSeconds(ControllerFixture.HEARTBEAT_SECONDS);
    /** Scheduling delays of a loaded test machine on top of the documented bound. */
    private static final Duration SCHEDULING_MARGIN = Duration.ofMillis(750);

    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(TestBroker.options().tcpNoDelay(true));

    private final ControllerFixture fixture = new ControllerFixture(BROKER);
    private final BridgeTestFramework framework = fixture.framework;

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void deadControllerIsOfflineWithinTwoHeartbeatsAndItsThingsAreRefreshedWhenItAnswersAgain() {
        EvaSimulator sim = fixture.started(
                fixture.simulator("uc/host1").unit("lights/lamp1", 0, "").sensor("env/temp1", 1, "20.5"));
        EvaControllerHandler controller = fixture.controller("ctl", ControllerFixture.controllerConfig("uc/host1"));
        framework.awaitStatus(controller.getThing(), ThingStatus.ONLINE);
        EvaUnitHandler lamp = framework.start(new EvaUnitHandler(
                framework.item(controller.getThing(), THING_TYPE_UNIT, "lamp", Map.of(CONFIG_ID, LAMP.fullId()))));
        EvaSensorHandler temp = framework.start(new EvaSensorHandler(
                framework.item(controller.getThing(), THING_TYPE_SENSOR, "temp", Map.of(CONFIG_ID, TEMP.fullId()))));
        List<Thing> items = List.of(lamp.getThing(), temp.getThing());
        items.forEach(thing -> framework.awaitStatus(thing, ThingStatus.ONLINE));

        // dies right after a heartbeat was answered: the worst case for the bound
        sim.clearRequests();
        sim.awaitRequest("test", BridgeTestFramework.WAIT_LIMIT);
        sim.misbehave(Misbehaviour.SILENT);
        long died = System.nanoTime();
        framework.awaitStatus(controller.getThing(), ThingStatus.OFFLINE, ThingStatusDetail.COMMUNICATION_ERROR);
        long offlineMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - died);
        items.forEach(thing -> framework.awaitStatus(thing, ThingStatus.OFFLINE, ThingStatusDetail.BRIDGE_OFFLINE));

        // announced while the bridge is OFFLINE: nobody is registered to hear it, only the refresh brings it
        sim.setState(LAMP, 1, "changed while dead");
        sim.setSensorValue(TEMP, "-7.5");
        int mark = sim.requests().size();
        sim.behave();
        long revived = System.nanoTime();
        framework.awaitStatus(controller.getThing(), ThingStatus.ONLINE);
        long onlineMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - revived);
        items.forEach(thing -> framework.awaitStatus(thing, ThingStatus.ONLINE));
        long itemsMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - revived);
        out().printf("controller death with a %d ms heartbeat: OFFLINE %d ms after it stopped answering;"
                + " ONLINE %d ms and its things ONLINE %d ms after it answered again%n", HEARTBEAT.toMillis(),
                offlineMillis, onlineMillis, itemsMillis);

        BridgeTestFramework.await("unit refreshed",
                () -> "changed while dead".equals(String.valueOf(framework.state(lamp.getThing(), CHANNEL_VALUE))));
        BridgeTestFramework.await("sensor refreshed",
                () -> "-7.5".equals(String.valueOf(framework.state(temp.getThing(), CHANNEL_VALUE_STRING))));
        List<LoggedRequest> after = sim.requests().subList(mark, sim.requests().size());
        for (Oid oid : List.of(LAMP, TEMP)) {
            assertTrue(after.stream().anyMatch(r -> "state".equals(r.method()) && r.param("i") instanceof JsonElement i
                    && oid.toString().equals(i.getAsString())), "state call for " + oid);
        }
        assertTrue(offlineMillis <= HEARTBEAT.multipliedBy(2).plus(SCHEDULING_MARGIN).toMillis(),
                "OFFLINE after " + offlineMillis + " ms");
    }
}
