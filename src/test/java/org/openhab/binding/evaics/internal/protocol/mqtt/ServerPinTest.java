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

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.openhab.binding.evaics.internal.protocol.mqtt.ServerPin.Kind;
import org.openhab.binding.evaics.test.broker.TestCertificates;
import org.openhab.binding.evaics.test.broker.TestCertificates.Issued;
import org.openhab.binding.evaics.test.broker.TestCertificates.KeyType;
import org.openhab.binding.evaics.test.broker.TestCertificates.Usage;

/**
 * The pin format of openHAB's {@code mqtt:broker} thing ({@code SHA-256:} and the upper-case hex hash of the DER
 * certificate or public key) and what {@link ServerPin#parse} accepts.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class ServerPinTest {

    private static final TestCertificates.Authority CA = TestCertificates.newAuthority("pin test CA");
    private static final Issued SERVER = CA.issue("server", Usage.SERVER, KeyType.EC, List.of("localhost"),
            List.of());

    private static String sha256(byte[] data) throws Exception {
        return "SHA-256:" + HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    @Test
    void certificatePinIsTheHashOfTheEncodedCertificate() throws Exception {
        ServerPin pin = ServerPin.of(Kind.CERTIFICATE, SERVER.certificate());
        assertEquals(sha256(SERVER.certificate().getEncoded()), pin.toString());
        assertTrue(pin.matches(SERVER.certificate()));
    }

    @Test
    void publicKeyPinIsTheHashOfTheSubjectPublicKeyInfo() throws Exception {
        ServerPin pin = ServerPin.of(Kind.PUBLIC_KEY, SERVER.certificate());
        assertEquals(sha256(SERVER.certificate().getPublicKey().getEncoded()), pin.toString());
        Issued reissued = CA.reissue(SERVER, "server", Usage.SERVER, List.of("localhost"), List.of());
        assertTrue(pin.matches(reissued.certificate()));
        assertFalse(ServerPin.of(Kind.CERTIFICATE, SERVER.certificate()).matches(reissued.certificate()));
    }

    @Test
    void parseTakesWhatToStringWritesAndTheBareHash() throws Exception {
        ServerPin pin = ServerPin.of(Kind.CERTIFICATE, SERVER.certificate());
        String text = pin.toString();
        assertEquals(pin, ServerPin.parse(Kind.CERTIFICATE, text));
        assertEquals(pin, ServerPin.parse(Kind.CERTIFICATE, "  " + text.toLowerCase() + " "));
        assertEquals(pin, ServerPin.parse(Kind.CERTIFICATE, text.substring("SHA-256:".length())));
    }

    @Test
    void otherAlgorithmsOfTheRuntimeAreChecked() throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-384").digest(SERVER.certificate().getEncoded());
        ServerPin pin = ServerPin.parse(Kind.CERTIFICATE, "SHA-384:" + HexFormat.of().formatHex(hash));
        assertEquals("SHA-384", pin.algorithm());
        assertTrue(pin.matches(SERVER.certificate()));
    }

    @Test
    void badPinsSayWhatIsWrong() {
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> ServerPin.parse(Kind.CERTIFICATE, "SHA-256:ABCD"));
        assertTrue(String.valueOf(tooShort.getMessage())
                .startsWith("the certificate pin is not SHA-256: followed by 64"), tooShort.getMessage());
        IllegalArgumentException notHex = assertThrows(IllegalArgumentException.class,
                () -> ServerPin.parse(Kind.PUBLIC_KEY, "SHA-256:" + "XY".repeat(32)));
        assertTrue(String.valueOf(notHex.getMessage()).startsWith("the public key pin is not"), notHex.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ServerPin.parse(Kind.CERTIFICATE, "ROT13:" + "AB".repeat(32)));
        assertEquals("the certificate pin names the unknown hash algorithm 'ROT13'", unknown.getMessage());
    }

    @Test
    void pinningNeedsTls() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MqttSettings.builder("tcp://127.0.0.1:1883").certificatePin(true, null).build());
        assertTrue(String.valueOf(e.getMessage()).contains("need an ssl:// serverUri"), e.getMessage());
    }
}
