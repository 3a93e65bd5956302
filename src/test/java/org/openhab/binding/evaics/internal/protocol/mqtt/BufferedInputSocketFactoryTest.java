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

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The buffered plain sockets the transport hands to Paho: the bytes read are those sent, the socket's own checks
 * still apply, and every factory method gives such a socket. Loopback only.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class BufferedInputSocketFactoryTest {

    private static final int SO_TIMEOUT_MILLIS = 5000;
    private static final int BACKLOG = 4;
    private static final byte[] PACKETS = "first|second|third".getBytes(StandardCharsets.US_ASCII);

    private final BufferedInputSocketFactory factory = new BufferedInputSocketFactory();
    private @NonNullByDefault({}) ServerSocket server;

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, BACKLOG, InetAddress.getLoopbackAddress());
        server.setSoTimeout(SO_TIMEOUT_MILLIS);
    }

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    private Socket connected() throws IOException {
        Socket socket = factory.createSocket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
        socket.setSoTimeout(SO_TIMEOUT_MILLIS);
        return socket;
    }

    private static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] read = in.readNBytes(length);
        assertEquals(length, read.length, "stream ended early");
        return read;
    }

    @Test
    void bytesBufferedForOneGetInputStreamCallAreSeenThroughTheNext() throws IOException {
        try (Socket client = connected(); Socket peer = server.accept()) {
            OutputStream out = peer.getOutputStream();
            out.write(PACKETS);
            out.flush();
            byte[] first = readFully(client.getInputStream(), 6);
            // the first read buffered the rest: a second stream must not start after it
            byte[] rest = readFully(client.getInputStream(), PACKETS.length - 6);
            assertEquals("first|", new String(first, StandardCharsets.US_ASCII));
            assertEquals("second|third", new String(rest, StandardCharsets.US_ASCII));
            assertSame(client.getInputStream(), client.getInputStream());
        }
    }

    @Test
    void availableCountsTheBufferedBytes() throws IOException {
        try (Socket client = connected(); Socket peer = server.accept()) {
            peer.getOutputStream().write(PACKETS);
            peer.shutdownOutput();
            InputStream in = client.getInputStream();
            readFully(in, 1);
            assertEquals(PACKETS.length - 1, in.available());
            readFully(in, PACKETS.length - 1);
            assertEquals(-1, in.read());
        }
    }

    @Test
    void inputStreamOfAClosedSocketIsRefused() throws IOException {
        Socket client = connected();
        try (Socket peer = server.accept()) {
            assertTrue(peer.isConnected());
            client.getInputStream();
            client.close();
            assertThrows(SocketException.class, client::getInputStream);
        }
    }

    /** One way of making a connected socket; each is made only once the previous one was accepted. */
    @FunctionalInterface
    private interface Connect {
        Socket to(InetAddress loopback, int port) throws IOException;
    }

    @Test
    void connectingFactoryMethodsGiveBufferedConnectedSockets() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int port = server.getLocalPort();
        List<Connect> ways = List.of((host, p) -> factory.createSocket(host.getHostAddress(), p),
                (host, p) -> factory.createSocket(host, p),
                (host, p) -> factory.createSocket(host.getHostAddress(), p, host, 0),
                (host, p) -> factory.createSocket(host, p, host, 0));
        for (Connect way : ways) {
            try (Socket client = way.to(loopback, port); Socket peer = server.accept()) {
                assertInstanceOf(BufferedInputSocketFactory.BufferedInputSocket.class, client);
                assertTrue(client.isConnected());
                peer.getOutputStream().write(PACKETS);
                client.setSoTimeout(SO_TIMEOUT_MILLIS);
                assertArrayEquals(PACKETS, readFully(client.getInputStream(), PACKETS.length));
            }
        }
    }
}
