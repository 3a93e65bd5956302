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

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openhab.binding.evaics.internal.handler.ControllerFixture.RecordingListener;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.binding.evaics.test.broker.BrokerExtension;
import org.openhab.binding.evaics.test.broker.NeedsMosquitto;
import org.openhab.binding.evaics.test.broker.TestBroker;
import org.openhab.binding.evaics.test.sim.EvaSimulator;
import org.openhab.core.thing.Bridge;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusDetail;
import org.openhab.core.thing.ThingStatusInfo;

/**
 * A wrong key says so: EVA stays silent on a frame it cannot open (protocol.md §4.4), so the controller bridge tells a
 * wrong key from a dead controller by whether the controller is visibly alive on the broker (its discovery announces,
 * protocol.md §2.1, or its states with its id in {@code c}, protocol.md §9.1). Against the simulator on the test
 * broker.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class WrongKeyStatusTest {

    /** The status of a controller seen on the broker that does not answer, as openHAB stores it. */
    private static final String SEEN_NOT_ANSWERING = "@text/" + StatusDescriptions.CONTROLLER_SEEN_NOT_ANSWERING
            + " [\"uc/host1\"]";
    private static final String NOT_ANSWERING = "@text/" + StatusDescriptions.CONTROLLER_NOT_ANSWERING + " [";
    private static final String WRONG_KEY = "not-the-key";
    private static final Oid LAMP = Oid.parse("unit:lights/lamp1");

    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(TestBroker.options().tcpNoDelay(true));

    private final ControllerFixture fixture = new ControllerFixture(BROKER);
    private final BridgeTestFramework framework = fixture.framework;

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    /** A UC whose two items are announced (not retained for the binding: it is already subscribed) at its start. */
    private EvaSimulator announcingStates() {
        return fixture.started(fixture.simulator("uc/host1").unit("lights/lamp1", 0, "").sensor("env/temp1", 1,
                "21.5"));
    }

    /**
     * Announces the simulator's states again once the controller bridge has reported its first failed call: the
     * states it announced at start may reach the broker bridge as retained messages, which never count as a sign of
     * life (a dead controller's retained states stay on the broker).
     */
    private void announceWhenTheBridgeListens(EvaSimulator sim, EvaControllerHandler handler) {
        framework.awaitStatus(handler.getThing(), info -> info.getStatus() == ThingStatus.OFFLINE
                && info.getStatusDetail() == ThingStatusDetail.COMMUNICATION_ERROR, "a first failed call");
        sim.announceAll();
    }

    private static Map<String, Object> config(String name, String value) {
        Map<String, Object> config = ControllerFixture.controllerConfig("uc/host1");
        config.put(name, value);
        return config;
    }

    private ThingStatusInfo awaitDescription(Thing thing, String prefix) {
        return framework.awaitStatus(thing,
                info -> info.getStatus() == ThingStatus.OFFLINE
                        && info.getStatusDetail() == ThingStatusDetail.COMMUNICATION_ERROR
                        && String.valueOf(info.getDescription()).startsWith(prefix),
                "OFFLINE/COMMUNICATION_ERROR " + prefix);
    }

    @Test
    void wrongApiKeyOfAControllerAnnouncingItsStatesSaysTheKeyIsProbablyWrong() {
        EvaSimulator sim = announcingStates();

        EvaControllerHandler handler = fixture.controller("ctl", config("key", WRONG_KEY));
        announceWhenTheBridgeListens(sim, handler);

        ThingStatusInfo status = awaitDescription(handler.getThing(), SEEN_NOT_ANSWERING);
        assertEquals(SEEN_NOT_ANSWERING, status.getDescription());
        assertNull(handler.api());
    }

    @Test
    void wrongKeyIdOfAControllerAnnouncingItselfSaysTheKeyIsProbablyWrong() {
        fixture.started(fixture.simulator("uc/host1").announceOnStart(false).discoveryInterval(Duration.ofMillis(300)));

        EvaControllerHandler handler = fixture.controller("ctl", config("keyId", "not-the-key-id"));

        ThingStatusInfo status = awaitDescription(handler.getThing(), SEEN_NOT_ANSWERING);
        assertEquals(SEEN_NOT_ANSWERING, status.getDescription());
    }

    @Test
    void correctedKeyMakesTheControllerOnline() {
        EvaSimulator sim = announcingStates();
        EvaControllerHandler handler = fixture.controller("ctl", config("key", WRONG_KEY));
        announceWhenTheBridgeListens(sim, handler);
        awaitDescription(handler.getThing(), SEEN_NOT_ANSWERING);

        handler.handleConfigurationUpdate(Map.of("key", ControllerFixture.KEY));

        framework.awaitStatus(handler.getThing(), ThingStatus.ONLINE);
        assertNotNull(handler.api());
    }

    @Test
    void controllerThatStopsAnnouncingGetsThePlainStatusOnceItIsNoLongerSeen() {
        EvaSimulator sim = fixture.started(
                fixture.simulator("uc/host1").announceOnStart(false).discoveryInterval(Duration.ofMillis(300)));
        EvaControllerHandler handler = fixture.controller("ctl", config("key", WRONG_KEY));
        // heartbeat 1 s: the window is two heartbeats, 2 s, instead of a minute
        handler.setMinimumSightingWindow(Duration.ZERO);
        awaitDescription(handler.getThing(), SEEN_NOT_ANSWERING);

        sim.close();

        awaitDescription(handler.getThing(), NOT_ANSWERING);
    }

    @Test
    void stoppedControllerThatNeverAnnouncedKeepsThePlainStatus() {
        EvaSimulator sim = fixture.started(fixture.simulator("uc/host1").announceOnStart(false));
        EvaControllerHandler handler = fixture.controller("ctl", ControllerFixture.controllerConfig("uc/host1"));
        framework.awaitStatus(handler.getThing(), ThingStatus.ONLINE);

        sim.close();

        ThingStatusInfo status = awaitDescription(handler.getThing(), NOT_ANSWERING);
        assertTrue(String.valueOf(status.getDescription()).contains("no answer from uc/host1"),
                status.getDescription());
    }

    @Test
    @NeedsMosquitto(NeedsMosquitto.RETAIN_FLAG)
    void retainedStatesOfAStoppedControllerAreNoSignOfLife() {
        // the states the controller announced at its start stay on the broker, retained, after it stopped
        announcingStates().close();
        Map<String, Object> brokerConfig = new HashMap<>();
        brokerConfig.put("host", TestBroker.HOST);
        brokerConfig.put("port", BROKER.port());
        brokerConfig.put("reconnectTime", 1000);
        Bridge broker2 = framework.broker("broker2", brokerConfig);
        EvaBrokerHandler brokerHandler2 = new EvaBrokerHandler(broker2);
        // the controller registers before the new broker bridge subscribes, so the retained states reach it
        broker2.setHandler(brokerHandler2);
        RecordingListener lamp = new RecordingListener();
        EvaControllerHandler handler = new EvaControllerHandler(
                framework.controller(broker2, "ctl", ControllerFixture.controllerConfig("uc/host1")));
        handler.registerItem(LAMP, lamp);
        framework.start(handler);

        framework.start(brokerHandler2);

        BridgeTestFramework.await("the retained state reaching the controller", () -> !lamp.states().isEmpty());
        awaitDescription(handler.getThing(), NOT_ANSWERING);
    }
}
