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

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Reads PEM files (RFC 7468) for TLS: X.509 certificates, and unencrypted PKCS#8 private keys (RFC 5208,
 * "BEGIN PRIVATE KEY") with RSA or EC keys. Other key formats are rejected with a message saying how to
 * convert them, because a clear configuration error beats a TLS handshake failure later.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class PemFiles {

    /** Key algorithms tried for a PKCS#8 key, in order. */
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC");
    private static final Pattern BLOCK = Pattern
            .compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    private static final String PKCS8_LABEL = "PRIVATE KEY";
    private static final String CONVERT_HINT = "; convert it to unencrypted PKCS#8 with: "
            + "openssl pkcs8 -topk8 -nocrypt -in <key> -out <key.pk8.pem>";
    private static final int PROOF_BYTES = 32;

    private PemFiles() {
    }

    /** All certificates in a PEM file (a CA bundle or a certificate chain, leaf first). */
    static List<X509Certificate> readCertificates(Path file) throws IOException, GeneralSecurityException {
        byte[] content = Files.readAllBytes(file);
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            factory.generateCertificates(new ByteArrayInputStream(content))
                    .forEach(certificate -> certificates.add((X509Certificate) Objects.requireNonNull(certificate)));
        } catch (CertificateException e) {
            throw new CertificateException("cannot read certificates from " + file + ": " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new CertificateException("no certificate found in " + file + " (expected PEM 'BEGIN CERTIFICATE')");
        }
        return certificates;
    }

    /** The private key of a PEM file holding an unencrypted PKCS#8 RSA or EC key. */
    static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
        String content = Files.readString(file, StandardCharsets.US_ASCII);
        Matcher matcher = BLOCK.matcher(content);
        while (matcher.find()) {
            String label = matcher.group(1);
            if (PKCS8_LABEL.equals(label)) {
                byte[] der;
                try {
                    der = Base64.getMimeDecoder().decode(matcher.group(2));
                } catch (IllegalArgumentException e) {
                    throw new InvalidKeySpecException("bad base64 in private key file " + file);
                }
                return decodePkcs8(file, der);
            }
            if ("ENCRYPTED PRIVATE KEY".equals(label)) {
                throw new InvalidKeySpecException("private key in " + file + " is encrypted, which is not supported"
                        + CONVERT_HINT);
            }
            if ("RSA PRIVATE KEY".equals(label) || "EC PRIVATE KEY".equals(label)) {
                throw new InvalidKeySpecException(
                        "private key in " + file + " is in the legacy '" + label + "' format" + CONVERT_HINT);
            }
        }
        throw new InvalidKeySpecException("no 'BEGIN PRIVATE KEY' block found in " + file);
    }

    private static PrivateKey decodePkcs8(Path file, byte[] der) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException e) {
                // not this algorithm; try the next
            }
        }
        throw new InvalidKeySpecException("private key in " + file + " is neither an RSA nor an EC PKCS#8 key");
    }

    /**
     * Checks that the private key belongs to the certificate by signing and verifying a random challenge.
     *
     * @throws InvalidKeySpecException if it does not
     */
    static void checkKeyMatches(PrivateKey key, X509Certificate certificate, Path keyFile, Path certFile)
            throws GeneralSecurityException {
        PublicKey publicKey = certificate.getPublicKey();
        if (!publicKey.getAlgorithm().equals(key.getAlgorithm())) {
            throw new InvalidKeySpecException("private key " + keyFile + " (" + key.getAlgorithm()
                    + ") does not belong to certificate " + certFile + " (" + publicKey.getAlgorithm() + ")");
        }
        String algorithm = "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
        byte[] challenge = new byte[PROOF_BYTES];
        new SecureRandom().nextBytes(challenge);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(challenge);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(publicKey);
        verifier.update(challenge);
        if (!verifier.verify(signature)) {
            throw new InvalidKeySpecException(
                    "private key " + keyFile + " does not belong to certificate " + certFile);
        }
    }
}
