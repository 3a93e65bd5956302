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

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Delays between reconnect attempts: exponential from a minimum to a cap, each shortened by a random part so
 * that many clients cut off by the same broker restart do not reconnect in lockstep. The delay after
 * {@code n} consecutive failures is {@code min(max, min * 2^n)}, less up to {@link #JITTER_FRACTION} of it,
 * but never below the minimum. Thread-safe.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class ReconnectBackoff {

    /** Up to this fraction of each delay is randomly cut off. */
    static final double JITTER_FRACTION = 0.5;
    /** Doubling stops here; 2^30 times any sensible minimum is beyond any sensible cap. */
    private static final int MAX_DOUBLINGS = 30;

    private final long minMillis;
    private final long maxMillis;
    private final DoubleSupplier random;
    private int failures;

    ReconnectBackoff(Duration min, Duration max) {
        this(min, max, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param random values in [0, 1) */
    ReconnectBackoff(Duration min, Duration max, DoubleSupplier random) {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("need 0 < min <= max, got " + min + " and " + max);
        }
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** The delay before the next attempt; each call counts one more failure. */
    synchronized long nextDelayMillis() {
        long base = minMillis;
        for (int i = 0; i < failures && base < maxMillis; i++) {
            base *= 2;
        }
        base = Math.min(base, maxMillis);
        if (failures < MAX_DOUBLINGS) {
            failures++;
        }
        long jittered = base - (long) (base * JITTER_FRACTION * random.getAsDouble());
        return Math.max(minMillis, jittered);
    }

    /** Called after a successful connect: the next delay is the minimum again. */
    synchronized void reset() {
        failures = 0;
    }
}
