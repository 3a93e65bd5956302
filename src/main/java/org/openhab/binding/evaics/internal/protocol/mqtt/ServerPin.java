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
package org.openhab.binding.evaics.internal.protocol.mqtt;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A pin of the broker's TLS identity: the hash of its certificate or of its public key (the DER encoding of the
 * certificate, or of its SubjectPublicKeyInfo), written as openHAB's {@code mqtt:broker} thing writes it:
 * the hash algorithm, a colon and the hash in hexadecimal, e.g. {@code SHA-256:83F9...D9D3}. Pins are learned
 * with {@link #DEFAULT_ALGORITHM}; {@link #parse} also takes another algorithm of the Java runtime, and a bare hash
 * as SHA-256.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class ServerPin {

    /** What is pinned. */
    public enum Kind {
        CERTIFICATE("certificate"),
        PUBLIC_KEY("public key");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        /** "certificate" or "public key", for messages. */
        public String text() {
            return text;
        }
    }

    public static final String DEFAULT_ALGORITHM = "SHA-256";
    private static final char SEPARATOR = ':';
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final Kind kind;
    private final String algorithm;
    private final byte[] hash;

    private ServerPin(Kind kind, String algorithm, byte[] hash) {
        this.kind = kind;
        this.algorithm = algorithm;
        this.hash = hash;
    }

    /**
     * Reads a pin as written by {@link #toString()} ({@code SHA-256:} and 64 hex digits), or as a bare hash (then
     * SHA-256); case and surrounding blanks do not matter.
     *
     * @throws IllegalArgumentException with a message for the user that says what is wrong
     */
    public static ServerPin parse(Kind kind, String text) {
        String trimmed = text.trim();
        int separator = trimmed.lastIndexOf(SEPARATOR);
        String algorithm = separator < 0 ? DEFAULT_ALGORITHM : trimmed.substring(0, separator).trim();
        String hex = trimmed.substring(separator + 1).trim();
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException(
                    "the " + kind.text() + " pin names the unknown hash algorithm '" + algorithm + "'");
        }
        String name = digest.getAlgorithm().toUpperCase(Locale.ROOT);
        int length = digest.getDigestLength();
        byte[] hash;
        try {
            hash = HEX.parseHex(hex);
        } catch (IllegalArgumentException e) {
            hash = new byte[0];
        }
        if (hash.length != length || length == 0) {
            throw new IllegalArgumentException("the " + kind.text() + " pin is not " + name + ": followed by "
                    + 2 * length + " hex digits, e.g. " + name + ":" + "0123456789ABCDEF".repeat(length / 8));
        }
        return new ServerPin(kind, name, hash);
    }

    /** The {@link #DEFAULT_ALGORITHM} pin of this kind of the certificate. */
    public static ServerPin of(Kind kind, X509Certificate certificate) throws CertificateEncodingException {
        try {
            return new ServerPin(kind, DEFAULT_ALGORITHM,
                    MessageDigest.getInstance(DEFAULT_ALGORITHM).digest(encoded(kind, certificate)));
        } catch (NoSuchAlgorithmException e) {
            // every Java runtime has SHA-256
            throw new IllegalStateException(e);
        }
    }

    /** Whether the certificate (or its public key) has this pin's hash. */
    public boolean matches(X509Certificate certificate) throws CertificateEncodingException {
        try {
            byte[] actual = MessageDigest.getInstance(algorithm).digest(encoded(kind, certificate));
            return MessageDigest.isEqual(hash, actual);
        } catch (NoSuchAlgorithmException e) {
            // parse() found it
            throw new IllegalStateException(e);
        }
    }

    /** The pin of the same kind and algorithm as this one of the certificate, e.g. for a message. */
    ServerPin sameAlgorithmOf(X509Certificate certificate) throws CertificateEncodingException {
        try {
            return new ServerPin(kind, algorithm,
                    MessageDigest.getInstance(algorithm).digest(encoded(kind, certificate)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] encoded(Kind kind, X509Certificate certificate) throws CertificateEncodingException {
        return kind == Kind.CERTIFICATE ? certificate.getEncoded() : certificate.getPublicKey().getEncoded();
    }

    public Kind kind() {
        return kind;
    }

    /** The hash algorithm, e.g. {@code SHA-256}. */
    public String algorithm() {
        return algorithm;
    }

    /** {@code SHA-256:} and the hash in upper-case hex, as stored in the configuration. */
    @Override
    public String toString() {
        return algorithm + SEPARATOR + HEX.formatHex(hash);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof ServerPin pin && pin.kind == kind && pin.algorithm.equals(algorithm)
                && Arrays.equals(pin.hash, hash);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(hash);
    }
}
