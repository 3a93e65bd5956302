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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * RabbitMQ with its MQTT plugin as a {@link TestBroker} for the compatibility matrix ({@code -Devaics.test.broker=
 * rabbitmq}): a {@link RabbitMqCluster} of one node, in its own folder under {@code target/}. {@link #stop()} and
 * {@link #start()} are the node's {@code rabbitmqctl stop_app} and {@code start_app}: the listener closes and every
 * client is cut off, the Erlang VM stays, the port stays. Anonymous plain TCP only; {@link BrokerOptions#tcpNoDelay}
 * becomes {@code mqtt.tcp_listen_options.nodelay} (RabbitMQ's default: on).
 * <p>
 * A node boots in 15 to 20 s on the project's two-core machine, so the test classes of one JVM share it: one node
 * per configuration, started by the first test class that asks for it, left running by {@link #close()} (started
 * again if a test left it stopped) and shut down when the JVM ends ({@link RabbitMqCluster}'s shutdown hook, bounded).
 * What a class leaves on the node is what a restart of a node leaves as well: RabbitMQ keeps retained messages on disk
 * across {@code stop_app}, and clean sessions end with their connections.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class RabbitMqBroker implements TestBroker {

    /** Found through {@link java.util.ServiceLoader} (src/brokers/resources/META-INF/services). */
    public static final class Provider implements TestBroker.Provider {
        @Override
        public String kind() {
            return "rabbitmq";
        }

        @Override
        public TestBroker start(BrokerOptions options) {
            return RabbitMqBroker.start(options);
        }
    }

    /** The nodes of this JVM, by the lines their configuration adds. */
    private static final Map<List<String>, RabbitMqCluster> NODES = new HashMap<>();

    private final BrokerOptions options;
    private final RabbitMqCluster node;
    private boolean running = true;
    private boolean closed;

    private RabbitMqBroker(BrokerOptions options, RabbitMqCluster node) {
        this.options = options;
        this.node = node;
    }

    /** Starts a one-node RabbitMQ with these options; returns when it accepts MQTT connections. */
    public static RabbitMqBroker start(BrokerOptions options) {
        BrokerOptions copy = options.copy();
        if (!copy.allowAnonymous || !copy.users.isEmpty() || copy.tls != null || !copy.extraLines.isEmpty()) {
            throw new IllegalArgumentException(
                    "the RabbitMQ test broker serves anonymous plain TCP only (no users, TLS or mosquitto.conf lines)");
        }
        List<String> lines = copy.tcpNoDelay == null ? List.of()
                : List.of("mqtt.tcp_listen_options.nodelay = " + copy.tcpNoDelay);
        RabbitMqBroker broker = new RabbitMqBroker(copy, node(lines));
        BrokerTally.started(broker.kind());
        return broker;
    }

    /** This JVM's running node with this configuration: started now, or started again if it was stopped. */
    private static synchronized RabbitMqCluster node(List<String> lines) {
        RabbitMqCluster node = NODES.get(lines);
        if (node == null) {
            node = RabbitMqCluster.start(Path.of("target", "rabbitmq-matrix-" + System.nanoTime()), 1, lines);
            NODES.put(lines, node);
        } else {
            node.ensureAllRunning();
        }
        return node;
    }

    @Override
    public String kind() {
        return "rabbitmq";
    }

    @Override
    public String version() {
        return node.version();
    }

    @Override
    public boolean tcpNoDelay() {
        return !Boolean.FALSE.equals(options.tcpNoDelay);
    }

    @Override
    public synchronized TestBroker start() {
        if (closed) {
            throw new IllegalStateException("broker is closed");
        }
        if (!running) {
            node.startNode(0);
            running = true;
            BrokerTally.started(kind());
        }
        return this;
    }

    @Override
    public synchronized void stop() {
        if (running && !closed) {
            running = false;
            node.stopNode(0);
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return running && !closed;
    }

    @Override
    public int port() {
        return node.node(0).mqttPort();
    }

    @Override
    public String uri() {
        return node.node(0).mqttUri();
    }

    @Override
    public String logTail() {
        return node.log(0);
    }

    /** Leaves the node to the next test class of this JVM; it is shut down when the JVM ends. */
    @Override
    public synchronized void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return version() + " " + uri() + (isRunning() ? "" : " (stopped)");
    }
}
