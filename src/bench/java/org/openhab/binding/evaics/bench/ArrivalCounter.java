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

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Counts announcements where a consumer finished with them (a channel update, or the bare subscriber's callback)
 * and, when asked, records each one's latency from the publisher's send time ({@code t}). Written by the one
 * thread that delivers a consumer's messages; read by the benchmark thread after {@link #await}.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class ArrivalCounter {

    private static final long POLL_MILLIS = 5;

    private final AtomicLong count = new AtomicLong();
    private volatile long lastArrivalNanos;
    private volatile boolean recordLatency;
    private Latencies latencies = new Latencies(1);

    /** Starts a new measurement; call before the first message of it can arrive. */
    void reset(int expected, boolean latency) {
        latencies = new Latencies(latency ? expected : 1);
        recordLatency = latency;
        lastArrivalNanos = 0;
        count.set(0);
    }

    /** @param sendMicros the message's send time from {@link BenchClock#micros()}, or negative if unknown */
    void arrived(long sendMicros) {
        if (recordLatency && sendMicros >= 0) {
            latencies.add((BenchClock.micros() - sendMicros) * 1_000);
        }
        lastArrivalNanos = System.nanoTime();
        count.incrementAndGet();
    }

    boolean recordsLatency() {
        return recordLatency;
    }

    /**
     * Waits until {@code expected} messages arrived, no message arrived for {@code idle} (some were lost), or
     * {@code cap} passed.
     *
     * @return the number of messages that arrived
     */
    long await(long expected, Duration idle, Duration cap) throws InterruptedException {
        long deadline = System.nanoTime() + cap.toNanos();
        long lastCount = -1;
        long lastChange = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            long current = count.get();
            if (current >= expected || now > deadline) {
                return current;
            }
            if (current != lastCount) {
                lastCount = current;
                lastChange = now;
            } else if (now - lastChange > idle.toNanos()) {
                return current;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    long count() {
        return count.get();
    }

    long lastArrivalNanos() {
        return lastArrivalNanos;
    }

    /** The recorded latencies; read only after {@link #await}. */
    Latencies latencies() {
        return latencies;
    }
}
