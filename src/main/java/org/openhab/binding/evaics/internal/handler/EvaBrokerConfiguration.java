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
package org.openhab.binding.evaics.internal.handler;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.EvaIcsBindingConstants;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.mqtt.BrokerAddresses;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttSettings;
import org.openhab.binding.evaics.internal.protocol.mqtt.ServerPin;
import org.openhab.binding.evaics.internal.protocol.rpc.RpcSettings;
import org.openhab.binding.evaics.internal.protocol.state.EvaTopics;

/**
 * Configuration of the {@code evaics:broker} bridge (ESH-INF/thing/broker.xml), mapped by openHAB from the thing
 * configuration, and its translation into transport settings (protocol.md §1). {@link #toString()} never shows the
 * password.
 * <p>
 * Parameters that mean the same as one of the {@code mqtt:broker} thing of openHAB's MQTT binding have its name,
 * type and unit ({@code host}, {@code port}, {@code secure}, {@code hostnameValidated}, {@code username},
 * {@code password}, {@code clientID}, {@code keepAlive} in seconds, {@code reconnectTime} in milliseconds,
 * {@code qos}), so that settings can be copied across.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public class EvaBrokerConfiguration {

    public static final int MIN_PORT = 1;
    public static final int MAX_PORT = 65535;
    /** The broker's answer to a connect attempt is awaited this long. */
    public static final int CONNECT_TIMEOUT_SECONDS = 10;
    /** Default cap of the reconnect backoff, in milliseconds. */
    public static final int DEFAULT_RECONNECT_TIME_MILLIS = 30_000;
    /** Shorter caps would hammer a broker that refuses connections. */
    public static final int MIN_RECONNECT_TIME_MILLIS = 1_000;
    /** The reconnect backoff never goes above a day, however configured. */
    public static final int MAX_RECONNECT_TIME_MILLIS = 86_400_000;
    /** Default of {@link #maxMessageSize}: 1 MiB, as the codecs' default limit. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE_KIB = ProtocolLimits.DEFAULT_MAX_PAYLOAD_BYTES / 1024;
    /** The largest {@link #maxMessageSize} that still fits MQTT's 256 MB packet limit. */
    public static final int MAX_MESSAGE_SIZE_KIB = MqttSettings.MAX_PAYLOAD_LIMIT / 1024;
    private static final int BYTES_PER_KIB = 1024;

    /**
     * One broker, or several (a cluster) to fail over between: a comma-separated list of {@code host[:port]}
     * ({@link BrokerAddresses#parse}); entries without a port take {@link #port()}.
     */
    public String host = "";
    /** Not set: {@value MqttSettings#DEFAULT_TCP_PORT}, or {@value MqttSettings#DEFAULT_SSL_PORT} with TLS. */
    public @Nullable Integer port;
    /** TLS on or off. */
    public boolean secure = false;
    /** Empty: the JVM trust store. */
    public String caFile = "";
    public String clientCertFile = "";
    public String clientKeyFile = "";
    public boolean hostnameValidated = true;
    public String username = "";
    public String password = "";
    /** Empty: a random client id per connection object. */
    public String clientID = "";
    public int keepAlive = MqttSettings.DEFAULT_KEEP_ALIVE_SECONDS;
    /** QoS of API requests and responses; state announcements are always subscribed with QoS 1. */
    public int qos = RpcSettings.DEFAULT_QOS;
    /** The EVA space (topic prefix), empty for none. */
    public String space = "";
    /** Largest pause between reconnect attempts, in milliseconds. */
    public int reconnectTime = DEFAULT_RECONNECT_TIME_MILLIS;
    /** Largest message payload that is read at all, in KiB; larger ones are dropped unread. */
    public int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE_KIB;
    /** With TLS: pin the broker's certificate ({@link #certificate}, learned on the first connection if empty). */
    public boolean certificatepin = false;
    /** The pinned certificate hash, {@code SHA-256:} and hex as mqtt:broker writes it; empty to learn it. */
    public String certificate = "";
    /** With TLS: pin the broker's public key ({@link #publickey}, learned on the first connection if empty). */
    public boolean publickeypin = false;
    /** The pinned public key hash; empty to learn it. */
    public String publickey = "";

    /**
     * Checks everything that can be checked without touching files or the network and builds the transport
     * settings.
     *
     * @throws IllegalArgumentException with a message for the user that says what is wrong
     */
    public MqttSettings toMqttSettings() {
        String trimmedHost = host.trim();
        if (trimmedHost.isEmpty()) {
            throw new ConfigurationProblem("broker-host-empty", "the broker host is empty");
        }
        int effectivePort = port();
        if (effectivePort < MIN_PORT || effectivePort > MAX_PORT) {
            throw new ConfigurationProblem("broker-port-range",
                    "the port " + effectivePort + " is outside " + MIN_PORT + ".." + MAX_PORT, effectivePort, MIN_PORT,
                    MAX_PORT);
        }
        if (keepAlive < 0 || keepAlive > MqttSettings.MAX_KEEP_ALIVE_SECONDS) {
            throw new ConfigurationProblem("broker-keep-alive-range",
                    "the keep-alive " + keepAlive + " s is outside 0.." + MqttSettings.MAX_KEEP_ALIVE_SECONDS, keepAlive,
                    MqttSettings.MAX_KEEP_ALIVE_SECONDS);
        }
        if (qos < 0 || qos > RpcSettings.MAX_QOS) {
            throw new ConfigurationProblem("broker-qos", "the QoS " + qos + " is not 0 or " + RpcSettings.MAX_QOS, qos,
                    RpcSettings.MAX_QOS);
        }
        if (reconnectTime < MIN_RECONNECT_TIME_MILLIS || reconnectTime > MAX_RECONNECT_TIME_MILLIS) {
            throw new ConfigurationProblem("broker-reconnect-time-range", "the reconnect time " + reconnectTime
                    + " ms is outside " + MIN_RECONNECT_TIME_MILLIS + ".." + MAX_RECONNECT_TIME_MILLIS, reconnectTime,
                    MIN_RECONNECT_TIME_MILLIS, MAX_RECONNECT_TIME_MILLIS);
        }
        if (maxMessageSize < 1 || maxMessageSize > MAX_MESSAGE_SIZE_KIB) {
            throw new ConfigurationProblem("broker-message-size-range", "the maximum message size " + maxMessageSize
                    + " KiB is outside 1.." + MAX_MESSAGE_SIZE_KIB, maxMessageSize, MAX_MESSAGE_SIZE_KIB);
        }
        if (!password.isEmpty() && username.isEmpty()) {
            throw new ConfigurationProblem("broker-password-without-username",
                    "a password is set but no username (MQTT needs both)");
        }
        Path ca = file("CA file", "caFile", caFile);
        Path cert = file("client certificate file", "clientCertFile", clientCertFile);
        Path key = file("client key file", "clientKeyFile", clientKeyFile);
        if (!secure && (ca != null || cert != null || key != null)) {
            throw new ConfigurationProblem("broker-files-without-tls",
                    "CA and client certificate files are only used with TLS enabled");
        }
        if ((cert == null) != (key == null)) {
            throw new ConfigurationProblem("broker-certificate-without-key",
                    "the client certificate file and the client key file must be given together");
        }
        // as mqtt:broker: the pinning parameters only apply with TLS, and a hash only when its pinning is on
        boolean pinCertificate = secure && certificatepin;
        boolean pinPublicKey = secure && publickeypin;
        ServerPin certificatePin = pinCertificate ? pin(ServerPin.Kind.CERTIFICATE, certificate) : null;
        ServerPin publicKeyPin = pinPublicKey ? pin(ServerPin.Kind.PUBLIC_KEY, publickey) : null;
        Duration maxDelay = Duration.ofMillis(reconnectTime);
        Duration minDelay = MqttSettings.DEFAULT_RECONNECT_MIN_DELAY.compareTo(maxDelay) < 0
                ? MqttSettings.DEFAULT_RECONNECT_MIN_DELAY
                : maxDelay;
        String scheme = secure ? MqttSettings.SCHEME_SSL : MqttSettings.SCHEME_TCP;
        List<String> uris = addresses().stream().map(address -> address.uri(scheme)).toList();
        return MqttSettings.builder().serverUris(uris).clientId(clientID.trim())
                .username(username.isEmpty() ? null : username).password(password.isEmpty() ? null : password)
                .keepAliveSeconds(keepAlive).connectTimeoutSeconds(CONNECT_TIMEOUT_SECONDS).caFile(ca)
                .clientCertFile(cert).clientKeyFile(key).verifyHostname(hostnameValidated).reconnectMinDelay(minDelay)
                .reconnectMaxDelay(maxDelay).maxPayloadBytes(maxMessageBytes())
                .certificatePin(pinCertificate, certificatePin).publicKeyPin(pinPublicKey, publicKeyPin).build();
    }

    /**
     * The broker addresses of {@link #host}, in the order they are tried.
     *
     * @throws ConfigurationProblem if the list cannot be used
     */
    public List<BrokerAddresses.Address> addresses() {
        try {
            return BrokerAddresses.parse(host, port());
        } catch (BrokerAddresses.InvalidAddressException e) {
            String message = String.valueOf(e.getMessage());
            String entry = e.entry();
            throw switch (e.problem()) {
                case EMPTY -> new ConfigurationProblem("broker-host-empty", message);
                case EMPTY_ENTRY -> new ConfigurationProblem("broker-host-list-gap", message);
                case INVALID_HOST -> new ConfigurationProblem("broker-host-invalid", message, entry);
                case INVALID_PORT -> new ConfigurationProblem("broker-host-port-invalid", message, entry);
                case DUPLICATE -> new ConfigurationProblem("broker-host-duplicate", message, entry);
                case TOO_MANY -> new ConfigurationProblem("broker-host-too-many", message,
                        BrokerAddresses.MAX_ADDRESSES);
            };
        }
    }

    /** The configured port, or the default of the transport: 1883, or 8883 with TLS. */
    public int port() {
        Integer configured = port;
        if (configured != null) {
            return configured;
        }
        return secure ? MqttSettings.DEFAULT_SSL_PORT : MqttSettings.DEFAULT_TCP_PORT;
    }

    /** {@link #maxMessageSize} in bytes; call after {@link #toMqttSettings()} has checked it. */
    public int maxMessageBytes() {
        return maxMessageSize * BYTES_PER_KIB;
    }

    /**
     * The limits of everything decoded from this broker: payloads up to {@link #maxMessageBytes()}, the defaults
     * otherwise (an inflated body may always be as large as the largest payload).
     */
    public ProtocolLimits limits() {
        ProtocolLimits defaults = ProtocolLimits.defaults();
        int payload = maxMessageBytes();
        return defaults.withMaxPayloadBytes(payload)
                .withMaxInflatedBytes(Math.max(defaults.maxInflatedBytes(), payload));
    }

    /**
     * The topics of the configured space.
     *
     * @throws IllegalArgumentException if the space cannot be a topic prefix
     */
    public EvaTopics topics() {
        return new EvaTopics(space.trim());
    }

    /** The configuration parameter that holds the pin of that kind. */
    public static String pinParameter(ServerPin.Kind kind) {
        return kind == ServerPin.Kind.CERTIFICATE ? EvaIcsBindingConstants.CONFIG_CERTIFICATE
                : EvaIcsBindingConstants.CONFIG_PUBLIC_KEY;
    }

    private static @Nullable ServerPin pin(ServerPin.Kind kind, String text) {
        // the protocol layer's reason is shown as the argument of the generic configuration text
        return text.isBlank() ? null : ServerPin.parse(kind, text);
    }

    /** @param parameter the configuration parameter, named in the status text */
    private static @Nullable Path file(String what, String parameter, String name) {
        String trimmed = name.trim();
        if (trimmed.isEmpty()) {
            return null;
        }
        Path path;
        try {
            path = Path.of(trimmed);
        } catch (InvalidPathException e) {
            throw new ConfigurationProblem("broker-file-invalid",
                    "the " + what + " name " + trimmed + " is not a valid path", parameter, trimmed);
        }
        if (!Files.isRegularFile(path)) {
            throw new ConfigurationProblem("broker-file-missing", "the " + what + " " + trimmed + " does not exist",
                    parameter, trimmed);
        }
        if (!Files.isReadable(path)) {
            throw new ConfigurationProblem("broker-file-unreadable", "the " + what + " " + trimmed + " is not readable",
                    parameter, trimmed);
        }
        return path;
    }

    @Override
    public String toString() {
        return "EvaBrokerConfiguration[host=" + host + ", port=" + port() + ", secure=" + secure + ", username="
                + username
                + ", password=" + (password.isEmpty() ? "" : "***") + ", clientID=" + clientID + ", space=" + space
                + "]";
    }
}
