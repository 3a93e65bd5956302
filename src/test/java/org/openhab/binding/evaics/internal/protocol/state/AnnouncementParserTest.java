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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.Deflater;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ActionEvent;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.BulkState;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ControllerAnnounced;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.Ignored;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ItemDestroyed;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ItemStateChanged;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ServerEvent;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

/**
 * One test per topic rule and failure mode of {@link AnnouncementParser} (protocol.md §2 notes, §2.1, §2.2, §9.5, §10
 * step 6, §11).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class AnnouncementParserTest {

    private static final String STATE = "{\"t\":1700000100.5,\"c\":\"uc/host1\",\"status\":1,\"value\":\"on\","
            + "\"set_time\":1700000001.1,\"ieid\":[7,5000000001006]}";
    private static final String ACTION = "{\"uuid\":\"5e3a9c64-3c1a-4c1e-9d84-2b1e7a0f6d11\",\"status\":\"completed\","
            + "\"finished\":true,\"item_oid\":\"unit:lights/floor1/lamp3\",\"t\":1700000100.5,\"c\":\"uc/host1\"}";
    private static final ControllerId UC = ControllerId.parse("uc/host1");

    private final AnnouncementParser parser = new AnnouncementParser("", new ZlibMsgpackTestDecoder(),
            ProtocolLimits.defaults());

    @Test
    void nestedGroupIsEverythingBetweenTypeAndId() {
        ItemState state = stateOf(parse("unit/lights/floor1/lamp3", STATE));
        assertEquals(new Oid("unit", "lights/floor1", "lamp3"), state.oid());
        assertEquals(UC, state.controller());
        assertEquals("on", state.value());
    }

    @Test
    void spacePrefixIsStrippedBeforeTopicRules() {
        AnnouncementParser spaced = new AnnouncementParser("site/plant1", new ZlibMsgpackTestDecoder(),
                ProtocolLimits.defaults());
        assertEquals(new Oid("sensor", "env", "temp1"),
                stateOf(spaced.parse("site/plant1/sensor/env/temp1", bytes(STATE))).oid());
        assertEquals(new ControllerAnnounced(UC), spaced.parse("site/plant1/controller/discovery", bytes("uc/host1")));
    }

    @Test
    void topicOutsideTheSpaceIsIgnored() {
        AnnouncementParser spaced = new AnnouncementParser("plant1", new ZlibMsgpackTestDecoder(),
                ProtocolLimits.defaults());
        assertIgnored(spaced.parse("sensor/env/temp1", bytes(STATE)), "outside the space");
        assertIgnored(spaced.parse("plant2/sensor/env/temp1", bytes(STATE)), "outside the space");
    }

    @Test
    void invalidSpaceIsRejectedByTheConstructor() {
        assertThrows(IllegalArgumentException.class,
                () -> new AnnouncementParser("/p", new ZlibMsgpackTestDecoder(), ProtocolLimits.defaults()));
    }

    @Test
    void actionSubTopicWithUuidIsAnActionEventOfTheParentItem() {
        ActionEvent event = assertInstanceOf(ActionEvent.class, parse("unit/lights/floor1/lamp3/action", ACTION));
        assertEquals(Oid.parse("unit:lights/floor1/lamp3"), event.oid());
        assertEquals("5e3a9c64-3c1a-4c1e-9d84-2b1e7a0f6d11", event.uuid());
        assertEquals("completed", event.status());
        assertTrue(event.isFinished());
        assertEquals(UC, event.controller());
    }

    @Test
    void actionSubTopicWithoutUuidIsTheStateOfAnItemCalledAction() {
        ItemState state = stateOf(parse("unit/g/x/action", STATE));
        assertEquals(new Oid("unit", "g/x", "action"), state.oid());
    }

    @Test
    void emptyPayloadOnActionSubTopicDestroysAnItemCalledAction() {
        ItemDestroyed destroyed = assertInstanceOf(ItemDestroyed.class, parser.parse("unit/g/x/action", new byte[0]));
        assertEquals(new Oid("unit", "g/x", "action"), destroyed.oid());
    }

    @Test
    void threeLevelTopicEndingInActionIsAnItemNotAnActionEvent() {
        ItemState state = stateOf(parse("unit/g/action", "{\"uuid\":\"u1\",\"status\":1,\"value\":\"x\"}"));
        assertEquals(new Oid("unit", "g", "action"), state.oid());
    }

    @Test
    void actionEventWithoutStatusIsIgnored() {
        assertIgnored(parse("unit/g/lamp/action", "{\"uuid\":\"u1\",\"c\":\"uc/host1\"}"),
                "action event has no string member status");
    }

    @ParameterizedTest
    @ValueSource(strings = { "control", "status", "value", "set_time" })
    void controllerInputSubTopicsAreIgnored(String sub) {
        assertIgnored(parse("unit/lights/lamp1/" + sub, "1"), "sub-topic /" + sub);
        assertIgnored(parse("unit/lights/lamp1/" + sub, "{\"status\":1,\"value\":\"2\",\"priority\":50}"),
                "sub-topic /" + sub);
        assertIgnored(parser.parse("unit/lights/lamp1/" + sub, new byte[0]), "sub-topic /" + sub);
    }

    @Test
    void controllerStateOnInputSubTopicNameIsTheStateOfThatItem() {
        assertEquals(new Oid("sensor", "boiler/main", "status"), stateOf(parse("sensor/boiler/main/status", STATE))
                .oid());
    }

    @Test
    void threeLevelTopicNamedLikeASubTopicIsAnItem() {
        assertEquals(new Oid("sensor", "boiler", "status"), stateOf(parse("sensor/boiler/status", STATE)).oid());
    }

    @Test
    void emptyPayloadDestroysTheItem() {
        assertEquals(new ItemDestroyed(Oid.parse("unit:hvac/fan1"), "unit/hvac/fan1"),
                parser.parse("unit/hvac/fan1", new byte[0]));
    }

    @Test
    void topicWithoutGroupIsIgnored() {
        assertIgnored(parse("unit/lamp1", STATE), "needs type/group/id");
        assertIgnored(parse("unit", STATE), "needs type/group/id");
    }

    @Test
    void topicWithEmptyLevelIsIgnored() {
        assertIgnored(parse("unit//lamp1", STATE), "topic is not a valid item");
        assertIgnored(parse("unit/g/", STATE), "topic is not a valid item");
    }

    @Test
    void topicWithInvalidTypeIsIgnored() {
        assertIgnored(parse("Zigbee2MQTT/bridge/state", "{\"state\":\"online\"}"), "topic is not a valid item");
    }

    @Test
    void nonObjectStatePayloadIsIgnored() {
        assertIgnored(parse("unit/g/lamp", "1"), "item state payload is not a JSON object");
    }

    @Test
    void wrongMemberTypeIsIgnoredWithReason() {
        assertIgnored(parse("unit/g/lamp", "{\"status\":\"abc\"}"), "status must be an integer");
        assertIgnored(parse("unit/g/lamp", "{\"status\":1,\"ieid\":[1]}"), "ieid must be an array of two integers");
    }

    @Test
    void invalidUtf8IsIgnored() {
        byte[] payload = { '{', '"', 'v', 'a', 'l', 'u', 'e', '"', ':', '"', (byte) 0xC3, '"', '}' };
        assertIgnored(parser.parse("unit/g/lamp", payload), "payload is not valid UTF-8");
    }

    @Test
    void invalidJsonIsIgnored() {
        assertIgnored(parse("unit/g/lamp", "{\"status\":1"), "invalid JSON");
        assertIgnored(parse("unit/g/lamp", "{'status':1}"), "invalid JSON");
    }

    @Test
    void oversizePayloadIsIgnoredBeforeDecoding() {
        AnnouncementParser small = new AnnouncementParser("", body -> fail("decoder must not be called"),
                ProtocolLimits.defaults().withMaxPayloadBytes(16));
        byte[] payload = new byte[17];
        payload[0] = (byte) 0xFF;
        assertIgnored(small.parse("unit/g/lamp", payload), "payload of 17 bytes is larger than the limit of 16");
        assertIgnored(small.parse("state/all", new byte[] { 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }),
                "larger than the limit");
    }

    @Test
    void deeplyNestedJsonIsIgnoredWithoutStackOverflow() {
        String deep = "{\"status\":1,\"x\":" + "[".repeat(200_000) + "]".repeat(200_000) + "}";
        assertIgnored(parse("unit/g/lamp", deep), "JSON nests deeper than 64 levels");
    }

    @Test
    void discoveryPayloadIsThePlainControllerId() {
        assertEquals(new ControllerAnnounced(ControllerId.parse("lm/plc-2")), parse("controller/discovery", "lm/plc-2"));
    }

    @Test
    void invalidDiscoveryPayloadIsIgnored() {
        assertIgnored(parse("controller/discovery", "{\"c\":\"uc/host1\"}"), "Controller id");
        assertIgnored(parse("controller/discovery", ""), "Controller id is empty");
        assertIgnored(parse("controller/discovery", "uc/host1\n"), "white space");
    }

    @Test
    void serverEventCarriesControllerFromTopic() {
        assertEquals(new ServerEvent(ControllerId.parse("lm/host2"), "leaving", 5.0),
                parse("controller/lm/host2/events", "{\"e\":\"leaving\",\"t\":5}"));
        ServerEvent restart = assertInstanceOf(ServerEvent.class,
                parse("controller/uc/host1/events", "{\"e\":\"restart\",\"c\":\"uc/host1\"}"));
        assertTrue(restart.isGoingOffline());
        assertNull(restart.t());
    }

    @Test
    void unknownServerEventIsPassedOn() {
        ServerEvent event = assertInstanceOf(ServerEvent.class,
                parse("controller/uc/host1/events", "{\"e\":\"hello\",\"t\":1}"));
        assertFalse(event.isGoingOffline());
    }

    @Test
    void serverEventWithMismatchingControllerIsIgnored() {
        assertIgnored(parse("controller/uc/host1/events", "{\"e\":\"restart\",\"c\":\"uc/host2\"}"),
                "does not match the topic's controller uc/host1");
    }

    @Test
    void serverEventWithoutEventNameIsIgnored() {
        assertIgnored(parse("controller/uc/host1/events", "{\"e\":1}"), "server event has no string member e");
    }

    @Test
    void controllerSelfTestIsIgnored() {
        assertIgnored(parse("controller/uc/host1/test-5e3a9c64-3c1a-4c1e-9d84-2b1e7a0f6d11", "passed"),
                "controller self-test message");
    }

    @Test
    void apiTrafficIsIgnored() {
        assertIgnored(parser.parse("controller/uc/host1/api/request", new byte[] { 0, 2, 1 }), "API traffic");
        assertIgnored(parse("controller/uc/host1/api/response/abcd", "500|"), "API traffic");
    }

    @Test
    void unknownControllerTopicIsIgnored() {
        assertIgnored(parse("controller/uc", "x"), "unknown controller topic");
        assertIgnored(parse("controller/uc/host1/other", "x"), "unknown controller topic");
    }

    @Test
    void logRecordsAndBulkActionsAreIgnored() {
        assertIgnored(parse("log", "{\"t\":1,\"msg\":\"hi\",\"l\":20}"), "log record");
        assertIgnored(parse("action/all", "{\"t\":1,\"c\":\"uc/host1\",\"d\":[]}"), "bulk action");
    }

    @Test
    void destroyedBulkEntriesAreListedSeparately() {
        BulkState bulk = assertInstanceOf(BulkState.class, parse("state/all", "{\"t\":2,\"c\":\"uc/host1\",\"d\":["
                + "{\"oid\":\"unit:a/b\",\"destroyed\":true},{\"oid\":\"unit:a/c\",\"status\":0,\"value\":\"\"}]}"));
        assertEquals(List.of(Oid.parse("unit:a/b")), bulk.destroyed());
        assertEquals(1, bulk.states().size());
        ItemState state = bulk.states().get(0);
        assertEquals(Oid.parse("unit:a/c"), state.oid());
        assertEquals(UC, state.controller());
        assertEquals(2.0, state.t());
    }

    @Test
    void invalidBulkEntriesAreCountedAndSkipped() {
        BulkState bulk = assertInstanceOf(BulkState.class, parse("state/all", "{\"c\":\"uc/host1\",\"d\":["
                + "5,{\"oid\":\"unit:a/b\",\"status\":\"x\"},{\"oid\":\"unit:a/c\",\"status\":1}]}"));
        assertEquals(2, bulk.rejectedEntries());
        assertEquals("entry 0: not an object", bulk.firstRejectReason());
        assertEquals(List.of(Oid.parse("unit:a/c")), bulk.states().stream().map(ItemState::oid).toList());
    }

    @Test
    void bulkWithoutControllerOrListIsIgnored() {
        assertIgnored(parse("state/all", "{\"t\":1,\"d\":[]}"), "bulk batch has no controller id");
        assertIgnored(parse("state/all", "{\"c\":\"uc/host1\",\"d\":{}}"), "bulk batch has no d array");
        assertIgnored(parse("state/all", "[]"), "bulk batch is not an object");
    }

    @Test
    void compressedBulkGoesThroughTheDecoder() throws IOException {
        byte[] payload = compressedBulk("{\"c\":\"uc/host1\",\"d\":[{\"oid\":\"sensor:env/t\",\"status\":1,"
                + "\"value\":21.5,\"ieid\":[1,2]}]}");
        BulkState bulk = assertInstanceOf(BulkState.class, parser.parse("state/all", payload));
        assertEquals("21.5", bulk.states().get(0).value());
        assertEquals(new Ieid(1, 2), bulk.states().get(0).ieid());
    }

    @Test
    void unknownBinaryBulkEncodingIsIgnored() {
        assertIgnored(parser.parse("state/all", new byte[] { 0, 2, 1, 2 }), "unknown encoding");
        assertIgnored(parser.parse("state/all", new byte[] { 0 }), "unknown encoding");
    }

    @Test
    void decoderFailureIsIgnoredWithReason() {
        assertIgnored(parser.parse("state/all", new byte[] { 0, 3, 1, 2, 3 }),
                "compressed bulk batch cannot be decoded: DataFormatException");
        AnnouncementParser throwing = new AnnouncementParser("", body -> {
            throw new IllegalStateException("boom");
        }, ProtocolLimits.defaults());
        assertIgnored(throwing.parse("state/all", new byte[] { 0, 3 }), "IllegalStateException: boom");
    }

    @Test
    void tooDeepDecoderOutputIsIgnored() {
        AnnouncementParser deep = new AnnouncementParser("", body -> {
            JsonArray root = new JsonArray();
            JsonArray inner = root;
            for (int i = 0; i < 100; i++) {
                JsonArray next = new JsonArray();
                inner.add(next);
                inner = next;
            }
            return root;
        }, ProtocolLimits.defaults());
        assertIgnored(deep.parse("state/all", new byte[] { 0, 3 }), "nests deeper than 64");
    }

    @Test
    void decoderStackOverflowIsContained() {
        AnnouncementParser overflowing = new AnnouncementParser("", body -> {
            throw new StackOverflowError();
        }, ProtocolLimits.defaults());
        assertIgnored(overflowing.parse("state/all", new byte[] { 0, 3 }), "StackOverflowError");
    }

    private Announcement parse(String topic, String payload) {
        return parser.parse(topic, bytes(payload));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ItemState stateOf(Announcement announcement) {
        return assertInstanceOf(ItemStateChanged.class, announcement).state();
    }

    private static void assertIgnored(Announcement announcement, String expectedPart) {
        Ignored ignored = assertInstanceOf(Ignored.class, announcement);
        assertTrue(ignored.reason().contains(expectedPart), () -> "reason was: " + ignored.reason());
    }

    /** {@code 0x00 0x03} + zlib(msgpack(json)), with a converter that only knows what these tests use. */
    // Deflater and Inflater are released with end(): they are AutoCloseable only from Java 25
    @SuppressWarnings("resource")
    private static byte[] compressedBulk(String json) throws IOException {
        MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();
        pack(packer, JsonParser.parseString(json));
        Deflater deflater = new Deflater();
        deflater.setInput(packer.toByteArray());
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(3);
        byte[] buffer = new byte[1024];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static void pack(MessageBufferPacker packer, JsonElement element) throws IOException {
        if (element.isJsonObject()) {
            packer.packMapHeader(element.getAsJsonObject().size());
            for (var member : element.getAsJsonObject().entrySet()) {
                packer.packString(member.getKey());
                pack(packer, member.getValue());
            }
        } else if (element.isJsonArray()) {
            packer.packArrayHeader(element.getAsJsonArray().size());
            for (var child : element.getAsJsonArray()) {
                pack(packer, child);
            }
        } else if (element.getAsJsonPrimitive().isString()) {
            packer.packString(element.getAsString());
        } else if (element.getAsString().contains(".")) {
            packer.packDouble(element.getAsDouble());
        } else {
            packer.packLong(element.getAsLong());
        }
    }
}
