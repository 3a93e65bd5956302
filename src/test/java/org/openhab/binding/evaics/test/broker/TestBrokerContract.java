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

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Set;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhab.binding.evaics.test.broker.TestCertificates.Authority;
import org.openhab.binding.evaics.test.broker.TestCertificates.Issued;
import org.openhab.binding.evaics.test.broker.TestCertificates.KeyType;
import org.openhab.binding.evaics.test.broker.TestCertificates.Usage;

/**
 * What every {@link TestBroker} must do for the tests, checked with raw sockets (no MQTT library): a loopback
 * listener, stop and restart on the same port, users with passwords, and a TLS listener with generated
 * certificates, optionally requiring a client certificate. {@link MosquittoBrokerTest} and
 * {@link EmbeddedBrokerTest} run it against each broker.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
abstract class TestBrokerContract {

    private static final int SOCKET_TIMEOUT_MILLIS = 5000;
    private static final char[] KEY_PASSWORD = "test".toCharArray();
    static final int CONNACK_ACCEPTED = 0;
    /** MQTT 3.1.1 §3.2.2.3: bad user name or password (Moquette) and not authorized (mosquitto 2). */
    private static final Set<Integer> CONNACK_REFUSED_CREDENTIALS = Set.of(4, 5);

    /** Starts the broker under test with these options. */
    abstract TestBroker start(BrokerOptions options);

    @Test
    void restartKeepsThePortAndStopReleasesIt() throws IOException {
        try (TestBroker broker = start(TestBroker.options())) {
            int port = broker.port();
            assertTrue(port > 0);
            assertEquals("tcp://127.0.0.1:" + port, broker.uri());
            assertEquals(CONNACK_ACCEPTED, connack(broker.port(), null, null));

            broker.stop();
            assertFalse(broker.isRunning());
            assertThrows(ConnectException.class, () -> connack(port, null, null));

            broker.restart();
            assertTrue(broker.isRunning());
            assertEquals(port, broker.port());
            assertEquals(CONNACK_ACCEPTED, connack(port, null, null));
        }
    }

    @Test
    void usersConnectWithTheRightPasswordOnly() throws IOException {
        try (TestBroker broker = start(TestBroker.options().allowAnonymous(false).user("alice", "s3cret:x"))) {
            assertEquals(CONNACK_ACCEPTED, connack(broker.port(), "alice", "s3cret:x"));
            assertRefused(connack(broker.port(), "alice", "wrong"));
            assertRefused(connack(broker.port(), "bob", "s3cret:x"));
            assertRefused(connack(broker.port(), null, null));
        }
    }

    @Test
    void anonymousClientsMayConnectBesideUsers() throws IOException {
        try (TestBroker broker = start(TestBroker.options().user("alice", "s3cret"))) {
            assertEquals(CONNACK_ACCEPTED, connack(broker.port(), null, null));
            assertEquals(CONNACK_ACCEPTED, connack(broker.port(), "alice", "s3cret"));
            assertRefused(connack(broker.port(), "alice", "wrong"));
        }
    }

    private static void assertRefused(int connack) {
        assertTrue(CONNACK_REFUSED_CREDENTIALS.contains(connack), "CONNACK return code " + connack);
    }

    @Test
    void tlsListenerPresentsTheGeneratedServerCertificate(@TempDir Path dir) throws Exception {
        Authority ca = TestCertificates.newAuthority("harness test CA");
        Issued server = ca.issue("127.0.0.1", Usage.SERVER, KeyType.EC, List.of("localhost"), List.of("127.0.0.1"));
        try (TestBroker broker = start(TestBroker.options().tls(tlsFiles(ca, server, dir)))) {
            assertTrue(broker.uri().startsWith("ssl://127.0.0.1:"));
            try (SSLSocket socket = tlsSocket(ca, null, broker.port())) {
                socket.startHandshake();
                assertEquals(server.certificate(), socket.getSession().getPeerCertificates()[0]);
            }
        }
    }

    @Test
    void tlsListenerThatRequiresACertificateRefusesClientsWithoutOne(@TempDir Path dir) throws Exception {
        Authority ca = TestCertificates.newAuthority("harness test CA");
        Issued server = ca.issue("127.0.0.1", Usage.SERVER, KeyType.EC, List.of("localhost"), List.of("127.0.0.1"));
        Issued client = ca.issue("client", Usage.CLIENT, KeyType.EC, List.of(), List.of());
        try (TestBroker broker = start(
                TestBroker.options().tls(tlsFiles(ca, server, dir)).requireCertificate(true))) {
            try (SSLSocket socket = tlsSocket(ca, client, broker.port())) {
                socket.startHandshake();
                assertEquals(server.certificate(), socket.getSession().getPeerCertificates()[0]);
            }
            assertThrows(IOException.class, () -> {
                try (SSLSocket socket = tlsSocket(ca, null, broker.port())) {
                    socket.startHandshake();
                    // TLS 1.3: the server's refusal of the missing certificate arrives with the first read
                    socket.getOutputStream().write(0xC0);
                    socket.getOutputStream().flush();
                    if (socket.getInputStream().read() < 0) {
                        throw new SSLException("closed by the broker");
                    }
                }
            });
        }
    }

    private static TestBroker.TlsFiles tlsFiles(Authority ca, Issued server, Path dir) {
        return new TestBroker.TlsFiles(ca.writeCertificate(dir.resolve("ca.pem")),
                server.writeCertificate(dir.resolve("server.pem")), server.writeKey(dir.resolve("server.key")));
    }

    private static SSLSocket tlsSocket(Authority ca, @Nullable Issued client, int port) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        KeyManager[] keys = null;
        if (client != null) {
            KeyStore identity = KeyStore.getInstance("PKCS12");
            identity.load(null, null);
            identity.setKeyEntry("client", client.privateKey(), KEY_PASSWORD,
                    new Certificate[] { client.certificate(), ca.certificate() });
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(identity, KEY_PASSWORD);
            keys = kmf.getKeyManagers();
        }
        context.init(keys, tmf.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(TestBroker.HOST, port);
        socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
        return socket;
    }

    /** Sends an MQTT 3.1.1 CONNECT (§3.1) and returns the CONNACK return code (§3.2.2.3). */
    static int connack(int port, @Nullable String user, @Nullable String password) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, "MQTT");
        body.write(4);
        int flags = 0x02 | (user != null ? 0x80 : 0) | (password != null ? 0x40 : 0);
        body.write(flags);
        body.write(0);
        body.write(60);
        writeString(body, "harness-test");
        if (user != null) {
            writeString(body, user);
        }
        if (password != null) {
            writeString(body, password);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(TestBroker.HOST, port), SOCKET_TIMEOUT_MILLIS);
            socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(0x10);
            out.write(body.size());
            body.writeTo(out);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] ack = new byte[4];
            new DataInputStream(in).readFully(ack);
            assertEquals(0x20, ack[0] & 0xFF, "CONNACK packet type");
            return ack[3];
        }
    }

    private static void writeString(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xFF);
        out.writeBytes(bytes);
    }
}
