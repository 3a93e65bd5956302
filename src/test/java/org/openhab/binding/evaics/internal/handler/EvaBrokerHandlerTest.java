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

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openhab.binding.evaics.internal.discovery.EvaControllerDiscoveryService;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttTransport;
import org.openhab.binding.evaics.test.broker.BrokerExtension;
import org.openhab.binding.evaics.test.broker.TestBroker;
import org.openhab.binding.evaics.test.broker.TestCertificates;
import org.openhab.core.thing.Bridge;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusDetail;
import org.openhab.core.thing.ThingStatusInfo;

/**
 * Status transitions of the broker bridge against a real MQTT broker: ONLINE when connected, OFFLINE
 * COMMUNICATION_ERROR while the broker is down and ONLINE again after it is back, CONFIGURATION_ERROR for refused
 * credentials and for every configuration that cannot work.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class EvaBrokerHandlerTest {

    private static final String USER = "eva";
    private static final String PASSWORD = "secret-broker-password";

    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(
            TestBroker.options().tcpNoDelay(true).user(USER, PASSWORD));

    private final BridgeTestFramework framework = new BridgeTestFramework();

    @AfterEach
    void tearDown() {
        framework.close();
    }

    private Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>();
        config.put("host", TestBroker.HOST);
        config.put("port", BROKER.port());
        config.put("reconnectTime", 1000);
        return config;
    }

    private EvaBrokerHandler start(Map<String, Object> config) {
        Bridge bridge = framework.broker("broker1", config);
        return framework.start(new EvaBrokerHandler(bridge));
    }

    @Test
    void unknownAtStartThenOnlineWhenConnected() {
        EvaBrokerHandler handler = start(config());

        framework.awaitStatus(handler.getThing(), ThingStatus.ONLINE);
        assertEquals(ThingStatus.UNKNOWN, framework.history(handler.getThing()).get(0).getStatus());
        MqttTransport transport = handler.transport();
        assertNotNull(transport);
        assertTrue(transport.isConnected());
    }

    @Test
    void offlineCommunicationErrorWhileBrokerIsDownAndOnlineAfterItIsBack() {
        EvaBrokerHandler handler = start(config());
        framework.awaitStatus(handler.getThing(), ThingStatus.ONLINE);

        BROKER.stop();
        ThingStatusInfo offline = framework.awaitStatus(handler.getThing(), ThingStatus.OFFLINE,
                ThingStatusDetail.COMMUNICATION_ERROR);
        assertTextWithArgument(offline, StatusDescriptions.CONNECTION_LOST);

        BROKER.start();
        framework.awaitStatus(handler.getThing(), ThingStatus.ONLINE);
    }

    @Test
    void unreachableBrokerIsCommunicationError() {
        BROKER.stop();
        EvaBrokerHandler handler = start(config());

        ThingStatusInfo offline = framework.awaitStatus(handler.getThing(), ThingStatus.OFFLINE,
                ThingStatusDetail.COMMUNICATION_ERROR);
        assertTextWithArgument(offline, StatusDescriptions.BROKER_UNREACHABLE);
    }

    @Test
    void correctCredentialsGoOnline() {
        Map<String, Object> config = config();
        config.put("username", USER);
        config.put("password", PASSWORD);
        EvaBrokerHandler handler = start(config);

        framework.awaitStatus(handler.getThing(), ThingStatus.ONLINE);
    }

    @Test
    void refusedPasswordIsConfigurationErrorWithoutThePassword() {
        Map<String, Object> config = config();
        config.put("username", USER);
        config.put("password", "wrong-password");
        EvaBrokerHandler handler = start(config);

        ThingStatusInfo refused = framework.awaitStatus(handler.getThing(), ThingStatus.OFFLINE,
                ThingStatusDetail.CONFIGURATION_ERROR);
        assertTextWithArgument(refused, StatusDescriptions.CREDENTIALS_REFUSED);
        assertFalse(String.valueOf(refused.getDescription()).contains("wrong-password"));
    }

    static Stream<Arguments> invalidConfigurations() {
        return Stream.of(Arguments.of("empty host", Map.of("host", "")),
                Arguments.of("port zero", Map.of("port", 0)), Arguments.of("port too high", Map.of("port", 65536)),
                Arguments.of("negative keep-alive", Map.of("keepAlive", -1)),
                Arguments.of("QoS 2", Map.of("qos", 2)),
                Arguments.of("reconnect time 999 ms", Map.of("reconnectTime", 999)),
                Arguments.of("maximum message size 0", Map.of("maxMessageSize", 0)),
                Arguments.of("maximum message size above MQTT's limit", Map.of("maxMessageSize", 262144)),
                Arguments.of("password without username", Map.of("password", "x")),
                Arguments.of("space with wildcard", Map.of("space", "plant/+")),
                Arguments.of("space with leading slash", Map.of("space", "/plant")),
                Arguments.of("CA file missing", Map.of("secure", true, "caFile", "/nonexistent/ca.pem")),
                Arguments.of("CA file without TLS", Map.of("caFile", "/etc/hostname")),
                Arguments.of("certificate without key", Map.of("secure", true, "clientCertFile", "/etc/hostname")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidConfigurations")
    void invalidConfigurationIsConfigurationError(String rule, Map<String, Object> change) {
        Map<String, Object> config = config();
        config.putAll(change);
        EvaBrokerHandler handler = start(config);

        ThingStatusInfo status = handler.getThing().getStatusInfo();
        assertEquals(ThingStatus.OFFLINE, status.getStatus(), rule);
        assertEquals(ThingStatusDetail.CONFIGURATION_ERROR, status.getStatusDetail(), rule);
        assertTextWithArgument(status, StatusDescriptions.BROKER_CONFIG_INVALID);
        assertNull(handler.transport(), rule);
    }

    @Test
    void unreadableCaFileIsConfigurationError(@TempDir Path dir) throws Exception {
        Path ca = dir.resolve("ca.pem");
        java.nio.file.Files.writeString(ca, "not a certificate");
        Map<String, Object> config = config();
        config.put("secure", true);
        config.put("caFile", ca.toString());
        EvaBrokerHandler handler = start(config);

        ThingStatusInfo status = handler.getThing().getStatusInfo();
        assertEquals(ThingStatusDetail.CONFIGURATION_ERROR, status.getStatusDetail());
        assertTextWithArgument(status, StatusDescriptions.BROKER_CONFIG_INVALID);
    }

    @Test
    void clientKeyOfAnotherCertificateIsConfigurationError(@TempDir Path dir) {
        TestCertificates.Authority authority = TestCertificates.newAuthority("test CA");
        TestCertificates.Issued client = authority.issue("client", TestCertificates.Usage.CLIENT,
                TestCertificates.KeyType.EC, List.of(), List.of());
        TestCertificates.Issued other = authority.issue("other", TestCertificates.Usage.CLIENT,
                TestCertificates.KeyType.EC, List.of(), List.of());
        Map<String, Object> config = config();
        config.put("secure", true);
        config.put("caFile", authority.writeCertificate(dir.resolve("ca.pem")).toString());
        config.put("clientCertFile", client.writeCertificate(dir.resolve("client.pem")).toString());
        config.put("clientKeyFile", other.writeKey(dir.resolve("other.key")).toString());
        EvaBrokerHandler handler = start(config);

        ThingStatusInfo status = handler.getThing().getStatusInfo();
        assertEquals(ThingStatusDetail.CONFIGURATION_ERROR, status.getStatusDetail());
        assertTextWithArgument(status, StatusDescriptions.BROKER_CONFIG_INVALID);
    }

    @Test
    void disposeClosesTheConnection() {
        EvaBrokerHandler handler = start(config());
        framework.awaitStatus(handler.getThing(), ThingStatus.ONLINE);
        MqttTransport transport = handler.transport();
        assertNotNull(transport);

        framework.stop(handler);

        assertNull(handler.transport());
        BridgeTestFramework.await("transport closed", () -> !transport.isConnected());
    }

    @Test
    void controllerDiscoveryIsOneOfItsServices() {
        EvaBrokerHandler handler = new EvaBrokerHandler(framework.broker("broker1", config()));

        assertEquals(List.of(EvaControllerDiscoveryService.class), List.copyOf(handler.getServices()));
    }

    /** The generic text of the key with its reason, or a translated text of a broker configuration problem. */
    private static void assertTextWithArgument(ThingStatusInfo status, String key) {
        @Nullable String description = status.getDescription();
        assertNotNull(description);
        assertTrue(description.startsWith("@text/" + key + " [\"")
                || description.startsWith("@text/offline.config-error.broker-"), description);
    }
}
