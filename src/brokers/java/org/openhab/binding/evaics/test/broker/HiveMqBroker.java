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

import static org.openhab.binding.evaics.test.StdStreams.out;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedHiveMQ;

/**
 * HiveMQ Community Edition, embedded in the test JVM, as a {@link TestBroker} for the compatibility matrix
 * ({@code -Devaics.test.broker=hivemq}): a TCP listener on 127.0.0.1 and a free port kept across {@link #stop()} and
 * {@link #start()}, in-memory persistence, no usage statistics, no extensions (so anyone may connect), HiveMQ's own
 * logging bootstrap off (its messages go through the tests' SLF4J backend).
 * <p>
 * An {@link EmbeddedHiveMQ} cannot be started again once stopped (its metric registry belongs to the instance and
 * its second start fails with "A metric named ... already exists"), so every {@link #start()} builds a new instance
 * on the same port and configuration, with a fresh data folder; {@link #stop()} stops and closes the old one. Every
 * wait is bounded. TCP_NODELAY is always on (HiveMQ sets it on every client connection and has no setting for it).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class HiveMqBroker implements TestBroker {

    /** Found through {@link java.util.ServiceLoader} (src/brokers/resources/META-INF/services). */
    public static final class Provider implements TestBroker.Provider {
        @Override
        public String kind() {
            return "hivemq";
        }

        @Override
        public TestBroker start(BrokerOptions options) {
            return HiveMqBroker.start(options);
        }
    }

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 10;
    private static final int CONNECT_TIMEOUT_MILLIS = 200;
    private static final int LOG_LINES = 40;

    private final Path directory;
    private final int port;
    private final List<String> log = new ArrayList<>();
    private @Nullable EmbeddedHiveMQ running;
    private int starts;
    private boolean closed;

    private HiveMqBroker(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /** Starts HiveMQ with these options and waits until it listens. */
    public static HiveMqBroker start(BrokerOptions options) {
        if (!options.allowAnonymous || !options.users.isEmpty() || options.tls != null
                || !options.extraLines.isEmpty()) {
            throw new IllegalArgumentException(
                    "the HiveMQ test broker serves anonymous plain TCP only (no users, TLS or mosquitto.conf lines)");
        }
        HiveMqBroker broker;
        try {
            broker = new HiveMqBroker(Files.createTempDirectory("hivemq-test-"), MosquittoBroker.freePort());
            Files.createDirectories(broker.directory.resolve("conf"));
            Files.createDirectories(broker.directory.resolve("extensions"));
            Files.writeString(broker.directory.resolve("conf").resolve("config.xml"), broker.config(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare HiveMQ's folders", e);
        }
        try {
            broker.start();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    private String config() {
        return String.join("\n", "<?xml version=\"1.0\"?>", "<hivemq>", "  <listeners>", "    <tcp-listener>",
                "      <port>" + port + "</port>", "      <bind-address>" + HOST + "</bind-address>",
                "    </tcp-listener>", "  </listeners>", "  <persistence>", "    <mode>in-memory</mode>",
                "  </persistence>", "  <anonymous-usage-statistics>", "    <enabled>false</enabled>",
                "  </anonymous-usage-statistics>", "</hivemq>", "");
    }

    @Override
    public String kind() {
        return "hivemq";
    }

    /** {@code HiveMQ CE 2025.4}, from the manifest of HiveMQ's jar. */
    @Override
    public String version() {
        Package hivemq = EmbeddedHiveMQ.class.getPackage();
        String version = hivemq == null ? null : hivemq.getImplementationVersion();
        return "HiveMQ CE " + (version == null ? "(version unknown)" : version);
    }

    @Override
    public boolean tcpNoDelay() {
        return true;
    }

    @Override
    public synchronized TestBroker start() {
        if (closed) {
            throw new IllegalStateException("broker is closed");
        }
        if (running != null) {
            return this;
        }
        long begin = System.nanoTime();
        // in-memory persistence has nothing to write at a stop: without this grace period for its writer tasks (an
        // internal setting, 2 s by default) a stop takes about 2 s (Netty's quiet period) instead of about 4 s
        InternalConfigurations.PERSISTENCE_SHUTDOWN_GRACE_PERIOD_MSEC.set(0);
        Path data = directory.resolve("data-" + ++starts);
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder().withConfigurationFolder(directory.resolve("conf"))
                .withDataFolder(data).withExtensionsFolder(directory.resolve("extensions")).withoutLoggingBootstrap()
                .build();
        running = hivemq;
        try {
            hivemq.start().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            stop();
            throw new IllegalStateException("HiveMQ did not start on " + uri() + " within " + START_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("interrupted while HiveMQ started", e);
        }
        awaitListening(true);
        note("started on " + uri() + " in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin) + " ms");
        out().printf("[matrix] %s | harness | instance %d started in %d ms%n", version(), starts,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
        BrokerTally.started(kind());
        return this;
    }

    /** Stops and closes the running instance (bounded); returns once the port no longer accepts connections. */
    @Override
    public synchronized void stop() {
        EmbeddedHiveMQ hivemq = running;
        running = null;
        if (hivemq == null) {
            return;
        }
        long begin = System.nanoTime();
        try {
            hivemq.stop().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            hivemq.close();
        } catch (ExecutionException | TimeoutException e) {
            note("stop failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        awaitListening(false);
        note("stopped in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin) + " ms");
        out().printf("[matrix] %s | harness | instance %d stopped and closed in %d ms%n", version(), starts,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
    }

    private void awaitListening(boolean listening) {
        if (!TestBroker.awaitAccepting(port, listening, listening ? START_TIMEOUT : STOP_TIMEOUT,
                CONNECT_TIMEOUT_MILLIS, POLL_MILLIS)) {
            throw new IllegalStateException("HiveMQ " + (listening ? "does not listen" : "still listens") + " on "
                    + uri());
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return running != null;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String uri() {
        return "tcp://" + HOST + ":" + port;
    }

    /** Its starts and stops; HiveMQ itself logs through SLF4J. */
    @Override
    public synchronized String logTail() {
        return String.join("\n", log.subList(Math.max(0, log.size() - LOG_LINES), log.size()));
    }

    private synchronized void note(String event) {
        log.add(LocalTime.now() + " " + event);
    }

    /** Stops HiveMQ and deletes its folders. Idempotent. */
    @Override
    public synchronized void close() {
        stop();
        closed = true;
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: left behind at worst
        }
    }

    @Override
    public String toString() {
        return version() + " " + uri() + (isRunning() ? "" : " (stopped)");
    }
}
