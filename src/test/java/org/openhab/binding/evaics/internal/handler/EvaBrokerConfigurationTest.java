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

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;

/**
 * The broker bridge's maximum message size reaches the transport and the decoders of everything read from the
 * broker.
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
    void outOfRangeSizesSayWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config(0).toMqttSettings());
        assertEquals("the maximum message size 0 KiB is outside 1..262143", e.getMessage());
    }
}
