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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;

/**
 * The reconnect delay sequence (arithmetic only; nothing here waits).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class ReconnectBackoffTest {

    private static final Duration MIN = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofSeconds(30);

    private static List<Long> delays(ReconnectBackoff backoff, int count) {
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            delays.add(backoff.nextDelayMillis());
        }
        return delays;
    }

    @Test
    void withoutJitterDelaysDoubleFromTheMinimumUpToTheCap() {
        ReconnectBackoff backoff = new ReconnectBackoff(MIN, MAX, () -> 0.0);
        assertEquals(List.of(100L, 200L, 400L, 800L, 1600L, 3200L, 6400L, 12800L, 25600L, 30000L, 30000L),
                delays(backoff, 11));
    }

    @Test
    void jitterShortensADelayByAtMostTheJitterFractionButNeverBelowTheMinimum() {
        ReconnectBackoff backoff = new ReconnectBackoff(MIN, MAX, () -> 0.999_999);
        List<Long> delays = delays(backoff, 12);
        assertEquals(100L, delays.get(0)); // 100 less almost half, floored at the minimum
        assertEquals(101L, delays.get(1));
        assertEquals(201L, delays.get(2));
        assertEquals(15001L, delays.get(11));
        for (long delay : delays) {
            assertTrue(delay >= MIN.toMillis() && delay <= MAX.toMillis(), () -> "delay " + delay);
        }
    }

    @Test
    void resetStartsAgainAtTheMinimum() {
        ReconnectBackoff backoff = new ReconnectBackoff(MIN, MAX, () -> 0.0);
        delays(backoff, 5);
        backoff.reset();
        assertEquals(List.of(100L, 200L), delays(backoff, 2));
    }

    @Test
    void manyFailuresStayAtTheCapWithoutOverflow() {
        ReconnectBackoff backoff = new ReconnectBackoff(MIN, MAX, () -> 0.0);
        List<Long> delays = delays(backoff, 200);
        assertEquals(30000L, delays.get(199));
    }

    @Test
    void aCapBelowTheMinimumIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new ReconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), () -> 0.0));
        assertThrows(IllegalArgumentException.class, () -> new ReconnectBackoff(Duration.ZERO, MAX, () -> 0.0));
    }
}
