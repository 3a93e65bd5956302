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
package org.openhab.binding.evaics.internal.protocol;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;

/**
 * Defaults and validation of the protocol limits.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class ProtocolLimitsTest {

    @Test
    void defaultsAreTheDocumentedValues() {
        ProtocolLimits d = ProtocolLimits.defaults();
        assertEquals(1024 * 1024, d.maxPayloadBytes());
        assertEquals(16 * 1024 * 1024, d.maxInflatedBytes());
        assertEquals(64, d.maxNestingDepth());
        assertEquals(1024, d.maxPendingCalls());
        assertEquals(Duration.ofSeconds(5), d.defaultCallTimeout());
    }

    @Test
    void withersChangeOneLimit() {
        ProtocolLimits d = ProtocolLimits.defaults();
        assertEquals(10, d.withMaxPayloadBytes(10).maxPayloadBytes());
        assertEquals(11, d.withMaxInflatedBytes(11).maxInflatedBytes());
        assertEquals(12, d.withMaxNestingDepth(12).maxNestingDepth());
        assertEquals(13, d.withMaxPendingCalls(13).maxPendingCalls());
        assertEquals(Duration.ofMillis(14), d.withDefaultCallTimeout(Duration.ofMillis(14)).defaultCallTimeout());
        assertEquals(d.maxNestingDepth(), d.withMaxPayloadBytes(10).maxNestingDepth());
    }

    @Test
    void nonPositiveLimitsAreRefused() {
        ProtocolLimits d = ProtocolLimits.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withMaxPayloadBytes(0));
        assertThrows(IllegalArgumentException.class, () -> d.withMaxInflatedBytes(-1));
        assertThrows(IllegalArgumentException.class, () -> d.withMaxNestingDepth(0));
        assertThrows(IllegalArgumentException.class, () -> d.withMaxPendingCalls(0));
        assertThrows(IllegalArgumentException.class, () -> d.withDefaultCallTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> d.withDefaultCallTimeout(Duration.ofSeconds(-1)));
    }
}
