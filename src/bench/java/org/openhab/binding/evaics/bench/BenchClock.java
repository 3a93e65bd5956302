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

import java.time.Instant;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Wall-clock microseconds for timestamps that travel inside messages (the {@code t} member of announcements), taken
 * from the monotonic clock against one wall-clock reading: latency = receive time - {@code t} then needs no
 * synchronised clocks, and a wall-clock step cannot distort it. The monotonic clock ({@code System.nanoTime()},
 * CLOCK_MONOTONIC on Linux) is the same in every process of the machine, so a publisher process started with
 * {@link #baseArgument()} maps it exactly as the harness does.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class BenchClock {

    /** System property that hands the harness's mapping to a child process: {@code <base micros>:<base nanos>}. */
    static final String BASE_PROPERTY = "bench.clock.base";

    private static final long NANOS_PER_MICRO = 1_000;
    private static final long MICROS_PER_SECOND = 1_000_000;
    /** Decimals of {@link #appendSeconds}: microseconds. */
    private static final int SECONDS_DECIMALS = 6;
    private static final int DECIMAL_BASE = 10;
    private static final long BASE_NANOS;
    private static final long BASE_MICROS;

    static {
        String inherited = System.getProperty(BASE_PROPERTY, "");
        int colon = inherited.indexOf(':');
        if (colon > 0) {
            BASE_MICROS = Long.parseLong(inherited.substring(0, colon));
            BASE_NANOS = Long.parseLong(inherited.substring(colon + 1));
        } else {
            BASE_NANOS = System.nanoTime();
            Instant now = Instant.now();
            BASE_MICROS = now.getEpochSecond() * MICROS_PER_SECOND + now.getNano() / NANOS_PER_MICRO;
        }
    }

    private BenchClock() {
    }

    /** {@code -D} option that gives a child process this clock. */
    static String baseArgument() {
        return "-D" + BASE_PROPERTY + "=" + BASE_MICROS + ":" + BASE_NANOS;
    }

    /** Microseconds since the epoch, monotonic within this JVM. */
    static long micros() {
        return BASE_MICROS + (System.nanoTime() - BASE_NANOS) / NANOS_PER_MICRO;
    }

    /** {@link #micros()} as EVA writes {@code t}: Unix seconds with six decimals. */
    static void appendSeconds(StringBuilder out, long micros) {
        long fraction = micros % MICROS_PER_SECOND;
        out.append(micros / MICROS_PER_SECOND).append('.');
        String digits = Long.toString(fraction);
        for (int i = digits.length(); i < SECONDS_DECIMALS; i++) {
            out.append('0');
        }
        out.append(digits);
    }

    /**
     * Microseconds from text written by {@link #appendSeconds}, read in {@code text[from, to)}, or -1 if it is not
     * such text. Much cheaper than {@link Double#parseDouble} on a 16-digit number, which matters because the
     * counting consumers call it for every message and their cost must not be charged to what they measure.
     */
    static long parseSeconds(CharSequence text, int from, int to) {
        long micros = 0;
        int decimals = -1;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '.' && decimals < 0) {
                decimals = 0;
            } else if (c >= '0' && c <= '9' && decimals < SECONDS_DECIMALS) {
                micros = micros * DECIMAL_BASE + (c - '0');
                if (decimals >= 0) {
                    decimals++;
                }
            } else {
                return -1;
            }
        }
        return decimals == SECONDS_DECIMALS ? micros : -1;
    }

    /** Unix seconds (as parsed from {@code t}) back to microseconds. */
    static long secondsToMicros(double seconds) {
        return Math.round(seconds * MICROS_PER_SECOND);
    }
}
