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

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.test.broker.TestBroker.TlsFiles;

/**
 * What a {@link TestBroker} offers its clients; every option has a test-friendly default (anonymous access, plain
 * TCP). mosquitto and the embedded broker support every option except {@link #configLine(String)}, which only
 * mosquitto understands; the other brokers of the compatibility matrix (RabbitMQ, HiveMQ: {@code mvn -Pbrokers},
 * docs/brokers.md) serve anonymous plain TCP only, with or without {@link #tcpNoDelay(boolean)}, and refuse the rest.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class BrokerOptions {

    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(10);

    boolean allowAnonymous = true;
    /** {@code null}: the broker's own default (mosquitto: off; Moquette, RabbitMQ and HiveMQ: on). */
    @Nullable
    Boolean tcpNoDelay;
    final Map<String, String> users = new LinkedHashMap<>();
    @Nullable
    TlsFiles tls;
    boolean requireCertificate;
    final List<String> extraLines = new ArrayList<>();
    Duration startTimeout = DEFAULT_START_TIMEOUT;

    BrokerOptions() {
    }

    public BrokerOptions allowAnonymous(boolean allow) {
        this.allowAnonymous = allow;
        return this;
    }

    /**
     * Whether the broker sets TCP_NODELAY on its client connections: mosquitto's {@code set_tcp_nodelay} (without it,
     * small QoS 1 exchanges wait for delayed ACKs), Moquette's {@code netty.tcp_nodelay}, RabbitMQ's
     * {@code mqtt.tcp_listen_options.nodelay}. Unset, each broker keeps its own default: mosquitto off, the others on.
     * HiveMQ CE has no such setting (always on): {@link TestBroker#tcpNoDelay()} says what a broker does.
     */
    public BrokerOptions tcpNoDelay(boolean noDelay) {
        this.tcpNoDelay = noDelay;
        return this;
    }

    /** Adds a user who may connect with this password. */
    public BrokerOptions user(String name, String password) {
        if (name.isEmpty() || name.contains(":")) {
            throw new IllegalArgumentException("user name must be non-empty and must not contain ':'");
        }
        users.put(name, password);
        return this;
    }

    /** Makes the listener a TLS listener with these files. */
    public BrokerOptions tls(TlsFiles files) {
        this.tls = files;
        return this;
    }

    /** With TLS: clients must present a certificate signed by the CA. */
    public BrokerOptions requireCertificate(boolean require) {
        this.requireCertificate = require;
        return this;
    }

    /** A raw mosquitto.conf line, appended after the listener section (mosquitto only). */
    public BrokerOptions configLine(String line) {
        extraLines.add(line);
        return this;
    }

    public BrokerOptions startTimeout(Duration timeout) {
        this.startTimeout = timeout;
        return this;
    }

    /** Starts mosquitto if it is installed, else the embedded broker: {@link TestBroker#start(BrokerOptions)}. */
    public TestBroker start() {
        return TestBroker.start(this);
    }

    /** A copy, so that a running broker does not change when its options object does. */
    BrokerOptions copy() {
        BrokerOptions copy = new BrokerOptions();
        copy.allowAnonymous = allowAnonymous;
        copy.tcpNoDelay = tcpNoDelay;
        copy.users.putAll(users);
        copy.tls = tls;
        copy.requireCertificate = requireCertificate;
        copy.extraLines.addAll(extraLines);
        copy.startTimeout = startTimeout;
        return copy;
    }
}
