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

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;

import javax.net.SocketFactory;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Plain TCP sockets whose input stream is buffered, for {@code tcp://} URIs (under {@link NoDelaySocketFactory}).
 * <p>
 * Paho reads straight from the socket's stream: the fixed header byte, each byte of the remaining length and then
 * the rest of the packet are separate reads, and it asks {@code available()} before every packet, so each MQTT
 * packet costs four or five system calls, and with many calls in flight that was the largest single cost of a
 * call on the receiving threads (benchmarks: docs/benchmarks.md, "Profile"). With a buffer one read fetches
 * whatever has arrived, often several packets. The bytes Paho sees are the same; only fewer system calls fetch them.
 * TLS sockets are not wrapped: the TLS layer reads whole records already. Public so that the benchmark's reference
 * clients on bare Paho read their sockets the same way.
 * <p>
 * The transport's factory also puts a {@link PacketSizeGuard} over the buffer ({@link #guarded(int)}), so that
 * payloads above its limit are skipped unread; {@link GuardedSslSocket} does the same for TLS.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class BufferedInputSocketFactory extends SocketFactory {

    /** Larger than most packets of this binding (API frames, announcements); larger reads bypass the buffer. */
    static final int INPUT_BUFFER_BYTES = 8192;
    /** {@link #maxPayloadBytes} of a factory without a guard. */
    private static final int UNGUARDED = 0;

    private final int maxPayloadBytes;

    /** Buffered sockets without a size guard (the benchmark's reference clients). */
    public BufferedInputSocketFactory() {
        this(UNGUARDED);
    }

    private BufferedInputSocketFactory(int maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /**
     * Buffered sockets without a size guard and with TCP_NODELAY, as the transport's for {@code tcp://} otherwise
     * are (the benchmark's reference clients).
     */
    public static SocketFactory withNoDelay() {
        return new NoDelaySocketFactory(new BufferedInputSocketFactory(), true);
    }

    /** Buffered sockets whose input also goes through a {@link PacketSizeGuard} with this limit. */
    static BufferedInputSocketFactory guarded(int maxPayloadBytes) {
        if (maxPayloadBytes <= UNGUARDED) {
            throw new IllegalArgumentException("maxPayloadBytes must be positive, got " + maxPayloadBytes);
        }
        return new BufferedInputSocketFactory(maxPayloadBytes);
    }

    @Override
    public Socket createSocket() {
        return new BufferedInputSocket(maxPayloadBytes);
    }

    @Override
    public Socket createSocket(@Nullable String host, int port) throws IOException {
        InetSocketAddress remote = host != null ? new InetSocketAddress(host, port)
                : new InetSocketAddress(InetAddress.getByName(null), port);
        return connect(remote, null);
    }

    @Override
    public Socket createSocket(@Nullable String host, int port, @Nullable InetAddress localHost, int localPort)
            throws IOException {
        InetSocketAddress remote = host != null ? new InetSocketAddress(host, port)
                : new InetSocketAddress(InetAddress.getByName(null), port);
        return connect(remote, new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(@Nullable InetAddress host, int port) throws IOException {
        return connect(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(@Nullable InetAddress address, int port, @Nullable InetAddress localAddress,
            int localPort) throws IOException {
        return connect(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    /** As the connecting {@link Socket} constructors do: bind if asked, connect, close on failure. */
    private Socket connect(SocketAddress remote, @Nullable SocketAddress local) throws IOException {
        Socket socket = new BufferedInputSocket(maxPayloadBytes);
        try {
            if (local != null) {
                socket.bind(local);
            }
            socket.connect(remote);
            return socket;
        } catch (IOException | RuntimeException e) {
            try {
                socket.close();
            } catch (IOException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    /** A socket that hands out one buffered (and possibly guarded) stream over its input. */
    static final class BufferedInputSocket extends Socket {
        private final int maxPayloadBytes;
        private final Object inputLock = new Object();
        // guarded by inputLock
        private @Nullable InputStream input;

        BufferedInputSocket(int maxPayloadBytes) {
            this.maxPayloadBytes = maxPayloadBytes;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            // the socket's own checks (closed, not connected, input shut down) still apply on every call
            InputStream raw = super.getInputStream();
            synchronized (inputLock) {
                InputStream buffered = input;
                if (buffered == null) {
                    buffered = new AvailableBufferedInputStream(raw);
                    if (maxPayloadBytes != UNGUARDED) {
                        buffered = new PacketSizeGuard(buffered, maxPayloadBytes);
                    }
                    input = buffered;
                }
                return buffered;
            }
        }
    }

    /**
     * A buffered stream whose {@code available()} answers from the buffer while it holds bytes: Paho only asks
     * whether anything is there, and the socket's answer costs a system call.
     */
    private static final class AvailableBufferedInputStream extends BufferedInputStream {

        AvailableBufferedInputStream(InputStream in) {
            super(in, INPUT_BUFFER_BYTES);
        }

        @Override
        public synchronized int available() throws IOException {
            int buffered = count - pos;
            return buffered > 0 ? buffered : super.available();
        }
    }
}
