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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Properties;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;

import io.moquette.BrokerConstants;
import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;

/**
 * An MQTT broker inside the JVM (Moquette), for the demo: nothing to install. It listens on 127.0.0.1 only, on a
 * port the system picks, keeps everything in memory (no files) and sends nothing anywhere (Moquette's telemetry is
 * off). The tests use a real mosquitto ({@link MosquittoBroker}); this one exists so that the demo runs on any
 * machine with Java and Maven.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class EmbeddedBroker implements AutoCloseable {

    /** Loopback only: the demo must never listen on a public interface. */
    public static final String HOST = MosquittoBroker.HOST;
    /** Room for the largest frame the binding accepts, plus MQTT's own header. */
    private static final int MAX_MESSAGE_BYTES = ProtocolLimits.defaults().maxPayloadBytes() + 1024;
    /** Let the system choose a free port; Moquette reports the one it got. */
    private static final Duration PORT_WAIT = Duration.ofSeconds(5);
    private static final long PORT_POLL_MILLIS = 1;
    private static final int CONNECT_TIMEOUT_MILLIS = 1000;

    private final Server server = new Server();
    private volatile @Nullable Integer port;

    private EmbeddedBroker() {
    }

    /**
     * Starts a broker on a free loopback port.
     *
     * @throws UncheckedIOException if it cannot start
     */
    public static EmbeddedBroker start() {
        EmbeddedBroker broker = new EmbeddedBroker();
        Properties config = new Properties();
        config.setProperty(IConfig.HOST_PROPERTY_NAME, HOST);
        // a port chosen here: asking Moquette 0.17 for the port it bound races with its netty thread (a HashMap
        // written by both, ConcurrentModificationException)
        int port = MosquittoBroker.freePort();
        // set before the start, so that close() stops the server if the start fails
        broker.port = port;
        config.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(port));
        config.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, BrokerConstants.DISABLED_PORT_BIND);
        config.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, Boolean.TRUE.toString());
        config.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, Boolean.FALSE.toString());
        config.setProperty(IConfig.ENABLE_TELEMETRY_NAME, Boolean.FALSE.toString());
        config.setProperty(IConfig.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(MAX_MESSAGE_BYTES));
        config.setProperty(BrokerConstants.NETTY_TCP_NODELAY_PROPERTY_NAME, Boolean.TRUE.toString());
        // every message goes out at once instead of waiting for Moquette's periodic flush
        config.setProperty(IConfig.BUFFER_FLUSH_MS_PROPERTY_NAME,
                Integer.toString(BrokerConstants.IMMEDIATE_BUFFER_FLUSH));
        try {
            broker.server.startServer(new MemoryConfig(config));
        } catch (IOException e) {
            broker.close();
            throw new UncheckedIOException("the embedded MQTT broker did not start", e);
        }
        // the bind may complete just after startServer returns
        long deadline = System.nanoTime() + PORT_WAIT.toNanos();
        while (!accepts(port)) {
            if (System.nanoTime() - deadline > 0) {
                broker.close();
                throw new IllegalStateException(
                        "the embedded MQTT broker did not listen on port " + port + " within " + PORT_WAIT);
            }
            try {
                Thread.sleep(PORT_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                broker.close();
                throw new IllegalStateException("interrupted while the embedded MQTT broker started", e);
            }
        }
        return broker;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The port the broker listens on. */
    public int port() {
        Integer current = port;
        if (current == null) {
            throw new IllegalStateException("the broker is not running");
        }
        return current;
    }

    /** {@code tcp://127.0.0.1:<port>}. */
    public String uri() {
        return "tcp://" + HOST + ":" + port();
    }

    /** Stops the broker and its threads. Idempotent. */
    @Override
    public void close() {
        if (port != null) {
            port = null;
            server.stopServer();
        }
    }

    @Override
    public String toString() {
        Integer current = port;
        return "EmbeddedBroker[" + (current == null ? "stopped" : uri()) + "]";
    }
}
