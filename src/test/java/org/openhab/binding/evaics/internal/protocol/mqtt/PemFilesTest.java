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

import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.evaics.test.Thrown.messageOf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhab.binding.evaics.test.broker.TestCertificates;
import org.openhab.binding.evaics.test.broker.TestCertificates.Authority;
import org.openhab.binding.evaics.test.broker.TestCertificates.Issued;
import org.openhab.binding.evaics.test.broker.TestCertificates.KeyType;
import org.openhab.binding.evaics.test.broker.TestCertificates.Usage;

/**
 * Reading TLS material from PEM files, and the error messages for files that cannot be used.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class PemFilesTest {

    private static final int RSA_KEY_BITS = 2048;
    private static final int EC_KEY_BITS = 256;

    @TempDir
    Path dir = Path.of("");

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void readsUnencryptedPkcs8RsaAndEcKeys() throws Exception {
        for (String algorithm : List.of("RSA", "EC")) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize("RSA".equals(algorithm) ? RSA_KEY_BITS : EC_KEY_BITS);
            KeyPair keys = generator.generateKeyPair();
            Path file = write(algorithm + ".key", "some text before\n"
                    + TestCertificates.pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
            PrivateKey key = PemFiles.readPrivateKey(file);
            assertEquals(algorithm, key.getAlgorithm());
            assertArrayEquals(keys.getPrivate().getEncoded(), key.getEncoded());
        }
    }

    @Test
    void legacyKeyFormatsAreRejectedWithAConversionHint() throws Exception {
        for (String label : List.of("RSA PRIVATE KEY", "EC PRIVATE KEY")) {
            Path file = write("legacy.key", TestCertificates.pem(label, new byte[] { 1, 2, 3 }));
            GeneralSecurityException e = assertThrows(GeneralSecurityException.class,
                    () -> PemFiles.readPrivateKey(file));
            assertTrue(messageOf(e).contains("openssl pkcs8 -topk8 -nocrypt"), messageOf(e));
        }
    }

    @Test
    void encryptedKeysAreRejected() throws Exception {
        Path file = write("enc.key", TestCertificates.pem("ENCRYPTED PRIVATE KEY", new byte[] { 1, 2, 3 }));
        GeneralSecurityException e = assertThrows(GeneralSecurityException.class, () -> PemFiles.readPrivateKey(file));
        assertTrue(messageOf(e).contains("encrypted"), messageOf(e));
    }

    @Test
    void aFileWithoutKeyOrWithGarbageIsRejected() throws Exception {
        Path noKey = write("none.key", "hello");
        assertTrue(messageOf(assertThrows(GeneralSecurityException.class, () -> PemFiles.readPrivateKey(noKey)))
                .contains("BEGIN PRIVATE KEY"));
        Path garbage = write("garbage.key", TestCertificates.pem("PRIVATE KEY", new byte[] { 1, 2, 3 }));
        assertThrows(GeneralSecurityException.class, () -> PemFiles.readPrivateKey(garbage));
    }

    @Test
    void readsEveryCertificateOfABundle() throws Exception {
        Authority ca = TestCertificates.newAuthority("bundle CA");
        Issued leaf = ca.issue("leaf", Usage.CLIENT, KeyType.EC, List.of(), List.of());
        Path bundle = write("bundle.pem", Files.readString(leaf.writeCertificate(dir.resolve("leaf.pem")))
                + Files.readString(ca.writeCertificate(dir.resolve("ca.pem"))));
        assertEquals(List.of(leaf.certificate(), ca.certificate()), PemFiles.readCertificates(bundle));
    }

    @Test
    void aFileWithoutCertificateIsRejected() throws Exception {
        Path file = write("empty.pem", "");
        assertTrue(messageOf(assertThrows(GeneralSecurityException.class, () -> PemFiles.readCertificates(file)))
                .contains("no certificate"));
    }

    @Test
    void aKeyOfAnotherCertificateIsDetected() throws Exception {
        Authority ca = TestCertificates.newAuthority("match CA");
        Issued first = ca.issue("first", Usage.CLIENT, KeyType.EC, List.of(), List.of());
        Issued second = ca.issue("second", Usage.CLIENT, KeyType.EC, List.of(), List.of());
        PemFiles.checkKeyMatches(first.privateKey(), first.certificate(), Path.of("k"), Path.of("c"));
        GeneralSecurityException e = assertThrows(GeneralSecurityException.class, () -> PemFiles
                .checkKeyMatches(second.privateKey(), first.certificate(), Path.of("k"), Path.of("c")));
        assertTrue(messageOf(e).contains("does not belong"), messageOf(e));
    }

    @Test
    void missingCaFileFailsTransportCreationNamingTheFile() {
        Path missing = dir.resolve("missing-ca.pem");
        MqttSettings settings = MqttSettings.builder("ssl://127.0.0.1:8883").caFile(missing).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MqttTransport(settings));
        assertTrue(messageOf(e).contains("missing-ca.pem"), messageOf(e));
    }
}
