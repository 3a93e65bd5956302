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
import java.net.Socket;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * TLS socket factory handed to Paho for {@code ssl://} URIs: sets TCP_NODELAY on every socket it creates (see
 * {@link NoDelaySocketFactory} for why). It must be an {@link SSLSocketFactory}: Paho refuses other factories
 * for {@code ssl://}. Host name verification is left to Paho, which sets the HTTPS endpoint identification
 * on the socket after connecting. Every TLS socket is wrapped in a {@link GuardedSslSocket}, so that oversize PUBLISH
 * payloads are skipped unread above the decryption.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class NoDelaySslSocketFactory extends SSLSocketFactory implements SocketTracker {

    private final SSLSocketFactory delegate;
    /** The factory methods SSLSocketFactory shares with SocketFactory, over the TLS delegate. */
    private final NoDelaySocketFactory sockets;
    private final int maxPayloadBytes;

    /**
     * @param maxPayloadBytes every socket's decrypted input goes through a {@link PacketSizeGuard} with this limit
     */
    NoDelaySslSocketFactory(SSLSocketFactory delegate, boolean tcpNoDelay, int maxPayloadBytes) {
        this.delegate = delegate;
        this.sockets = new NoDelaySocketFactory(delegate, tcpNoDelay);
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** Wraps a TLS socket so that its decrypted input is guarded; the tracker keeps the unwrapped socket. */
    private Socket guarded(Socket socket) {
        return socket instanceof SSLSocket ssl ? new GuardedSslSocket(ssl, maxPayloadBytes) : socket;
    }

    @Override
    public @Nullable Socket lastSocket() {
        return sockets.lastSocket();
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
        return guarded(sockets.createSocket());
    }

    @Override
    public Socket createSocket(@Nullable Socket socket, @Nullable String host, int port, boolean autoClose)
            throws IOException {
        if (socket != null) {
            sockets.setNoDelay(socket);
        }
        return guarded(sockets.configure(delegate.createSocket(socket, host, port, autoClose)));
    }

    @Override
    public Socket createSocket(@Nullable Socket socket, @Nullable InputStream consumed, boolean autoClose)
            throws IOException {
        if (socket != null) {
            sockets.setNoDelay(socket);
        }
        return guarded(sockets.configure(delegate.createSocket(socket, consumed, autoClose)));
    }

    @Override
    public Socket createSocket(@Nullable String host, int port) throws IOException {
        return guarded(sockets.createSocket(host, port));
    }

    @Override
    public Socket createSocket(@Nullable String host, int port, @Nullable InetAddress localHost, int localPort)
            throws IOException {
        return guarded(sockets.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(@Nullable InetAddress host, int port) throws IOException {
        return guarded(sockets.createSocket(host, port));
    }

    @Override
    public Socket createSocket(@Nullable InetAddress address, int port, @Nullable InetAddress localAddress,
            int localPort) throws IOException {
        return guarded(sockets.createSocket(address, port, localAddress, localPort));
    }
}
