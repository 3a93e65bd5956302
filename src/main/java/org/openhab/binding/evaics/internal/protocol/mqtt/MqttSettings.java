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
package org.openhab.binding.evaics.internal.protocol.mqtt;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;

/**
 * Immutable connection settings of an {@link MqttTransport}, built and validated by {@link Builder}.
 * <p>
 * The session follows protocol.md §1 (MQTT 3.1.1, clean session, random client id, 60 s keep-alive, optional user
 * name / password and TLS with CA file and client certificate), with optional certificate and public-key pinning
 * ({@link ServerPin}). {@link #toString()} never shows the password.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class MqttSettings {

    public static final String SCHEME_TCP = "tcp";
    public static final String SCHEME_SSL = "ssl";
    public static final int DEFAULT_TCP_PORT = 1883;
    public static final int DEFAULT_SSL_PORT = 8883;
    private static final int MAX_PORT = 65535;

    /** protocol.md §1: the controller's default keep-alive. */
    public static final int DEFAULT_KEEP_ALIVE_SECONDS = 60;
    /** The keep-alive is a 16-bit field (MQTT 3.1.1 §3.1.2.10). */
    public static final int MAX_KEEP_ALIVE_SECONDS = 65535;
    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;
    public static final int MAX_CONNECT_TIMEOUT_SECONDS = 300;
    public static final Duration DEFAULT_RECONNECT_MIN_DELAY = Duration.ofMillis(100);
    public static final Duration DEFAULT_RECONNECT_MAX_DELAY = Duration.ofSeconds(30);
    /**
     * How often the broker's port is tried with a plain TCP connect while a reconnect waits after the broker was not
     * there at all (issue 6: back within 2 s of the broker's return, also after a long outage); see
     * {@link MqttTransport}.
     */
    public static final Duration DEFAULT_REACHABILITY_PROBE_INTERVAL = Duration.ofSeconds(1);
    /** Shorter probe intervals would only load the network and the broker's host. */
    public static final Duration MIN_REACHABILITY_PROBE_INTERVAL = Duration.ofMillis(100);
    /** Enough for 64+ concurrent QoS 1 calls plus subscriptions, far below the 16-bit packet id space. */
    public static final int DEFAULT_MAX_INFLIGHT = 1000;
    public static final int MAX_INFLIGHT_LIMIT = 65535;
    /** Issue 6 item 3: PUBLISH payloads above this are dropped unread; the codecs' limit by default. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = ProtocolLimits.DEFAULT_MAX_PAYLOAD_BYTES;
    /** The largest payload MQTT 3.1.1 can carry at all (§2.2.3: remaining length up to 268,435,455). */
    public static final int MAX_PAYLOAD_LIMIT = 268_435_455;
    /** Client ids and user names are UTF-8 strings with a 16-bit length (MQTT 3.1.1 §1.5.3). */
    private static final int MAX_STRING_BYTES = 65535;

    private final String serverUri;
    private final List<String> serverUris;
    private final boolean tls;
    private final String clientId;
    private final @Nullable String username;
    private final @Nullable String password;
    private final int keepAliveSeconds;
    private final int connectTimeoutSeconds;
    private final boolean cleanSession;
    private final @Nullable Path caFile;
    private final @Nullable Path clientCertFile;
    private final @Nullable Path clientKeyFile;
    private final boolean verifyHostname;
    private final boolean certificatePinning;
    private final @Nullable ServerPin certificatePin;
    private final boolean publicKeyPinning;
    private final @Nullable ServerPin publicKeyPin;
    private final boolean tcpNoDelay;
    private final Duration reconnectMinDelay;
    private final Duration reconnectMaxDelay;
    private final Duration reachabilityProbeInterval;
    private final int maxInflight;
    private final int maxPayloadBytes;

    private MqttSettings(Builder b, List<String> serverUris, boolean tls) {
        this.serverUri = serverUris.get(0);
        this.serverUris = List.copyOf(serverUris);
        this.tls = tls;
        this.clientId = b.clientId;
        this.username = b.username;
        this.password = b.password;
        this.keepAliveSeconds = b.keepAliveSeconds;
        this.connectTimeoutSeconds = b.connectTimeoutSeconds;
        this.cleanSession = b.cleanSession;
        this.caFile = b.caFile;
        this.clientCertFile = b.clientCertFile;
        this.clientKeyFile = b.clientKeyFile;
        this.verifyHostname = b.verifyHostname;
        this.certificatePinning = b.certificatePinning;
        this.certificatePin = b.certificatePin;
        this.publicKeyPinning = b.publicKeyPinning;
        this.publicKeyPin = b.publicKeyPin;
        this.tcpNoDelay = b.tcpNoDelay;
        this.reconnectMinDelay = b.reconnectMinDelay;
        this.reconnectMaxDelay = b.reconnectMaxDelay;
        this.reachabilityProbeInterval = b.reachabilityProbeInterval;
        this.maxInflight = b.maxInflight;
        this.maxPayloadBytes = b.maxPayloadBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static Builder builder(String serverUri) {
        return new Builder().serverUri(serverUri);
    }

    /** The (first) server URI with an explicit port, e.g. {@code tcp://127.0.0.1:1883}. */
    public String serverUri() {
        return serverUri;
    }

    /**
     * Every server URI, normalised as {@link #serverUri()}, in the order the transport tries them (issue 14,
     * failover: see {@link BrokerAddresses}); the first is {@link #serverUri()}.
     */
    public List<String> serverUris() {
        return serverUris;
    }

    /** Whether the URI is {@code ssl://}. */
    public boolean isTls() {
        return tls;
    }

    /** The client id; empty means a random one per transport. */
    public String clientId() {
        return clientId;
    }

    public @Nullable String username() {
        return username;
    }

    public @Nullable String password() {
        return password;
    }

    public int keepAliveSeconds() {
        return keepAliveSeconds;
    }

    public int connectTimeoutSeconds() {
        return connectTimeoutSeconds;
    }

    public boolean cleanSession() {
        return cleanSession;
    }

    /** PEM file with the CA certificate(s) to trust; null means the JVM's default trust store. */
    public @Nullable Path caFile() {
        return caFile;
    }

    /** PEM client certificate (chain) for client-certificate authentication, or null. */
    public @Nullable Path clientCertFile() {
        return clientCertFile;
    }

    /** PEM private key (unencrypted PKCS#8, RSA or EC) matching {@link #clientCertFile()}, or null. */
    public @Nullable Path clientKeyFile() {
        return clientKeyFile;
    }

    /** Whether the server certificate must match the host name of the URI (RFC 2818 rules). */
    public boolean verifyHostname() {
        return verifyHostname;
    }

    /** Whether the broker's certificate (or public key) is pinned: checked against a pin, or learned. */
    public boolean pinning(ServerPin.Kind kind) {
        return kind == ServerPin.Kind.CERTIFICATE ? certificatePinning : publicKeyPinning;
    }

    /** The pin the broker must match; null when not pinned or when the pin is to be learned on first connect. */
    public @Nullable ServerPin pin(ServerPin.Kind kind) {
        return kind == ServerPin.Kind.CERTIFICATE ? certificatePin : publicKeyPin;
    }

    public boolean tcpNoDelay() {
        return tcpNoDelay;
    }

    public Duration reconnectMinDelay() {
        return reconnectMinDelay;
    }

    public Duration reconnectMaxDelay() {
        return reconnectMaxDelay;
    }

    /** How often an absent broker's port is probed while a reconnect waits; zero means never. */
    public Duration reachabilityProbeInterval() {
        return reachabilityProbeInterval;
    }

    public int maxInflight() {
        return maxInflight;
    }

    /** PUBLISH payloads larger than this are dropped without being read into memory (see {@link PacketSizeGuard}). */
    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("MqttSettings[serverUri=")
                .append(serverUris.size() == 1 ? serverUri : serverUris);
        sb.append(", clientId=").append(clientId.isEmpty() ? "<random>" : clientId);
        sb.append(", username=").append(username == null ? "<none>" : username);
        sb.append(", password=").append(password == null ? "<none>" : "<hidden>");
        sb.append(", keepAlive=").append(keepAliveSeconds).append('s');
        sb.append(", connectTimeout=").append(connectTimeoutSeconds).append('s');
        sb.append(", cleanSession=").append(cleanSession);
        if (tls) {
            sb.append(", caFile=").append(caFile == null ? "<JVM trust store>" : caFile);
            sb.append(", clientCertFile=").append(clientCertFile == null ? "<none>" : clientCertFile);
            sb.append(", clientKeyFile=").append(clientKeyFile == null ? "<none>" : clientKeyFile);
            sb.append(", verifyHostname=").append(verifyHostname);
            for (ServerPin.Kind kind : ServerPin.Kind.values()) {
                if (pinning(kind)) {
                    ServerPin pin = pin(kind);
                    sb.append(", ").append(kind == ServerPin.Kind.CERTIFICATE ? "certificatePin=" : "publicKeyPin=")
                            .append(pin == null ? "<learn>" : pin);
                }
            }
        }
        sb.append(", tcpNoDelay=").append(tcpNoDelay);
        sb.append(", reconnectDelay=").append(reconnectMinDelay.toMillis()).append("..")
                .append(reconnectMaxDelay.toMillis()).append("ms");
        sb.append(", reachabilityProbe=").append(reachabilityProbeInterval.toMillis()).append("ms");
        sb.append(", maxInflight=").append(maxInflight);
        sb.append(", maxPayload=").append(maxPayloadBytes).append("B]");
        return sb.toString();
    }

    /** Collects and validates settings; {@link #build()} throws {@link IllegalArgumentException} on bad input. */
    public static final class Builder {
        private List<String> serverUris = List.of();
        private String clientId = "";
        private @Nullable String username;
        private @Nullable String password;
        private int keepAliveSeconds = DEFAULT_KEEP_ALIVE_SECONDS;
        private int connectTimeoutSeconds = DEFAULT_CONNECT_TIMEOUT_SECONDS;
        private boolean cleanSession = true;
        private @Nullable Path caFile;
        private @Nullable Path clientCertFile;
        private @Nullable Path clientKeyFile;
        private boolean verifyHostname = true;
        private boolean certificatePinning;
        private @Nullable ServerPin certificatePin;
        private boolean publicKeyPinning;
        private @Nullable ServerPin publicKeyPin;
        private boolean tcpNoDelay = true;
        private Duration reconnectMinDelay = DEFAULT_RECONNECT_MIN_DELAY;
        private Duration reconnectMaxDelay = DEFAULT_RECONNECT_MAX_DELAY;
        private Duration reachabilityProbeInterval = DEFAULT_REACHABILITY_PROBE_INTERVAL;
        private int maxInflight = DEFAULT_MAX_INFLIGHT;
        private int maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES;

        private Builder() {
        }

        /** {@code tcp://host[:port]} or {@code ssl://host[:port]}; default ports 1883 / 8883. */
        public Builder serverUri(String serverUri) {
            this.serverUris = List.of(serverUri);
            return this;
        }

        /**
         * Several brokers (a cluster) the transport fails over between, in the order they are tried, all with the
         * same scheme; each as for {@link #serverUri(String)}.
         */
        public Builder serverUris(List<String> serverUris) {
            this.serverUris = List.copyOf(serverUris);
            return this;
        }

        /** Empty (the default) means a random client id per transport (protocol.md §1). */
        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /** Empty or null means no user name. */
        public Builder username(@Nullable String username) {
            this.username = username == null || username.isEmpty() ? null : username;
            return this;
        }

        /** Empty or null means no password. */
        public Builder password(@Nullable String password) {
            this.password = password == null || password.isEmpty() ? null : password;
            return this;
        }

        /** 0 disables keep-alive (MQTT 3.1.1 §3.1.2.10). */
        public Builder keepAliveSeconds(int seconds) {
            this.keepAliveSeconds = seconds;
            return this;
        }

        public Builder connectTimeoutSeconds(int seconds) {
            this.connectTimeoutSeconds = seconds;
            return this;
        }

        public Builder cleanSession(boolean cleanSession) {
            this.cleanSession = cleanSession;
            return this;
        }

        public Builder caFile(@Nullable Path caFile) {
            this.caFile = caFile;
            return this;
        }

        public Builder clientCertFile(@Nullable Path clientCertFile) {
            this.clientCertFile = clientCertFile;
            return this;
        }

        public Builder clientKeyFile(@Nullable Path clientKeyFile) {
            this.clientKeyFile = clientKeyFile;
            return this;
        }

        public Builder verifyHostname(boolean verifyHostname) {
            this.verifyHostname = verifyHostname;
            return this;
        }

        /**
         * Pins the broker's certificate: with a pin, a broker whose certificate has another hash is refused during
         * the handshake; without one (null), the certificate of the first successful connection is pinned and
         * reported through {@link MqttConnectionListener#pinLearned}. Needs TLS. Off by default.
         */
        public Builder certificatePin(boolean enabled, @Nullable ServerPin pin) {
            this.certificatePinning = enabled;
            this.certificatePin = enabled ? pin : null;
            return this;
        }

        /** As {@link #certificatePin}, for the hash of the broker's public key. */
        public Builder publicKeyPin(boolean enabled, @Nullable ServerPin pin) {
            this.publicKeyPinning = enabled;
            this.publicKeyPin = enabled ? pin : null;
            return this;
        }

        /** Disables Nagle's algorithm on the client socket; on by default (request/response latency). */
        public Builder tcpNoDelay(boolean tcpNoDelay) {
            this.tcpNoDelay = tcpNoDelay;
            return this;
        }

        public Builder reconnectMinDelay(Duration delay) {
            this.reconnectMinDelay = delay;
            return this;
        }

        public Builder reconnectMaxDelay(Duration delay) {
            this.reconnectMaxDelay = delay;
            return this;
        }

        /**
         * While a reconnect waits after the broker refused the TCP connection (or could not be reached), its port is
         * probed this often with a plain TCP connect, and the reconnect comes at once when a probe connects. Zero
         * turns probing off; otherwise at least {@link #MIN_REACHABILITY_PROBE_INTERVAL}.
         */
        public Builder reachabilityProbeInterval(Duration interval) {
            this.reachabilityProbeInterval = interval;
            return this;
        }

        /** How many QoS 1/2 publishes may await their acknowledgement at once. */
        public Builder maxInflight(int maxInflight) {
            this.maxInflight = maxInflight;
            return this;
        }

        /** Largest PUBLISH payload that is read; larger ones are dropped unread and reported as dropped. */
        public Builder maxPayloadBytes(int bytes) {
            this.maxPayloadBytes = bytes;
            return this;
        }

        public MqttSettings build() {
            if (serverUris.isEmpty()) {
                throw new IllegalArgumentException("serverUri is required, e.g. tcp://127.0.0.1:1883");
            }
            List<String> normalised = new ArrayList<>(serverUris.size());
            for (String candidate : serverUris) {
                String one = normalise(candidate);
                if (normalised.contains(one)) {
                    throw new IllegalArgumentException("serverUri '" + candidate + "' is given twice");
                }
                normalised.add(one);
            }
            String uri = serverUris.get(0);
            boolean tls = normalised.get(0).startsWith(SCHEME_SSL + ":");
            if (normalised.stream().anyMatch(one -> one.startsWith(SCHEME_SSL + ":") != tls)) {
                throw new IllegalArgumentException("all server URIs must be tcp:// or all ssl://, got " + serverUris);
            }
            if (clientId.getBytes(StandardCharsets.UTF_8).length > MAX_STRING_BYTES) {
                throw new IllegalArgumentException("clientId is longer than " + MAX_STRING_BYTES + " UTF-8 bytes");
            }
            String user = username;
            if (user != null && user.getBytes(StandardCharsets.UTF_8).length > MAX_STRING_BYTES) {
                throw new IllegalArgumentException("username is longer than " + MAX_STRING_BYTES + " UTF-8 bytes");
            }
            if (password != null && user == null) {
                throw new IllegalArgumentException(
                        "a password needs a username: MQTT 3.1.1 does not allow a password alone (§3.1.2.9)");
            }
            if (keepAliveSeconds < 0 || keepAliveSeconds > MAX_KEEP_ALIVE_SECONDS) {
                throw new IllegalArgumentException(
                        "keepAliveSeconds must be 0.." + MAX_KEEP_ALIVE_SECONDS + ", got " + keepAliveSeconds);
            }
            if (connectTimeoutSeconds < 1 || connectTimeoutSeconds > MAX_CONNECT_TIMEOUT_SECONDS) {
                throw new IllegalArgumentException("connectTimeoutSeconds must be 1.." + MAX_CONNECT_TIMEOUT_SECONDS
                        + ", got " + connectTimeoutSeconds);
            }
            if (!tls && (caFile != null || clientCertFile != null || clientKeyFile != null)) {
                throw new IllegalArgumentException(
                        "caFile, clientCertFile and clientKeyFile need an ssl:// serverUri, got '" + uri + "'");
            }
            if ((clientCertFile == null) != (clientKeyFile == null)) {
                throw new IllegalArgumentException("clientCertFile and clientKeyFile must be given together");
            }
            if (!tls && (certificatePinning || publicKeyPinning)) {
                throw new IllegalArgumentException("certificate and public-key pinning need an ssl:// serverUri, got '"
                        + uri + "'");
            }
            ServerPin certificate = certificatePin;
            ServerPin publicKey = publicKeyPin;
            if ((certificate != null && certificate.kind() != ServerPin.Kind.CERTIFICATE)
                    || (publicKey != null && publicKey.kind() != ServerPin.Kind.PUBLIC_KEY)) {
                throw new IllegalArgumentException(
                        "a certificate pin is given as public-key pin or the other way round");
            }
            if (reconnectMinDelay.isNegative() || reconnectMinDelay.isZero()) {
                throw new IllegalArgumentException("reconnectMinDelay must be positive, got " + reconnectMinDelay);
            }
            if (reconnectMaxDelay.compareTo(reconnectMinDelay) < 0) {
                throw new IllegalArgumentException("reconnectMaxDelay (" + reconnectMaxDelay
                        + ") must not be less than reconnectMinDelay (" + reconnectMinDelay + ")");
            }
            if (!reachabilityProbeInterval.isZero()
                    && reachabilityProbeInterval.compareTo(MIN_REACHABILITY_PROBE_INTERVAL) < 0) {
                throw new IllegalArgumentException("reachabilityProbeInterval must be zero (off) or at least "
                        + MIN_REACHABILITY_PROBE_INTERVAL.toMillis() + " ms, got " + reachabilityProbeInterval);
            }
            if (maxInflight < 1 || maxInflight > MAX_INFLIGHT_LIMIT) {
                throw new IllegalArgumentException(
                        "maxInflight must be 1.." + MAX_INFLIGHT_LIMIT + ", got " + maxInflight);
            }
            if (maxPayloadBytes < 1 || maxPayloadBytes > MAX_PAYLOAD_LIMIT) {
                throw new IllegalArgumentException(
                        "maxPayloadBytes must be 1.." + MAX_PAYLOAD_LIMIT + ", got " + maxPayloadBytes);
            }
            return new MqttSettings(this, normalised, tls);
        }

        /** Checks one server URI and returns it as {@code scheme://host:port}. */
        private static String normalise(@Nullable String uri) {
            if (uri == null || uri.isBlank()) {
                throw new IllegalArgumentException("serverUri is required, e.g. tcp://127.0.0.1:1883");
            }
            if (!uri.contains("://")) {
                throw new IllegalArgumentException(
                        "serverUri '" + uri + "' must start with tcp:// or ssl:// (e.g. tcp://127.0.0.1:1883)");
            }
            URI parsed;
            try {
                parsed = new URI(uri.trim());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("serverUri '" + uri + "' is not a valid URI: " + e.getMessage());
            }
            String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
            if (!SCHEME_TCP.equals(scheme) && !SCHEME_SSL.equals(scheme)) {
                throw new IllegalArgumentException(
                        "serverUri '" + uri + "' must start with tcp:// or ssl:// (e.g. tcp://127.0.0.1:1883)");
            }
            String host = parsed.getHost();
            if (host == null || host.isEmpty()) {
                throw new IllegalArgumentException("serverUri '" + uri + "' has no valid host name");
            }
            if (parsed.getUserInfo() != null) {
                throw new IllegalArgumentException(
                        "serverUri must not contain credentials; use the username and password settings");
            }
            String path = parsed.getRawPath();
            if ((path != null && !path.isEmpty() && !"/".equals(path)) || parsed.getRawQuery() != null
                    || parsed.getRawFragment() != null) {
                throw new IllegalArgumentException(
                        "serverUri '" + uri + "' must be scheme://host[:port] without a path or query");
            }
            int port = parsed.getPort();
            if (port == -1) {
                port = SCHEME_SSL.equals(scheme) ? DEFAULT_SSL_PORT : DEFAULT_TCP_PORT;
            } else if (port < 1 || port > MAX_PORT) {
                throw new IllegalArgumentException("serverUri '" + uri + "': port must be 1.." + MAX_PORT);
            }
            String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
            return scheme + "://" + hostPart + ":" + port;
        }
    }
}
