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
package org.openhab.binding.evaics.bench;

import java.util.Arrays;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Recorded latencies in nanoseconds, with nearest-rank percentiles. Not thread-safe: one thread records, and others
 * read only after a happens-before edge (a volatile counter or a join).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class Latencies {

    private static final double NANOS_PER_MICRO = 1_000.0;

    private long[] samples;
    private int count;

    Latencies(int expected) {
        samples = new long[Math.max(1, expected)];
    }

    void add(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, samples.length * 2);
        }
        samples[count++] = nanos;
    }

    int count() {
        return count;
    }

    /** The samples from index {@code from} on (to leave out a warm-up at the start of a recording). */
    Latencies from(int from) {
        Latencies rest = new Latencies(Math.max(1, count - from));
        for (int i = Math.max(0, from); i < count; i++) {
            rest.add(samples[i]);
        }
        return rest;
    }

    /** Nearest-rank percentile in microseconds; NaN without samples. */
    double percentileMicros(double percent) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * count);
        return sorted[Math.min(count, Math.max(1, rank)) - 1] / NANOS_PER_MICRO;
    }

    double meanMicros() {
        if (count == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += samples[i];
        }
        return sum / count / NANOS_PER_MICRO;
    }

    double maxMicros() {
        return percentileMicros(100);
    }
}
