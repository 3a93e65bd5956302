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
package org.openhab.binding.evaics.internal.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttConnectionListener;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttSettings;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttTransport;
import org.openhab.binding.evaics.internal.protocol.state.EvaTopics;

/**
 * The broker options shared by {@code call}, {@code watch} and {@code discover}, and the one connection a command
 * uses (protocol.md §1: MQTT 3.1.1, clean session, random client id, optional user name / password and TLS).
 * <p>
 * Unlike the binding, the tool does not wait for a broker that is down: if the first connection attempt fails or
 * does not finish within {@link #CONNECT_TIMEOUT_SECONDS}, the command ends with {@link ExitCode#USAGE}. Later
 * losses (during {@code watch}) are reported on stderr while the transport reconnects on its own.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class BrokerConnection implements AutoCloseable {

    static final String BROKER = "--broker";
    static final String USERNAME = "--username";
    static final String PASSWORD = "--password";
    static final String CA_FILE = "--ca-file";
    static final String SPACE = "--space";

    /** The options every broker command accepts. */
    static final List<CliOption> OPTIONS = List.of(
            CliOption.value(BROKER, "URL", "broker URL, tcp://host[:port] or ssl://host[:port] (required)"),
            CliOption.value(USERNAME, "USER", "broker user name"),
            CliOption.value(PASSWORD, "PASSWORD", "broker password (needs --username)"),
            CliOption.value(CA_FILE, "FILE", "PEM file with the CA certificate(s) to trust for ssl:// "
                    + "(default: the JVM's trust store)"),
            CliOption.value(SPACE, "SPACE", "EVA space: the topic prefix of the controllers' notifier (default: none)"));

    /** Paho's limit for the TCP (and TLS) connect plus the broker's CONNACK. */
    static final int CONNECT_TIMEOUT_SECONDS = 10;
    /** Extra wait beyond the connect timeout before giving up on hearing from the transport. */
    private static final long CONNECT_MARGIN_MILLIS = 2000;
    /** Longest wait for the broker to acknowledge our subscriptions. */
    static final long SUBSCRIBE_TIMEOUT_MILLIS = 10_000;

    private final MqttTransport transport;

    private BrokerConnection(MqttTransport transport) {
        this.transport = transport;
    }

    /**
     * The topics of the {@code --space} option.
     *
     * @throws CliException (usage) if the space cannot be a topic prefix
     */
    static EvaTopics topics(ParsedArgs args) throws CliException {
        try {
            return new EvaTopics(args.optional(SPACE, ""));
        } catch (IllegalArgumentException e) {
            throw CliException.usage(String.valueOf(e.getMessage()));
        }
    }

    /**
     * Builds the settings from the options.
     *
     * @throws CliException (usage) for a missing or unusable URL, a password without user name, a CA file on tcp://
     */
    static MqttSettings settings(ParsedArgs args) throws CliException {
        String caFile = args.optional(CA_FILE);
        try {
            return MqttSettings.builder(args.required(BROKER)).username(args.optional(USERNAME))
                    .password(args.optional(PASSWORD)).caFile(caFile == null ? null : Path.of(caFile))
                    .connectTimeoutSeconds(CONNECT_TIMEOUT_SECONDS).build();
        } catch (IllegalArgumentException e) {
            // MqttSettings messages name settings and the URL, never the password
            throw CliException.usage(String.valueOf(e.getMessage())
                    .replace("caFile, clientCertFile and clientKeyFile need", CA_FILE + " needs")
                    .replace("serverUri", BROKER)
                    .replace("caFile", CA_FILE).replace("username", USERNAME).replace("password", PASSWORD));
        }
    }

    /**
     * Connects and waits for the first connection.
     *
     * @param afterConnect told about later connection losses and reconnects (null: not interested)
     * @throws CliException ({@link ExitCode#USAGE}) if the broker refuses or cannot be reached in time, or the TLS
     *             files cannot be used
     * @throws InterruptedException if the wait is interrupted
     */
    static BrokerConnection connect(MqttSettings settings, @Nullable MqttConnectionListener afterConnect)
            throws CliException, InterruptedException {
        MqttTransport transport;
        try {
            transport = new MqttTransport(settings);
        } catch (IllegalArgumentException e) {
            throw CliException.failure(ExitCode.USAGE, String.valueOf(e.getMessage()));
        }
        CompletableFuture<@Nullable Void> first = new CompletableFuture<>();
        transport.addConnectionListener(new MqttConnectionListener() {
            @Override
            public void connected(boolean reconnect) {
                if (!first.complete(null) && afterConnect != null) {
                    afterConnect.connected(reconnect);
                }
            }

            @Override
            public void connectionLost(String reason) {
                if (afterConnect != null) {
                    afterConnect.connectionLost(reason);
                }
            }

            @Override
            public void connectFailed(String reason, boolean authenticationRefused) {
                String what = authenticationRefused ? "the broker " + settings.serverUri() + " refused the credentials"
                        : "cannot connect to " + settings.serverUri();
                if (!first.completeExceptionally(
                        CliException.failure(ExitCode.USAGE, what + ": " + CliIo.printable(reason)))
                        && afterConnect != null) {
                    afterConnect.connectFailed(reason, authenticationRefused);
                }
            }
        });
        BrokerConnection connection = new BrokerConnection(transport);
        try {
            transport.start();
            first.get(TimeUnit.SECONDS.toMillis(CONNECT_TIMEOUT_SECONDS) + CONNECT_MARGIN_MILLIS,
                    TimeUnit.MILLISECONDS);
            return connection;
        } catch (ExecutionException e) {
            connection.close();
            if (e.getCause() instanceof CliException cli) {
                throw cli;
            }
            throw CliException.failure(ExitCode.USAGE,
                    "cannot connect to " + settings.serverUri() + ": " + String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            connection.close();
            throw CliException.failure(ExitCode.USAGE, "no connection to " + settings.serverUri() + " within "
                    + CONNECT_TIMEOUT_SECONDS + " s");
        } catch (IllegalArgumentException e) {
            connection.close();
            throw CliException.failure(ExitCode.USAGE, String.valueOf(e.getMessage()));
        } catch (InterruptedException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * Waits for the broker to acknowledge a subscription.
     *
     * @throws CliException ({@link ExitCode#USAGE}) if the broker refuses it or does not answer in time
     */
    static void awaitSubscribed(CompletableFuture<@Nullable Void> subscribed, String what)
            throws CliException, InterruptedException {
        try {
            subscribed.get(SUBSCRIBE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw CliException.failure(ExitCode.USAGE, "the broker refused the subscription to " + what + ": "
                    + (cause == null ? "unknown reason" : CliIo.printable(String.valueOf(cause.getMessage()))));
        } catch (TimeoutException e) {
            throw CliException.failure(ExitCode.USAGE,
                    "the broker did not acknowledge the subscription to " + what + " in time");
        }
    }

    MqttTransport transport() {
        return transport;
    }

    @Override
    public void close() {
        transport.close();
    }
}
