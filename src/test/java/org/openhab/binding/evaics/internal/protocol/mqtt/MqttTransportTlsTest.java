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
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.openhab.binding.evaics.test.StdStreams.out;
import static org.openhab.binding.evaics.test.Thrown.messageOf;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhab.binding.evaics.test.broker.TestBroker;
import org.openhab.binding.evaics.test.broker.TestBroker.TlsFiles;
import org.openhab.binding.evaics.test.broker.TestCertificates;
import org.openhab.binding.evaics.test.broker.TestCertificates.Authority;
import org.openhab.binding.evaics.test.broker.TestCertificates.Issued;
import org.openhab.binding.evaics.test.broker.TestCertificates.KeyType;
import org.openhab.binding.evaics.test.broker.TestCertificates.Usage;

/**
 * TLS ({@code ssl://}) against TLS listeners of the test broker with generated certificates: CA trust, host name
 * verification and client-certificate authentication.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class MqttTransportTlsTest {

    @TempDir
    static Path dir = Path.of("");

    private static @Nullable TestBroker tlsBroker;
    private static @Nullable TestBroker wrongNameBroker;
    private static @Nullable TestBroker clientCertBroker;
    private static Path caFile = Path.of("");
    private static Path otherCaFile = Path.of("");
    private static Path ecClientCert = Path.of("");
    private static Path ecClientKey = Path.of("");
    private static Path rsaClientCert = Path.of("");
    private static Path rsaClientKey = Path.of("");
    private static Path strangerCert = Path.of("");
    private static Path strangerKey = Path.of("");

    private final List<MqttTransport> transports = new ArrayList<>();

    @BeforeAll
    static void startBrokers() {
        Authority ca = TestCertificates.newAuthority("EVA test CA");
        caFile = ca.writeCertificate(dir.resolve("ca.pem"));
        otherCaFile = TestCertificates.newAuthority("other CA").writeCertificate(dir.resolve("other-ca.pem"));

        Issued server = ca.issue("127.0.0.1", Usage.SERVER, KeyType.EC, List.of("localhost"), List.of("127.0.0.1"));
        TlsFiles serverFiles = new TlsFiles(caFile, server.writeCertificate(dir.resolve("server.pem")),
                server.writeKey(dir.resolve("server.key")));
        Issued wrongName = ca.issue("broker.invalid", Usage.SERVER, KeyType.EC, List.of("broker.invalid"),
                List.of());
        TlsFiles wrongNameFiles = new TlsFiles(caFile, wrongName.writeCertificate(dir.resolve("wrong.pem")),
                wrongName.writeKey(dir.resolve("wrong.key")));

        Issued ecClient = ca.issue("ec-client", Usage.CLIENT, KeyType.EC, List.of(), List.of());
        ecClientCert = ecClient.writeCertificate(dir.resolve("ec-client.pem"));
        ecClientKey = ecClient.writeKey(dir.resolve("ec-client.key"));
        Issued rsaClient = ca.issue("rsa-client", Usage.CLIENT, KeyType.RSA, List.of(), List.of());
        rsaClientCert = rsaClient.writeCertificate(dir.resolve("rsa-client.pem"));
        rsaClientKey = rsaClient.writeKey(dir.resolve("rsa-client.key"));
        Issued stranger = TestCertificates.newAuthority("stranger CA").issue("stranger", Usage.CLIENT, KeyType.EC,
                List.of(), List.of());
        strangerCert = stranger.writeCertificate(dir.resolve("stranger.pem"));
        strangerKey = stranger.writeKey(dir.resolve("stranger.key"));

        tlsBroker = TestBroker.options().tls(serverFiles).tcpNoDelay(true).start();
        wrongNameBroker = TestBroker.options().tls(wrongNameFiles).start();
        clientCertBroker = TestBroker.options().tls(serverFiles).requireCertificate(true).start();
    }

    @AfterAll
    static void stopBrokers() {
        for (TestBroker broker : new TestBroker[] { tlsBroker, wrongNameBroker, clientCertBroker }) {
            if (broker != null) {
                broker.close();
            }
        }
    }

    @AfterEach
    void closeTransports() {
        transports.forEach(MqttTransport::close);
    }

    private static TestBroker running(@Nullable TestBroker broker) {
        assertNotNull(broker);
        return broker;
    }

    private MqttTransport start(TestBroker broker, TransportProbe probe,
            UnaryOperator<MqttSettings.Builder> options) {
        MqttTransport transport = new MqttTransport(options.apply(MqttSettings.builder(broker.uri())).build());
        transports.add(transport);
        transport.addConnectionListener(probe);
        transport.start();
        return transport;
    }

    private void assertConnects(TestBroker broker, UnaryOperator<MqttSettings.Builder> options) {
        TransportProbe probe = new TransportProbe();
        MqttTransport transport = start(broker, probe, options);
        probe.await("connected");
        assertTrue(transport.isConnected());
        // a message round trip proves the session works over the TLS socket
        TransportProbe.await(transport.subscribe("tls/echo", 1, probe));
        TransportProbe.await(transport.publish("tls/echo", TransportProbe.bytes("hi"), 1));
        assertEquals("hi", probe.awaitMessage("tls/echo").payload());
    }

    private String assertRefused(TestBroker broker, UnaryOperator<MqttSettings.Builder> options) {
        TransportProbe probe = new TransportProbe();
        MqttTransport transport = start(broker, probe, options);
        TransportProbe.Event failure = probe.await("connectFailed");
        assertFalse(failure.flag(), "a TLS failure is not an authentication refusal: " + failure.detail());
        assertFalse(transport.isConnected());
        return failure.detail();
    }

    @Test
    void anOversizeMessageIsSkippedAboveTheTlsLayer() {
        TransportProbe probe = new TransportProbe();
        MqttTransport receiver = start(running(tlsBroker), probe,
                b -> b.caFile(caFile).clientId("oversize-tls-rx").maxPayloadBytes(1024));
        probe.await("connected");
        TransportProbe.await(receiver.subscribe("tls/big/#", 1, probe));
        TransportProbe senderProbe = new TransportProbe();
        MqttTransport sender = start(running(tlsBroker), senderProbe, b -> b.caFile(caFile));
        senderProbe.await("connected");

        int huge = 8 * 1024 * 1024;
        MqttTransportOversizeTest.assertReceiverAllocatesLittle("oversize-tls-rx", huge, () -> {
            TransportProbe.await(sender.publish("tls/big/x", new byte[huge], 1));
            TransportProbe.await(sender.publish("tls/big/after", TransportProbe.bytes("after"), 1));
            assertEquals(Integer.toString(huge), probe.awaitOversize().payload());
            assertEquals("after", probe.awaitMessage("tls/big/after").payload());
        });
        assertTrue(receiver.isConnected());
    }

    @Test
    void connectsWhenTheCaFileTrustsTheServer() {
        assertConnects(running(tlsBroker), b -> b.caFile(caFile));
    }

    @Test
    void tcpNoDelayIsSetOnTheTlsSocket() {
        TransportProbe probe = new TransportProbe();
        MqttTransport transport = start(running(tlsBroker), probe, b -> b.caFile(caFile));
        probe.await("connected");
        assertTrue(MqttTransportTest.tcpNoDelay(transport));
    }

    @Test
    void refusedWhenTheServerIsSignedByAnotherCa() {
        String reason = assertRefused(running(tlsBroker), b -> b.caFile(otherCaFile));
        out().println("wrong CA reason: " + reason);
        assertTrue(reason.contains("certification path") || reason.contains("PKIX"), reason);
    }

    @Test
    void theJvmTrustStoreIsUsedWithoutCaFileAndDoesNotTrustATestCa() {
        String reason = assertRefused(running(tlsBroker), b -> b);
        assertTrue(reason.contains("certification path") || reason.contains("PKIX"), reason);
    }

    @Test
    void refusedWhenTheCertificateDoesNotNameTheHost() {
        String reason = assertRefused(running(wrongNameBroker), b -> b.caFile(caFile));
        out().println("host name mismatch reason: " + reason);
        assertTrue(reason.contains("127.0.0.1"), reason);
    }

    @Test
    void connectsToAMismatchedNameWhenHostnameVerificationIsOff() {
        assertConnects(running(wrongNameBroker), b -> b.caFile(caFile).verifyHostname(false));
    }

    @Test
    void hostnameMatchesADnsSubjectAlternativeName() throws UnknownHostException {
        // the broker listens on 127.0.0.1 only; where localhost means ::1 this case cannot be tried
        assumeTrue("127.0.0.1".equals(InetAddress.getByName("localhost").getHostAddress()));
        TestBroker broker = running(tlsBroker);
        TransportProbe probe = new TransportProbe();
        MqttTransport transport = new MqttTransport(
                MqttSettings.builder("ssl://localhost:" + broker.port()).caFile(caFile).build());
        transports.add(transport);
        transport.addConnectionListener(probe);
        transport.start();
        probe.await("connected");
    }

    @Test
    void clientCertificateWithEcKeyAuthenticates() {
        assertConnects(running(clientCertBroker),
                b -> b.caFile(caFile).clientCertFile(ecClientCert).clientKeyFile(ecClientKey));
    }

    @Test
    void clientCertificateWithRsaKeyAuthenticates() {
        assertConnects(running(clientCertBroker),
                b -> b.caFile(caFile).clientCertFile(rsaClientCert).clientKeyFile(rsaClientKey));
    }

    @Test
    void refusedWithoutClientCertificateWhenTheBrokerRequiresOne() {
        String reason = assertRefused(running(clientCertBroker), b -> b.caFile(caFile));
        out().println("missing client certificate reason: " + reason);
    }

    @Test
    void refusedWithAClientCertificateFromAnotherCa() {
        assertRefused(running(clientCertBroker),
                b -> b.caFile(caFile).clientCertFile(strangerCert).clientKeyFile(strangerKey));
    }

    @Test
    void aKeyThatDoesNotMatchTheCertificateFailsTransportCreation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MqttTransport(MqttSettings.builder(running(clientCertBroker).uri()).caFile(caFile)
                        .clientCertFile(ecClientCert).clientKeyFile(strangerKey).build()));
        assertTrue(messageOf(e).contains("does not belong"), messageOf(e));
    }
}
