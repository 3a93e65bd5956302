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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * The keys derived from one EVA ICS API key, computed once (protocol.md §7.1, §7.2, §10 step 1):
 * <ul>
 * <li>binary frames: {@code H = SHA-512(utf8(key))}, AES-256 key = HMAC-SHA256 key = {@code H[0:32]}</li>
 * <li>text frames: {@code F = SHA-256(utf8(key))}, Fernet signing key {@code F[0:16]}, encryption key
 * {@code F[16:32]}</li>
 * </ul>
 * Thread-safe and immutable. {@link #toString()} never shows key material.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class EvaKey {

    private static final int SHA512_HALF_BYTES = AesHmacCipher.KEY_BYTES;

    private final AesHmacCipher binary;
    private final Fernet fernet;

    private EvaKey(AesHmacCipher binary, Fernet fernet) {
        this.binary = binary;
        this.fernet = fernet;
    }

    /**
     * Derives all keys from the API key value (the secret, not the key id).
     */
    public static EvaKey derive(String apiKey) {
        byte[] h = sha512(apiKey);
        byte[] f = sha256(apiKey);
        try {
            return new EvaKey(new AesHmacCipher(Arrays.copyOf(h, SHA512_HALF_BYTES)), new Fernet(f));
        } finally {
            // the JCA key specs hold their own copies
            Arrays.fill(h, (byte) 0);
            Arrays.fill(f, (byte) 0);
        }
    }

    /** The AES-256-CBC + HMAC-SHA256 block cipher of binary frames. */
    public AesHmacCipher binary() {
        return binary;
    }

    /** The Fernet cipher of text frames. */
    public Fernet fernet() {
        return fernet;
    }

    /** {@code H = SHA-512(utf8(key))} (protocol.md §7.1). */
    static byte[] sha512(String apiKey) {
        return digest("SHA-512", apiKey);
    }

    /** {@code F = SHA-256(utf8(key))} (protocol.md §7.2). */
    static byte[] sha256(String apiKey) {
        return digest("SHA-256", apiKey);
    }

    private static byte[] digest(String algorithm, String apiKey) {
        try {
            return MessageDigest.getInstance(algorithm).digest(apiKey.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            // SHA-256 and SHA-512 are mandatory in every Java platform
            throw new IllegalStateException("JCA lacks " + algorithm, e);
        }
    }

    @Override
    public String toString() {
        return "EvaKey[***]";
    }
}
