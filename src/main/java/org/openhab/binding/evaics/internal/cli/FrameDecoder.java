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

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.codec.FrameCodec;
import org.openhab.binding.evaics.internal.protocol.codec.FrameException;
import org.openhab.binding.evaics.internal.protocol.codec.FrameException.Reason;
import org.openhab.binding.evaics.internal.protocol.codec.FrameFormat;
import org.openhab.binding.evaics.internal.protocol.codec.ResponseFrame;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * Decodes one captured API frame of either direction and either format (protocol.md §4.1, §4.3, §5, §7) into the JSON
 * that {@code evaics decode} prints. The kind is told by the first bytes: {@code 00 C8} is a binary response,
 * {@code 200|} a text response, {@code 500|} the plain dispatch failure, any other frame starting with {@code 00} a
 * binary request (the controller only checks the first byte, protocol.md §4.1 step 1), and {@code |} a text request. A
 * binary response does not say whether it is compressed (protocol.md §4.3): the caller has to know it from the request.
 * <p>
 * The API key travels inside a request's params as {@code k} (protocol.md §6.1). It is not printed: the output shows
 * whether it equals the key given for decoding, which is what a debugging session needs to know, but not its value.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class FrameDecoder {

    /** Shown instead of a {@code k} param that equals the decoding key. */
    static final String K_SAME = "<redacted: same as --key>";
    /** Shown instead of a {@code k} param that differs from the decoding key (another key, or a session token). */
    static final String K_OTHER = "<redacted: not the --key value>";

    private static final int STATUS_OK = 200;
    private static final int STATUS_DISPATCH_FAILED = 500;
    private static final byte BINARY_MARKER = 0x00;
    private static final byte BINARY_STATUS_OK = (byte) 0xC8;
    private static final byte TEXT_SEPARATOR = '|';
    private static final byte[] TEXT_OK = "200|".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TEXT_DISPATCH_FAILED = "500|".getBytes(StandardCharsets.US_ASCII);
    /** Key id for the client-side codec: responses carry none, so any valid id will do. */
    private static final String RESPONSE_KEY_ID = "decode";
    private static final String PARAMS = "params";
    private static final String KEY_PARAM = "k";

    private final String key;
    private final ProtocolLimits limits;

    FrameDecoder(String key, ProtocolLimits limits) {
        this.key = key;
        this.limits = limits;
    }

    /**
     * @param compressed whether a binary response is zlib-compressed (its request was {@code 00 03})
     * @return {@code {"format","key_id","call_id","body"}} for a request, {@code {"format","status","body"}} for a
     *         response ({@code {"status":500,"body":null}} for {@code 500|})
     * @throws FrameException {@link Reason#NOT_AUTHENTIC} if the MAC does not match the key, other reasons if the
     *             frame is malformed or its body cannot be decoded
     */
    JsonObject decode(byte[] payload, boolean compressed) throws FrameException {
        if (payload.length == 0) {
            throw new FrameException(Reason.BAD_HEADER, "empty payload");
        }
        if (payload[0] == BINARY_MARKER) {
            if (payload.length > 1 && payload[1] == BINARY_STATUS_OK) {
                FrameFormat format = compressed ? FrameFormat.BINARY_COMPRESSED : FrameFormat.BINARY;
                return response(format, new FrameCodec(RESPONSE_KEY_ID, key, format, limits).decodeResponse(payload));
            }
            return request(payload);
        }
        if (startsWith(payload, TEXT_DISPATCH_FAILED)) {
            if (payload.length != TEXT_DISPATCH_FAILED.length) {
                throw new FrameException(Reason.MALFORMED, "500| has no content after it");
            }
            JsonObject out = new JsonObject();
            out.addProperty("status", STATUS_DISPATCH_FAILED);
            out.add("body", JsonNull.INSTANCE);
            return out;
        }
        if (startsWith(payload, TEXT_OK)) {
            return response(FrameFormat.TEXT,
                    new FrameCodec(RESPONSE_KEY_ID, key, FrameFormat.TEXT, limits).decodeResponse(payload));
        }
        if (payload[0] == TEXT_SEPARATOR) {
            return request(payload);
        }
        throw new FrameException(Reason.BAD_HEADER,
                "neither a request (00 02/03 ..., |key id|...) nor a response (00 C8 ..., 200|..., 500|)");
    }

    private JsonObject request(byte[] payload) throws FrameException {
        // any key id is accepted: the frame is opened with the given key whatever id it names
        RequestFrame frame = new ServerFrameCodec(keyId -> key, limits).decodeRequest(payload);
        JsonObject out = new JsonObject();
        out.addProperty("format", frame.format().configValue());
        out.addProperty("key_id", frame.keyId());
        out.addProperty("call_id", frame.callId());
        out.add("body", redactKey(frame.body()));
        return out;
    }

    private static JsonObject response(FrameFormat format, ResponseFrame frame) {
        JsonObject out = new JsonObject();
        out.addProperty("format", format.configValue());
        out.addProperty("status", frame.dispatchFailed() ? STATUS_DISPATCH_FAILED : STATUS_OK);
        JsonElement body = frame.body();
        out.add("body", body == null ? JsonNull.INSTANCE : body);
        return out;
    }

    /** Replaces {@code params.k} of a request, or of each request of a batch (protocol.md §6.3). */
    private JsonElement redactKey(JsonElement body) {
        if (body instanceof JsonArray batch) {
            for (JsonElement request : batch) {
                redactKeyOfRequest(request);
            }
        } else {
            redactKeyOfRequest(body);
        }
        return body;
    }

    private void redactKeyOfRequest(JsonElement request) {
        if (request instanceof JsonObject object && object.get(PARAMS) instanceof JsonObject params
                && params.has(KEY_PARAM)) {
            boolean same = params.get(KEY_PARAM) instanceof JsonPrimitive k && k.isString()
                    && key.equals(k.getAsString());
            params.addProperty(KEY_PARAM, same ? K_SAME : K_OTHER);
        }
    }

    private static boolean startsWith(byte[] payload, byte[] prefix) {
        return payload.length >= prefix.length && Arrays.equals(payload, 0, prefix.length, prefix, 0, prefix.length);
    }
}
