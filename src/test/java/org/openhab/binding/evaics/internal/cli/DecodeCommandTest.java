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
package org.openhab.binding.evaics.internal.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.Base64;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.openhab.binding.evaics.internal.cli.CliRun.Result;
import org.openhab.binding.evaics.internal.protocol.codec.VectorFiles;
import org.openhab.binding.evaics.internal.protocol.codec.VectorFiles.Message;
import org.openhab.binding.evaics.internal.protocol.codec.VectorFiles.Vector;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * {@code evaics decode} against the EVA golden vectors ({@code src/test/resources/vectors}): requests and responses
 * in every format, the exit codes for frames that are not authentic (4) or malformed (2), and that the API key
 * inside a request is never printed.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class DecodeCommandTest {

    private static Message message(Vector vector, String role) {
        return vector.messages().stream().filter(m -> role.equals(m.role())).findFirst()
                .orElseThrow(() -> new AssertionError(vector + " has no " + role));
    }

    private static Result decodeB64(String key, byte[] payload, String... more) {
        String[] args = new String[5 + more.length];
        args[0] = "decode";
        args[1] = "--key";
        args[2] = key;
        args[3] = "--payload-b64";
        args[4] = Base64.getEncoder().encodeToString(payload);
        System.arraycopy(more, 0, args, 5, more.length);
        return CliRun.run(args);
    }

    /** The vector's decoded request with params.k as decode prints it. */
    private static JsonElement expectedRequestBody(Message request) {
        JsonElement decoded = request.decoded();
        assertNotNull(decoded);
        JsonObject body = decoded.deepCopy().getAsJsonObject();
        body.getAsJsonObject("params").addProperty("k", FrameDecoder.K_SAME);
        return body;
    }

    private static void assertDecodedRequest(Vector vector, String format) {
        Message request = message(vector, "request");
        Result result = decodeB64(vector.apiKey(), request.payload());
        assertEquals(ExitCode.OK, result.exitCode(), result::toString);
        assertEquals("", result.stderr());
        assertEquals(1, result.outLines().size(), result::toString);
        JsonObject out = result.json().getAsJsonObject();
        assertEquals(format, out.get("format").getAsString());
        assertEquals(request.frameString("key_id"), out.get("key_id").getAsString());
        String callId = request.hasFrameMember("request_id_hex") ? request.frameString("request_id_hex")
                : request.frameString("call_id");
        assertEquals(callId, out.get("call_id").getAsString());
        assertEquals(expectedRequestBody(request), out.get("body"));
        assertFalse(result.stdout().contains(vector.apiKey()), "the API key must not be printed");
    }

    private static void assertDecodedResponse(Vector vector, String format, String... more) {
        Message response = message(vector, "response");
        Result result = decodeB64(vector.apiKey(), response.payload(), more);
        assertEquals(ExitCode.OK, result.exitCode(), result::toString);
        JsonObject out = result.json().getAsJsonObject();
        assertEquals(format, out.get("format").getAsString());
        assertEquals(200, out.get("status").getAsInt());
        assertEquals(response.decoded(), out.get("body"));
    }

    @Test
    void binaryRequestDecodesToCallIdAndBody() {
        assertDecodedRequest(VectorFiles.load("bin-plain-test"), "binary");
    }

    @Test
    void binaryResponseDecodesToStatusAndBody() {
        assertDecodedResponse(VectorFiles.load("bin-plain-test"), "binary");
    }

    @Test
    void compressedRequestDecodesWithoutAFlag() {
        assertDecodedRequest(VectorFiles.load("bin-zlib-action"), "binary-compressed");
    }

    @Test
    void compressedResponseDecodesWithTheCompressedFlag() {
        assertDecodedResponse(VectorFiles.load("bin-zlib-action"), "binary-compressed", "--compressed");
    }

    @Test
    void compressedResponseWithoutTheFlagIsMalformedWithAHint() {
        Vector vector = VectorFiles.load("bin-zlib-action");
        Result result = decodeB64(vector.apiKey(), message(vector, "response").payload());
        assertEquals(ExitCode.USAGE, result.exitCode(), result::toString);
        assertEquals("", result.stdout());
        assertTrue(result.stderr().contains("--compressed"), result::toString);
    }

    @Test
    void textRequestDecodesToCallIdAndBody() {
        assertDecodedRequest(VectorFiles.load("text-fernet-test"), "text");
    }

    @Test
    void textResponseDecodesToStatusAndBody() {
        assertDecodedResponse(VectorFiles.load("text-fernet-test"), "text");
    }

    @Test
    void requestWithAnyKeyIdIsOpenedWithTheGivenKey() {
        // the controller does not know this key id ("nobody"); decode does not care
        Vector vector = VectorFiles.load("neg-req-unknown-key-id");
        Result result = decodeB64(vector.apiKey(), message(vector, "request").payload());
        assertEquals(ExitCode.OK, result.exitCode(), result::toString);
        JsonObject out = result.json().getAsJsonObject();
        assertEquals("nobody", out.get("key_id").getAsString());
        assertEquals("2.0", out.getAsJsonObject("body").get("jsonrpc").getAsString());
    }

    @Test
    void plainDispatchFailureDecodesToStatus500() {
        Vector vector = VectorFiles.load("text-bad-envelope-500");
        Result result = decodeB64(vector.apiKey(), message(vector, "response").payload());
        assertEquals(ExitCode.OK, result.exitCode(), result::toString);
        JsonObject out = result.json().getAsJsonObject();
        assertEquals(500, out.get("status").getAsInt());
        assertTrue(out.get("body").isJsonNull());
    }

    @Test
    void tamperedResponseIsNotAuthentic() {
        Vector vector = VectorFiles.load("neg-resp-tampered");
        Result result = decodeB64(vector.apiKey(), message(vector, "response").payload());
        assertEquals(ExitCode.NOT_AUTHENTIC, result.exitCode(), result::toString);
        assertEquals("", result.stdout());
        assertEquals(1, result.errLines().size(), result::toString);
        assertFalse(result.stderr().contains(vector.apiKey()));
    }

    @Test
    void requestEncryptedWithAnotherKeyIsNotAuthentic() {
        Vector vector = VectorFiles.load("neg-req-wrong-key");
        Result result = decodeB64(vector.apiKey(), message(vector, "request").payload());
        assertEquals(ExitCode.NOT_AUTHENTIC, result.exitCode(), result::toString);
    }

    @Test
    void responseDecodedWithAnotherKeyIsNotAuthentic() {
        Vector vector = VectorFiles.load("bin-plain-test");
        Result result = decodeB64("another key", message(vector, "response").payload());
        assertEquals(ExitCode.NOT_AUTHENTIC, result.exitCode(), result::toString);
    }

    @Test
    void truncatedRequestIsMalformed() {
        Vector vector = VectorFiles.load("neg-req-truncated");
        Result result = decodeB64(vector.apiKey(), message(vector, "request").payload());
        assertEquals(ExitCode.USAGE, result.exitCode(), result::toString);
        assertEquals("", result.stdout());
        assertEquals(1, result.errLines().size(), result::toString);
    }

    @Test
    void payloadThatIsNoFrameIsMalformed() {
        Vector vector = VectorFiles.load("neg-req-bad-header");
        Result result = decodeB64(vector.apiKey(), message(vector, "request").payload());
        assertEquals(ExitCode.USAGE, result.exitCode(), result::toString);
    }

    @Test
    void rawPayloadIsReadFromStdin() {
        Vector vector = VectorFiles.load("bin-plain-test");
        Result result = CliRun.runWithStdin(message(vector, "response").payload(), "decode", "--key",
                vector.apiKey());
        assertEquals(ExitCode.OK, result.exitCode(), result::toString);
        assertEquals(message(vector, "response").decoded(), result.json().getAsJsonObject().get("body"));
    }

    @Test
    void lineBreakAfterATextFrameOnStdinIsIgnored() {
        Vector vector = VectorFiles.load("text-fernet-test");
        byte[] payload = message(vector, "response").payload();
        byte[] withNewline = Arrays.copyOf(payload, payload.length + 1);
        withNewline[payload.length] = '\n';
        Result result = CliRun.runWithStdin(withNewline, "decode", "--key", vector.apiKey());
        assertEquals(ExitCode.OK, result.exitCode(), result::toString);
    }

    @Test
    void emptyStdinIsMalformed() {
        Result result = CliRun.runWithStdin(new byte[0], "decode", "--key", "k");
        assertEquals(ExitCode.USAGE, result.exitCode(), result::toString);
        assertEquals(1, result.errLines().size(), result::toString);
    }

    @Test
    void invalidBase64IsAUsageError() {
        Result result = CliRun.run("decode", "--key", "k", "--payload-b64", "not*base64");
        assertEquals(ExitCode.USAGE, result.exitCode(), result::toString);
        assertEquals(1, result.errLines().size(), result::toString);
    }

    @Test
    void keyParamThatDiffersFromTheKeyIsRedactedToo() {
        // a request whose k is not the frame key: EVA allows it (protocol.md §6.2); its value is a secret all the same
        Vector vector = VectorFiles.load("bin-plain-test");
        JsonObject body = expectedRequestBody(message(vector, "request")).getAsJsonObject();
        body.getAsJsonObject("params").addProperty("k", "token:abcdef");
        byte[] frame = TestFrames.binaryRequest("default", vector.apiKey(), body);
        Result result = decodeB64(vector.apiKey(), frame);
        assertEquals(ExitCode.OK, result.exitCode(), result::toString);
        assertFalse(result.stdout().contains("token:abcdef"), result::toString);
        assertEquals(FrameDecoder.K_OTHER, result.json().getAsJsonObject().getAsJsonObject("body")
                .getAsJsonObject("params").get("k").getAsString());
    }

    @Test
    void keyParamsOfABatchAreRedacted() {
        String key = "batch-key";
        JsonObject first = new JsonObject();
        first.addProperty("jsonrpc", "2.0");
        first.addProperty("method", "test");
        JsonObject params = new JsonObject();
        params.addProperty("k", key);
        first.add("params", params);
        first.addProperty("id", 1);
        JsonArray batch = new JsonArray();
        batch.add(first);
        batch.add(first.deepCopy());
        byte[] frame = TestFrames.textRequest("default", key, batch);
        Result result = decodeB64(key, frame);
        assertEquals(ExitCode.OK, result.exitCode(), result::toString);
        assertFalse(result.stdout().contains(key + "\""), result::toString);
        for (JsonElement request : result.json().getAsJsonObject().getAsJsonArray("body")) {
            assertEquals(FrameDecoder.K_SAME,
                    request.getAsJsonObject().getAsJsonObject("params").get("k").getAsString());
        }
    }

    @Test
    void missingKeyIsAUsageError() {
        Result result = CliRun.run("decode", "--payload-b64", "AA==");
        assertEquals(ExitCode.USAGE, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("--key"));
    }
}
