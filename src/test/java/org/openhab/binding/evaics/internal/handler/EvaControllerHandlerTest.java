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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openhab.binding.evaics.internal.EvaIcsBindingConstants;
import org.openhab.binding.evaics.internal.handler.ControllerFixture.RecordingListener;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.binding.evaics.test.broker.BrokerExtension;
import org.openhab.binding.evaics.test.broker.TestBroker;
import org.openhab.binding.evaics.test.sim.EvaSimulator;
import org.openhab.binding.evaics.test.sim.LoggedRequest;
import org.openhab.binding.evaics.test.sim.Misbehaviour;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusDetail;
import org.openhab.core.thing.ThingStatusInfo;

import com.google.gson.JsonElement;

/**
 * The controller bridge against a simulated EVA controller on a real MQTT broker: ONLINE after the {@code test} call,
 * OFFLINE when the controller stops answering and ONLINE again with its items refreshed, BRIDGE_OFFLINE with the
 * broker, CONFIGURATION_ERROR for configurations that cannot work, and delivery of announcements to the right
 * items only (protocol.md §8.1, §9.4, §9.5, §10, §11).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class EvaControllerHandlerTest {

    private static final Duration WAIT = BridgeTestFramework.WAIT_LIMIT;
    private static final Oid LAMP = Oid.parse("unit:lights/lamp1");
    private static final Oid TEMP = Oid.parse("sensor:env/temp1");

    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(TestBroker.options().tcpNoDelay(true));

    private final ControllerFixture fixture = new ControllerFixture(BROKER);
    private final BridgeTestFramework framework = fixture.framework;

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private EvaSimulator host1() {
        return fixture.started(fixture.simulator("uc/host1").unit("lights/lamp1", 0, "").sensor("env/temp1", 1,
                "21.5"));
    }

    private EvaControllerHandler online(String thingId, Map<String, Object> config) {
        EvaControllerHandler handler = fixture.controller(thingId, config);
        framework.awaitStatus(handler.getThing(), ThingStatus.ONLINE);
        return handler;
    }

    /**
     * A controller ONLINE whose items got their first state (the refresh after the connect), with the listeners
     * cleared, so that a test sees only what follows.
     */
    private EvaControllerHandler onlineWithItems(String thingId, Map<String, Object> config,
            Map<Oid, RecordingListener> items) {
        EvaControllerHandler handler = fixture.controller(thingId, config, items);
        framework.awaitStatus(handler.getThing(), ThingStatus.ONLINE);
        items.forEach((oid, listener) -> {
            BridgeTestFramework.await("first state of " + oid, () -> !listener.states().isEmpty());
            listener.clear();
        });
        return handler;
    }

    private static void publish(EvaSimulator sim, String topic, String payload) {
        sim.publishRaw(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    private static LoggedRequest awaitStateCall(EvaSimulator sim, Oid oid) {
        return sim.awaitRequest(r -> "state".equals(r.method()) && param(r, "i").equals(oid.toString()), WAIT);
    }

    private static String param(LoggedRequest request, String name) {
        JsonElement value = request.param(name);
        return value == null ? "" : value.getAsString();
    }

    // ---- status ----

    @Test
    void onlineAfterTheTestCallWithProductProperties() {
        EvaSimulator sim = host1();

        EvaControllerHandler handler = online("ctl", ControllerFixture.controllerConfig("uc/host1"));

        assertFalse(sim.requests("test").isEmpty());
        Map<String, String> properties = handler.getThing().getProperties();
        assertEquals("uc/host1", properties.get(EvaIcsBindingConstants.PROPERTY_CONTROLLER_ID));
        assertEquals("uc", properties.get(EvaIcsBindingConstants.PROPERTY_PRODUCT_CODE));
        assertEquals("host1", properties.get(EvaIcsBindingConstants.PROPERTY_SYSTEM));
        assertNotNull(properties.get(EvaIcsBindingConstants.PROPERTY_VERSION));
        assertNotNull(handler.api());
        assertFalse(properties.containsValue(ControllerFixture.KEY));
    }

    @Test
    void silentControllerGoesOfflineAndComesBackOnlineWithItsItemsRefreshed() {
        EvaSimulator sim = host1();
        RecordingListener lamp = new RecordingListener();
        EvaControllerHandler handler = onlineWithItems("ctl", ControllerFixture.controllerConfig("uc/host1"),
                Map.of(LAMP, lamp));

        sim.misbehave(Misbehaviour.SILENT);
        ThingStatusInfo offline = framework.awaitStatus(handler.getThing(), ThingStatus.OFFLINE,
                ThingStatusDetail.COMMUNICATION_ERROR);
        // it announced its states at its start, a moment ago: if they reached the bridge live (not as retained
        // messages, which depends on who subscribed first), silent while visibly alive reads as a wrong key
        // (WrongKeyStatusTest pins that down); either way the controller does not answer
        String description = String.valueOf(offline.getDescription());
        assertTrue(description.startsWith("@text/" + StatusDescriptions.CONTROLLER_SEEN_NOT_ANSWERING)
                || description.startsWith("@text/" + StatusDescriptions.CONTROLLER_NOT_ANSWERING), description);
        assertNull(handler.api());

        sim.setState(LAMP, 1, "changed while silent");
        sim.clearRequests();
        sim.behave();
        framework.awaitStatus(handler.getThing(), ThingStatus.ONLINE);
        awaitStateCall(sim, LAMP);
        BridgeTestFramework.await("refreshed state", () -> lamp.has("state changed while silent"));
    }

    @Test
    void restartEventRunsTheHeartbeatAtOnceAndTheControllerIsCalledAgainSoonerThanTheHeartbeat() {
        EvaSimulator sim = host1();
        Map<String, Object> config = ControllerFixture.controllerConfig("uc/host1");
        config.put("heartbeatInterval", 3600);
        EvaControllerHandler handler = online("ctl", config);

        sim.misbehave(Misbehaviour.SILENT);
        sim.serverEvent("restart");
        framework.awaitStatus(handler.getThing(), ThingStatus.OFFLINE, ThingStatusDetail.COMMUNICATION_ERROR);
        sim.clearRequests();

        // back without a word: no announce, no state published, as EVA after a reconnect
        sim.behave();

        framework.awaitStatus(handler.getThing(), ThingStatus.ONLINE);
        assertFalse(sim.requests("test").isEmpty());
    }

    @Test
    void controllerThatMissesTheFirstCallIsOnlineLongBeforeTheNextHeartbeat() {
        // as after a broker restart, when the bridge is back before the controller has subscribed again
        EvaSimulator sim = host1();
        sim.misbehave(Misbehaviour.SILENT);
        Map<String, Object> config = ControllerFixture.controllerConfig("uc/host1");
        config.put("heartbeatInterval", 3600);
        config.put("callTimeout", 1);
        EvaControllerHandler handler = fixture.controller("ctl", config);
        sim.awaitRequest("test", WAIT);
        sim.behave();

        framework.awaitStatus(handler.getThing(), ThingStatus.ONLINE);
        // the unanswered first call times out after the answered later one: old news, the status stays
        BridgeTestFramework.await("every test call ended", () -> handler.pendingCalls() == 0);
        List<ThingStatusInfo> history = framework.history(handler.getThing());
        List<ThingStatusInfo> sinceOnline = history
                .subList(history.indexOf(new ThingStatusInfo(ThingStatus.ONLINE, ThingStatusDetail.NONE, null)),
                        history.size());
        assertTrue(sinceOnline.stream().allMatch(info -> info.getStatus() == ThingStatus.ONLINE), history.toString());
        assertEquals(ThingStatus.ONLINE, handler.getThing().getStatus());
    }

    @Test
    void restartEventAloneDoesNotMakeTheControllerOffline() {
        EvaSimulator sim = host1();
        Map<String, Object> config = ControllerFixture.controllerConfig("uc/host1");
        config.put("heartbeatInterval", 3600);
        EvaControllerHandler handler = online("ctl", config);
        sim.clearRequests();

        sim.serverEvent("restart");
        // the heartbeat it caused shows the event was handled; anyone may publish one, so it is no verdict
        sim.awaitRequest("test", WAIT);

        assertEquals(ThingStatus.ONLINE, handler.getThing().getStatus());
        assertNotNull(handler.api());
    }

    @Test
    void wrongKeyIsOfflineCommunicationError() {
        host1();
        Map<String, Object> config = ControllerFixture.controllerConfig("uc/host1");
        config.put("key", "not-the-key");
        EvaControllerHandler handler = fixture.controller("ctl", config);

        ThingStatusInfo status = framework.awaitStatus(handler.getThing(), ThingStatus.OFFLINE,
                ThingStatusDetail.COMMUNICATION_ERROR);
        assertFalse(String.valueOf(status.getDescription()).contains("not-the-key"));
    }

    @Test
    void keyWithoutRightsIsConfigurationError() {
        EvaSimulator sim = host1();
        sim.denyAccess(ControllerFixture.KEY_ID, true);
        EvaControllerHandler handler = fixture.controller("ctl", ControllerFixture.controllerConfig("uc/host1"));

        ThingStatusInfo status = framework.awaitStatus(handler.getThing(), ThingStatus.OFFLINE,
                ThingStatusDetail.CONFIGURATION_ERROR);
        assertTrue(String.valueOf(status.getDescription())
                .startsWith("@text/" + StatusDescriptions.CONTROLLER_ACCESS_DENIED), status.getDescription());
    }

    @Test
    void brokerGoingDownMakesTheControllerBridgeOfflineAndItComesBackRefreshed() {
        EvaSimulator sim = host1();
        RecordingListener lamp = new RecordingListener();
        EvaControllerHandler handler = onlineWithItems("ctl", ControllerFixture.controllerConfig("uc/host1"),
                Map.of(LAMP, lamp));

        BROKER.stop();
        framework.awaitStatus(handler.getThing(), ThingStatus.OFFLINE, ThingStatusDetail.BRIDGE_OFFLINE);
        assertNull(handler.api());
        sim.setState(LAMP, 1, "changed while the broker was down");

        BROKER.start();
        framework.awaitStatus(handler.getThing(), ThingStatus.ONLINE);
        BridgeTestFramework.await("refreshed state", () -> lamp.has("state changed while the broker was down"));
    }

    @Test
    void brokerComingOnlineWhileTheControllerInitialisesIsNotMissed() {
        host1();
        // the broker thing reads OFFLINE when the controller initialises and is ONLINE again by the time the
        // controller reports BRIDGE_OFFLINE: openHAB told only its initialised children, so nobody tells this one
        fixture.broker.setStatusInfo(new ThingStatusInfo(ThingStatus.OFFLINE, ThingStatusDetail.NONE, null));
        framework.onStatusUpdate((thing, status) -> {
            if (status.getStatusDetail() == ThingStatusDetail.BRIDGE_OFFLINE) {
                fixture.broker.setStatusInfo(new ThingStatusInfo(ThingStatus.ONLINE, ThingStatusDetail.NONE, null));
            }
        });

        EvaControllerHandler handler = fixture.controller("ctl", ControllerFixture.controllerConfig("uc/host1"));

        framework.awaitStatus(handler.getThing(), ThingStatus.ONLINE);
        assertEquals(ThingStatusDetail.BRIDGE_OFFLINE, framework.history(handler.getThing()).get(0).getStatusDetail());
    }

    // ---- configuration ----

    static Stream<Arguments> invalidConfigurations() {
        return Stream.of(Arguments.of("controller id without slash", Map.of("controllerId", "uchost1")),
                Arguments.of("unknown product", Map.of("controllerId", "xyz/host1")),
                Arguments.of("empty system name", Map.of("controllerId", "uc/")),
                Arguments.of("wildcard in system name", Map.of("controllerId", "uc/host+")),
                Arguments.of("key id with NUL", Map.of("keyId", "de\0fault")),
                Arguments.of("key id with bar", Map.of("keyId", "de|fault")),
                Arguments.of("empty key id", Map.of("keyId", "")), Arguments.of("missing key", Map.of("key", "")),
                Arguments.of("unknown frame format", Map.of("frameFormat", "json")),
                Arguments.of("unknown state source", Map.of("stateSource", "rumours")),
                Arguments.of("call timeout 0", Map.of("callTimeout", 0)),
                Arguments.of("heartbeat interval 0", Map.of("heartbeatInterval", 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidConfigurations")
    void invalidConfigurationIsConfigurationError(String rule, Map<String, Object> change) {
        Map<String, Object> config = ControllerFixture.controllerConfig("uc/host1");
        config.putAll(change);

        EvaControllerHandler handler = fixture.controller("ctl", config);

        ThingStatusInfo status = handler.getThing().getStatusInfo();
        assertEquals(ThingStatus.OFFLINE, status.getStatus(), rule);
        assertEquals(ThingStatusDetail.CONFIGURATION_ERROR, status.getStatusDetail(), rule);
        @Nullable String description = status.getDescription();
        assertNotNull(description);
        // a translated text of the problem, or the generic one with the protocol layer's reason
        assertTrue(description.startsWith("@text/offline.config-error.controller-")
                || description.startsWith("@text/" + StatusDescriptions.CONTROLLER_CONFIG_INVALID + " [\""),
                description);
        assertFalse(description.contains(ControllerFixture.KEY), rule);
        assertNull(handler.api());
    }

    @Test
    void secondControllerThingForTheSameControllerIsConfigurationError() {
        host1();
        online("first", ControllerFixture.controllerConfig("uc/host1"));

        EvaControllerHandler second = fixture.controller("second", ControllerFixture.controllerConfig("uc/host1"));

        ThingStatusInfo status = second.getThing().getStatusInfo();
        assertEquals(ThingStatusDetail.CONFIGURATION_ERROR, status.getStatusDetail());
        assertTrue(String.valueOf(status.getDescription())
                .startsWith("@text/" + StatusDescriptions.DUPLICATE_CONTROLLER));
    }

    // ---- announcements ----

    @Test
    void announcementsReachOnlyTheItemsOfTheControllerNamedInTheirC() {
        EvaSimulator sim1 = host1();
        EvaSimulator sim2 = fixture.started(fixture.simulator("uc/host2").unit("lights/lamp1", 0, ""));
        RecordingListener lamp1 = new RecordingListener();
        RecordingListener lamp2 = new RecordingListener();
        onlineWithItems("ctl1", ControllerFixture.controllerConfig("uc/host1"), Map.of(LAMP, lamp1));
        onlineWithItems("ctl2", ControllerFixture.controllerConfig("uc/host2"), Map.of(LAMP, lamp2));

        sim2.setState(LAMP, 1, "from host2");
        publish(sim1, "unit/lights/lamp1", "{\"status\":1,\"value\":\"without c\",\"ieid\":[99,1]}");
        publish(sim1, "unit/lights/lamp1", "{\"c\":\"uc/other\",\"status\":1,\"value\":\"other\",\"ieid\":[99,2]}");
        sim1.setState(LAMP, 1, "from host1");

        BridgeTestFramework.await("host1 state", () -> lamp1.has("state from host1"));
        BridgeTestFramework.await("host2 state", () -> lamp2.has("state from host2"));
        assertEquals(List.of("state from host1"), lamp1.events());
        assertEquals(List.of("state from host2"), lamp2.events());
    }

    @Test
    void olderIeidIsDropped() {
        EvaSimulator sim = host1();
        RecordingListener lamp = new RecordingListener();
        onlineWithItems("ctl", ControllerFixture.controllerConfig("uc/host1"), Map.of(LAMP, lamp));

        publish(sim, "unit/lights/lamp1", "{\"c\":\"uc/host1\",\"status\":1,\"value\":\"newer\",\"ieid\":[99,5]}");
        publish(sim, "unit/lights/lamp1", "{\"c\":\"uc/host1\",\"status\":1,\"value\":\"older\",\"ieid\":[99,3]}");
        publish(sim, "unit/lights/lamp1", "{\"c\":\"uc/host1\",\"status\":1,\"value\":\"last\",\"ieid\":[99,6]}");

        BridgeTestFramework.await("last state", () -> lamp.has("state last"));
        assertEquals(List.of("state newer", "state last"), lamp.events());
    }

    @Test
    void destroyedItemIsGone() {
        EvaSimulator sim = host1();
        RecordingListener temp = new RecordingListener();
        onlineWithItems("ctl", ControllerFixture.controllerConfig("uc/host1"), Map.of(TEMP, temp));

        assertTrue(sim.destroy(TEMP));

        BridgeTestFramework.await("item gone", () -> temp.has("gone"));
    }

    @Test
    void forgedEmptyPayloadDoesNotMakeALiveItemGone() {
        EvaSimulator sim = host1();
        RecordingListener temp = new RecordingListener();
        onlineWithItems("ctl", ControllerFixture.controllerConfig("uc/host1"), Map.of(TEMP, temp));
        sim.clearRequests();

        publish(sim, "sensor/env/temp1", "");
        awaitStateCall(sim, TEMP);
        sim.setSensorValue(TEMP, "22.0");

        BridgeTestFramework.await("next state", () -> temp.has("state 22.0"));
        assertFalse(temp.has("gone"));
    }

    @Test
    void actionEventsOfTheControllerReachTheItem() {
        EvaSimulator sim = host1();
        RecordingListener lamp = new RecordingListener();
        onlineWithItems("ctl", ControllerFixture.controllerConfig("uc/host1"), Map.of(LAMP, lamp));

        publish(sim, "unit/lights/lamp1/action",
                "{\"uuid\":\"a1\",\"status\":\"completed\",\"finished\":true,\"t\":1.0,\"c\":\"uc/host1\"}");

        BridgeTestFramework.await("action event", () -> lamp.has("action completed"));
    }

    @Test
    void verifiedModeAnnouncementTriggersAStateCallAndForgedValuesNeverArrive() {
        EvaSimulator sim = host1();
        Map<String, Object> config = ControllerFixture.controllerConfig("uc/host1");
        config.put("stateSource", "verified");
        RecordingListener lamp = new RecordingListener();
        EvaControllerHandler handler = onlineWithItems("ctl", config, Map.of(LAMP, lamp));
        assertTrue(handler.verifiedStates());
        sim.clearRequests();

        sim.setState(LAMP, 1, "authentic");
        awaitStateCall(sim, LAMP);
        BridgeTestFramework.await("verified state", () -> lamp.has("state authentic"));
        publish(sim, "unit/lights/lamp1", "{\"c\":\"uc/host1\",\"status\":1,\"value\":\"forged\",\"ieid\":[99,1]}");
        sim.setState(LAMP, 1, "after");

        BridgeTestFramework.await("state after", () -> lamp.has("state after"));
        assertFalse(lamp.has("state forged"), lamp.events().toString());
    }
}
