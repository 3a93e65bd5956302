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
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.internal.cli.ServerFrameCodec;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.crypto.AesHmacCipher;
import org.openhab.binding.evaics.internal.protocol.crypto.EvaKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import com.google.gson.JsonObject;

/**
 * JMH benchmarks of the binary frame crypto (issue 5, item 5; protocol.md §4.1, §7.1), per operation = seal one frame
 * and open it again, for a plaintext of {@link #size} bytes.
 * <ul>
 * <li>{@link #frame}: the frame layer on given bytes, exactly the code {@link FrameCodec} and
 * {@link ServerFrameCodec} run around the cipher: the plaintext in a {@link ByteSink} (where the msgpack encoder
 * would have put it), {@link Frames#sealBinary} (header, random IV, AES-256-CBC, HMAC-SHA256 into the frame array,
 * plaintext wiped), then {@link Frames#openBinary} (length check, HMAC verified in constant time, AES decrypt,
 * PKCS#7 check). No msgpack, so that it compares with the bare JCA figure below.</li>
 * <li>{@link #jca}: the least JCA code that does the same cryptography: pre-initialised {@link Cipher} and
 * {@link Mac} objects, a random IV, {@code AES/CBC/PKCS5Padding} encrypt, HMAC over IV and ciphertext, then
 * HMAC recomputed and compared, and decrypt.</li>
 * <li>{@link #codecRequest}: for context only, the whole request path with JSON: {@link FrameCodec#encodeRequest}
 * (msgpack + seal) and {@link ServerFrameCodec#decodeRequest} (open + msgpack) of a request whose plaintext is about
 * {@link #size} bytes.</li>
 * </ul>
 * Lives in the codec package because the frame layer's sealing and opening are package-private.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FrameCryptoBenchmark {

    private static final String KEY_ID = "default";
    private static final String API_KEY = "bench-crypto-key-0123456789abcdef";
    private static final String AES = "AES/CBC/PKCS5Padding";
    private static final String HMAC = "HmacSHA256";
    private static final int IV_BYTES = AesHmacCipher.IV_BYTES;
    private static final int TAG_BYTES = AesHmacCipher.TAG_BYTES;
    private static final int REQUEST_ID_BYTES = 16;
    /** msgpack and JSON-RPC framing around the {@code v} param of {@link #codecRequest}. */
    private static final int REQUEST_OVERHEAD_BYTES = 120;
    private static final long SEED = 5;

    /** Plaintext bytes: 200 B (a typical call) and 20 KiB (a large answer). */
    @Param({ "200", "20480" })
    public int size;

    private byte[] plaintext = new byte[0];
    private EvaKey key = EvaKey.derive(API_KEY);
    private byte[] header = new byte[0];
    private SecretKeySpec aesKey = new SecretKeySpec(new byte[AesHmacCipher.KEY_BYTES], "AES");
    private Cipher encrypt = newCipher();
    private Cipher decrypt = newCipher();
    private Mac mac = newMac();
    private final SecureRandom random = new SecureRandom();
    private FrameCodec client = new FrameCodec(KEY_ID, API_KEY, FrameFormat.BINARY, ProtocolLimits.defaults());
    private ServerFrameCodec server = new ServerFrameCodec(id -> API_KEY, ProtocolLimits.defaults());
    private JsonObject request = new JsonObject();
    private byte[] requestId = new byte[REQUEST_ID_BYTES];

    @Setup
    public void setUp() throws GeneralSecurityException {
        Random content = new Random(SEED);
        plaintext = new byte[size];
        content.nextBytes(plaintext);
        key = EvaKey.derive(API_KEY);
        byte[] keyId = KEY_ID.getBytes(StandardCharsets.UTF_8);
        header = new byte[keyId.length + Frames.REQUEST_HEADER_BYTES];
        header[0] = Frames.BINARY_MARKER;
        header[1] = Frames.ENCODING_MSGPACK;
        System.arraycopy(keyId, 0, header, 2, keyId.length);
        header[header.length - 1] = Frames.KEY_ID_END;
        byte[] keyBytes = Arrays.copyOf(MessageDigest.getInstance("SHA-512")
                .digest(API_KEY.getBytes(StandardCharsets.UTF_8)), AesHmacCipher.KEY_BYTES);
        aesKey = new SecretKeySpec(keyBytes, "AES");
        mac.init(new SecretKeySpec(keyBytes, HMAC));
        content.nextBytes(requestId);
        JsonObject params = new JsonObject();
        params.addProperty("i", "unit:bench/lamp1");
        params.addProperty("v", "x".repeat(Math.max(1, size - REQUEST_OVERHEAD_BYTES)));
        params.addProperty("k", API_KEY);
        request = new JsonObject();
        request.addProperty("jsonrpc", "2.0");
        request.addProperty("method", "action");
        request.add("params", params);
        request.addProperty("id", "6f1c2a8e-5d0b-4c6e-9a57-2b1f0e3d4c5a");
    }

    @Benchmark
    public int frame() throws FrameException {
        ByteSink sink = new ByteSink(size);
        sink.write(plaintext, 0, size);
        byte[] sealed = Frames.sealBinary(key, header, sink, null);
        return Frames.openBinary(key, sealed, header.length).length();
    }

    @Benchmark
    public int jca() throws GeneralSecurityException {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        encrypt.init(Cipher.ENCRYPT_MODE, aesKey, new IvParameterSpec(iv));
        byte[] block = new byte[IV_BYTES + encrypt.getOutputSize(size) + TAG_BYTES];
        System.arraycopy(iv, 0, block, 0, IV_BYTES);
        int ctLen = encrypt.doFinal(plaintext, 0, size, block, IV_BYTES);
        mac.update(block, 0, IV_BYTES + ctLen);
        mac.doFinal(block, IV_BYTES + ctLen);
        // the receiving side: verify, then decrypt
        mac.update(block, 0, IV_BYTES + ctLen);
        byte[] expected = mac.doFinal();
        int tagAt = IV_BYTES + ctLen;
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(block, tagAt, tagAt + TAG_BYTES))) {
            throw new IllegalStateException("MAC mismatch");
        }
        decrypt.init(Cipher.DECRYPT_MODE, aesKey, new IvParameterSpec(block, 0, IV_BYTES));
        return decrypt.doFinal(block, IV_BYTES, ctLen).length;
    }

    @Benchmark
    public Object codecRequest() throws FrameException {
        return server.decodeRequest(client.encodeRequest(requestId, request));
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(AES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Mac newMac() {
        try {
            return Mac.getInstance(HMAC);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
