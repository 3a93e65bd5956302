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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhab.binding.evaics.internal.protocol.mqtt.ServerPin.Kind;
import org.openhab.binding.evaics.test.broker.TestBroker;
import org.openhab.binding.evaics.test.broker.TestBroker.TlsFiles;
import org.openhab.binding.evaics.test.broker.TestCertificates;
import org.openhab.binding.evaics.test.broker.TestCertificates.Authority;
import org.openhab.binding.evaics.test.broker.TestCertificates.Issued;
import org.openhab.binding.evaics.test.broker.TestCertificates.KeyType;
import org.openhab.binding.evaics.test.broker.TestCertificates.Usage;

/**
 * Certificate and public-key pinning against a TLS listener of the test broker whose certificate the tests replace (the
 * files are rewritten and the broker restarted on the same port): a pin is learned on the first successful
 * connection and in force for every later one, a matching pin connects, another certificate or key is refused
 * with {@link MqttConnectionListener#pinRefused}, and pins come on top of the CA check, not instead of it.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class MqttTransportPinningTest {

    @TempDir
    Path dir = Path.of("");

    private final Authority ca = TestCertificates.newAuthority("pinning test CA");
    private final List<MqttTransport> transports = new ArrayList<>();
    private Path caFile = Path.of("");
    private Path certFile = Path.of("");
    private Path keyFile = Path.of("");
    private @Nullable TestBroker broker;
    private Issued current = ca.issue("127.0.0.1", Usage.SERVER, KeyType.EC, List.of(), List.of("127.0.0.1"));

    @BeforeEach
    void startBroker() {
        caFile = ca.writeCertificate(dir.resolve("ca.pem"));
        certFile = current.writeCertificate(dir.resolve("server.pem"));
        keyFile = current.writeKey(dir.resolve("server.key"));
        broker = TestBroker.options().tls(new TlsFiles(caFile, certFile, keyFile)).start();
    }

    @AfterEach
    void stop() {
        transports.forEach(MqttTransport::close);
        TestBroker running = broker;
        if (running != null) {
            running.close();
        }
    }

    private TestBroker broker() {
        TestBroker running = broker;
        assertNotNull(running);
        return running;
    }

    /** Restarts the broker with the certificate. */
    private void serve(Issued certificate) {
        current = certificate;
        certificate.writeCertificate(certFile);
        certificate.writeKey(keyFile);
        broker().restart();
    }

    private Issued newCertificate() {
        return ca.issue("127.0.0.1", Usage.SERVER, KeyType.EC, List.of(), List.of("127.0.0.1"));
    }

    private MqttTransport start(TransportProbe probe, UnaryOperator<MqttSettings.Builder> pins) {
        MqttTransport transport = new MqttTransport(pins.apply(MqttSettings.builder(broker().uri()).caFile(caFile)
                .reconnectMaxDelay(java.time.Duration.ofMillis(500))).build());
        transports.add(transport);
        transport.addConnectionListener(probe);
        transport.start();
        return transport;
    }

    private static ServerPin pin(Kind kind, Issued certificate) throws Exception {
        return ServerPin.of(kind, certificate.certificate());
    }

    @Test
    void theFirstConnectionPinsTheCertificateAndAnotherOneIsRefusedAfterwards() throws Exception {
        TransportProbe probe = new TransportProbe();
        MqttTransport transport = start(probe, b -> b.certificatePin(true, null));

        TransportProbe.Event learned = probe.await("pinLearned");
        assertEquals("CERTIFICATE " + pin(Kind.CERTIFICATE, current), learned.detail());
        probe.await("connected");
        assertEquals(pin(Kind.CERTIFICATE, current), transport.pin(Kind.CERTIFICATE));

        Issued before = current;
        serve(newCertificate());
        probe.await("connectionLost");
        TransportProbe.Event refused = probe.await("pinRefused");
        assertEquals("the broker's certificate " + pin(Kind.CERTIFICATE, current) + " does not match the pinned "
                + pin(Kind.CERTIFICATE, before), refused.detail());
        assertFalse(transport.isConnected());

        // the pinned certificate is back: accepted again, nothing new learned
        serve(before);
        probe.await("connected");
        assertEquals(pin(Kind.CERTIFICATE, before), transport.pin(Kind.CERTIFICATE));
    }

    @Test
    void aMatchingPinConnectsWithoutLearning() throws Exception {
        TransportProbe probe = new TransportProbe();
        ServerPin certificate = pin(Kind.CERTIFICATE, current);
        ServerPin publicKey = pin(Kind.PUBLIC_KEY, current);
        start(probe, b -> b.certificatePin(true, certificate).publicKeyPin(true, publicKey));

        probe.await("connected");
        assertTrue(probe.history.stream().noneMatch(event -> "pinLearned".equals(event.kind())),
                probe.history::toString);
    }

    @Test
    void aStoredPinOfAnotherCertificateIsRefused() throws Exception {
        TransportProbe probe = new TransportProbe();
        ServerPin other = pin(Kind.CERTIFICATE, newCertificate());
        MqttTransport transport = start(probe, b -> b.certificatePin(true, other));

        TransportProbe.Event refused = probe.await("pinRefused");
        assertTrue(refused.detail().endsWith("does not match the pinned " + other), refused.detail());
        assertFalse(transport.isConnected());
    }

    @Test
    void aPublicKeyPinAcceptsARenewedCertificateOfTheSameKeyOnly() throws Exception {
        TransportProbe probe = new TransportProbe();
        MqttTransport transport = start(probe, b -> b.publicKeyPin(true, null));
        assertEquals("PUBLIC_KEY " + pin(Kind.PUBLIC_KEY, current), probe.await("pinLearned").detail());
        probe.await("connected");

        // renewed with the same key: still the pinned public key
        serve(ca.reissue(current, "127.0.0.1", Usage.SERVER, List.of(), List.of("127.0.0.1")));
        probe.await("connectionLost");
        probe.await("connected");

        ServerPin pinned = pin(Kind.PUBLIC_KEY, current);
        serve(newCertificate());
        TransportProbe.Event refused = probe.await("pinRefused");
        assertTrue(refused.detail().startsWith("the broker's public key "), refused.detail());
        assertTrue(refused.detail().endsWith("does not match the pinned " + pinned), refused.detail());
        assertFalse(transport.isConnected());
    }

    @Test
    void aMatchingPinDoesNotReplaceTheCaCheck() throws Exception {
        TransportProbe probe = new TransportProbe();
        Path otherCa = TestCertificates.newAuthority("other CA").writeCertificate(dir.resolve("other-ca.pem"));
        ServerPin matching = pin(Kind.CERTIFICATE, current);
        start(probe, b -> b.caFile(otherCa).certificatePin(true, matching));

        TransportProbe.Event failure = probe.await("connectFailed");
        assertTrue(failure.detail().contains("PKIX") || failure.detail().contains("certification path"),
                failure.detail());
        assertTrue(probe.history.stream().noneMatch(event -> "pinRefused".equals(event.kind())),
                probe.history::toString);
    }
}
