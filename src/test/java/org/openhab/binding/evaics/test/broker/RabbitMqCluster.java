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
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A RabbitMQ cluster with the MQTT plugin on 127.0.0.1 for tests (issue 14): Debian's {@code rabbitmq-server} package
 * (3.10), nodes started from its scripts as processes of the test, each with its own data folder under the given
 * directory, free ports for AMQP, MQTT and Erlang distribution, and one private EPMD port ({@code ERL_EPMD_PORT}) so
 * that nothing meets a system RabbitMQ or another test run. All nodes share a random Erlang cookie; the first node
 * starts alone, the others join it ({@code rabbitmqctl join_cluster}). MQTT allows anonymous clients (RabbitMQ's
 * {@code guest} user, allowed from any address here since everything listens on the loopback only).
 * <p>
 * Every wait is bounded ({@link #START_TIMEOUT} per node start, {@link #COMMAND_TIMEOUT} per {@code rabbitmqctl}
 * command); {@link #close()} stops the nodes, kills whatever is left of their processes and the private EPMD.
 * A node is stopped and started with {@link #stopNode(int)} / {@link #startNode(int)}: {@code rabbitmqctl stop_app}
 * and {@code start_app}, which stop and start RabbitMQ with its listeners and close every client connection, while the
 * Erlang VM and the cluster membership stay (much quicker than a full node boot).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class RabbitMqCluster implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    /**
     * A node boots in 5 to 20 s on a busy two-core machine; but a node of a two-node cluster that starts again while
     * the other runs waits about 100 s for the Raft cluster of the MQTT plugin's client id tracking (RabbitMQ 3.8 to
     * 3.11) before it accepts MQTT connections.
     */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int PROBE_CONNECT_TIMEOUT_MILLIS = 200;
    private static final String SBIN_PROPERTY = "rabbitmq.sbin";
    private static final Path DEBIAN_LIB = Path.of("/usr/lib/rabbitmq/lib");
    private static final int COOKIE_BYTES = 16;

    /** One node: its Erlang name and ports. */
    public record Node(String name, int amqpPort, int mqttPort, int distPort, Path directory) {
        /** {@code tcp://127.0.0.1:<mqtt port>}. */
        public String mqttUri() {
            return "tcp://" + HOST + ":" + mqttPort;
        }

        /** {@code 127.0.0.1:<mqtt port>}, as in the broker bridge's host list. */
        public String mqttAddress() {
            return HOST + ":" + mqttPort;
        }
    }

    private final Path sbin;
    private final Path directory;
    private final int epmdPort;
    private final String cookie;
    private final List<String> configLines;
    private final List<Node> nodes = new ArrayList<>();
    private final List<@Nullable Process> processes = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::close, "rabbitmq-test-shutdown");
    private boolean closed;

    /** Whether RabbitMQ's scripts are there (Debian's rabbitmq-server package, or -Drabbitmq.sbin). */
    public static boolean available() {
        return sbinDirectory() != null;
    }

    private static @Nullable Path sbinDirectory() {
        String configured = System.getProperty(SBIN_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Files.isExecutable(Path.of(configured, "rabbitmq-server")) ? Path.of(configured) : null;
        }
        if (!Files.isDirectory(DEBIAN_LIB)) {
            return null;
        }
        try (Stream<Path> servers = Files.list(DEBIAN_LIB)) {
            return servers.filter(dir -> dir.getFileName().toString().startsWith("rabbitmq_server-"))
                    .map(dir -> dir.resolve("sbin")).filter(sbin -> Files.isExecutable(sbin.resolve("rabbitmq-server")))
                    .sorted().reduce((first, second) -> second).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Starts a cluster of {@code size} nodes and returns when every node is a running member and accepts MQTT
     * connections.
     *
     * @param directory a fresh folder for the nodes' data, logs and configuration (e.g. under target/)
     */
    public static RabbitMqCluster start(Path directory, int size) {
        return start(directory, size, List.of());
    }

    /**
     * As {@link #start(Path, int)}, with more lines for every node's {@code rabbitmq.conf} (e.g.
     * {@code mqtt.tcp_listen_options.nodelay = false}).
     */
    public static RabbitMqCluster start(Path directory, int size, List<String> configLines) {
        RabbitMqCluster cluster = new RabbitMqCluster(directory, configLines);
        try {
            cluster.startAll(size);
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    private RabbitMqCluster(Path directory, List<String> configLines) {
        this.configLines = List.copyOf(configLines);
        Path found = sbinDirectory();
        if (found == null) {
            throw new IllegalStateException("RabbitMQ is not installed (apt-get install rabbitmq-server)");
        }
        this.sbin = found;
        this.directory = directory.toAbsolutePath();
        this.epmdPort = freePort();
        byte[] random = new byte[COOKIE_BYTES];
        ThreadLocalRandom.current().nextBytes(random);
        this.cookie = HexFormat.of().formatHex(random).toUpperCase();
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private void startAll(int size) {
        int first = nodes.size();
        for (int i = 0; i < size; i++) {
            int index = nodes.size();
            char letter = (char) ('a' + index);
            String name = "evaics" + letter + ProcessHandle.current().pid() + "@localhost";
            Node node = new Node(name, freePort(), freePort(), freePort(), directory.resolve("node-" + letter));
            prepare(node);
            nodes.add(node);
            processes.add(null);
        }
        // boot in parallel, join one after the other
        for (int i = first; i < nodes.size(); i++) {
            launch(i);
        }
        for (int i = first; i < nodes.size(); i++) {
            awaitMqtt(i);
        }
        for (int i = Math.max(1, first); i < nodes.size(); i++) {
            String name = nodes.get(i).name();
            ctl(i, "await_startup");
            ctl(i, "stop_app");
            ctl(i, "join_cluster", nodes.get(0).name());
            ctl(i, "start_app");
            awaitMqtt(i);
            String status = ctl(0, "cluster_status");
            if (!status.contains(name)) {
                throw new IllegalStateException(name + " did not join the cluster:\n" + status);
            }
        }
    }

    /**
     * Adds {@code count} nodes to the running cluster; returns when they are members and accept MQTT connections.
     */
    public synchronized void addNodes(int count) {
        startAll(count);
    }

    /** The node's configuration files, its folders and the shared cookie in its home folder. */
    private void prepare(Node node) {
        try {
            Path home = node.directory().resolve("home");
            Files.createDirectories(home);
            Files.createDirectories(node.directory().resolve("log"));
            Path cookieFile = home.resolve(".erlang.cookie");
            Files.writeString(cookieFile, cookie, StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(cookieFile, PosixFilePermissions.fromString("r--------"));
            List<String> config = new ArrayList<>(List.of("listeners.tcp.default = " + HOST + ":" + node.amqpPort(),
                    "mqtt.listeners.tcp.default = " + HOST + ":" + node.mqttPort(), "mqtt.allow_anonymous = true",
                    "loopback_users = none", "log.console = false", "log.file.level = info"));
            config.addAll(configLines);
            config.add("");
            Files.writeString(node.directory().resolve("rabbitmq.conf"), String.join("\n", config),
                    StandardCharsets.UTF_8);
            // what `rabbitmq-plugins enable --offline rabbitmq_mqtt` writes, without starting an Erlang VM for it
            Files.writeString(node.directory().resolve("enabled_plugins"), "[rabbitmq_mqtt].\n",
                    StandardCharsets.UTF_8);
            Files.writeString(node.directory().resolve("rabbitmq-env.conf"), "", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + node.directory(), e);
        }
    }

    private Map<String, String> environment(Node node) {
        Path dir = node.directory();
        String loopbackDist = "-kernel inet_dist_use_interface {127,0,0,1}";
        return Map.ofEntries(Map.entry("HOME", dir.resolve("home").toString()),
                Map.entry("RABBITMQ_NODENAME", node.name()), Map.entry("RABBITMQ_NODE_IP_ADDRESS", HOST),
                Map.entry("RABBITMQ_NODE_PORT", Integer.toString(node.amqpPort())),
                Map.entry("RABBITMQ_DIST_PORT", Integer.toString(node.distPort())),
                Map.entry("ERL_EPMD_PORT", Integer.toString(epmdPort)), Map.entry("ERL_EPMD_ADDRESS", HOST),
                Map.entry("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString()),
                Map.entry("RABBITMQ_LOG_BASE", dir.resolve("log").toString()),
                Map.entry("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString()),
                Map.entry("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq.conf").toString()),
                Map.entry("RABBITMQ_ADVANCED_CONFIG_FILE", dir.resolve("advanced.config").toString()),
                Map.entry("RABBITMQ_CONF_ENV_FILE", dir.resolve("rabbitmq-env.conf").toString()),
                Map.entry("RABBITMQ_PID_FILE", dir.resolve("pid").toString()),
                Map.entry("RABBITMQ_PLUGINS_EXPAND_DIR", dir.resolve("plugins-expand").toString()),
                Map.entry("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", loopbackDist),
                Map.entry("RABBITMQ_CTL_ERL_ARGS", loopbackDist));
    }

    private ProcessBuilder builder(Node node, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment(node));
        builder.directory(node.directory().toFile());
        return builder;
    }

    private void launch(int index) {
        Node node = nodes.get(index);
        ProcessBuilder builder = builder(node, List.of(sbin.resolve("rabbitmq-server").toString()));
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(node.directory().resolve("server.out").toFile()));
        try {
            processes.set(index, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start RabbitMQ node " + node.name(), e);
        }
    }

    /** Waits until the node's MQTT port accepts connections. */
    private void awaitMqtt(int index) {
        Node node = nodes.get(index);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!listening(node.mqttPort())) {
            Process process = processes.get(index);
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("RabbitMQ node " + node.name() + " ended with exit code "
                        + process.exitValue() + ":\n" + tail(node.directory().resolve("server.out")));
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("RabbitMQ node " + node.name() + " does not accept MQTT within "
                        + START_TIMEOUT + ":\n" + tail(node.directory().resolve("server.out")));
            }
            sleep(POLL);
        }
    }

    private static boolean listening(int port) {
        return TestBroker.accepts(port, PROBE_CONNECT_TIMEOUT_MILLIS);
    }

    /**
     * Runs {@code rabbitmqctl} against node {@code index}.
     *
     * @return its output
     * @throws IllegalStateException if it fails or takes longer than {@link #COMMAND_TIMEOUT}
     */
    public String ctl(int index, String... arguments) {
        Node node = nodes.get(index);
        List<String> command = new ArrayList<>(List.of(sbin.resolve("rabbitmqctl").toString(), "-n", node.name()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = builder(node, command);
        builder.redirectErrorStream(true);
        Path output = node.directory().resolve("ctl.out");
        builder.redirectOutput(output.toFile());
        try {
            Process process = builder.start();
            if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(process);
                throw new IllegalStateException("rabbitmqctl " + String.join(" ", arguments) + " on " + node.name()
                        + " did not finish within " + COMMAND_TIMEOUT);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("rabbitmqctl " + String.join(" ", arguments) + " on " + node.name()
                        + " failed (" + process.exitValue() + "):\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run rabbitmqctl", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** {@code RabbitMQ 3.10.8}: the version in the name of the installed server's folder. */
    public String version() {
        String folder = String.valueOf(sbin.getParent().getFileName());
        return "RabbitMQ " + folder.substring(folder.indexOf('-') + 1);
    }

    public Node node(int index) {
        return nodes.get(index);
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    /**
     * Stops RabbitMQ on node {@code index} ({@code rabbitmqctl stop_app}): its listeners close and every client
     * connected to it is cut off; the other nodes keep running. Returns when its MQTT port is closed.
     */
    public void stopNode(int index) {
        ctl(index, "stop_app");
        if (!TestBroker.awaitAccepting(nodes.get(index).mqttPort(), false, STOP_TIMEOUT, PROBE_CONNECT_TIMEOUT_MILLIS,
                POLL.toMillis())) {
            throw new IllegalStateException(nodes.get(index).name() + " still listens after stop_app");
        }
    }

    /** Starts RabbitMQ on node {@code index} again ({@code rabbitmqctl start_app}); returns when it accepts MQTT. */
    public void startNode(int index) {
        ctl(index, "start_app");
        awaitMqtt(index);
    }

    /** Starts every node whose RabbitMQ was stopped (e.g. by a test that failed before starting it again). */
    public void ensureAllRunning() {
        for (int i = 0; i < nodes.size(); i++) {
            if (!listening(nodes.get(i).mqttPort())) {
                startNode(i);
            }
        }
    }

    /** The last lines of a node's server output, for failure messages. */
    public String log(int index) {
        return tail(nodes.get(index).directory().resolve("server.out"));
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** Stops every node (bounded), kills what is left of their processes and the private EPMD. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = 0; i < processes.size(); i++) {
            Process process = processes.get(i);
            if (process != null && process.isAlive()) {
                try {
                    ctl(i, "stop");
                } catch (RuntimeException e) {
                    // killed below
                }
                try {
                    process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                killTree(process);
            }
        }
        if (!nodes.isEmpty()) {
            // EPMD detaches from the node that started it: ask it to end (it runs on our private port only)
            try {
                ProcessBuilder kill = builder(nodes.get(0), List.of("epmd", "-port", Integer.toString(epmdPort),
                        "-kill"));
                kill.redirectErrorStream(true);
                kill.redirectOutput(ProcessBuilder.Redirect.DISCARD);
                Process process = kill.start();
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            } catch (IOException e) {
                // no epmd on the path: nothing was started with it either
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // shutting down: this is the hook
        }
    }

    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return "RabbitMqCluster" + nodes;
    }
}
