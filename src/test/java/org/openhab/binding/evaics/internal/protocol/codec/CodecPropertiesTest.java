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
package org.openhab.binding.evaics.internal.protocol.codec;

import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.evaics.internal.protocol.codec.JsonAssert.assertJsonEquals;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.openhab.binding.evaics.internal.cli.RequestFrame;
import org.openhab.binding.evaics.internal.cli.ServerFrameCodec;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Round-trip properties over random JSON trees: msgpack, EVA JSON text, and complete frames in every format. The
 * msgpack encoder is also compared byte for byte with msgpack-core, an independent implementation of the same
 * minimal-format rules. Edge-case mixing is off for the tree properties: their combinations outnumber any sensible
 * try count, and the boundary values are covered by the named tests.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class CodecPropertiesTest {

    private static final int TREE_DEPTH = 4;
    private static final int DEPTH_LIMIT = 64;
    private static final String API_KEY = "property-test-key";
    private static final ProtocolLimits LIMITS = ProtocolLimits.defaults();

    private final ServerFrameCodec server = new ServerFrameCodec(id -> "k1".equals(id) ? API_KEY : null, LIMITS);
    private final Map<FrameFormat, FrameCodec> clients = Map.of( //
            FrameFormat.BINARY, new FrameCodec("k1", API_KEY, FrameFormat.BINARY, LIMITS), //
            FrameFormat.BINARY_COMPRESSED, new FrameCodec("k1", API_KEY, FrameFormat.BINARY_COMPRESSED, LIMITS), //
            FrameFormat.TEXT, new FrameCodec("k1", API_KEY, FrameFormat.TEXT, LIMITS));

    @Provide
    Arbitrary<JsonElement> trees() {
        return JsonArbitraries.json(TREE_DEPTH);
    }

    @Provide
    Arbitrary<JsonObject> objects() {
        return JsonArbitraries.object(TREE_DEPTH - 1);
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void msgpackRoundTrips(@ForAll("trees") JsonElement tree) throws FrameException {
        assertJsonEquals(tree, MsgPackJson.decode(MsgPackJson.encode(tree), DEPTH_LIMIT));
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void msgpackEqualsMsgpackCoreOutput(@ForAll("trees") JsonElement tree) throws IOException {
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            pack(tree, packer);
            assertArrayEquals(packer.toByteArray(), MsgPackJson.encode(tree));
        }
    }

    private static void pack(JsonElement e, MessageBufferPacker p) throws IOException {
        if (e instanceof JsonObject o) {
            p.packMapHeader(o.size());
            for (Map.Entry<String, JsonElement> m : o.entrySet()) {
                p.packString(m.getKey());
                pack(m.getValue(), p);
            }
        } else if (e instanceof JsonArray a) {
            p.packArrayHeader(a.size());
            for (JsonElement x : a) {
                pack(x, p);
            }
        } else if (e instanceof JsonPrimitive prim) {
            if (prim.isString()) {
                p.packString(prim.getAsString());
            } else if (prim.isBoolean()) {
                p.packBoolean(prim.getAsBoolean());
            } else if (JsonAssert.isInteger(prim.getAsNumber())) {
                p.packBigInteger(new BigInteger(prim.getAsNumber().toString()));
            } else {
                p.packDouble(prim.getAsDouble());
            }
        } else {
            p.packNil();
        }
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void evaJsonTextRoundTrips(@ForAll("trees") JsonElement tree) throws FrameException {
        String text = EvaJson.write(tree);
        assertTrue(text.chars().allMatch(c -> c >= 0x20 && c < 0x7F), "pure printable ASCII");
        assertJsonEquals(tree, EvaJson.read(text, DEPTH_LIMIT));
    }

    @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
    void framesRoundTripInEveryFormat(@ForAll("objects") JsonObject request, @ForAll("trees") JsonElement response,
            @ForAll @Size(16) byte[] requestId, @ForAll FrameFormat format) throws FrameException {
        FrameCodec client = Objects.requireNonNull(clients.get(format));
        RequestFrame r = server.decodeRequest(client.encodeRequest(requestId, request));
        assertEquals(format, r.format());
        assertEquals(FrameCodec.callId(requestId), r.callId());
        assertJsonEquals(request, r.body());
        ResponseFrame answer = client.decodeResponse(server.encodeResponse(r, response));
        assertFalse(answer.dispatchFailed());
        assertJsonEquals(response, answer.body());
    }

    @Property(tries = 150)
    void zlibRoundTrips(@ForAll @Size(max = 5000) byte[] data) throws FrameException {
        assertArrayEquals(data, Zlib.inflate(Zlib.deflate(data), data.length));
    }
}
