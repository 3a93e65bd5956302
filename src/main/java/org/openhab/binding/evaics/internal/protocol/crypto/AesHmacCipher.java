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

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * The encrypted block of EVA ICS binary frames (protocol.md §7.1): {@code IV(16) | AES-256-CBC(PKCS#7) |
 * HMAC-SHA256(32)}, where the MAC covers IV and ciphertext and AES and HMAC use the same 32 key bytes.
 * <p>
 * Thread-safe. Each thread gets its own initialised {@link Cipher} and {@link Mac} instances (JCA engines are not
 * thread-safe, and creating or keying them per message costs more than the cryptography of a typical frame). All
 * methods work on caller-supplied arrays and offsets so that frames are built and opened without extra copies.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class AesHmacCipher {

    /** IV length in bytes. */
    public static final int IV_BYTES = 16;
    /** HMAC-SHA256 tag length in bytes. */
    public static final int TAG_BYTES = 32;
    /** AES block length in bytes. */
    public static final int AES_BLOCK_BYTES = Pkcs7.BLOCK_BYTES;
    /** Shortest valid block in bytes: IV, one cipher block, tag (protocol.md §7.1 step 1). */
    public static final int MIN_BLOCK_BYTES = IV_BYTES + AES_BLOCK_BYTES + TAG_BYTES;
    /** Key length in bytes (AES-256, and the same bytes for HMAC-SHA256). */
    public static final int KEY_BYTES = 32;

    private static final String AES_PADDED = "AES/CBC/PKCS5Padding";
    private static final String AES_UNPADDED = "AES/CBC/NoPadding";
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec aesKey;
    private final SecretKeySpec macKey;
    private final ThreadLocal<Engines> engines = ThreadLocal.withInitial(this::newEngines);

    /**
     * @param key the 32 key bytes ({@code SHA-512(api key)[0:32]}); copied
     */
    AesHmacCipher(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("key must have " + KEY_BYTES + " bytes");
        }
        this.aesKey = new SecretKeySpec(key, "AES");
        this.macKey = new SecretKeySpec(key, HMAC);
    }

    /** Length in bytes of the block that {@link #encrypt} writes for a plaintext of the given length. */
    public static int blockLength(int plaintextLength) {
        return IV_BYTES + paddedLength(plaintextLength) + TAG_BYTES;
    }

    /**
     * Length in bytes of the output buffer {@link #decrypt} needs for a block of the given length (the padded
     * plaintext; the unpadded plaintext is shorter).
     */
    public static int decryptBufferLength(int blockLength) {
        return Math.max(0, blockLength - IV_BYTES - TAG_BYTES);
    }

    /**
     * Encrypts with a fresh random IV.
     *
     * @return the number of bytes written to {@code out}: {@link #blockLength(int) blockLength(inLen)}
     */
    public int encrypt(byte[] in, int inOff, int inLen, byte[] out, int outOff) {
        byte[] iv = new byte[IV_BYTES];
        SecureRandomHolder.RANDOM.nextBytes(iv);
        return encrypt(in, inOff, inLen, out, outOff, iv);
    }

    /**
     * Encrypts with the given IV. Only tests and reproducible vectors should choose the IV; a repeated IV leaks
     * plaintext relations.
     *
     * @return the number of bytes written to {@code out}
     */
    public int encrypt(byte[] in, int inOff, int inLen, byte[] out, int outOff, byte[] iv) {
        if (iv.length != IV_BYTES) {
            throw new IllegalArgumentException("IV must have " + IV_BYTES + " bytes");
        }
        Engines e = engines.get();
        try {
            e.encrypt.init(Cipher.ENCRYPT_MODE, aesKey, new IvParameterSpec(iv));
            System.arraycopy(iv, 0, out, outOff, IV_BYTES);
            int ctLen = e.encrypt.doFinal(in, inOff, inLen, out, outOff + IV_BYTES);
            e.mac.update(out, outOff, IV_BYTES + ctLen);
            e.mac.doFinal(out, outOff + IV_BYTES + ctLen);
            return IV_BYTES + ctLen + TAG_BYTES;
        } catch (GeneralSecurityException ex) {
            // only reachable with a broken JCA provider or a too small output buffer (a caller bug)
            throw new IllegalStateException("AES-CBC/HMAC encryption failed: " + ex.getClass().getSimpleName(), ex);
        }
    }

    /**
     * Verifies and decrypts a block (protocol.md §7.1 decryption steps 1 to 4): length check, HMAC compared in constant
     * time before anything is decrypted, AES-256-CBC, PKCS#7 check.
     *
     * @param out receives the plaintext at {@code outOff}; needs {@link #decryptBufferLength(int)} free bytes
     * @return the plaintext length
     * @throws CryptoException if the block has an impossible length, its MAC does not match or the padding is wrong
     */
    public int decrypt(byte[] in, int off, int len, byte[] out, int outOff) throws CryptoException {
        if (len < MIN_BLOCK_BYTES || (len - IV_BYTES - TAG_BYTES) % AES_BLOCK_BYTES != 0) {
            throw new CryptoException(CryptoException.Kind.MALFORMED, "encrypted block has an invalid length " + len);
        }
        int ctLen = len - IV_BYTES - TAG_BYTES;
        Engines e = engines.get();
        e.mac.update(in, off, IV_BYTES + ctLen);
        byte[] expected = e.mac.doFinal();
        byte[] received = Arrays.copyOfRange(in, off + IV_BYTES + ctLen, off + len);
        if (!MessageDigest.isEqual(expected, received)) {
            throw new CryptoException(CryptoException.Kind.NOT_AUTHENTIC, "HMAC mismatch");
        }
        try {
            e.decrypt.init(Cipher.DECRYPT_MODE, aesKey, new IvParameterSpec(in, off, IV_BYTES));
            int n = e.decrypt.doFinal(in, off + IV_BYTES, ctLen, out, outOff);
            return Pkcs7.unpaddedLength(out, outOff, n);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES-CBC decryption failed: " + ex.getClass().getSimpleName(), ex);
        }
    }

    private static int paddedLength(int plaintextLength) {
        return (plaintextLength / AES_BLOCK_BYTES + 1) * AES_BLOCK_BYTES;
    }

    private Engines newEngines() {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(macKey);
            return new Engines(Cipher.getInstance(AES_PADDED), Cipher.getInstance(AES_UNPADDED), mac);
        } catch (GeneralSecurityException ex) {
            // AES-CBC and HmacSHA256 are mandatory in every Java platform
            throw new IllegalStateException("JCA lacks AES-CBC or HmacSHA256: " + ex.getClass().getSimpleName(), ex);
        }
    }

    @Override
    public String toString() {
        return "AesHmacCipher[AES-256-CBC+HMAC-SHA256]";
    }

    private record Engines(Cipher encrypt, Cipher decrypt, Mac mac) {
    }
}
