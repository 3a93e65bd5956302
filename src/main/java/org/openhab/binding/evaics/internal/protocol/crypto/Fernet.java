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

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Fernet tokens as used by the legacy text frames (protocol.md §5, §7.2): {@code 0x80 | timestamp(8, big-endian
 * seconds) | IV(16) | AES-128-CBC(PKCS#7) | HMAC-SHA256(32)}, base64url with padding. Signing key = {@code
 * SHA-256(key)[0:16]}, encryption key = {@code SHA-256(key)[16:32]}.
 * <p>
 * Like EVA, tokens are accepted without a TTL: the timestamp is not checked (protocol.md §7.2). Thread-safe (engines
 * per thread, as in {@link AesHmacCipher}).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class Fernet {

    /** The only token version. */
    public static final byte VERSION = (byte) 0x80;
    /** Length in bytes of each of the two Fernet keys. */
    public static final int HALF_KEY_BYTES = 16;

    private static final int TIMESTAMP_BYTES = 8;
    private static final int IV_BYTES = 16;
    private static final int TAG_BYTES = 32;
    private static final int HEADER_BYTES = 1 + TIMESTAMP_BYTES + IV_BYTES;
    private static final int MIN_TOKEN_BYTES = HEADER_BYTES + Pkcs7.BLOCK_BYTES + TAG_BYTES;

    private static final String AES_PADDED = "AES/CBC/PKCS5Padding";
    private static final String AES_UNPADDED = "AES/CBC/NoPadding";
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec signingKey;
    private final SecretKeySpec encryptionKey;
    private final ThreadLocal<Engines> engines = ThreadLocal.withInitial(this::newEngines);

    /**
     * @param key the 32 bytes {@code SHA-256(api key)}; copied
     */
    Fernet(byte[] key) {
        if (key.length != 2 * HALF_KEY_BYTES) {
            throw new IllegalArgumentException("Fernet key must have " + 2 * HALF_KEY_BYTES + " bytes");
        }
        this.signingKey = new SecretKeySpec(key, 0, HALF_KEY_BYTES, HMAC);
        this.encryptionKey = new SecretKeySpec(key, HALF_KEY_BYTES, HALF_KEY_BYTES, "AES");
    }

    /**
     * Encrypts with the current time and a random IV.
     *
     * @return the token as ASCII bytes (base64url with padding)
     */
    public byte[] encrypt(byte[] plaintext, int off, int len) {
        byte[] iv = new byte[IV_BYTES];
        SecureRandomHolder.RANDOM.nextBytes(iv);
        return encrypt(plaintext, off, len, Instant.now().getEpochSecond(), iv);
    }

    /**
     * Encrypts with the given timestamp and IV (for reproducible vectors only; never repeat an IV).
     *
     * @return the token as ASCII bytes (base64url with padding)
     */
    public byte[] encrypt(byte[] plaintext, int off, int len, long timestampSeconds, byte[] iv) {
        if (iv.length != IV_BYTES) {
            throw new IllegalArgumentException("IV must have " + IV_BYTES + " bytes");
        }
        int ctLen = (len / Pkcs7.BLOCK_BYTES + 1) * Pkcs7.BLOCK_BYTES;
        byte[] raw = new byte[HEADER_BYTES + ctLen + TAG_BYTES];
        raw[0] = VERSION;
        for (int i = 0; i < TIMESTAMP_BYTES; i++) {
            raw[1 + i] = (byte) (timestampSeconds >>> (8 * (TIMESTAMP_BYTES - 1 - i)));
        }
        System.arraycopy(iv, 0, raw, 1 + TIMESTAMP_BYTES, IV_BYTES);
        Engines e = engines.get();
        try {
            e.encrypt.init(Cipher.ENCRYPT_MODE, encryptionKey, new IvParameterSpec(iv));
            int n = e.encrypt.doFinal(plaintext, off, len, raw, HEADER_BYTES);
            e.mac.update(raw, 0, HEADER_BYTES + n);
            e.mac.doFinal(raw, HEADER_BYTES + n);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Fernet encryption failed: " + ex.getClass().getSimpleName(), ex);
        }
        return Base64.getUrlEncoder().encode(raw);
    }

    /**
     * Verifies and decrypts a token. The MAC is compared in constant time before anything is decrypted.
     *
     * @param token ASCII bytes of the base64url token (padding optional)
     * @return the plaintext
     * @throws CryptoException if the token is not base64url, too short, has a wrong version or length, or its MAC or
     *             padding does not match
     */
    public byte[] decrypt(byte[] token, int off, int len) throws CryptoException {
        byte[] raw;
        try {
            ByteBuffer decoded = Base64.getUrlDecoder().decode(ByteBuffer.wrap(token, off, len));
            raw = new byte[decoded.remaining()];
            decoded.get(raw);
        } catch (IllegalArgumentException ex) {
            throw new CryptoException(CryptoException.Kind.MALFORMED, "Fernet token is not base64url");
        }
        if (raw.length < MIN_TOKEN_BYTES || (raw.length - HEADER_BYTES - TAG_BYTES) % Pkcs7.BLOCK_BYTES != 0) {
            throw new CryptoException(CryptoException.Kind.MALFORMED, "Fernet token has an invalid length");
        }
        if (raw[0] != VERSION) {
            throw new CryptoException(CryptoException.Kind.MALFORMED, "Fernet token has an unknown version");
        }
        int macOff = raw.length - TAG_BYTES;
        Engines e = engines.get();
        e.mac.update(raw, 0, macOff);
        byte[] expected = e.mac.doFinal();
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(raw, macOff, raw.length))) {
            throw new CryptoException(CryptoException.Kind.NOT_AUTHENTIC, "Fernet HMAC mismatch");
        }
        try {
            e.decrypt.init(Cipher.DECRYPT_MODE, encryptionKey, new IvParameterSpec(raw, 1 + TIMESTAMP_BYTES, IV_BYTES));
            // decrypt in place: the header stays, the padded plaintext overwrites the ciphertext
            int n = e.decrypt.doFinal(raw, HEADER_BYTES, macOff - HEADER_BYTES, raw, HEADER_BYTES);
            int plainLen = Pkcs7.unpaddedLength(raw, HEADER_BYTES, n);
            return Arrays.copyOfRange(raw, HEADER_BYTES, HEADER_BYTES + plainLen);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Fernet decryption failed: " + ex.getClass().getSimpleName(), ex);
        }
    }

    private Engines newEngines() {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(signingKey);
            return new Engines(Cipher.getInstance(AES_PADDED), Cipher.getInstance(AES_UNPADDED), mac);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("JCA lacks AES-CBC or HmacSHA256: " + ex.getClass().getSimpleName(), ex);
        }
    }

    @Override
    public String toString() {
        return "Fernet[AES-128-CBC+HMAC-SHA256]";
    }

    private record Engines(Cipher encrypt, Cipher decrypt, Mac mac) {
    }
}
