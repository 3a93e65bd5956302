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
package org.openhab.binding.evaics.internal.protocol.crypto;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;

/**
 * Rules of the binary frames' encrypted block (protocol.md §7.1).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class AesHmacCipherTest {

    private static final String API_KEY = "Xb7pQ2mK9vL4sT8wR1zN6cY3hJ5fD0gA";
    private final AesHmacCipher cipher = EvaKey.derive(API_KEY).binary();

    private byte[] encrypt(byte[] plaintext) {
        byte[] block = new byte[AesHmacCipher.blockLength(plaintext.length)];
        cipher.encrypt(plaintext, 0, plaintext.length, block, 0);
        return block;
    }

    private byte[] decrypt(byte[] block) throws CryptoException {
        byte[] out = new byte[AesHmacCipher.decryptBufferLength(block.length)];
        int n = cipher.decrypt(block, 0, block.length, out, 0);
        return Arrays.copyOf(out, n);
    }

    @Test
    void roundTripsEveryLengthAroundTheBlockSize() throws CryptoException {
        for (int len = 0; len <= 48; len++) {
            byte[] p = new byte[len];
            Arrays.fill(p, (byte) len);
            byte[] block = encrypt(p);
            // PKCS#7 always adds 1..16 bytes
            assertEquals(16 + (len / 16 + 1) * 16 + 32, block.length);
            assertArrayEquals(p, decrypt(block));
        }
    }

    @Test
    void ivIsRandomPerMessage() {
        byte[] p = "same".getBytes(StandardCharsets.UTF_8);
        assertFalse(Arrays.equals(Arrays.copyOf(encrypt(p), 16), Arrays.copyOf(encrypt(p), 16)));
    }

    @Test
    void worksWithOffsetsOnBothSides() throws CryptoException {
        byte[] in = "xxhello worldyy".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[5 + AesHmacCipher.blockLength(11)];
        int n = cipher.encrypt(in, 2, 11, out, 5);
        assertEquals(out.length - 5, n);
        byte[] plain = new byte[3 + AesHmacCipher.decryptBufferLength(n)];
        int len = cipher.decrypt(out, 5, n, plain, 3);
        assertEquals("hello world", new String(plain, 3, len, StandardCharsets.US_ASCII));
    }

    @Test
    void blockShorterThan64BytesIsMalformed() {
        CryptoException e = assertThrows(CryptoException.class, () -> decrypt(new byte[48]));
        assertEquals(CryptoException.Kind.MALFORMED, e.kind());
    }

    @Test
    void ciphertextNotAMultipleOf16IsMalformed() {
        byte[] block = encrypt(new byte[20]);
        CryptoException e = assertThrows(CryptoException.class, () -> decrypt(Arrays.copyOf(block, block.length - 1)));
        assertEquals(CryptoException.Kind.MALFORMED, e.kind());
    }

    @Test
    void flippedBitAnywhereIsNotAuthentic() {
        byte[] block = encrypt("payload".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < block.length; i++) {
            byte[] t = block.clone();
            t[i] ^= 0x01;
            CryptoException e = assertThrows(CryptoException.class, () -> decrypt(t), "byte " + i);
            assertEquals(CryptoException.Kind.NOT_AUTHENTIC, e.kind());
        }
    }

    @Test
    void blockTruncatedByWholeBlocksIsNotAuthentic() {
        byte[] block = encrypt(new byte[40]);
        CryptoException e = assertThrows(CryptoException.class,
                () -> decrypt(Arrays.copyOf(block, block.length - 16)));
        assertEquals(CryptoException.Kind.NOT_AUTHENTIC, e.kind());
    }

    @Test
    void otherKeyIsNotAuthentic() {
        byte[] block = encryptWith("another key");
        CryptoException e = assertThrows(CryptoException.class, () -> decrypt(block));
        assertEquals(CryptoException.Kind.NOT_AUTHENTIC, e.kind());
    }

    private static byte[] encryptWith(String apiKey) {
        byte[] block = new byte[64];
        EvaKey.derive(apiKey).binary().encrypt(new byte[3], 0, 3, block, 0);
        return block;
    }

    @Test
    void badPaddingBehindAValidMacIsMalformed() throws Exception {
        // an authentic block whose last plaintext byte is 0x00: only a sender bug produces this
        byte[] key = Arrays.copyOf(EvaKey.sha512(API_KEY), 32);
        byte[] iv = new byte[16];
        Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        byte[] ct = aes.doFinal(new byte[16]);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update(iv);
        byte[] tag = mac.doFinal(ct);
        byte[] block = new byte[64];
        System.arraycopy(ct, 0, block, 16, 16);
        System.arraycopy(tag, 0, block, 32, 32);
        CryptoException e = assertThrows(CryptoException.class, () -> decrypt(block));
        assertEquals(CryptoException.Kind.MALFORMED, e.kind());
    }

    @Test
    void macIsCheckedBeforeThePadding() {
        // garbage of a valid length: bad MAC and (almost surely) bad padding; the MAC verdict must win
        byte[] block = new byte[80];
        Arrays.fill(block, (byte) 0x5A);
        CryptoException e = assertThrows(CryptoException.class, () -> decrypt(block));
        assertEquals(CryptoException.Kind.NOT_AUTHENTIC, e.kind());
    }

    @Test
    void toStringAndMessagesHoldNoKeyMaterial() {
        String hexKey = java.util.HexFormat.of().formatHex(Arrays.copyOf(EvaKey.sha512(API_KEY), 32));
        EvaKey k = EvaKey.derive(API_KEY);
        for (String s : new String[] { k.toString(), k.binary().toString(), k.fernet().toString() }) {
            assertFalse(s.contains(API_KEY) || s.contains(hexKey), s);
        }
        CryptoException e = assertThrows(CryptoException.class, () -> decrypt(new byte[64]));
        assertFalse(String.valueOf(e.getMessage()).contains(hexKey));
    }
}
