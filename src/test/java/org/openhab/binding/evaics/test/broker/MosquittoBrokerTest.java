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
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;

import javax.net.ssl.SSLContext;
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
 * Checks the broker harness itself with raw sockets (no MQTT library): loopback listener, stop and restart on
 * the same port, the generated password file and the TLS listener with generated certificates.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class MosquittoBrokerTest {

    private static final int SOCKET_TIMEOUT_MILLIS = 5000;
    private static final int CONNACK_ACCEPTED = 0;
    private static final int CONNACK_NOT_AUTHORIZED = 5;

    @Test
    void restartKeepsThePortAndStopReleasesIt() throws IOException {
        try (MosquittoBroker broker = MosquittoBroker.builder().start()) {
            int port = broker.port();
            assertTrue(port > 0);
            assertEquals("tcp://127.0.0.1:" + port, broker.uri());
            assertEquals(CONNACK_ACCEPTED, connack(broker.port(), null, null));

            broker.stop();
            assertFalse(broker.isRunning());
            assertThrows(ConnectException.class, () -> connack(port, null, null));

            broker.restart();
            assertEquals(port, broker.port());
            assertEquals(CONNACK_ACCEPTED, connack(port, null, null));
        }
    }

    @Test
    void closeStopsTheProcessAndRemovesTheDirectory() {
        MosquittoBroker broker = MosquittoBroker.builder().start();
        Path log = broker.logFile();
        assertTrue(Files.exists(log));
        broker.close();
        assertFalse(broker.isRunning());
        assertFalse(Files.exists(log.getParent()));
    }

    @Test
    void generatedPasswordFileAcceptsTheRightPasswordOnly() throws IOException {
        try (MosquittoBroker broker = MosquittoBroker.builder().allowAnonymous(false).user("alice", "s3cret:x")
                .start()) {
            assertEquals(CONNACK_ACCEPTED, connack(broker.port(), "alice", "s3cret:x"));
            assertEquals(CONNACK_NOT_AUTHORIZED, connack(broker.port(), "alice", "wrong"));
            assertEquals(CONNACK_NOT_AUTHORIZED, connack(broker.port(), null, null));
        }
    }

    @Test
    void tlsListenerPresentsTheGeneratedServerCertificate(@TempDir Path dir) throws Exception {
        Authority ca = TestCertificates.newAuthority("harness test CA");
        Issued server = ca.issue("127.0.0.1", Usage.SERVER, KeyType.EC, List.of("localhost"), List.of("127.0.0.1"));
        MosquittoBroker.TlsFiles files = new MosquittoBroker.TlsFiles(ca.writeCertificate(dir.resolve("ca.pem")),
                server.writeCertificate(dir.resolve("server.pem")), server.writeKey(dir.resolve("server.key")));
        try (MosquittoBroker broker = MosquittoBroker.builder().tls(files).start()) {
            assertTrue(broker.uri().startsWith("ssl://127.0.0.1:"));
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca.certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(MosquittoBroker.HOST,
                    broker.port())) {
                socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
                socket.startHandshake();
                assertEquals(server.certificate(), socket.getSession().getPeerCertificates()[0]);
            }
        }
    }

    /** Sends an MQTT 3.1.1 CONNECT (§3.1) and returns the CONNACK return code (§3.2.2.3). */
    private static int connack(int port, @Nullable String user,
            @Nullable String password) throws IOException {
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
            socket.connect(new InetSocketAddress(MosquittoBroker.HOST, port), SOCKET_TIMEOUT_MILLIS);
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
