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
package org.openhab.binding.evaics.internal.protocol.state;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.codec.MsgPackJson;
import org.openhab.binding.evaics.internal.protocol.codec.Zlib;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ActionEvent;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ServerEvent;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

/**
 * Routing rules of {@link AnnouncementRouter}: a message reaches only the controller it names (protocol.md §9.1 {@code
 * c}, §2.2 topic, §9.5 batch {@code c}), never another one; the empty destroyed payload names nobody and is offered to
 * all, flagged as unnamed.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class AnnouncementRouterTest {

    private static final ControllerId HOST1 = ControllerId.parse("uc/host1");
    private static final ControllerId HOST2 = ControllerId.parse("uc/host2");

    private final AnnouncementParser parser = new AnnouncementParser("", new ZlibMsgPackBodyDecoder(
            ProtocolLimits.defaults()), ProtocolLimits.defaults());
    private final AnnouncementRouter router = new AnnouncementRouter();
    private final RecordingSink sink1 = new RecordingSink();
    private final RecordingSink sink2 = new RecordingSink();

    AnnouncementRouterTest() {
        router.register(HOST1, sink1);
        router.register(HOST2, sink2);
    }

    private void send(String topic, String payload) {
        router.route(parser.parse(topic, payload.getBytes(StandardCharsets.UTF_8)), topic);
    }

    @Test
    void stateReachesOnlyTheControllerNamedInC() {
        send("unit/lights/lamp1", "{\"c\":\"uc/host1\",\"status\":1,\"value\":\"\",\"ieid\":[1,1]}");

        assertEquals(List.of("state unit:lights/lamp1"), sink1.events);
        assertEquals(List.of(), sink2.events);
    }

    @Test
    void stateNamingAnUnregisteredControllerReachesNobody() {
        send("unit/lights/lamp1", "{\"c\":\"uc/intruder\",\"status\":1,\"value\":\"\"}");

        assertEquals(List.of(), sink1.events);
        assertEquals(List.of(), sink2.events);
    }

    @Test
    void stateWithoutControllerReachesNobody() {
        send("sensor/env/temp1", "{\"status\":1,\"value\":\"21.5\"}");

        assertEquals(List.of(), sink1.events);
        assertEquals(List.of(), sink2.events);
    }

    @Test
    void bulkBatchGoesToItsControllerWithDestroyedItemsAsNamed() {
        send("state/all", "{\"t\":1.0,\"c\":\"uc/host2\",\"d\":[{\"oid\":\"unit:lights/lamp1\",\"status\":1,"
                + "\"value\":\"\"},{\"oid\":\"sensor:env/temp1\",\"destroyed\":true}]}");

        assertEquals(List.of(), sink1.events);
        assertEquals(List.of("state unit:lights/lamp1", "destroyed sensor:env/temp1 named"), sink2.events);
    }

    @Test
    void compressedBulkBatchIsDecodedAndRouted() {
        JsonElement batch = JsonParser.parseString(
                "{\"t\":1.0,\"c\":\"uc/host1\",\"d\":[{\"oid\":\"sensor:env/temp1\",\"status\":1,\"value\":\"2\"}]}");
        byte[] body = Zlib.deflate(MsgPackJson.encode(batch));
        byte[] payload = new byte[body.length + 2];
        payload[1] = 0x03;
        System.arraycopy(body, 0, payload, 2, body.length);

        router.route(parser.parse("state/all", payload), "state/all");

        assertEquals(List.of("state sensor:env/temp1"), sink1.events);
    }

    @Test
    void emptyPayloadIsOfferedToEveryControllerAsUnnamed() {
        send("unit/lights/lamp1", "");

        assertEquals(List.of("destroyed unit:lights/lamp1 unnamed"), sink1.events);
        assertEquals(List.of("destroyed unit:lights/lamp1 unnamed"), sink2.events);
    }

    @Test
    void actionEventReachesOnlyTheControllerNamedInC() {
        send("unit/lights/lamp1/action",
                "{\"uuid\":\"u1\",\"status\":\"completed\",\"t\":1.0,\"c\":\"uc/host2\"}");

        assertEquals(List.of(), sink1.events);
        assertEquals(List.of("action unit:lights/lamp1 completed"), sink2.events);
    }

    @Test
    void serverEventReachesTheControllerOfItsTopic() {
        send("controller/uc/host1/events", "{\"e\":\"restart\",\"t\":1.0,\"c\":\"uc/host1\"}");

        assertEquals(List.of("event restart"), sink1.events);
        assertEquals(List.of(), sink2.events);
    }

    @Test
    void discoveryAnnounceReachesTheListenerAndTheAnnouncedController() {
        List<ControllerId> announced = new ArrayList<>();
        router.setDiscoveryListener(announced::add);

        send("controller/discovery", "uc/host2");
        send("controller/discovery", "lm/unregistered");

        assertEquals(List.of(HOST2, ControllerId.parse("lm/unregistered")), announced);
        assertEquals(List.of(), sink1.events);
        assertEquals(List.of("announced"), sink2.events);
    }

    @Test
    void garbageReachesNobody() {
        send("unit/lights/lamp1", "{not json");
        send("controller/discovery", "no slash");

        assertEquals(List.of(), sink1.events);
        assertEquals(List.of(), sink2.events);
    }

    @Test
    void secondSinkForTheSameControllerIsRefused() {
        RecordingSink other = new RecordingSink();

        assertFalse(router.register(HOST1, other));
        assertTrue(router.register(HOST1, sink1));
        send("unit/lights/lamp1", "{\"c\":\"uc/host1\",\"status\":1,\"value\":\"\"}");
        assertEquals(List.of(), other.events);
    }

    @Test
    void unregisterRemovesOnlyTheOwnSink() {
        router.unregister(HOST1, new RecordingSink());
        send("unit/lights/lamp1", "{\"c\":\"uc/host1\",\"status\":1,\"value\":\"\"}");
        router.unregister(HOST1, sink1);
        send("unit/lights/lamp1", "{\"c\":\"uc/host1\",\"status\":1,\"value\":\"\"}");

        assertEquals(List.of("state unit:lights/lamp1"), sink1.events);
    }

    @Test
    void topicFiltersCoverStatesBulkDiscoveryAndEventsOfTheSpace() {
        assertEquals(List.of("plant1/unit/#", "plant1/sensor/#", "plant1/lvar/#", "plant1/state/#",
                "plant1/controller/discovery", "plant1/controller/+/+/events"),
                AnnouncementRouter.topicFilters(new EvaTopics("plant1")));
    }

    /** Records what reached one controller. */
    private static final class RecordingSink implements ControllerAnnouncementSink {
        final List<String> events = new ArrayList<>();

        @Override
        public void itemState(ItemState state) {
            events.add("state " + state.oid());
        }

        @Override
        public void itemDestroyed(Oid oid, boolean namedController) {
            events.add("destroyed " + oid + (namedController ? " named" : " unnamed"));
        }

        @Override
        public void actionEvent(ActionEvent event) {
            events.add("action " + event.oid() + " " + event.status());
        }

        @Override
        public void serverEvent(ServerEvent event) {
            events.add("event " + event.event());
        }

        @Override
        public void controllerAnnounced() {
            events.add("announced");
        }
    }
}
