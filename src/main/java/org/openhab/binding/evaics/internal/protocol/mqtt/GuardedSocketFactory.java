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

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

import javax.net.SocketFactory;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Plain TCP sockets whose input goes through a {@link PacketSizeGuard}, so that Paho never reads a PUBLISH payload
 * above the limit into memory. {@link GuardedSslSocket} does the same for TLS, above the decryption.
 */
@NonNullByDefault
final class GuardedSocketFactory extends SocketFactory {

    private final int maxPayloadBytes;

    GuardedSocketFactory(int maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
    }

    @Override
    public Socket createSocket() {
        return new GuardedSocket(maxPayloadBytes);
    }

    @Override
    public Socket createSocket(@Nullable String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(@Nullable String host, int port, @Nullable InetAddress localHost, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(@Nullable InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(@Nullable InetAddress address, int port, @Nullable InetAddress localAddress,
            int localPort) throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(InetSocketAddress remote, @Nullable InetSocketAddress local) throws IOException {
        GuardedSocket socket = new GuardedSocket(maxPayloadBytes);
        try {
            if (local != null) {
                socket.bind(local);
            }
            socket.connect(remote);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** A plain socket whose input stream is guarded. */
    static final class GuardedSocket extends Socket {
        private final GuardedInput input;

        GuardedSocket(int maxPayloadBytes) {
            this.input = new GuardedInput(maxPayloadBytes);
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return input.get(super::getInputStream);
        }
    }
}
