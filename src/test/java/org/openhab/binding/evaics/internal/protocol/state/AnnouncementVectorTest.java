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

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Every message of the golden announcement vectors ({@code state-topics-uc.json}, {@code state-topics-lm.json})
 * parses to what its {@code role} and {@code decoded} say. Expected values are read straight from {@code decoded},
 * not through the code under test.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class AnnouncementVectorTest {

    private static final List<String> VECTOR_FILES = List.of("state-topics-uc.json", "state-topics-lm.json");

    private final AnnouncementParser parser = new AnnouncementParser("", new ZlibMsgpackTestDecoder(),
            ProtocolLimits.defaults());

    static Stream<Arguments> messages() throws IOException {
        List<Arguments> arguments = new ArrayList<>();
        for (String file : VECTOR_FILES) {
            JsonObject vector = load(file);
            JsonArray messages = vector.getAsJsonArray("messages");
            for (int i = 0; i < messages.size(); i++) {
                JsonObject message = messages.get(i).getAsJsonObject();
                arguments.add(Arguments.of(file + "#" + i + " " + message.get("role").getAsString(), message));
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void vectorMessageParsesAsItsRoleSays(String name, JsonObject message) {
        String role = message.get("role").getAsString();
        String topic = message.get("topic").getAsString();
        byte[] payload = Base64.getDecoder().decode(message.get("payload_b64").getAsString());
        assertEquals(message.get("payload_len").getAsInt(), payload.length, "vector payload length");
        JsonElement decoded = message.get("decoded");

        Announcement result = parser.parse(topic, payload);

        switch (role) {
            case "discovery-announce" -> {
                ControllerAnnounced announced = assertInstanceOf(ControllerAnnounced.class, result);
                assertEquals(decoded.getAsString(), announced.controller().toString());
            }
            case "item-state" -> {
                ItemStateChanged changed = assertInstanceOf(ItemStateChanged.class, result);
                assertEquals(topic.replaceFirst("/", ":"), changed.state().oid().toString());
                assertStateMatches(decoded.getAsJsonObject(), changed.state(), null);
            }
            case "item-destroyed" -> {
                assertTrue(decoded == null || decoded.isJsonNull());
                ItemDestroyed destroyed = assertInstanceOf(ItemDestroyed.class, result);
                assertEquals(topic.replaceFirst("/", ":"), destroyed.oid().toString());
                assertEquals(topic, destroyed.topic());
            }
            case "action-event" -> {
                JsonObject expected = decoded.getAsJsonObject();
                ActionEvent event = assertInstanceOf(ActionEvent.class, result);
                assertEquals(expected.get("item_oid").getAsString(), event.oid().toString());
                assertEquals(expected.get("uuid").getAsString(), event.uuid());
                assertEquals(expected.get("status").getAsString(), event.status());
                assertEquals(expected.get("c").getAsString(), String.valueOf(event.controller()));
                assertEquals(expected, event.action());
            }
            case "server-event" -> {
                JsonObject expected = decoded.getAsJsonObject();
                ServerEvent event = assertInstanceOf(ServerEvent.class, result);
                assertEquals(expected.get("c").getAsString(), event.controller().toString());
                assertEquals(expected.get("e").getAsString(), event.event());
                assertEquals(expected.get("t").getAsDouble(), event.t());
            }
            case "log-record" -> assertInstanceOf(Ignored.class, result);
            case "bulk-state-json", "bulk-state-zlib" -> assertBulkMatches(decoded.getAsJsonObject(), result);
            default -> fail("unknown role " + role);
        }
    }

    static Stream<Arguments> compressedBulkMessages() throws IOException {
        return messages().filter(
                a -> "bulk-state-zlib".equals(((JsonObject) a.get()[1]).get("role").getAsString()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compressedBulkMessages")
    void testDecoderReproducesDecodedBulkBody(String name, JsonObject message) throws Exception {
        byte[] payload = Base64.getDecoder().decode(message.get("payload_b64").getAsString());
        byte[] body = Arrays.copyOfRange(payload, AnnouncementParser.BULK_HEADER_LENGTH, payload.length);
        assertEquals(message.get("decoded"), new ZlibMsgpackTestDecoder().decode(body));
    }

    private static void assertBulkMatches(JsonObject expected, Announcement result) {
        BulkState bulk = assertInstanceOf(BulkState.class, result);
        assertEquals(expected.get("c").getAsString(), bulk.controller().toString());
        assertEquals(0, bulk.rejectedEntries(), bulk.firstRejectReason());
        assertEquals(List.of(), bulk.destroyed());
        JsonArray entries = expected.getAsJsonArray("d");
        assertEquals(entries.size(), bulk.states().size());
        for (int i = 0; i < entries.size(); i++) {
            JsonObject entry = entries.get(i).getAsJsonObject();
            ItemState state = bulk.states().get(i);
            assertEquals(entry.get("oid").getAsString(), state.oid().toString());
            assertEquals(entry.get("full_id").getAsString(), state.oid().fullId());
            assertEquals(entry.get("type").getAsString(), state.oid().type());
            assertEquals(entry.get("group").getAsString(), state.oid().group());
            assertEquals(entry.get("id").getAsString(), state.oid().id());
            assertStateMatches(entry, state, expected);
        }
    }

    /** Compares the state members; {@code batch} supplies {@code c} and {@code t} for bulk entries. */
    private static void assertStateMatches(JsonObject expected, ItemState state, @Nullable JsonObject batch) {
        JsonObject outer = batch == null ? expected : batch;
        assertEquals(outer.get("c").getAsString(), String.valueOf(state.controller()));
        assertEquals(outer.get("t").getAsDouble(), state.t());
        assertEquals(expected.get("status").getAsInt(), state.status());
        assertEquals(expected.get("value").getAsString(), state.value());
        assertEquals(expected.get("set_time").getAsDouble(), state.setTime());
        JsonArray ieid = expected.getAsJsonArray("ieid");
        assertEquals(new Ieid(ieid.get(0).getAsLong(), ieid.get(1).getAsLong()), state.ieid());
        assertEquals(optionalInt(expected, "nstatus"), state.nstatus());
        assertEquals(expected.has("nvalue") ? expected.get("nvalue").getAsString() : null, state.nvalue());
        assertEquals(expected.has("action_enabled") ? expected.get("action_enabled").getAsBoolean() : null,
                state.actionEnabled());
        assertEquals(expected.has("expires") ? expected.get("expires").getAsDouble() : null, state.expires());
    }

    private static @Nullable Integer optionalInt(JsonObject object, String name) {
        return object.has(name) ? object.get(name).getAsInt() : null;
    }

    private static JsonObject load(String file) throws IOException {
        try (InputStream in = AnnouncementVectorTest.class.getResourceAsStream("/vectors/" + file)) {
            assertNotNull(in, file);
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }
}
