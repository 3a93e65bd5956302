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
package org.openhab.binding.evaics.internal.protocol.rpc;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.openhab.binding.evaics.internal.protocol.codec.MsgPackJson;
import org.openhab.binding.evaics.internal.protocol.codec.VectorFiles;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Request ids and request objects as EVA's own client builds them (protocol.md §4.2, §6.1), checked against the golden
 * vector {@code bin-plain-test}.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class RpcRequestTest {

    private static final int SAMPLES = 1000;

    @Test
    void requestIdsAreRandomVersion4Uuids() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < SAMPLES; i++) {
            byte[] id = RpcClient.newRequestId();
            assertEquals(RpcClient.REQUEST_ID_BYTES, id.length);
            UUID uuid = UUID.fromString(RpcClient.uuidString(id));
            assertEquals(4, uuid.version());
            assertEquals(2, uuid.variant(), "RFC 4122 variant");
            assertTrue(seen.add(uuid.toString()), "ids repeat");
        }
    }

    @Test
    void uuidStringIsTheCanonicalFormOfAllSixteenBytes() {
        for (int i = 0; i < SAMPLES; i++) {
            byte[] id = RpcClient.newRequestId();
            ByteBuffer buffer = ByteBuffer.wrap(id);
            UUID expected = new UUID(buffer.getLong(), buffer.getLong());
            assertEquals(expected.toString(), RpcClient.uuidString(id));
        }
    }

    @Test
    void uuidStringOfTheVectorRequestId() {
        byte[] id = HexFormat.of().parseHex("12fe9825ee4b4438b96006d6597995b0");
        assertEquals("12fe9825-ee4b-4438-b960-06d6597995b0", RpcClient.uuidString(id));
    }

    @Test
    void uuidStringRefusesOtherLengths() {
        assertThrows(IllegalArgumentException.class, () -> RpcClient.uuidString(new byte[15]));
    }

    @Test
    void requestIsBuiltLikeEvasClientByteForByte() {
        VectorFiles.Vector vector = VectorFiles.load("bin-plain-test");
        VectorFiles.Message message = vector.messages().get(0);
        JsonElement decoded = message.decoded();
        assertNotNull(decoded);
        JsonObject expected = decoded.getAsJsonObject();
        JsonObject request = RpcClient.buildRequest("test", new JsonObject(), vector.apiKey(),
                expected.get("id").getAsString());
        assertEquals(expected, request);
        assertEquals(List.of("jsonrpc", "method", "params", "id"), List.copyOf(request.keySet()));
        assertEquals(message.frameString("msgpack_hex"), HexFormat.of().formatHex(MsgPackJson.encode(request)));
    }

    @Test
    void keyIsTheLastParamAndReplacesOneFromTheCaller() {
        JsonObject params = JsonParser.parseString("{\"k\":\"caller\",\"i\":\"unit:a/b\",\"s\":1}").getAsJsonObject();
        JsonObject request = RpcClient.buildRequest("action", params, "secret", "id");
        JsonObject sent = request.getAsJsonObject("params");
        assertEquals(List.of("i", "s", "k"), List.copyOf(sent.keySet()));
        assertEquals("secret", sent.get("k").getAsString());
        assertEquals("caller", params.get("k").getAsString(), "caller's params unchanged");
    }
}
