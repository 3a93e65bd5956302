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

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttSettings;
import org.openhab.core.config.core.Configuration;

/**
 * The broker bridge's configuration as openHAB maps it: the names and units of openHAB's {@code mqtt:broker} thing,
 * the port that follows TLS when not set, and the maximum message size that reaches the transport and the decoders
 * of everything read from the broker.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class EvaBrokerConfigurationTest {

    private static EvaBrokerConfiguration config(int maxMessageSizeKib) {
        EvaBrokerConfiguration config = new EvaBrokerConfiguration();
        config.host = "127.0.0.1";
        config.maxMessageSize = maxMessageSizeKib;
        return config;
    }

    @Test
    void theDefaultIsTheCodecsLimit() {
        EvaBrokerConfiguration config = new EvaBrokerConfiguration();
        config.host = "127.0.0.1";
        assertEquals(ProtocolLimits.DEFAULT_MAX_PAYLOAD_BYTES, config.toMqttSettings().maxPayloadBytes());
        assertEquals(ProtocolLimits.defaults(), config.limits());
    }

    @Test
    void aLargerMaximumReachesTransportAndDecoders() {
        EvaBrokerConfiguration config = config(4096);
        assertEquals(4 * 1024 * 1024, config.toMqttSettings().maxPayloadBytes());
        assertEquals(4 * 1024 * 1024, config.limits().maxPayloadBytes());
        assertEquals(ProtocolLimits.defaults().maxInflatedBytes(), config.limits().maxInflatedBytes());
    }

    @Test
    void inflatedBodiesMayAlwaysBeAsLargeAsThePayload() {
        EvaBrokerConfiguration config = config(EvaBrokerConfiguration.MAX_MESSAGE_SIZE_KIB);
        assertEquals(EvaBrokerConfiguration.MAX_MESSAGE_SIZE_KIB * 1024, config.limits().maxInflatedBytes());
    }

    @Test
    void anAbsentPortFollowsTls() {
        EvaBrokerConfiguration plain = new Configuration(Map.of("host", "broker.local"))
                .as(EvaBrokerConfiguration.class);
        assertNull(plain.port);
        assertEquals("tcp://broker.local:1883", plain.toMqttSettings().serverUri());

        EvaBrokerConfiguration secure = new Configuration(Map.of("host", "broker.local", "secure", true))
                .as(EvaBrokerConfiguration.class);
        assertEquals("ssl://broker.local:8883", secure.toMqttSettings().serverUri());
    }

    @Test
    void aSetPortWinsWithAndWithoutTls() {
        EvaBrokerConfiguration secure = new Configuration(
                Map.of("host", "broker.local", "secure", true, "port", new BigDecimal(1883)))
                .as(EvaBrokerConfiguration.class);
        assertEquals("ssl://broker.local:1883", secure.toMqttSettings().serverUri());
    }

    @Test
    void mqttBrokerThingNamesAndUnitsAreUnderstood() {
        EvaBrokerConfiguration config = new Configuration(Map.of("host", "broker.local", "clientID", "oh-eva",
                "hostnameValidated", false, "keepAlive", new BigDecimal(30), "reconnectTime", new BigDecimal(60000)))
                .as(EvaBrokerConfiguration.class);
        MqttSettings settings = config.toMqttSettings();
        assertEquals("oh-eva", settings.clientId());
        assertFalse(settings.verifyHostname());
        assertEquals(30, settings.keepAliveSeconds());
        assertEquals(Duration.ofMillis(60000), settings.reconnectMaxDelay());
    }

    @Test
    void aReconnectTimeBelowASecondSaysWhatIsWrong() {
        EvaBrokerConfiguration config = config(1024);
        config.reconnectTime = 999;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, config::toMqttSettings);
        assertEquals("the reconnect time 999 ms is outside 1000..86400000", e.getMessage());
    }

    @Test
    void outOfRangeSizesSayWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config(0).toMqttSettings());
        assertEquals("the maximum message size 0 KiB is outside 1..262143", e.getMessage());
    }

    @Test
    void aListOfBrokersBecomesTheServerUrisInItsOrder() {
        EvaBrokerConfiguration config = new Configuration(
                Map.of("host", "node1, node2:1884 ,[fd00::3]", "port", new BigDecimal(1999)))
                .as(EvaBrokerConfiguration.class);
        MqttSettings settings = config.toMqttSettings();
        assertEquals(List.of("tcp://node1:1999", "tcp://node2:1884", "tcp://[fd00::3]:1999"), settings.serverUris());
        assertEquals("tcp://node1:1999", settings.serverUri());

        EvaBrokerConfiguration secure = new Configuration(Map.of("host", "node1,node2", "secure", true))
                .as(EvaBrokerConfiguration.class);
        assertEquals(List.of("ssl://node1:8883", "ssl://node2:8883"), secure.toMqttSettings().serverUris());
    }

    @Test
    void aSingleBareIpv6AddressStillWorks() {
        EvaBrokerConfiguration config = new Configuration(Map.of("host", "::1")).as(EvaBrokerConfiguration.class);
        assertEquals(List.of("tcp://[::1]:1883"), config.toMqttSettings().serverUris());
    }

    @Test
    void anUnusableBrokerListGetsATranslatedStatusNamingTheEntry() {
        Map<String, String> expected = Map.of( //
                "node1,,node2", "@text/offline.config-error.broker-host-list-gap", //
                "node1, node 2", "@text/offline.config-error.broker-host-invalid [\"node 2\"]", //
                "node1:1883,node2:99999", "@text/offline.config-error.broker-host-port-invalid [\"node2:99999\"]", //
                "node1,node1:1883", "@text/offline.config-error.broker-host-duplicate [\"node1:1883\"]", //
                " , ", "@text/offline.config-error.broker-host-list-gap");
        expected.forEach((host, status) -> {
            EvaBrokerConfiguration config = new Configuration(Map.of("host", host)).as(EvaBrokerConfiguration.class);
            ConfigurationProblem problem = assertThrows(ConfigurationProblem.class, config::toMqttSettings, host);
            assertEquals(status, problem.statusDescription(), host);
        });
        String seventeen = String.join(",", java.util.Collections.nCopies(17, "n")).replace("n", "node");
        EvaBrokerConfiguration many = new Configuration(Map.of("host", seventeen)).as(EvaBrokerConfiguration.class);
        assertEquals("@text/offline.config-error.broker-host-too-many [\"16\"]",
                assertThrows(ConfigurationProblem.class, many::toMqttSettings).statusDescription());
    }
}
