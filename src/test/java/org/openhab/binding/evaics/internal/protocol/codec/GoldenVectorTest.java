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
import static org.openhab.binding.evaics.internal.protocol.codec.VectorFiles.hex;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openhab.binding.evaics.internal.cli.RequestFrame;
import org.openhab.binding.evaics.internal.cli.ServerFrameCodec;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.codec.FrameException.Reason;
import org.openhab.binding.evaics.internal.protocol.codec.VectorFiles.Message;
import org.openhab.binding.evaics.internal.protocol.codec.VectorFiles.Vector;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Runs every API golden vector (all files in {@code vectors/} except {@code state-topics-*}) through the client and
 * server codecs: decoding to the recorded JSON, reproducing the recorded bytes from the recorded IV/request id, and
 * refusing the negative cases with the right reason.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class GoldenVectorTest {

    private static final ProtocolLimits LIMITS = ProtocolLimits.defaults();

    /** The reason each negative request vector must be refused with; a new negative vector must be added here. */
    private static final Map<String, Reason> NEGATIVE_REQUEST_REASONS = Map.of( //
            "neg-req-hmac-tampered", Reason.NOT_AUTHENTIC, //
            "neg-req-wrong-key", Reason.NOT_AUTHENTIC, //
            "neg-req-truncated", Reason.MALFORMED, //
            "neg-req-bad-header", Reason.BAD_HEADER, //
            "neg-req-unknown-key-id", Reason.UNKNOWN_KEY_ID);

    static List<String> apiVectors() {
        return VectorFiles.apiVectorNames();
    }

    @Test
    void allApiVectorFilesAreFound() {
        // the scenario table of vectors/README.md lists 17 API files besides the 2 state-topics files
        assertEquals(17, apiVectors().size(), apiVectors().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apiVectors")
    void vectorFileIsHonoured(String name) throws FrameException {
        Vector v = VectorFiles.load(name);
        ServerFrameCodec server = serverFor(v);
        RequestFrame lastRequest = null;
        Message lastRequestMessage = null;
        RequestFrame firstRequest = null;
        int checks = 0;
        for (Message m : v.messages()) {
            byte[] payload = m.payload();
            assertEquals(m.json().get("payload_len").getAsInt(), payload.length, "payload_len");
            if ("request".equals(m.role())) {
                if (m.tampering() != null) {
                    Reason expected = NEGATIVE_REQUEST_REASONS.get(name);
                    assertNotNull(expected, "no expected reason for negative vector " + name);
                    FrameException e = assertThrows(FrameException.class, () -> server.decodeRequest(payload));
                    assertEquals(expected, e.reason(), e.getMessage());
                    assertEquals("no-response", v.expected().get("server").getAsString());
                    checks++;
                    continue;
                }
                lastRequest = checkRequest(v, m, server);
                lastRequestMessage = m;
                if (firstRequest == null) {
                    firstRequest = lastRequest;
                }
                checks++;
            } else {
                assertEquals("response", m.role());
                RequestFrame request = Objects.requireNonNull(lastRequest, "response before request");
                Message requestMessage = Objects.requireNonNull(lastRequestMessage);
                assertTrue(m.json().get("topic").getAsString().endsWith("/api/response/" + request.callId()),
                        "response topic carries the call id");
                FrameCodec client = clientFor(v, requestMessage);
                if (m.json().has("decoded_text")) {
                    assertEquals("500|", m.json().get("decoded_text").getAsString());
                    assertArrayEquals(ServerFrameCodec.dispatchFailure(), payload);
                    ResponseFrame r = client.decodeResponse(payload);
                    assertTrue(r.dispatchFailed());
                    assertNull(r.body());
                } else if (m.tampering() != null) {
                    FrameException e = assertThrows(FrameException.class, () -> client.decodeResponse(payload));
                    assertEquals(Reason.NOT_AUTHENTIC, e.reason());
                    assertEquals("reject", v.expected().get("client").getAsString());
                } else if (m.replayedFrom() != null) {
                    // authentic, so it decodes; only the RPC client's JSON-RPC id check can catch it (protocol.md §11)
                    ResponseFrame r = client.decodeResponse(payload);
                    assertFalse(r.dispatchFailed());
                    JsonElement id = jsonRpcId(r.body());
                    assertNotEquals(request.body().getAsJsonObject().get("id"), id);
                    assertEquals(Objects.requireNonNull(firstRequest).body().getAsJsonObject().get("id"), id);
                } else {
                    checkResponse(v, m, request, client, server);
                }
                checks++;
            }
        }
        assertTrue(checks > 0, "vector " + name + " checked nothing");
    }

    private static RequestFrame checkRequest(Vector v, Message m, ServerFrameCodec server) throws FrameException {
        byte[] payload = m.payload();
        RequestFrame r = server.decodeRequest(payload);
        assertJsonEquals(m.decoded(), r.body());
        assertEquals(m.frameString("key_id"), r.keyId());
        if (m.isText()) {
            assertEquals(FrameFormat.TEXT, r.format());
            String callId = m.frameString("call_id");
            assertEquals(callId, r.callId());
            assertArrayEquals(callId.getBytes(StandardCharsets.UTF_8), r.requestId());
            assertEquals(m.frameString("inner_plaintext"), callId + "|" + EvaJson.write(Objects.requireNonNull(m.decoded())));
        } else {
            assertEquals(m.isCompressed() ? FrameFormat.BINARY_COMPRESSED : FrameFormat.BINARY, r.format());
            assertEquals(m.frameString("request_id_hex"), r.callId());
            assertArrayEquals(hex(m.frameString("request_id_hex")), r.requestId());
            checkMsgPack(m, Frames.REQUEST_ID_BYTES);
        }
        assertArrayEquals(payload, reproduceRequest(v, m), "encoder reproduces the recorded request");
        return r;
    }

    private static void checkResponse(Vector v, Message m, RequestFrame request, FrameCodec client,
            ServerFrameCodec server) throws FrameException {
        byte[] payload = m.payload();
        ResponseFrame r = client.decodeResponse(payload);
        assertFalse(r.dispatchFailed());
        assertJsonEquals(m.decoded(), r.body());
        byte[] reproduced;
        if (m.isText()) {
            assertEquals(m.frameString("inner_plaintext"), EvaJson.write(Objects.requireNonNull(m.decoded())));
            reproduced = server.encodeResponse(request, Objects.requireNonNull(m.decoded()),
                    hex(m.frameString("fernet_iv_hex")), m.frameLong("fernet_timestamp"));
        } else {
            checkMsgPack(m, 0);
            reproduced = server.encodeResponse(request, Objects.requireNonNull(m.decoded()),
                    hex(m.frameString("iv_hex")), 0);
        }
        assertArrayEquals(payload, reproduced, "encoder reproduces the recorded response");
    }

    /** msgpack_hex from the decoded JSON, and (compressed) the zlib bytes from msgpack, byte for byte. */
    private static void checkMsgPack(Message m, int plaintextPrefix) throws FrameException {
        JsonElement decoded = Objects.requireNonNull(m.decoded());
        if (m.hasFrameMember("msgpack_hex")) {
            byte[] msgpack = hex(m.frameString("msgpack_hex"));
            assertEquals(HexFormat.of().formatHex(msgpack), HexFormat.of().formatHex(MsgPackJson.encode(decoded)));
            assertJsonEquals(decoded, MsgPackJson.decode(msgpack, LIMITS.maxNestingDepth()));
            if (m.isCompressed() && m.hasFrameMember("plaintext_hex")) {
                byte[] plaintext = hex(m.frameString("plaintext_hex"));
                byte[] zlib = java.util.Arrays.copyOfRange(plaintext, plaintextPrefix, plaintext.length);
                assertArrayEquals(zlib, Zlib.deflate(msgpack), "Deflater output equals EVA's zlib output");
            }
        }
    }

    private static byte[] reproduceRequest(Vector v, Message m) {
        JsonElement decoded = Objects.requireNonNull(m.decoded());
        if (m.isText()) {
            FrameCodec codec = new FrameCodec(m.frameString("key_id"), v.apiKey(), FrameFormat.TEXT, LIMITS);
            String callId = m.frameString("call_id");
            byte[] iv = hex(m.frameString("fernet_iv_hex"));
            long ts = m.frameLong("fernet_timestamp");
            if (callId.matches("[0-9a-f]{32}") && decoded.isJsonObject()) {
                // the normal client path: call id = hex of a 16-byte request id
                return codec.encodeRequest(hex(callId), decoded.getAsJsonObject(), iv, ts);
            }
            return codec.encodeTextRequest(callId, decoded, iv, ts);
        }
        FrameFormat format = m.isCompressed() ? FrameFormat.BINARY_COMPRESSED : FrameFormat.BINARY;
        FrameCodec codec = new FrameCodec(m.frameString("key_id"), v.apiKey(), format, LIMITS);
        return codec.encodeRequest(hex(m.frameString("request_id_hex")), decoded.getAsJsonObject(),
                hex(m.frameString("iv_hex")), 0);
    }

    private static ServerFrameCodec serverFor(Vector v) {
        return new ServerFrameCodec(id -> id.equals(v.keyId()) ? v.apiKey() : null, LIMITS);
    }

    private static FrameCodec clientFor(Vector v, Message request) {
        FrameFormat format = request.isText() ? FrameFormat.TEXT
                : request.isCompressed() ? FrameFormat.BINARY_COMPRESSED : FrameFormat.BINARY;
        return new FrameCodec(v.keyId(), v.apiKey(), format, LIMITS);
    }

    private static JsonElement jsonRpcId(@Nullable JsonElement body) {
        assertNotNull(body);
        JsonObject o = Objects.requireNonNull(body).getAsJsonObject();
        assertTrue(o.has("id"));
        return o.get("id");
    }

    // ------------------------------------------------------------------ one named test per failure mode

    private static FrameException rejectedRequest(String name) {
        Vector v = VectorFiles.load(name);
        Message m = v.messages().get(0);
        return assertThrows(FrameException.class, () -> serverFor(v).decodeRequest(m.payload()));
    }

    @Test
    void requestWithUnknownKeyIdIsRejected() {
        assertEquals(Reason.UNKNOWN_KEY_ID, rejectedRequest("neg-req-unknown-key-id").reason());
    }

    @Test
    void requestWithTamperedMacIsNotAuthentic() {
        assertEquals(Reason.NOT_AUTHENTIC, rejectedRequest("neg-req-hmac-tampered").reason());
    }

    @Test
    void requestEncryptedWithAnotherKeyIsNotAuthentic() {
        assertEquals(Reason.NOT_AUTHENTIC, rejectedRequest("neg-req-wrong-key").reason());
    }

    @Test
    void truncatedRequestIsMalformed() {
        // 10 bytes cut: the block length is no longer IV + n*16 + tag (protocol.md §7.1 step 1)
        assertEquals(Reason.MALFORMED, rejectedRequest("neg-req-truncated").reason());
    }

    @Test
    void requestWithBadFirstByteHasBadHeader() {
        assertEquals(Reason.BAD_HEADER, rejectedRequest("neg-req-bad-header").reason());
    }

    @Test
    void tamperedResponseIsNotAuthentic() {
        Vector v = VectorFiles.load("neg-resp-tampered");
        Message response = v.messages().get(1);
        FrameException e = assertThrows(FrameException.class,
                () -> clientFor(v, v.messages().get(0)).decodeResponse(response.payload()));
        assertEquals(Reason.NOT_AUTHENTIC, e.reason());
    }

    @Test
    void replayedResponseDecodesWithTheOtherCallsId() throws FrameException {
        Vector v = VectorFiles.load("neg-resp-replayed");
        List<Message> m = v.messages();
        ResponseFrame r = clientFor(v, m.get(2)).decodeResponse(m.get(3).payload());
        JsonElement id = jsonRpcId(r.body());
        assertEquals(Objects.requireNonNull(m.get(0).decoded()).getAsJsonObject().get("id"), id);
        assertNotEquals(Objects.requireNonNull(m.get(2).decoded()).getAsJsonObject().get("id"), id);
    }

    @Test
    void plain500AnswersBinaryRequestWithDispatchFailure() throws FrameException {
        Vector v = VectorFiles.load("bin-bad-envelope-500");
        assertTrue(clientFor(v, v.messages().get(0)).decodeResponse(v.messages().get(1).payload()).dispatchFailed());
    }

    @Test
    void plain500AnswersTextRequestWithDispatchFailure() throws FrameException {
        Vector v = VectorFiles.load("text-bad-envelope-500");
        assertTrue(clientFor(v, v.messages().get(0)).decodeResponse(v.messages().get(1).payload()).dispatchFailed());
    }

    @Test
    void compressedResponseIsInflatedWithoutAFlag() throws FrameException {
        Vector v = VectorFiles.load("bin-zlib-action");
        Message response = v.messages().get(1);
        assertEquals("00c8", response.frameString("header_hex"));
        ResponseFrame r = clientFor(v, v.messages().get(0)).decodeResponse(response.payload());
        assertJsonEquals(response.decoded(), r.body());
    }

    @Test
    void paddedCallIdKeepsTheZeroBytesInTheRequestId() throws FrameException {
        Vector v = VectorFiles.load("bin-callid-padding-state");
        RequestFrame r = serverFor(v).decodeRequest(v.messages().get(0).payload());
        assertEquals("34320000000000000000000000000000", r.callId());
        assertEquals(42, r.body().getAsJsonObject().get("id").getAsInt());
    }
}
