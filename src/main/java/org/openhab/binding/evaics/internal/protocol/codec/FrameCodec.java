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

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.codec.FrameException.Reason;
import org.openhab.binding.evaics.internal.protocol.crypto.CryptoException;
import org.openhab.binding.evaics.internal.protocol.crypto.EvaKey;

import com.google.gson.JsonElement;

/**
 * Client side of the API frames for one controller and one key (protocol.md §4, §5, §7, §10 steps 1, 2 and 4): frames
 * JSON-RPC requests and opens the controller's answers.
 * <p>
 * Binary formats: {@code 00 02|03 <key id> 00 <block>} with block = AES-256-CBC + HMAC-SHA256 of
 * {@code request id | msgpack(request)} (the msgpack zlib-compressed for {@link FrameFormat#BINARY_COMPRESSED});
 * answers {@code 00 C8 <block>} of {@code msgpack(response)}, compressed when the request was. Text format:
 * {@code |<key id>|<Fernet token of "<call id>|<JSON>">}, answers {@code 200|<token of JSON>}. Either format may be
 * answered with the plain {@code 500|}.
 * <p>
 * Keys are derived once, in the constructor. Thread-safe; no method blocks. Neither {@link #toString()} nor any
 * exception message contains the API key.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class FrameCodec {

    private final String keyId;
    private final FrameFormat format;
    private final ProtocolLimits limits;
    private final EvaKey key;
    /** Everything in front of the encrypted block (binary) or of the token (text). */
    private final byte[] requestHeader;

    /**
     * @param keyId the key id sent in clear; must not be empty, must not contain 0x00 (binary) or '|' (text)
     * @param apiKey the API key value (the secret)
     * @throws IllegalArgumentException if the key id cannot be framed or the API key is empty
     */
    public FrameCodec(String keyId, String apiKey, FrameFormat format, ProtocolLimits limits) {
        if (keyId.isEmpty()) {
            throw new IllegalArgumentException("key id must not be empty");
        }
        if (apiKey.isEmpty()) {
            throw new IllegalArgumentException("API key must not be empty");
        }
        byte[] keyIdBytes = keyId.getBytes(StandardCharsets.UTF_8);
        if (format == FrameFormat.TEXT) {
            if (keyId.indexOf('|') >= 0) {
                throw new IllegalArgumentException("key id must not contain '|' in the text format");
            }
            requestHeader = new byte[keyIdBytes.length + 2];
            requestHeader[0] = Frames.TEXT_SEPARATOR;
            System.arraycopy(keyIdBytes, 0, requestHeader, 1, keyIdBytes.length);
            requestHeader[keyIdBytes.length + 1] = Frames.TEXT_SEPARATOR;
        } else {
            if (keyId.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("key id must not contain the character 0x00");
            }
            requestHeader = new byte[keyIdBytes.length + Frames.REQUEST_HEADER_BYTES];
            requestHeader[0] = Frames.BINARY_MARKER;
            requestHeader[1] = format == FrameFormat.BINARY_COMPRESSED ? Frames.ENCODING_ZLIB
                    : Frames.ENCODING_MSGPACK;
            System.arraycopy(keyIdBytes, 0, requestHeader, 2, keyIdBytes.length);
            requestHeader[requestHeader.length - 1] = Frames.KEY_ID_END;
        }
        this.keyId = keyId;
        this.format = format;
        this.limits = limits;
        this.key = EvaKey.derive(apiKey);
    }

    /**
     * Frames a request with a random IV.
     *
     * @param requestId 16 random bytes; {@link #callId(byte[])} gives the matching response topic level
     * @param request the complete JSON-RPC request (jsonrpc, method, params including {@code k}, id), or a batch: an
     *            array of such requests (protocol.md §6.3)
     * @throws IllegalArgumentException if the request id does not have 16 bytes, or the request holds numbers msgpack
     *             cannot carry (see {@link MsgPackJson})
     */
    public byte[] encodeRequest(byte[] requestId, JsonElement request) {
        return encodeRequest(requestId, request, null, 0);
    }

    /**
     * As {@link #encodeRequest(byte[], JsonElement)} with a chosen IV and (text format) Fernet timestamp, to reproduce
     * recorded frames. Never reuse an IV outside tests.
     *
     * @param iv 16 bytes, or null for a random IV (and the current time)
     */
    byte[] encodeRequest(byte[] requestId, JsonElement request, byte @Nullable [] iv, long fernetTimestamp) {
        if (requestId.length != Frames.REQUEST_ID_BYTES) {
            throw new IllegalArgumentException("request id must have " + Frames.REQUEST_ID_BYTES + " bytes");
        }
        if (format == FrameFormat.TEXT) {
            return encodeTextRequest(callId(requestId), request, iv, fernetTimestamp);
        }
        ByteSink plaintext = Frames.binaryPlaintext(requestId, request, format == FrameFormat.BINARY_COMPRESSED);
        return Frames.sealBinary(key, requestHeader, plaintext, iv);
    }

    /**
     * A text request with a free-form call id, as EVA's text format allows (protocol.md §5); for reproducing recorded
     * frames.
     */
    byte[] encodeTextRequest(String callId, JsonElement request, byte @Nullable [] iv, long fernetTimestamp) {
        if (format != FrameFormat.TEXT) {
            throw new IllegalStateException("not a text-format codec");
        }
        byte[] inner = (callId + "|" + EvaJson.write(request)).getBytes(StandardCharsets.UTF_8);
        byte[] token = iv == null ? key.fernet().encrypt(inner, 0, inner.length)
                : key.fernet().encrypt(inner, 0, inner.length, fernetTimestamp, iv);
        Arrays.fill(inner, (byte) 0);
        byte[] frame = Arrays.copyOf(requestHeader, requestHeader.length + token.length);
        System.arraycopy(token, 0, frame, requestHeader.length, token.length);
        return frame;
    }

    /** The response topic's last level for a request id: lowercase hex of all its bytes (protocol.md §4.2). */
    public static String callId(byte[] requestId) {
        return Frames.hex(requestId);
    }

    /**
     * Decodes an answer to a request sent by this codec.
     *
     * @return {@link ResponseFrame#dispatchFailure()} for the plain {@code 500|}, else the decrypted body
     * @throws FrameException for anything that is not an authentic, decodable answer in this codec's format
     */
    public ResponseFrame decodeResponse(byte[] payload) throws FrameException {
        Frames.checkSize(payload, limits);
        if (Frames.isDispatchFailure(payload)) {
            return ResponseFrame.dispatchFailure();
        }
        return format == FrameFormat.TEXT ? decodeTextResponse(payload) : decodeBinaryResponse(payload);
    }

    private ResponseFrame decodeBinaryResponse(byte[] payload) throws FrameException {
        if (payload.length == 0 || payload[0] != Frames.BINARY_MARKER) {
            throw new FrameException(Reason.BAD_HEADER, "not a binary frame");
        }
        if (payload.length < Frames.RESPONSE_HEADER_BYTES) {
            throw new FrameException(Reason.MALFORMED, "binary response without status byte");
        }
        if (payload[1] != Frames.STATUS_OK) {
            throw new FrameException(Reason.BAD_STATUS,
                    String.format("binary response status byte 0x%02x", payload[1] & 0xFF));
        }
        Frames.Plaintext plain = Frames.openBinary(key, payload, Frames.RESPONSE_HEADER_BYTES);
        return ResponseFrame.of(Frames.decodeBinaryBody(plain.bytes(), 0, plain.length(),
                format == FrameFormat.BINARY_COMPRESSED, limits));
    }

    private ResponseFrame decodeTextResponse(byte[] payload) throws FrameException {
        int sep = Frames.indexOf(payload, Frames.TEXT_SEPARATOR, 0);
        if (sep < 0 || payload[0] == Frames.BINARY_MARKER) {
            throw new FrameException(Reason.BAD_HEADER, "not a text response");
        }
        if (sep != Frames.TEXT_OK_PREFIX.length - 1
                || !Arrays.equals(payload, 0, sep + 1, Frames.TEXT_OK_PREFIX, 0, Frames.TEXT_OK_PREFIX.length)) {
            throw new FrameException(Reason.BAD_STATUS, "text response without status 200");
        }
        byte[] plain;
        try {
            plain = key.fernet().decrypt(payload, sep + 1, payload.length - sep - 1);
        } catch (CryptoException e) {
            throw Frames.fromCrypto(e);
        }
        String json = Utf8.decode(plain, 0, plain.length);
        if (json == null) {
            throw new FrameException(Reason.BAD_BODY, "text response is not valid UTF-8");
        }
        return ResponseFrame.of(EvaJson.read(json, limits.maxNestingDepth()));
    }

    public FrameFormat format() {
        return format;
    }

    public String keyId() {
        return keyId;
    }

    @Override
    public String toString() {
        return "FrameCodec[keyId=" + keyId + ", format=" + format.configValue() + "]";
    }
}
