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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A real mosquitto broker in a child process, for tests and benchmarks: listens on 127.0.0.1 only, on a port
 * picked once and kept across {@link #stop()} / {@link #restart()} so that clients can test reconnects. The
 * configuration, password file and log live in a temporary directory that {@link #close()} removes; the log
 * (mosquitto's stdout and stderr, appended across restarts) is quoted in failure messages.
 * <p>
 * Deliberately free of JUnit types; {@link BrokerExtension} adapts it to JUnit 5. A JVM shutdown hook stops
 * every broker that is still running when the JVM exits, so an aborted test run leaves no process behind.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class MosquittoBroker implements TestBroker {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(20);
    private static final int PROBE_CONNECT_TIMEOUT_MILLIS = 200;
    private static final int LOG_TAIL_LINES = 40;
    /** Enough of {@code mosquitto -h} for its first line. */
    private static final int VERSION_BYTES = 200;
    private static volatile @Nullable String version;

    /** mosquitto 2 "$7$" password hashes: PBKDF2-HMAC-SHA512, 12 byte salt, 64 byte hash. */
    private static final int PBKDF2_ITERATIONS = 101;
    private static final int PBKDF2_SALT_BYTES = 12;
    private static final int PBKDF2_HASH_BITS = 512;

    private static final List<String> BINARY_CANDIDATES = List.of("/usr/sbin/mosquitto", "/usr/local/sbin/mosquitto",
            "/usr/bin/mosquitto", "/usr/local/bin/mosquitto", "/opt/homebrew/sbin/mosquitto");
    private static final String BINARY_PROPERTY = "mosquitto.binary";
    private static final String BINARY_ENV = "MOSQUITTO_BINARY";

    private static final Set<MosquittoBroker> RUNNING = ConcurrentHashMap.newKeySet();
    private static final Thread SHUTDOWN_HOOK = new Thread(MosquittoBroker::stopAllRunning, "mosquitto-test-shutdown");
    private static volatile boolean shutdownHookInstalled;

    private final BrokerOptions config;
    private final Path directory;
    private final Path logFile;
    private final Path configFile;
    private int port;
    private volatile @Nullable Process process;
    private boolean closed;

    private MosquittoBroker(BrokerOptions config) {
        this.config = config.copy();
        try {
            directory = Files.createTempDirectory("mosquitto-test-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for mosquitto", e);
        }
        logFile = directory.resolve("mosquitto.log");
        configFile = directory.resolve("mosquitto.conf");
    }

    /**
     * Starts mosquitto with these options, whether or not {@link TestBroker#start(BrokerOptions)} would choose it
     * (the benchmarks measure mosquitto).
     *
     * @throws IllegalStateException if mosquitto is not installed or does not start
     */
    public static MosquittoBroker start(BrokerOptions options) {
        MosquittoBroker broker = new MosquittoBroker(options);
        broker.start();
        return broker;
    }

    @Override
    public String kind() {
        return "mosquitto";
    }

    /** {@code mosquitto 2.0.11}: the first line of {@code mosquitto -h}, read once. */
    @Override
    public String version() {
        String known = version;
        if (known == null) {
            known = readVersion();
            version = known;
        }
        return known;
    }

    private static String readVersion() {
        Path binary = binary().orElseThrow(() -> new IllegalStateException(notFound()));
        try {
            Process help = new ProcessBuilder(binary.toString(), "-h").redirectErrorStream(true).start();
            byte[] text = help.getInputStream().readNBytes(VERSION_BYTES);
            if (!help.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                help.destroyForcibly();
            }
            String first = new String(text, StandardCharsets.UTF_8).lines().findFirst().orElse("mosquitto");
            return String.valueOf(first).replace(" version", "").trim();
        } catch (IOException e) {
            return "mosquitto (version unknown: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "mosquitto (version unknown)";
        }
    }

    @Override
    public boolean tcpNoDelay() {
        return Boolean.TRUE.equals(config.tcpNoDelay);
    }

    /** Starts the broker (on a free port the first time, on the same port afterwards) and waits until it listens. */
    @Override
    public synchronized MosquittoBroker start() {
        if (closed) {
            throw new IllegalStateException("broker is closed");
        }
        if (isRunning()) {
            return this;
        }
        Path binary = binary().orElseThrow(() -> new IllegalStateException(notFound()));
        if (port == 0) {
            port = freePort();
            writeFiles();
        }
        installShutdownHook();
        ProcessBuilder builder = new ProcessBuilder(binary.toString(), "-c", configFile.toString())
                .directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Process started;
        try {
            started = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + binary + ": " + e.getMessage(), e);
        }
        process = started;
        RUNNING.add(this);
        awaitListening(started);
        BrokerTally.started(kind());
        return this;
    }

    /** Stops the broker (SIGTERM, then SIGKILL after a bounded wait); the port stays reserved for {@link #start()}. */
    @Override
    public synchronized void stop() {
        Process running = process;
        process = null;
        RUNNING.remove(this);
        if (running == null) {
            return;
        }
        terminate(running);
    }

    /** Stops and starts the broker on the same port. */
    @Override
    public synchronized void restart() {
        stop();
        start();
    }

    @Override
    public synchronized boolean isRunning() {
        Process running = process;
        return running != null && running.isAlive();
    }

    /** The listener port; 0 before the first {@link #start()}. */
    @Override
    public synchronized int port() {
        return port;
    }

    @Override
    public String host() {
        return HOST;
    }

    /** The server URI for clients: {@code tcp://127.0.0.1:port}, or {@code ssl://...} for a TLS listener. */
    @Override
    public synchronized String uri() {
        return (config.tls != null ? "ssl://" : "tcp://") + HOST + ":" + port;
    }

    public Path logFile() {
        return logFile;
    }

    /** The last lines of mosquitto's log, for failure messages. */
    @Override
    public String logTail() {
        return logTail(LOG_TAIL_LINES);
    }

    public String logTail(int maxLines) {
        try {
            if (!Files.exists(logFile)) {
                return "(no log yet)";
            }
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - maxLines), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    /** Stops the broker and deletes its temporary directory. */
    @Override
    public synchronized void close() {
        stop();
        closed = true;
        deleteRecursively(directory);
    }

    @Override
    public String toString() {
        return "mosquitto " + uri();
    }

    private void awaitListening(Process started) {
        long deadline = System.nanoTime() + config.startTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!started.isAlive()) {
                process = null;
                RUNNING.remove(this);
                throw new IllegalStateException("mosquitto exited with code " + started.exitValue()
                        + " while starting on " + HOST + ":" + port + "; log:\n" + logTail());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(HOST, port), PROBE_CONNECT_TIMEOUT_MILLIS);
                return;
            } catch (IOException notYet) {
                sleep(PROBE_INTERVAL);
            }
        }
        stop();
        throw new IllegalStateException(
                "mosquitto did not listen on " + HOST + ":" + port + " within " + config.startTimeout + "; log:\n"
                        + logTail());
    }

    private static void terminate(Process running) {
        running.destroy();
        try {
            if (!running.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                running.destroyForcibly();
                running.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            running.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void writeFiles() {
        List<String> lines = new ArrayList<>();
        // started as root, mosquitto would switch to the "mosquitto" user, which cannot read our private temp dir
        lines.add("user " + System.getProperty("user.name"));
        lines.add("persistence false");
        lines.add("per_listener_settings false");
        lines.add("allow_anonymous " + config.allowAnonymous);
        if (Boolean.TRUE.equals(config.tcpNoDelay)) {
            lines.add("set_tcp_nodelay true");
        }
        if (!config.users.isEmpty()) {
            Path passwordFile = directory.resolve("passwd");
            StringBuilder passwords = new StringBuilder();
            config.users.forEach((user, password) -> passwords.append(user).append(':')
                    .append(passwordHash(password)).append('\n'));
            writePrivate(passwordFile, passwords.toString());
            lines.add("password_file " + passwordFile);
        }
        lines.add("listener " + port + " " + HOST);
        TestBroker.TlsFiles tls = config.tls;
        if (tls != null) {
            lines.add("cafile " + tls.caFile().toAbsolutePath());
            lines.add("certfile " + tls.certFile().toAbsolutePath());
            lines.add("keyfile " + tls.keyFile().toAbsolutePath());
            lines.add("require_certificate " + config.requireCertificate);
        }
        lines.addAll(config.extraLines);
        writePrivate(configFile, String.join("\n", lines) + "\n");
    }

    private static void writePrivate(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** A mosquitto 2 password file entry ({@code $7$iterations$salt$hash}), so that mosquitto_passwd is not needed. */
    static String passwordHash(String password) {
        byte[] salt = new byte[PBKDF2_SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        try {
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, PBKDF2_ITERATIONS, PBKDF2_HASH_BITS))
                    .getEncoded();
            Base64.Encoder base64 = Base64.getEncoder();
            return "$7$" + PBKDF2_ITERATIONS + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 is not available", e);
        }
    }

    /** A port on {@link #HOST} that nothing listens on right now. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + HOST, e);
        }
    }

    /**
     * The mosquitto executable: the one named by {@code -Dmosquitto.binary} (or {@code MOSQUITTO_BINARY}) if set,
     * even if it does not exist ({@code -Dmosquitto.binary=/nonexistent} makes the tests use the embedded broker),
     * else the first found in the usual places and on {@code PATH}.
     */
    public static Optional<Path> binary() {
        List<Path> candidates = candidates();
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** Why mosquitto is not there, in short. */
    static String missing() {
        String configured = System.getProperty(BINARY_PROPERTY, System.getenv(BINARY_ENV));
        return configured != null && !configured.isBlank() ? configured + " is not executable"
                : "not found in " + String.join(", ", BINARY_CANDIDATES) + " or on PATH";
    }

    /** Why mosquitto is not there, and how to get it. */
    static String notFound() {
        return "mosquitto (MQTT broker) not found in " + candidates()
                + "; install it with: apt-get install -y mosquitto (or set -D" + BINARY_PROPERTY + "=/path)";
    }

    private static List<Path> candidates() {
        String configured = System.getProperty(BINARY_PROPERTY, System.getenv(BINARY_ENV));
        if (configured != null && !configured.isBlank()) {
            return List.of(Path.of(configured));
        }
        List<Path> candidates = new ArrayList<>();
        BINARY_CANDIDATES.forEach(candidate -> candidates.add(Path.of(candidate)));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, "mosquitto"));
                }
            }
        }
        return candidates;
    }

    private static void installShutdownHook() {
        if (!shutdownHookInstalled) {
            synchronized (MosquittoBroker.class) {
                if (!shutdownHookInstalled) {
                    Runtime.getRuntime().addShutdownHook(SHUTDOWN_HOOK);
                    shutdownHookInstalled = true;
                }
            }
        }
    }

    private static void stopAllRunning() {
        for (MosquittoBroker broker : List.copyOf(RUNNING)) {
            Process running = broker.process;
            if (running != null) {
                running.destroyForcibly();
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for mosquitto", e);
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temp dir is harmless; the broker itself is already stopped
        }
    }
}
