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

import java.nio.file.Path;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * An MQTT broker for tests: a real mosquitto in a child process where one is installed ({@link MosquittoBroker}),
 * else one inside the JVM ({@link EmbeddedBroker}, Moquette). Either listens on {@link #HOST} only, on a port picked
 * at the first start and kept across {@link #stop()} and {@link #start()}, so that clients can test reconnects.
 * <p>
 * {@link #start(BrokerOptions)} chooses; {@link BrokerExtension} adapts it to JUnit 5, and {@link NeedsMosquitto}
 * marks the tests that only mosquitto can serve (docs/development.md lists them).
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

    /** Options with test-friendly defaults: anonymous access, plain TCP. */
    static BrokerOptions options() {
        return new BrokerOptions();
    }

    /**
     * Starts mosquitto if it is installed ({@link MosquittoBroker#binary()}), else the embedded broker, and waits
     * until it listens.
     */
    static TestBroker start(BrokerOptions options) {
        return MosquittoBroker.binary().isPresent() ? MosquittoBroker.start(options) : EmbeddedBroker.start(options);
    }

    /** Which broker this is, for the summary at the end of a run: {@code mosquitto} or {@code embedded}. */
    String kind();

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
