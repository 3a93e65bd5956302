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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Drives request/response calls (the floor echo, our RPC client, the EVA-style client) the same way: serial latency
 * (one call at a time, each timed from start to completion) and pipelined throughput (a fixed number of calls in
 * flight, a new one started as soon as one completes, completions counted over a fixed time).
 */
@NonNullByDefault
final class CallDriver {

    /** One call; the future completes when the answer has been received and checked. */
    @FunctionalInterface
    interface AsyncCall {
        CompletableFuture<?> start() throws Exception;
    }

    /** A serial measurement; latencies in microseconds. */
    record SerialResult(int calls, int errors, double p50Us, double p90Us, double p99Us, double maxUs,
            double meanUs, double seconds) {
    }

    /** A pipelined measurement. */
    record PipelineResult(long calls, long errors, double perSecond, double seconds, int window, boolean stalled) {
    }

    /** Longest wait for one answer; EVA's own default call timeout. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    /** A serial run gives up after this many failed calls in a row: the setup is broken, not slow. */
    private static final int MAX_CONSECUTIVE_ERRORS = 10;
    /** Warm-up of a serial run stops after this share of its time budget at the latest. */
    private static final int WARMUP_BUDGET_DIVISOR = 2;

    private CallDriver() {
    }

    static SerialResult serial(AsyncCall call, int warmupCalls, int calls, Duration budget) {
        long warmupEnd = System.nanoTime() + budget.toNanos() / WARMUP_BUDGET_DIVISOR;
        int consecutiveErrors = 0;
        for (int i = 0; i < warmupCalls && System.nanoTime() < warmupEnd; i++) {
            consecutiveErrors = once(call) < 0 ? consecutiveErrors + 1 : 0;
            checkErrors(consecutiveErrors);
        }
        Latencies latencies = new Latencies(calls);
        int errors = 0;
        long start = System.nanoTime();
        long end = start + budget.toNanos();
        while (latencies.count() < calls && System.nanoTime() < end) {
            long nanos = once(call);
            if (nanos < 0) {
                errors++;
                consecutiveErrors++;
                checkErrors(consecutiveErrors);
            } else {
                consecutiveErrors = 0;
                latencies.add(nanos);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new SerialResult(latencies.count(), errors, latencies.percentileMicros(50),
                latencies.percentileMicros(90), latencies.percentileMicros(99), latencies.maxMicros(),
                latencies.meanMicros(), seconds);
    }

    /** @return the call's duration in nanoseconds, or -1 if it failed */
    private static long once(AsyncCall call) {
        long start = System.nanoTime();
        try {
            call.start().get(CALL_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
            return System.nanoTime() - start;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            // failed, timed out or refused at once: counted as an error by the caller
            return -1;
        }
    }

    private static void checkErrors(int consecutiveErrors) {
        if (consecutiveErrors >= MAX_CONSECUTIVE_ERRORS) {
            throw new IllegalStateException(consecutiveErrors + " calls in a row failed");
        }
    }

    static PipelineResult pipelined(AsyncCall call, int window, Duration warmup, Duration duration) {
        Semaphore permits = new Semaphore(window);
        LongAdder completed = new LongAdder();
        LongAdder failed = new LongAdder();
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        long completedAtStart = -1;
        long failedAtStart = 0;
        long measureStart = measureFrom;
        boolean stalled = false;
        try {
            while (true) {
                long now = System.nanoTime();
                if (completedAtStart < 0 && now >= measureFrom) {
                    completedAtStart = completed.sum();
                    failedAtStart = failed.sum();
                    measureStart = now;
                }
                if (now >= end) {
                    break;
                }
                if (!permits.tryAcquire(CALL_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
                    stalled = true;
                    break;
                }
                CompletableFuture<?> future;
                try {
                    future = call.start();
                } catch (Exception e) {
                    failed.increment();
                    permits.release();
                    continue;
                }
                future.whenComplete((result, error) -> {
                    if (error == null) {
                        completed.increment();
                    } else {
                        failed.increment();
                    }
                    permits.release();
                });
            }
            long measureEnd = System.nanoTime();
            long calls = completed.sum() - Math.max(0, completedAtStart);
            long errors = failed.sum() - failedAtStart;
            double seconds = (measureEnd - measureStart) / 1e9;
            // let the calls still in flight finish, so that the next measurement starts from a quiet broker
            if (!permits.tryAcquire(window, CALL_TIMEOUT.toNanos() * 2, TimeUnit.NANOSECONDS)) {
                stalled = true;
            }
            return new PipelineResult(calls, errors, seconds > 0 ? calls / seconds : 0, seconds, window, stalled);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static String describe(@Nullable SerialResult serial) {
        return serial == null ? "-"
                : String.format("%d calls, p50 %.1f us, p99 %.1f us, %d errors", serial.calls(), serial.p50Us(),
                        serial.p99Us(), serial.errors());
    }

    static String describe(@Nullable PipelineResult pipelined) {
        return pipelined == null ? "-"
                : String.format("%.0f calls/s (%d calls in %.1f s, %d in flight, %d errors%s)", pipelined.perSecond(),
                        pipelined.calls(), pipelined.seconds(), pipelined.window(), pipelined.errors(),
                        pipelined.stalled() ? ", STALLED" : "");
    }
}
