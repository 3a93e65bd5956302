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
package org.openhab.binding.evaics.test.broker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Throw-away X.509 test certificates (a CA, and server or client certificates it signs), built with the JDK
 * alone: the certificate is DER-encoded here and signed through JCA, which takes milliseconds where spawning
 * {@code keytool} or {@code openssl} for each step would take seconds. Only what TLS tests need is supported:
 * a CN-only subject, basic constraints, key usage, extended key usage, subject alternative names (DNS and IP)
 * and key identifiers (RFC 5280 §4.1, §4.2.1). Keys are EC P-256 or RSA 2048; files are PEM, private keys
 * unencrypted PKCS#8, which both OpenSSL (mosquitto) and the transport read.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class TestCertificates {

    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final Duration VALIDITY = Duration.ofDays(2);
    private static final int RSA_KEY_BITS = 2048;
    private static final String EC_CURVE = "secp256r1";
    private static final int SERIAL_BITS = 63;
    private static final int PEM_LINE_LENGTH = 64;

    private static final String OID_COMMON_NAME = "2.5.4.3";
    private static final String OID_ECDSA_SHA256 = "1.2.840.10045.4.3.2";
    private static final String OID_SHA256_RSA = "1.2.840.113549.1.1.11";
    private static final String OID_SUBJECT_KEY_ID = "2.5.29.14";
    private static final String OID_KEY_USAGE = "2.5.29.15";
    private static final String OID_SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String OID_BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String OID_AUTHORITY_KEY_ID = "2.5.29.35";
    private static final String OID_EXT_KEY_USAGE = "2.5.29.37";
    private static final String OID_SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String OID_CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    /** KeyUsage BIT STRINGs (first byte: unused bits): digitalSignature+keyEncipherment; keyCertSign+cRLSign. */
    private static final byte[] KEY_USAGE_LEAF = { 5, (byte) 0xA0 };
    private static final byte[] KEY_USAGE_CA = { 1, 0x06 };

    private static final int TAG_BOOLEAN = 0x01;
    private static final int TAG_INTEGER = 0x02;
    private static final int TAG_BIT_STRING = 0x03;
    private static final int TAG_OCTET_STRING = 0x04;
    private static final int TAG_NULL = 0x05;
    private static final int TAG_OID = 0x06;
    private static final int TAG_UTF8_STRING = 0x0C;
    private static final int TAG_UTC_TIME = 0x17;
    private static final int TAG_SEQUENCE = 0x30;
    private static final int TAG_SET = 0x31;
    private static final int TAG_EXPLICIT_0 = 0xA0;
    private static final int TAG_EXPLICIT_3 = 0xA3;
    private static final int TAG_KEY_ID_0 = 0x80;
    private static final int TAG_SAN_DNS = 0x82;
    private static final int TAG_SAN_IP = 0x87;

    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestCertificates() {
    }

    /** What a leaf certificate is for (its extended key usage). */
    public enum Usage {
        SERVER,
        CLIENT
    }

    /** Key algorithms for leaf certificates. */
    public enum KeyType {
        EC,
        RSA
    }

    /** A self-signed CA with an EC P-256 key. */
    public static Authority newAuthority(String commonName) {
        KeyPair keys = generate(KeyType.EC);
        byte[] keyId = keyIdentifier(keys.getPublic());
        byte[] extensions = sequence(
                extension(OID_BASIC_CONSTRAINTS, true, sequence(tlv(TAG_BOOLEAN, new byte[] { (byte) 0xFF }))),
                extension(OID_KEY_USAGE, true, tlv(TAG_BIT_STRING, KEY_USAGE_CA)),
                extension(OID_SUBJECT_KEY_ID, false, tlv(TAG_OCTET_STRING, keyId)));
        byte[] name = name(commonName);
        X509Certificate certificate = sign(name, name, keys.getPublic(), extensions, keys.getPrivate());
        return new Authority(certificate, name, keys.getPrivate(), keyId);
    }

    /** A CA: issues leaf certificates. */
    public static final class Authority {
        private final X509Certificate certificate;
        private final byte[] name;
        private final PrivateKey key;
        private final byte[] keyId;

        private Authority(X509Certificate certificate, byte[] name, PrivateKey key, byte[] keyId) {
            this.certificate = certificate;
            this.name = name;
            this.key = key;
            this.keyId = keyId;
        }

        public X509Certificate certificate() {
            return certificate;
        }

        public Path writeCertificate(Path file) {
            return write(file, pem("CERTIFICATE", encoded(certificate)));
        }

        /**
         * Issues a leaf certificate.
         *
         * @param dnsNames subject alternative DNS names
         * @param ipAddresses subject alternative IP addresses (literals)
         */
        public Issued issue(String commonName, Usage usage, KeyType keyType, List<String> dnsNames,
                List<String> ipAddresses) {
            return issue(commonName, usage, generate(keyType), dnsNames, ipAddresses);
        }

        /** Issues a new certificate (another serial number and validity) for the key of an earlier one. */
        public Issued reissue(Issued earlier, String commonName, Usage usage, List<String> dnsNames,
                List<String> ipAddresses) {
            return issue(commonName, usage, new KeyPair(earlier.certificate().getPublicKey(), earlier.privateKey()),
                    dnsNames, ipAddresses);
        }

        private Issued issue(String commonName, Usage usage, KeyPair keys, List<String> dnsNames,
                List<String> ipAddresses) {
            ByteArrayOutputStream names = new ByteArrayOutputStream();
            dnsNames.forEach(dns -> names.writeBytes(tlv(TAG_SAN_DNS, dns.getBytes(StandardCharsets.US_ASCII))));
            ipAddresses.forEach(ip -> names.writeBytes(tlv(TAG_SAN_IP, ipBytes(ip))));
            byte[] extensions = sequence(extension(OID_BASIC_CONSTRAINTS, true, sequence()),
                    extension(OID_KEY_USAGE, true, tlv(TAG_BIT_STRING, KEY_USAGE_LEAF)),
                    extension(OID_EXT_KEY_USAGE, false,
                            sequence(oid(usage == Usage.SERVER ? OID_SERVER_AUTH : OID_CLIENT_AUTH))),
                    extension(OID_SUBJECT_KEY_ID, false, tlv(TAG_OCTET_STRING, keyIdentifier(keys.getPublic()))),
                    extension(OID_AUTHORITY_KEY_ID, false, sequence(tlv(TAG_KEY_ID_0, keyId))),
                    names.size() > 0 ? extension(OID_SUBJECT_ALT_NAME, false, tlv(TAG_SEQUENCE, names.toByteArray()))
                            : new byte[0]);
            X509Certificate issued = sign(name(commonName), name, keys.getPublic(), extensions, key);
            return new Issued(issued, keys.getPrivate());
        }
    }

    /** A leaf certificate and its private key. */
    public record Issued(X509Certificate certificate, PrivateKey privateKey) {
        public Path writeCertificate(Path file) {
            return write(file, pem("CERTIFICATE", encoded(certificate)));
        }

        /** Unencrypted PKCS#8 ("BEGIN PRIVATE KEY"). */
        public Path writeKey(Path file) {
            return write(file, pem("PRIVATE KEY", privateKey.getEncoded()));
        }
    }

    public static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(PEM_LINE_LENGTH, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static X509Certificate sign(byte[] subject, byte[] issuer, PublicKey subjectKey, byte[] extensions,
            PrivateKey issuerKey) {
        boolean ec = "EC".equals(issuerKey.getAlgorithm());
        byte[] algorithm = ec ? sequence(oid(OID_ECDSA_SHA256)) : sequence(oid(OID_SHA256_RSA), tlv(TAG_NULL));
        Instant now = Instant.now();
        byte[] tbs = sequence(tlv(TAG_EXPLICIT_0, integer(BigInteger.TWO)),
                integer(new BigInteger(SERIAL_BITS, RANDOM).add(BigInteger.ONE)), algorithm, issuer,
                sequence(time(now.minus(BACKDATE)), time(now.plus(VALIDITY))), subject, subjectKey.getEncoded(),
                tlv(TAG_EXPLICIT_3, extensions));
        try {
            Signature signer = Signature.getInstance(ec ? "SHA256withECDSA" : "SHA256withRSA");
            signer.initSign(issuerKey);
            signer.update(tbs);
            byte[] signature = signer.sign();
            byte[] bitString = new byte[signature.length + 1];
            System.arraycopy(signature, 0, bitString, 1, signature.length);
            byte[] der = sequence(tbs, algorithm, tlv(TAG_BIT_STRING, bitString));
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a test certificate", e);
        }
    }

    private static KeyPair generate(KeyType type) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(type.name());
            if (type == KeyType.EC) {
                generator.initialize(new ECGenParameterSpec(EC_CURVE), RANDOM);
            } else {
                generator.initialize(RSA_KEY_BITS, RANDOM);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + type + " key", e);
        }
    }

    private static byte[] keyIdentifier(PublicKey key) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(key.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] ipBytes(String literal) {
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            throw new IllegalArgumentException("not an IP literal: " + literal);
        }
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + literal, e);
        }
    }

    private static Path write(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static byte[] name(String commonName) {
        return sequence(tlv(TAG_SET, sequence(oid(OID_COMMON_NAME),
                tlv(TAG_UTF8_STRING, commonName.getBytes(StandardCharsets.UTF_8)))));
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical ? sequence(oid(oid), tlv(TAG_BOOLEAN, new byte[] { (byte) 0xFF }), tlv(TAG_OCTET_STRING, value))
                : sequence(oid(oid), tlv(TAG_OCTET_STRING, value));
    }

    private static byte[] time(Instant instant) {
        return tlv(TAG_UTC_TIME, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] integer(BigInteger value) {
        return tlv(TAG_INTEGER, value.toByteArray());
    }

    private static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long arc = Long.parseLong(arcs[i]);
            int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(arc) + 6) / 7);
            for (int group = groups - 1; group >= 0; group--) {
                int bits = (int) ((arc >>> (7 * group)) & 0x7F);
                out.write(group > 0 ? bits | 0x80 : bits);
            }
        }
        return tlv(TAG_OID, out.toByteArray());
    }

    private static byte[] sequence(byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        return tlv(TAG_SEQUENCE, content.toByteArray());
    }

    private static byte[] tlv(int tag) {
        return tlv(tag, new byte[0]);
    }

    /** DER tag-length-value with a definite, minimal length (X.690 §8.1.3, §10.1). */
    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
