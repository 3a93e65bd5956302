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

import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.evaics.test.Thrown.messageOf;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;

/**
 * Validation, defaults and printing of {@link MqttSettings}.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class MqttSettingsTest {

    private static IllegalArgumentException rejected(UnaryOperator<MqttSettings.Builder> change) {
        return assertThrows(IllegalArgumentException.class,
                () -> change.apply(MqttSettings.builder("tcp://127.0.0.1:1883")).build());
    }

    @Test
    void defaultsFollowTheControllerSession() {
        MqttSettings settings = MqttSettings.builder("tcp://127.0.0.1:1883").build();
        assertEquals(60, settings.keepAliveSeconds());
        assertTrue(settings.cleanSession());
        assertEquals("", settings.clientId());
        assertTrue(settings.tcpNoDelay());
        assertTrue(settings.verifyHostname());
        assertEquals(Duration.ofMillis(100), settings.reconnectMinDelay());
        assertEquals(Duration.ofSeconds(30), settings.reconnectMaxDelay());
        assertEquals(Duration.ofSeconds(1), settings.reachabilityProbeInterval());
        assertTrue(settings.maxInflight() >= 64);
        assertFalse(settings.isTls());
    }

    @Test
    void missingPortGetsTheSchemeDefault() {
        assertEquals("tcp://broker.example:1883", MqttSettings.builder("tcp://broker.example").build().serverUri());
        assertEquals("ssl://broker.example:8883", MqttSettings.builder("ssl://broker.example").build().serverUri());
        assertEquals("tcp://[::1]:1884", MqttSettings.builder("tcp://[::1]:1884").build().serverUri());
        assertTrue(MqttSettings.builder("SSL://h:1").build().isTls());
    }

    @Test
    void onlyTcpAndSslSchemesAreAccepted() {
        for (String uri : new String[] { "ws://h:80", "http://h", "127.0.0.1:1883", "mqtt://h" }) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MqttSettings.builder(uri).build());
            assertTrue(messageOf(e).contains("tcp:// or ssl://"), messageOf(e));
        }
    }

    @Test
    void uriWithoutHostOrWithPathOrCredentialsIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> MqttSettings.builder("tcp://").build());
        assertThrows(IllegalArgumentException.class, () -> MqttSettings.builder("tcp://h:1883/path").build());
        assertThrows(IllegalArgumentException.class, () -> MqttSettings.builder("tcp://u:p@h:1883").build());
        assertThrows(IllegalArgumentException.class, () -> MqttSettings.builder("tcp://h:99999").build());
        assertThrows(IllegalArgumentException.class, () -> MqttSettings.builder().build());
    }

    @Test
    void passwordWithoutUsernameIsRejected() {
        assertTrue(messageOf(rejected(b -> b.password("secret"))).contains("username"));
    }

    @Test
    void emptyCredentialsMeanNone() {
        MqttSettings settings = MqttSettings.builder("tcp://h").username("").password("").build();
        assertNull(settings.username());
        assertNull(settings.password());
    }

    @Test
    void tlsFilesNeedAnSslUri() {
        assertTrue(messageOf(rejected(b -> b.caFile(Path.of("ca.pem")))).contains("ssl://"));
    }

    @Test
    void clientCertificateAndKeyGoTogether() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MqttSettings.builder("ssl://h").clientCertFile(Path.of("c.pem")).build());
        assertTrue(messageOf(e).contains("together"), messageOf(e));
    }

    @Test
    void outOfRangeNumbersAreRejectedWithTheirName() {
        assertTrue(messageOf(rejected(b -> b.keepAliveSeconds(-1))).contains("keepAliveSeconds"));
        assertTrue(messageOf(rejected(b -> b.keepAliveSeconds(65536))).contains("keepAliveSeconds"));
        assertTrue(messageOf(rejected(b -> b.connectTimeoutSeconds(0))).contains("connectTimeoutSeconds"));
        assertTrue(messageOf(rejected(b -> b.maxInflight(0))).contains("maxInflight"));
        assertTrue(messageOf(rejected(b -> b.maxPayloadBytes(0))).contains("maxPayloadBytes"));
        assertTrue(messageOf(rejected(b -> b.maxPayloadBytes(MqttSettings.MAX_PAYLOAD_LIMIT + 1)))
                .contains("maxPayloadBytes"));
        assertTrue(messageOf(rejected(b -> b.reconnectMinDelay(Duration.ZERO))).contains("reconnectMinDelay"));
        assertTrue(messageOf(rejected(b -> b.reconnectMaxDelay(Duration.ofMillis(50))))
                .contains("reconnectMaxDelay"));
    }

    @Test
    void reachabilityProbeIntervalIsOffOrAtLeastTheMinimum() {
        assertEquals(Duration.ZERO, MqttSettings.builder("tcp://127.0.0.1:1883")
                .reachabilityProbeInterval(Duration.ZERO).build().reachabilityProbeInterval());
        assertEquals(MqttSettings.MIN_REACHABILITY_PROBE_INTERVAL,
                MqttSettings.builder("tcp://127.0.0.1:1883")
                        .reachabilityProbeInterval(MqttSettings.MIN_REACHABILITY_PROBE_INTERVAL).build()
                        .reachabilityProbeInterval());
        assertTrue(messageOf(rejected(b -> b.reachabilityProbeInterval(Duration.ofMillis(99))))
                .contains("reachabilityProbeInterval"));
        assertTrue(messageOf(rejected(b -> b.reachabilityProbeInterval(Duration.ofSeconds(-1))))
                .contains("reachabilityProbeInterval"));
    }

    @Test
    void toStringNeverShowsThePassword() {
        MqttSettings settings = MqttSettings.builder("ssl://h").username("alice").password("s3cr3t-pw")
                .caFile(Path.of("/etc/ca.pem")).build();
        String text = settings.toString();
        assertFalse(text.contains("s3cr3t-pw"), text);
        assertTrue(text.contains("alice"), text);
        assertTrue(text.contains("<hidden>"), text);
        assertTrue(text.contains("/etc/ca.pem"), text);
    }
}
