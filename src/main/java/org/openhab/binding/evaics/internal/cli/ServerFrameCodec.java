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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.codec.FrameException;
import org.openhab.binding.evaics.internal.protocol.codec.FrameException.Reason;
import org.openhab.binding.evaics.internal.protocol.codec.FrameFormat;
import org.openhab.binding.evaics.internal.protocol.codec.Frames;
import org.openhab.binding.evaics.internal.protocol.crypto.CryptoException;
import org.openhab.binding.evaics.internal.protocol.crypto.EvaKey;

import com.google.gson.JsonElement;

/**
 * Controller side of the API frames (protocol.md §4.1, §4.3, §4.4, §5, §7), for the CLI's decoder and the test
 * simulator; it is not part of the binding's bundle (a client never decodes requests). Reads
 * requests the way EVA's controller does:
 * <ol>
 * <li>a payload is binary only if its first byte is 0x00; anything else must be UTF-8 text starting with '|'
 * (protocol.md §4.1 step 1, §5);</li>
 * <li>binary: the encoding byte is only compared with 0x03 (compressed); any other value means plain msgpack
 * (step 2);</li>
 * <li>binary: the payload is split at its first two 0x00 bytes; between them are the encoding byte and the key id; the
 * encrypted block is everything after the second 0x00 and may contain 0x00 itself (step 3);</li>
 * <li>the key id is looked up, the block verified (MAC first, in constant time) and decrypted (step 4, protocol.md
 * §7.1);</li>
 * <li>the first 16 plaintext bytes are the request id, the rest is inflated if compressed and msgpack-decoded
 * (step 5).</li>
 * </ol>
 * Answers use the request's format, compression and key (protocol.md §3, §4.3). Derived keys are cached per key id and
 * re-derived when the lookup starts returning a different key. Thread-safe.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class ServerFrameCodec {

    /** Most derived keys kept; beyond it the cache starts over (a controller has a handful of keys). */
    private static final int MAX_CACHED_KEYS = 64;

    private final Function<String, @Nullable String> keyLookup;
    private final ProtocolLimits limits;
    private final Map<String, CachedKey> keys = new ConcurrentHashMap<>();

    /**
     * @param keyLookup gives the API key value for a key id, or null if the id is unknown
     */
    public ServerFrameCodec(Function<String, @Nullable String> keyLookup, ProtocolLimits limits) {
        this.keyLookup = keyLookup;
        this.limits = limits;
    }

    /**
     * @throws FrameException for anything the controller would not dispatch (it stays silent on all of these,
     *             protocol.md §4.4)
     */
    public RequestFrame decodeRequest(byte[] payload) throws FrameException {
        Frames.checkSize(payload, limits);
        if (payload.length == 0) {
            throw new FrameException(Reason.BAD_HEADER, "empty payload");
        }
        return payload[0] == Frames.BINARY_MARKER ? decodeBinaryRequest(payload) : decodeTextRequest(payload);
    }

    private RequestFrame decodeBinaryRequest(byte[] payload) throws FrameException {
        // byte 1 is the encoding byte; a 0x00 there would itself be the second separator and leave no key id
        int sep = payload.length > 1 && payload[1] != Frames.KEY_ID_END
                ? Frames.indexOf(payload, Frames.KEY_ID_END, 2)
                : -1;
        if (sep < 0) {
            throw new FrameException(Reason.MALFORMED, "binary request without key id separator");
        }
        boolean compressed = payload[1] == Frames.ENCODING_ZLIB;
        String keyId = Frames.utf8(payload, 2, sep - 2);
        if (keyId == null) {
            throw new FrameException(Reason.MALFORMED, "key id is not valid UTF-8");
        }
        EvaKey key = requireKey(keyId);
        Frames.Plaintext plain = Frames.openBinary(key, payload, sep + 1);
        try {
            if (plain.length() < Frames.REQUEST_ID_BYTES) {
                throw new FrameException(Reason.MALFORMED, "plaintext shorter than the request id");
            }
            byte[] requestId = Arrays.copyOf(plain.bytes(), Frames.REQUEST_ID_BYTES);
            JsonElement body = Frames.decodeBinaryBody(plain.bytes(), Frames.REQUEST_ID_BYTES,
                    plain.length() - Frames.REQUEST_ID_BYTES, compressed, limits);
            return new RequestFrame(compressed ? FrameFormat.BINARY_COMPRESSED : FrameFormat.BINARY, keyId,
                    Frames.hex(requestId), requestId, body);
        } finally {
            // the plaintext holds the API key in the params (protocol.md §6.1)
            Arrays.fill(plain.bytes(), (byte) 0);
        }
    }

    private RequestFrame decodeTextRequest(byte[] payload) throws FrameException {
        if (payload[0] != Frames.TEXT_SEPARATOR || !Frames.isUtf8(payload, 0, payload.length)) {
            throw new FrameException(Reason.BAD_HEADER, "neither a binary frame nor text starting with '|'");
        }
        int sep = Frames.indexOf(payload, Frames.TEXT_SEPARATOR, 1);
        if (sep < 0) {
            throw new FrameException(Reason.MALFORMED, "text request without key id separator");
        }
        String keyId = new String(payload, 1, sep - 1, StandardCharsets.UTF_8);
        EvaKey key = requireKey(keyId);
        byte[] inner;
        try {
            inner = key.fernet().decrypt(payload, sep + 1, payload.length - sep - 1);
        } catch (CryptoException e) {
            throw Frames.fromCrypto(e);
        }
        try {
            String text = Frames.utf8(inner, 0, inner.length);
            if (text == null) {
                throw new FrameException(Reason.BAD_BODY, "text request is not valid UTF-8");
            }
            int callEnd = text.indexOf('|');
            if (callEnd < 0) {
                throw new FrameException(Reason.MALFORMED, "text request without call id separator");
            }
            String callId = text.substring(0, callEnd);
            JsonElement body = Frames.readJson(text.substring(callEnd + 1), limits.maxNestingDepth());
            return new RequestFrame(FrameFormat.TEXT, keyId, callId, callId.getBytes(StandardCharsets.UTF_8), body);
        } finally {
            Arrays.fill(inner, (byte) 0);
        }
    }

    /**
     * Frames an answer in the request's format, with its compression and key, and a random IV.
     *
     * @param response the JSON-RPC response object, a batch array, or {@code JsonNull}
     * @throws IllegalArgumentException if the request's key id is no longer known, or the response holds numbers
     *             msgpack cannot carry
     */
    public byte[] encodeResponse(RequestFrame request, JsonElement response) {
        return encodeResponse(request, response, null, 0);
    }

    /**
     * As {@link #encodeResponse(RequestFrame, JsonElement)} with a chosen IV and (text) Fernet timestamp, to reproduce
     * recorded frames. Never reuse an IV outside tests.
     */
    public byte[] encodeResponse(RequestFrame request, JsonElement response, byte @Nullable [] iv,
            long fernetTimestamp) {
        EvaKey key = keyFor(request.keyId());
        if (key == null) {
            throw new IllegalArgumentException("key id '" + request.keyId() + "' is no longer known");
        }
        if (request.format() == FrameFormat.TEXT) {
            byte[] json = Frames.writeJson(response).getBytes(StandardCharsets.US_ASCII);
            byte[] token = iv == null ? key.fernet().encrypt(json, 0, json.length)
                    : key.fernet().encrypt(json, 0, json.length, fernetTimestamp, iv);
            byte[] prefix = Frames.textOkPrefix();
            byte[] frame = Arrays.copyOf(prefix, prefix.length + token.length);
            System.arraycopy(token, 0, frame, prefix.length, token.length);
            return frame;
        }
        return Frames.sealBinary(key, new byte[] { Frames.BINARY_MARKER, Frames.STATUS_OK }, null, response,
                request.format() == FrameFormat.BINARY_COMPRESSED, iv);
    }

    /** The plain, unencrypted {@code 500|} (4 bytes) the controller sends when dispatching fails (protocol.md §4.4). */
    public static byte[] dispatchFailure() {
        return Frames.dispatchFailure();
    }

    private EvaKey requireKey(String keyId) throws FrameException {
        EvaKey key = keyFor(keyId);
        if (key == null) {
            throw new FrameException(Reason.UNKNOWN_KEY_ID, "unknown key id");
        }
        return key;
    }

    private @Nullable EvaKey keyFor(String keyId) {
        String apiKey = keyLookup.apply(keyId);
        if (apiKey == null) {
            keys.remove(keyId);
            return null;
        }
        CachedKey cached = keys.get(keyId);
        if (cached != null && cached.apiKey().equals(apiKey)) {
            return cached.key();
        }
        EvaKey key = EvaKey.derive(apiKey);
        if (keys.size() >= MAX_CACHED_KEYS) {
            keys.clear();
        }
        keys.put(keyId, new CachedKey(apiKey, key));
        return key;
    }

    @Override
    public String toString() {
        return "ServerFrameCodec[" + keys.size() + " cached keys]";
    }

    private record CachedKey(String apiKey, EvaKey key) {
        @Override
        public String toString() {
            return "CachedKey[***]";
        }
    }
}
