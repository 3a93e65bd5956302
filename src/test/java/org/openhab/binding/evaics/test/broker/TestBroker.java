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
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * An MQTT broker for tests: a real mosquitto in a child process where one is installed ({@link MosquittoBroker}),
 * else one inside the JVM ({@link EmbeddedBroker}, Moquette). Either listens on {@link #HOST} only, on a port picked
 * at the first start and kept across {@link #stop()} and {@link #start()}, so that clients can test reconnects.
 * <p>
 * {@link #start(BrokerOptions)} chooses; {@link BrokerExtension} adapts it to JUnit 5, and {@link NeedsMosquitto}
 * marks the tests that only mosquitto can serve (docs/development.md lists them). The system property
 * {@value #KIND_PROPERTY} names the broker instead: {@code mosquitto}, {@code embedded}, or a kind that a
 * {@link Provider} serves (RabbitMQ and HiveMQ, whose harnesses are in {@code src/brokers/java}, compiled only in the
 * {@code brokers} profile, which runs the end-to-end tests once on each broker: docs/brokers.md).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public interface TestBroker extends AutoCloseable {

    /** Loopback only: tests must never listen on a public interface. */
    String HOST = "127.0.0.1";

    /** Certificate files for a TLS listener (PEM; the key unencrypted PKCS#8). */
    record TlsFiles(Path caFile, Path certFile, Path keyFile) {
    }

    /** Whether something on {@link #HOST} accepts a TCP connection on the port within the timeout (closed at once). */
    static boolean accepts(int port, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), timeoutMillis);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits until the port on {@link #HOST} accepts connections ({@code accepting}) or no longer does, trying every
     * {@code pollMillis} with {@link #accepts}.
     *
     * @return false if that did not happen within {@code limit}
     * @throws IllegalStateException if interrupted
     */
    static boolean awaitAccepting(int port, boolean accepting, Duration limit, int connectTimeoutMillis,
            long pollMillis) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (accepts(port, connectTimeoutMillis) != accepting) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for port " + port, e);
            }
        }
        return true;
    }

    /** Options with test-friendly defaults: anonymous access, plain TCP. */
    static BrokerOptions options() {
        return new BrokerOptions();
    }

    /** The system property that names the broker of every test, for the compatibility matrix. */
    String KIND_PROPERTY = "evaics.test.broker";

    /** A broker kind beyond mosquitto and the embedded one, found through {@link ServiceLoader}. */
    interface Provider {
        /** The name {@value #KIND_PROPERTY} gives it, as {@link TestBroker#kind()}. */
        String kind();

        /** Starts a broker with these options and waits until it listens. */
        TestBroker start(BrokerOptions options);
    }

    /**
     * Starts the broker {@value #KIND_PROPERTY} names; without it, mosquitto if it is installed
     * ({@link MosquittoBroker#binary()}), else the embedded broker. Waits until it listens.
     *
     * @throws IllegalArgumentException if the property names a broker that no harness here serves
     */
    static TestBroker start(BrokerOptions options) {
        String kind = String.valueOf(System.getProperty(KIND_PROPERTY, "")).trim();
        if (kind.isEmpty()) {
            return MosquittoBroker.binary().isPresent() ? MosquittoBroker.start(options)
                    : EmbeddedBroker.start(options);
        }
        if ("mosquitto".equals(kind)) {
            return MosquittoBroker.start(options);
        }
        if ("embedded".equals(kind)) {
            return EmbeddedBroker.start(options);
        }
        List<String> known = new ArrayList<>(List.of("mosquitto", "embedded"));
        for (Provider provider : ServiceLoader.load(Provider.class)) {
            if (provider.kind().equals(kind)) {
                return provider.start(options);
            }
            known.add(provider.kind());
        }
        throw new IllegalArgumentException("-D" + KIND_PROPERTY + "=" + kind + " names no test broker; known here: "
                + String.join(", ", known) + " (rabbitmq and hivemq need the brokers profile: mvn -Pbrokers)");
    }

    /**
     * Which broker this is, for the summary at the end of a run: {@code mosquitto}, {@code embedded}, or the kind of
     * its {@link Provider}.
     */
    String kind();

    /** The broker's name and exact version, e.g. {@code mosquitto 2.0.11}. */
    String version();

    /** Whether the broker sets TCP_NODELAY on its client connections (see {@link BrokerOptions#tcpNoDelay}). */
    boolean tcpNoDelay();

    /** Starts the broker again (on the same port) if it is stopped, and waits until it listens. */
    TestBroker start();

    /** Stops the broker; the port stays reserved for {@link #start()}. */
    void stop();

    /** Stops and starts the broker on the same port. */
    default void restart() {
        stop();
        start();
    }

    boolean isRunning();

    /** The listener port. */
    int port();

    default String host() {
        return HOST;
    }

    /** The server URI for clients: {@code tcp://127.0.0.1:port}, or {@code ssl://...} for a TLS listener. */
    String uri();

    /** The last lines of the broker's log, for failure messages. */
    String logTail();

    /** Stops the broker for good and removes what it left on disk. */
    @Override
    void close();
}
