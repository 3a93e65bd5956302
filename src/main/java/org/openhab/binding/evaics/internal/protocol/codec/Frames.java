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
import java.util.Objects;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.codec.FrameException.Reason;
import org.openhab.binding.evaics.internal.protocol.crypto.AesHmacCipher;
import org.openhab.binding.evaics.internal.protocol.crypto.CryptoException;
import org.openhab.binding.evaics.internal.protocol.crypto.EvaKey;

import com.google.gson.JsonElement;

/**
 * Frame layout constants and the steps client and server codecs share (protocol.md §4, §5, §7). Public for the
 * controller side of the frames ({@code internal.cli.ServerFrameCodec}), which lives outside the bundle, with the
 * command-line tool; the binding itself only uses {@link FrameCodec}.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class Frames {

    /** First byte of every binary frame (protocol.md §4.1, §4.3). */
    public static final byte BINARY_MARKER = 0x00;
    /** Separator after the key id of a binary request (protocol.md §4.1). */
    public static final byte KEY_ID_END = 0x00;
    /** Encoding byte of a plain binary request. */
    public static final byte ENCODING_MSGPACK = 0x02;
    /** Encoding byte of a compressed binary request; the only value the controller compares with (protocol.md §4.1). */
    public static final byte ENCODING_ZLIB = 0x03;
    /** Status byte of every binary response (protocol.md §4.3). */
    public static final byte STATUS_OK = (byte) 0xC8;
    /** Binary request header: marker, encoding byte, (key id), separator. */
    static final int REQUEST_HEADER_BYTES = 3;
    /** Binary response header: marker, status byte. */
    static final int RESPONSE_HEADER_BYTES = 2;
    /** Request id length in bytes (protocol.md §4.2). */
    public static final int REQUEST_ID_BYTES = 16;
    /** Text frame field separator (protocol.md §5). */
    public static final byte TEXT_SEPARATOR = '|';
    /** Prefix of a text response carrying a token (protocol.md §5). */
    static final byte[] TEXT_OK_PREFIX = "200|".getBytes(StandardCharsets.US_ASCII);
    /** The unencrypted dispatcher failure answer, also for binary requests (protocol.md §4.4). */
    static final byte[] DISPATCH_FAILURE = "500|".getBytes(StandardCharsets.US_ASCII);

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** First guess of a msgpack body's size in bytes; the sink grows as needed. */
    static final int INITIAL_BODY_BYTES = 256;

    private Frames() {
    }

    /** Lowercase hex of all bytes. */
    public static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }

    /**
     * @throws FrameException TOO_LARGE if the payload is larger than {@link ProtocolLimits#maxPayloadBytes()}
     */
    public static void checkSize(byte[] payload, ProtocolLimits limits) throws FrameException {
        if (payload.length > limits.maxPayloadBytes()) {
            throw new FrameException(Reason.TOO_LARGE,
                    "payload of " + payload.length + " bytes exceeds the limit of " + limits.maxPayloadBytes());
        }
    }

    static boolean isDispatchFailure(byte[] payload) {
        return Arrays.equals(payload, DISPATCH_FAILURE);
    }

    /** A copy of the plain {@code 500|} (protocol.md §4.4). */
    public static byte[] dispatchFailure() {
        return DISPATCH_FAILURE.clone();
    }

    /** A copy of {@code 200|}, the prefix of a text response (protocol.md §5). */
    public static byte[] textOkPrefix() {
        return TEXT_OK_PREFIX.clone();
    }

    /** The index of the first {@code b} in {@code data} at or after {@code from}, or -1. */
    public static int indexOf(byte[] data, byte b, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Strict UTF-8 decoding ({@link Utf8}): the string, or null if the bytes are not well-formed UTF-8. */
    public static @Nullable String utf8(byte[] data, int off, int len) {
        return Utf8.decode(data, off, len);
    }

    /** Whether the bytes are well-formed UTF-8 ({@link Utf8}). */
    public static boolean isUtf8(byte[] data, int off, int len) {
        return Utf8.isValid(data, off, len);
    }

    /** JSON text as EVA writes it ({@link EvaJson#write(JsonElement)}). */
    public static String writeJson(JsonElement value) {
        return EvaJson.write(value);
    }

    /**
     * Strict, depth-bounded JSON parsing ({@link EvaJson#read(String, int)}).
     *
     * @throws FrameException BAD_BODY for anything that is not strict JSON, NESTING_TOO_DEEP beyond maxDepth
     */
    public static JsonElement readJson(String text, int maxDepth) throws FrameException {
        return EvaJson.read(text, maxDepth);
    }

    /**
     * A binary frame: {@code header | IV | ciphertext | tag} of the plaintext {@code [requestId] msgpack(body)}, the
     * msgpack zlib-compressed if asked; a null IV means a random one. The plaintext is wiped.
     *
     * @throws IllegalArgumentException if the body holds numbers msgpack cannot carry
     */
    public static byte[] sealBinary(EvaKey key, byte[] header, byte @Nullable [] requestId, JsonElement body,
            boolean compressed, byte @Nullable [] iv) {
        return sealBinary(key, header, binaryPlaintext(requestId, body, compressed), iv);
    }

    /**
     * Builds the plaintext of a binary frame: optional request id, then msgpack(body), zlib-compressed if asked.
     * The caller wipes the returned sink after encrypting (the body may hold the API key, protocol.md §6.1).
     */
    static ByteSink binaryPlaintext(byte @Nullable [] requestId, JsonElement body, boolean compressed) {
        int prefix = requestId == null ? 0 : requestId.length;
        ByteSink msgpack = new ByteSink(prefix + INITIAL_BODY_BYTES);
        if (requestId != null) {
            msgpack.write(requestId, 0, requestId.length);
        }
        MsgPackJson.encodeTo(body, msgpack);
        if (!compressed) {
            return msgpack;
        }
        int bodyLen = msgpack.size() - prefix;
        ByteSink zlib = new ByteSink(prefix + bodyLen / 2 + INITIAL_BODY_BYTES);
        if (requestId != null) {
            zlib.write(requestId, 0, requestId.length);
        }
        Zlib.deflate(msgpack.array(), prefix, bodyLen, zlib);
        msgpack.wipe();
        return zlib;
    }

    /** Builds {@code header | IV | ciphertext | tag}; a null IV means a random one. Wipes the plaintext. */
    static byte[] sealBinary(EvaKey key, byte[] header, ByteSink plaintext, byte @Nullable [] iv) {
        AesHmacCipher cipher = key.binary();
        byte[] frame = new byte[header.length + AesHmacCipher.blockLength(plaintext.size())];
        System.arraycopy(header, 0, frame, 0, header.length);
        if (iv == null) {
            cipher.encrypt(plaintext.array(), 0, plaintext.size(), frame, header.length);
        } else {
            cipher.encrypt(plaintext.array(), 0, plaintext.size(), frame, header.length, iv);
        }
        plaintext.wipe();
        return frame;
    }

    /** Verifies and decrypts the encrypted block {@code payload[off ..]} (protocol.md §7.1). */
    public static Plaintext openBinary(EvaKey key, byte[] payload, int off) throws FrameException {
        int blockLen = payload.length - off;
        byte[] plain = new byte[AesHmacCipher.decryptBufferLength(blockLen)];
        try {
            int len = key.binary().decrypt(payload, off, blockLen, plain, 0);
            return new Plaintext(plain, len);
        } catch (CryptoException e) {
            throw fromCrypto(e);
        }
    }

    /** Decodes a binary body: inflate if compressed, then msgpack. */
    public static JsonElement decodeBinaryBody(byte[] data, int off, int len, boolean compressed, ProtocolLimits limits)
            throws FrameException {
        if (compressed) {
            byte[] inflated = Zlib.inflate(data, off, len, limits.maxInflatedBytes());
            try {
                return MsgPackJson.decode(inflated, limits.maxNestingDepth());
            } finally {
                // a request body holds the API key (protocol.md §6.1)
                Arrays.fill(inflated, (byte) 0);
            }
        }
        return MsgPackJson.decode(data, off, len, limits.maxNestingDepth());
    }

    /** The frame failure for a crypto failure: NOT_AUTHENTIC or MALFORMED. */
    public static FrameException fromCrypto(CryptoException e) {
        Reason reason = e.kind() == CryptoException.Kind.NOT_AUTHENTIC ? Reason.NOT_AUTHENTIC : Reason.MALFORMED;
        return new FrameException(reason, Objects.requireNonNullElse(e.getMessage(), reason.name()));
    }

    /** Decrypted bytes: the plaintext is {@code bytes[0 .. length)}. */
    public record Plaintext(byte[] bytes, int length) {
    }
}
