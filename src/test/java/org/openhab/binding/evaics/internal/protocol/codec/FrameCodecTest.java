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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.openhab.binding.evaics.internal.cli.RequestFrame;
import org.openhab.binding.evaics.internal.cli.ServerFrameCodec;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.codec.FrameException.Reason;
import org.openhab.binding.evaics.internal.protocol.crypto.EvaKey;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Framing rules of client and server codecs (protocol.md §4, §5, §7, §12), one test per rule.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class FrameCodecTest {

    private static final String KEY_ID = "default";
    private static final String API_KEY = "Xb7pQ2mK9vL4sT8wR1zN6cY3hJ5fD0gA";
    private static final ProtocolLimits LIMITS = ProtocolLimits.defaults();
    private static final byte[] REQUEST_ID = HexFormat.of().parseHex("12fe9825ee4b4438b96006d6597995b0");

    private final Map<String, String> keys = new ConcurrentHashMap<>(Map.of(KEY_ID, API_KEY));
    private final ServerFrameCodec server = new ServerFrameCodec(keys::get, LIMITS);

    private static FrameCodec client(FrameFormat format) {
        return new FrameCodec(KEY_ID, API_KEY, format, LIMITS);
    }

    private static JsonObject request() {
        return JsonParser.parseString("{\"jsonrpc\":\"2.0\",\"method\":\"test\",\"params\":{\"k\":\"" + API_KEY
                + "\"},\"id\":\"12fe9825-ee4b-4438-b960-06d6597995b0\"}").getAsJsonObject();
    }

    private static JsonObject response() {
        return JsonParser.parseString("{\"jsonrpc\":\"2.0\",\"result\":{\"ok\":true,\"time\":1700000011.123456},"
                + "\"id\":\"12fe9825-ee4b-4438-b960-06d6597995b0\"}").getAsJsonObject();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int off = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, off, p.length);
            off += p.length;
        }
        return out;
    }

    private static Reason reason(Executable e) {
        return assertThrows(FrameException.class, e).reason();
    }

    // ------------------------------------------------------------------ construction

    @Test
    void emptyKeyIdIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FrameCodec("", API_KEY, FrameFormat.BINARY, LIMITS));
    }

    @Test
    void emptyApiKeyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FrameCodec(KEY_ID, "", FrameFormat.BINARY, LIMITS));
    }

    @Test
    void binaryKeyIdMustNotContainZeroByte() {
        assertThrows(IllegalArgumentException.class,
                () -> new FrameCodec("a\0b", API_KEY, FrameFormat.BINARY_COMPRESSED, LIMITS));
        new FrameCodec("a|b", API_KEY, FrameFormat.BINARY, LIMITS);
    }

    @Test
    void textKeyIdMustNotContainPipe() {
        assertThrows(IllegalArgumentException.class, () -> new FrameCodec("a|b", API_KEY, FrameFormat.TEXT, LIMITS));
    }

    @Test
    void requestIdMustHave16Bytes() {
        assertThrows(IllegalArgumentException.class, () -> client(FrameFormat.BINARY).encodeRequest(new byte[15],
                request()));
        assertThrows(IllegalArgumentException.class, () -> client(FrameFormat.TEXT).encodeRequest(new byte[17],
                request()));
    }

    @Test
    void callIdIsLowercaseHexOfTheRequestId() {
        assertEquals("12fe9825ee4b4438b96006d6597995b0", FrameCodec.callId(REQUEST_ID));
        assertEquals("34320000000000000000000000000000",
                FrameCodec.callId(Arrays.copyOf("42".getBytes(StandardCharsets.US_ASCII), 16)));
    }

    @Test
    void frameFormatConfigValues() {
        assertEquals(FrameFormat.BINARY, FrameFormat.fromConfigValue("binary"));
        assertEquals(FrameFormat.BINARY_COMPRESSED, FrameFormat.fromConfigValue("binary-compressed"));
        assertEquals(FrameFormat.TEXT, FrameFormat.fromConfigValue("text"));
        assertThrows(IllegalArgumentException.class, () -> FrameFormat.fromConfigValue("BINARY"));
    }

    // ------------------------------------------------------------------ request layout (protocol.md §4.1, §5)

    @Test
    void binaryRequestHeaderIsMarkerEncodingKeyIdSeparator() {
        byte[] plain = client(FrameFormat.BINARY).encodeRequest(REQUEST_ID, request());
        assertArrayEquals(concat(new byte[] { 0, 2 }, bytes(KEY_ID), new byte[] { 0 }), Arrays.copyOf(plain, 10));
        int block = plain.length - 10;
        assertEquals(0, (block - 48) % 16);
        byte[] compressed = client(FrameFormat.BINARY_COMPRESSED).encodeRequest(REQUEST_ID, request());
        assertEquals(3, compressed[1]);
    }

    @Test
    void textRequestIsPipeKeyIdPipeToken() {
        String s = new String(client(FrameFormat.TEXT).encodeRequest(REQUEST_ID, request()), StandardCharsets.US_ASCII);
        assertTrue(s.matches("\\|default\\|gAAAAA[A-Za-z0-9_-]+=*"), s);
    }

    // ------------------------------------------------------------------ round trips

    @Test
    void everyFormatRoundTripsRequestAndResponse() throws FrameException {
        for (FrameFormat format : FrameFormat.values()) {
            FrameCodec client = client(format);
            RequestFrame r = server.decodeRequest(client.encodeRequest(REQUEST_ID, request()));
            assertEquals(format, r.format());
            assertEquals(KEY_ID, r.keyId());
            assertEquals(FrameCodec.callId(REQUEST_ID), r.callId());
            assertJsonEquals(request(), r.body());
            if (format != FrameFormat.TEXT) {
                assertArrayEquals(REQUEST_ID, r.requestId());
            } else {
                assertArrayEquals(bytes(FrameCodec.callId(REQUEST_ID)), r.requestId());
            }
            ResponseFrame resp = client.decodeResponse(server.encodeResponse(r, response()));
            assertFalse(resp.dispatchFailed());
            assertJsonEquals(response(), resp.body());
        }
    }

    @Test
    void binaryResponseHeaderIsMarkerAndStatusC8() throws FrameException {
        RequestFrame r = server.decodeRequest(client(FrameFormat.BINARY).encodeRequest(REQUEST_ID, request()));
        byte[] answer = server.encodeResponse(r, response());
        assertEquals(0, answer[0]);
        assertEquals((byte) 0xC8, answer[1]);
        assertEquals(0, (answer.length - 2 - 48) % 16);
    }

    @Test
    void textResponseStartsWith200() throws FrameException {
        RequestFrame r = server.decodeRequest(client(FrameFormat.TEXT).encodeRequest(REQUEST_ID, request()));
        String answer = new String(server.encodeResponse(r, response()), StandardCharsets.US_ASCII);
        assertTrue(answer.startsWith("200|gAAAAA"), answer);
    }

    @Test
    void nullAndBatchBodiesRoundTrip() throws FrameException {
        for (FrameFormat format : FrameFormat.values()) {
            RequestFrame r = server.decodeRequest(client(format).encodeRequest(REQUEST_ID, request()));
            ResponseFrame nullBody = client(format).decodeResponse(server.encodeResponse(r, JsonNull.INSTANCE));
            assertFalse(nullBody.dispatchFailed());
            assertEquals(JsonNull.INSTANCE, nullBody.body());
            JsonArray batch = new JsonArray();
            batch.add(response());
            batch.add(response());
            assertJsonEquals(batch, client(format).decodeResponse(server.encodeResponse(r, batch)).body());
        }
    }

    @Test
    void textRequestWithFreeFormCallIdIsAnsweredOnThatCallId() throws FrameException {
        byte[] payload = client(FrameFormat.TEXT).encodeTextRequest("c0ffee", request(), null, 0);
        RequestFrame r = server.decodeRequest(payload);
        assertEquals("c0ffee", r.callId());
        assertArrayEquals(bytes("c0ffee"), r.requestId());
    }

    @Test
    void textRequestJsonMayContainPipes() throws FrameException {
        JsonObject req = request();
        req.getAsJsonObject("params").addProperty("v", "a|b");
        RequestFrame r = server.decodeRequest(client(FrameFormat.TEXT).encodeRequest(REQUEST_ID, req));
        assertJsonEquals(req, r.body());
    }

    // ------------------------------------------------------------------ server-side decoding rules (protocol.md §4.1)

    @Test
    void encodingByteOtherThan03MeansPlain() throws FrameException {
        byte[] payload = client(FrameFormat.BINARY).encodeRequest(REQUEST_ID, request());
        payload[1] = 0x07;
        assertEquals(FrameFormat.BINARY, server.decodeRequest(payload).format());
    }

    @Test
    void flippedCompressionFlagMakesTheBodyUndecodable() {
        // the header is not under the MAC (protocol.md §7.1, §11)
        byte[] plain = client(FrameFormat.BINARY).encodeRequest(REQUEST_ID, request());
        plain[1] = 0x03;
        assertEquals(Reason.BAD_BODY, reason(() -> server.decodeRequest(plain)));
        byte[] compressed = client(FrameFormat.BINARY_COMPRESSED).encodeRequest(REQUEST_ID, request());
        compressed[1] = 0x02;
        assertEquals(Reason.BAD_BODY, reason(() -> server.decodeRequest(compressed)));
    }

    @Test
    void encryptedBlockMayContainZeroBytes() throws FrameException {
        FrameCodec client = client(FrameFormat.BINARY);
        // the block is random-looking: within a few tries one of them contains 0x00
        for (int attempt = 0; attempt < 200; attempt++) {
            byte[] payload = client.encodeRequest(REQUEST_ID, request());
            int afterKeyId = 3 + KEY_ID.length();
            if (Frames.indexOf(payload, (byte) 0, afterKeyId) >= 0) {
                assertJsonEquals(request(), server.decodeRequest(payload).body());
                return;
            }
        }
        fail("no frame with a 0x00 in its block in 200 attempts");
    }

    @Test
    void zeroEncodingByteLeavesNoKeyId() {
        byte[] payload = client(FrameFormat.BINARY).encodeRequest(REQUEST_ID, request());
        payload[1] = 0;
        assertEquals(Reason.MALFORMED, reason(() -> server.decodeRequest(payload)));
    }

    @Test
    void binaryRequestWithoutSecondZeroIsMalformed() {
        assertEquals(Reason.MALFORMED, reason(() -> server.decodeRequest(concat(new byte[] { 0, 2 }, bytes(KEY_ID)))));
        assertEquals(Reason.MALFORMED, reason(() -> server.decodeRequest(new byte[] { 0 })));
    }

    @Test
    void keyIdThatIsNotUtf8IsMalformed() {
        assertEquals(Reason.MALFORMED,
                reason(() -> server.decodeRequest(concat(new byte[] { 0, 2, (byte) 0xFF, 0 }, new byte[64]))));
    }

    @Test
    void unknownKeyIdIsReportedBeforeTheBlockIsLookedAt() {
        byte[] payload = new FrameCodec("nobody", API_KEY, FrameFormat.BINARY, LIMITS).encodeRequest(REQUEST_ID,
                request());
        assertEquals(Reason.UNKNOWN_KEY_ID, reason(() -> server.decodeRequest(payload)));
        byte[] text = new FrameCodec("nobody", API_KEY, FrameFormat.TEXT, LIMITS).encodeRequest(REQUEST_ID, request());
        assertEquals(Reason.UNKNOWN_KEY_ID, reason(() -> server.decodeRequest(text)));
    }

    @Test
    void relabelledKeyIdFailsTheMac() {
        keys.put("other", "another key value");
        byte[] payload = client(FrameFormat.BINARY).encodeRequest(REQUEST_ID, request());
        byte[] relabelled = concat(new byte[] { 0, 2 }, bytes("other"), Arrays.copyOfRange(payload, 9, payload.length));
        assertEquals(Reason.NOT_AUTHENTIC, reason(() -> server.decodeRequest(relabelled)));
    }

    @Test
    void plaintextShorterThanTheRequestIdIsMalformed() {
        byte[] block = new byte[64];
        int n = EvaKey.derive(API_KEY).binary().encrypt(new byte[10], 0, 10, block, 0);
        byte[] payload = concat(new byte[] { 0, 2 }, bytes(KEY_ID), new byte[] { 0 }, Arrays.copyOf(block, n));
        assertEquals(Reason.MALFORMED, reason(() -> server.decodeRequest(payload)));
    }

    @Test
    void emptyPayloadHasBadHeader() {
        assertEquals(Reason.BAD_HEADER, reason(() -> server.decodeRequest(new byte[0])));
        assertEquals(Reason.BAD_HEADER, reason(() -> client(FrameFormat.BINARY).decodeResponse(new byte[0])));
        assertEquals(Reason.BAD_HEADER, reason(() -> client(FrameFormat.TEXT).decodeResponse(new byte[0])));
    }

    @Test
    void textRequestMustStartWithPipeAndBeUtf8() {
        assertEquals(Reason.BAD_HEADER, reason(() -> server.decodeRequest(bytes("default|token"))));
        assertEquals(Reason.BAD_HEADER, reason(() -> server.decodeRequest(new byte[] { '|', (byte) 0xC3, '|' })));
    }

    @Test
    void textRequestWithoutSecondPipeIsMalformed() {
        assertEquals(Reason.MALFORMED, reason(() -> server.decodeRequest(bytes("|default"))));
    }

    @Test
    void textTokenThatIsNotBase64IsMalformed() {
        assertEquals(Reason.MALFORMED, reason(() -> server.decodeRequest(bytes("|default|not a token!"))));
    }

    @Test
    void textTokenWithoutCallIdSeparatorIsMalformed() {
        byte[] inner = bytes("{\"jsonrpc\":\"2.0\"}");
        byte[] token = EvaKey.derive(API_KEY).fernet().encrypt(inner, 0, inner.length);
        assertEquals(Reason.MALFORMED, reason(() -> server.decodeRequest(concat(bytes("|default|"), token))));
    }

    @Test
    void textTokenWithInvalidJsonIsBadBody() {
        byte[] inner = bytes("abc|{not json");
        byte[] token = EvaKey.derive(API_KEY).fernet().encrypt(inner, 0, inner.length);
        assertEquals(Reason.BAD_BODY, reason(() -> server.decodeRequest(concat(bytes("|default|"), token))));
    }

    @Test
    void tamperedTextTokenIsNotAuthentic() {
        byte[] payload = client(FrameFormat.TEXT).encodeRequest(REQUEST_ID, request());
        // change one base64 character in the middle of the token
        int i = payload.length / 2;
        payload[i] = (byte) (payload[i] == 'A' ? 'B' : 'A');
        assertEquals(Reason.NOT_AUTHENTIC, reason(() -> server.decodeRequest(payload)));
    }

    @Test
    void payloadsOverTheLimitAreTooLarge() {
        ProtocolLimits small = LIMITS.withMaxPayloadBytes(100);
        byte[] payload = client(FrameFormat.BINARY).encodeRequest(REQUEST_ID, request());
        assertTrue(payload.length > 100);
        assertEquals(Reason.TOO_LARGE,
                reason(() -> new ServerFrameCodec(keys::get, small).decodeRequest(payload)));
        assertEquals(Reason.TOO_LARGE,
                reason(() -> new FrameCodec(KEY_ID, API_KEY, FrameFormat.BINARY, small).decodeResponse(payload)));
    }

    @Test
    void bodyInflatingBeyondTheLimitIsRefused() throws FrameException {
        JsonObject big = request();
        big.getAsJsonObject("params").addProperty("v", "x".repeat(100_000));
        ServerFrameCodec strict = new ServerFrameCodec(keys::get, LIMITS.withMaxInflatedBytes(10_000));
        byte[] payload = client(FrameFormat.BINARY_COMPRESSED).encodeRequest(REQUEST_ID, big);
        assertEquals(Reason.DECOMPRESSION_LIMIT, reason(() -> strict.decodeRequest(payload)));
        assertJsonEquals(big, server.decodeRequest(payload).body());
    }

    @Test
    void bodyNestingBeyondTheLimitIsRefusedInEveryFormat() {
        JsonObject deep = request();
        JsonArray a = new JsonArray();
        deep.add("deep", a);
        for (int i = 0; i < 10; i++) {
            JsonArray next = new JsonArray();
            a.add(next);
            a = next;
        }
        ServerFrameCodec strict = new ServerFrameCodec(keys::get, LIMITS.withMaxNestingDepth(5));
        for (FrameFormat format : FrameFormat.values()) {
            byte[] payload = client(format).encodeRequest(REQUEST_ID, deep);
            assertEquals(Reason.NESTING_TOO_DEEP, reason(() -> strict.decodeRequest(payload)), format.toString());
        }
    }

    // ------------------------------------------------------------ client-side answer rules (protocol.md §4.3, §6.5)

    @Test
    void statusByteOtherThanC8IsBadStatus() throws FrameException {
        RequestFrame r = server.decodeRequest(client(FrameFormat.BINARY).encodeRequest(REQUEST_ID, request()));
        byte[] answer = server.encodeResponse(r, response());
        answer[1] = (byte) 0xC9;
        assertEquals(Reason.BAD_STATUS, reason(() -> client(FrameFormat.BINARY).decodeResponse(answer)));
    }

    @Test
    void binaryAnswerWithoutStatusByteIsMalformed() {
        assertEquals(Reason.MALFORMED, reason(() -> client(FrameFormat.BINARY).decodeResponse(new byte[] { 0 })));
    }

    @Test
    void textStatusOtherThan200IsBadStatus() {
        assertEquals(Reason.BAD_STATUS, reason(() -> client(FrameFormat.TEXT).decodeResponse(bytes("404|abc"))));
        assertEquals(Reason.BAD_STATUS, reason(() -> client(FrameFormat.TEXT).decodeResponse(bytes("500|x"))));
    }

    @Test
    void answerInTheOtherFormatHasBadHeader() throws FrameException {
        RequestFrame bin = server.decodeRequest(client(FrameFormat.BINARY).encodeRequest(REQUEST_ID, request()));
        RequestFrame text = server.decodeRequest(client(FrameFormat.TEXT).encodeRequest(REQUEST_ID, request()));
        byte[] binAnswer = server.encodeResponse(bin, response());
        byte[] textAnswer = server.encodeResponse(text, response());
        assertEquals(Reason.BAD_HEADER, reason(() -> client(FrameFormat.BINARY).decodeResponse(textAnswer)));
        assertEquals(Reason.BAD_HEADER, reason(() -> client(FrameFormat.TEXT).decodeResponse(binAnswer)));
    }

    @Test
    void onlyTheExactPlain500IsADispatchFailure() throws FrameException {
        for (FrameFormat format : FrameFormat.values()) {
            assertTrue(client(format).decodeResponse(bytes("500|")).dispatchFailed());
        }
        assertEquals(Reason.BAD_HEADER, reason(() -> client(FrameFormat.BINARY).decodeResponse(bytes("500|x"))));
    }

    @Test
    void dispatchFailureIsTheFourBytes500Pipe() {
        byte[] f = ServerFrameCodec.dispatchFailure();
        assertArrayEquals(bytes("500|"), f);
        f[0] = 'x';
        assertArrayEquals(bytes("500|"), ServerFrameCodec.dispatchFailure());
    }

    @Test
    void compressedAnswerToAPlainCodecIsBadBody() throws FrameException {
        RequestFrame r = server
                .decodeRequest(client(FrameFormat.BINARY_COMPRESSED).encodeRequest(REQUEST_ID, request()));
        byte[] compressedAnswer = server.encodeResponse(r, response());
        assertEquals(Reason.BAD_BODY, reason(() -> client(FrameFormat.BINARY).decodeResponse(compressedAnswer)));
        assertJsonEquals(response(), client(FrameFormat.BINARY_COMPRESSED).decodeResponse(compressedAnswer).body());
    }

    @Test
    void answerWithAnotherKeyIsNotAuthentic() throws FrameException {
        RequestFrame r = server.decodeRequest(client(FrameFormat.BINARY).encodeRequest(REQUEST_ID, request()));
        byte[] answer = server.encodeResponse(r, response());
        FrameCodec otherKey = new FrameCodec(KEY_ID, "a different key", FrameFormat.BINARY, LIMITS);
        assertEquals(Reason.NOT_AUTHENTIC, reason(() -> otherKey.decodeResponse(answer)));
    }

    // ------------------------------------------------------------------ keys

    @Test
    void serverFollowsKeyChanges() throws FrameException {
        byte[] payload = client(FrameFormat.BINARY).encodeRequest(REQUEST_ID, request());
        server.decodeRequest(payload);
        keys.put(KEY_ID, "rotated key");
        assertEquals(Reason.NOT_AUTHENTIC, reason(() -> server.decodeRequest(payload)));
        FrameCodec rotated = new FrameCodec(KEY_ID, "rotated key", FrameFormat.BINARY, LIMITS);
        server.decodeRequest(rotated.encodeRequest(REQUEST_ID, request()));
        keys.remove(KEY_ID);
        assertEquals(Reason.UNKNOWN_KEY_ID, reason(() -> server.decodeRequest(payload)));
    }

    @Test
    void answeringForAKeyIdNoLongerKnownIsRefused() throws FrameException {
        RequestFrame r = server.decodeRequest(client(FrameFormat.BINARY).encodeRequest(REQUEST_ID, request()));
        keys.clear();
        assertThrows(IllegalArgumentException.class, () -> server.encodeResponse(r, response()));
    }

    @Test
    void secretsAppearInNoToStringAndNoExceptionMessage() throws FrameException {
        // SHA-512(API_KEY)[0:32], the AES/HMAC key (vector key material)
        String hexKey = "1e335f68cfef89cbe075204393e53ae30c57069e62f912d34953722591ea0517";
        List<String> texts = new ArrayList<>();
        for (FrameFormat format : FrameFormat.values()) {
            FrameCodec c = client(format);
            texts.add(c.toString());
            RequestFrame r = server.decodeRequest(c.encodeRequest(REQUEST_ID, request()));
            texts.add(r.toString());
            byte[] answer = server.encodeResponse(r, response());
            answer[answer.length - 3] ^= 1;
            texts.add(assertThrows(FrameException.class, () -> c.decodeResponse(answer)).toString());
        }
        texts.add(server.toString());
        texts.add(assertThrows(FrameException.class, () -> server.decodeRequest(new byte[70])).toString());
        texts.add(assertThrows(IllegalArgumentException.class,
                () -> new FrameCodec("a\0", API_KEY, FrameFormat.BINARY, LIMITS)).toString());
        for (String t : texts) {
            assertFalse(t.contains(API_KEY), t);
            assertFalse(t.toLowerCase().contains(hexKey), t);
        }
    }

    // ------------------------------------------------------------------ threads

    @Test
    void oneCodecServesManyThreads() throws Exception {
        FrameCodec client = client(FrameFormat.BINARY);
        FrameCodec text = client(FrameFormat.TEXT);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 200; i++) {
                        byte[] id = Arrays.copyOf(REQUEST_ID, 16);
                        id[0] = (byte) thread;
                        id[1] = (byte) i;
                        JsonObject req = request();
                        req.addProperty("n", thread * 1000 + i);
                        FrameCodec c = i % 2 == 0 ? client : text;
                        RequestFrame r = server.decodeRequest(c.encodeRequest(id, req));
                        JsonObject answer = response();
                        answer.addProperty("n", thread * 1000 + i);
                        ResponseFrame resp = c.decodeResponse(server.encodeResponse(r, answer));
                        JsonElement body = resp.body();
                        if (r.callId().equals(FrameCodec.callId(id)) && body != null
                                && body.getAsJsonObject().get("n").getAsInt() == thread * 1000 + i) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            for (Future<Integer> f : results) {
                assertEquals(200, f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
