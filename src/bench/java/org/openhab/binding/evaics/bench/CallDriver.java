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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Drives request/response calls (the floor echo, the binding's RPC client, the EVA-style client) the same way: serial
 * latency (one call at a time, each timed from start to completion) and pipelined throughput (a fixed number of
 * calls in flight, a new one started as soon as one completes, completions counted over a fixed time).
 * <p>
 * Both are done in rounds, so that the benchmark can interleave the clients (floor, rpc, EVA-style, floor, ...): on
 * a machine shared with other work, load changes then hit all clients alike instead of skewing their ratios. Serial
 * rounds add their samples to one {@link SerialRun}; pipelined rounds are kept apart and the best one counts (other
 * load can only slow a round down).
 *
 * @author EVA ICS binding contributors - Initial contribution
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
            double meanUs, double seconds, double cpuUsPerCall) {
    }

    /** One pipelined round; CPU of the JVM and the broker per completed call. */
    record PipelineRound(long calls, long errors, double perSecond, double seconds, boolean stalled,
            double cpuUsPerCall) {
    }

    /** Pipelined rounds of one client; {@link #perSecond()} is the best round's rate. */
    record PipelineResult(int window, List<PipelineRound> rounds) {

        double perSecond() {
            return rounds.stream().mapToDouble(PipelineRound::perSecond).max().orElse(0);
        }

        double medianPerSecond() {
            double[] rates = rounds.stream().mapToDouble(PipelineRound::perSecond).sorted().toArray();
            return rates.length == 0 ? 0 : rates[rates.length / 2];
        }

        long calls() {
            return rounds.stream().mapToLong(PipelineRound::calls).sum();
        }

        long errors() {
            return rounds.stream().mapToLong(PipelineRound::errors).sum();
        }

        double seconds() {
            return rounds.stream().mapToDouble(PipelineRound::seconds).sum();
        }

        boolean stalled() {
            return rounds.stream().anyMatch(PipelineRound::stalled);
        }

        /** The lowest CPU per call of the rounds: other load on the machine only adds to it. */
        double cpuUsPerCall() {
            return rounds.stream().mapToDouble(PipelineRound::cpuUsPerCall).min().orElse(Double.NaN);
        }
    }

    /** Serial samples of one client, gathered over rounds. */
    static final class SerialRun {
        private final Latencies latencies;
        private int errors;
        private long nanos;
        private long cpuNanos;

        SerialRun(int expected) {
            latencies = new Latencies(expected);
        }

        SerialResult result() {
            return new SerialResult(latencies.count(), errors, latencies.percentileMicros(50),
                    latencies.percentileMicros(90), latencies.percentileMicros(99), latencies.maxMicros(),
                    latencies.meanMicros(), nanos / 1e9,
                    latencies.count() == 0 ? Double.NaN : cpuNanos / NANOS_PER_MICRO / latencies.count());
        }
    }

    /** Pipelined rounds of one client, gathered. */
    static final class PipelineRun {
        private final int window;
        private final List<PipelineRound> rounds = new ArrayList<>();

        PipelineRun(int window) {
            this.window = window;
        }

        PipelineResult result() {
            return new PipelineResult(window, List.copyOf(rounds));
        }
    }

    /** Longest wait for one answer; EVA's own default call timeout. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    /** A serial run gives up after this many failed calls in a row: the setup is broken, not slow. */
    private static final int MAX_CONSECUTIVE_ERRORS = 10;
    private static final double NANOS_PER_SECOND = 1e9;
    private static final double NANOS_PER_MICRO = 1e3;

    private CallDriver() {
    }

    /** Makes up to {@code calls} calls one at a time within {@code budget}, without recording them. */
    static void warmUp(AsyncCall call, int calls, Duration budget) {
        long end = System.nanoTime() + budget.toNanos();
        int consecutiveErrors = 0;
        for (int i = 0; i < calls && System.nanoTime() < end; i++) {
            consecutiveErrors = once(call) < 0 ? consecutiveErrors + 1 : 0;
            checkErrors(consecutiveErrors);
        }
    }

    /** One serial round: up to {@code calls} calls within {@code budget}, added to {@code run}. */
    static void serial(AsyncCall call, int calls, Duration budget, SerialRun run, CpuMeter cpu) {
        long cpuStart = cpu.nanos();
        long start = System.nanoTime();
        long end = start + budget.toNanos();
        int consecutiveErrors = 0;
        for (int done = 0; done < calls && System.nanoTime() < end; done++) {
            long nanos = once(call);
            if (nanos < 0) {
                run.errors++;
                consecutiveErrors++;
                checkErrors(consecutiveErrors);
            } else {
                consecutiveErrors = 0;
                run.latencies.add(nanos);
            }
        }
        run.nanos += System.nanoTime() - start;
        run.cpuNanos += cpu.nanos() - cpuStart;
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

    /**
     * One pipelined round: {@code run}'s window of calls in flight for {@code warmup} (not counted) and then
     * {@code duration}; the calls still in flight at the end are awaited (bounded) before the round returns.
     */
    static void pipelined(AsyncCall call, Duration warmup, Duration duration, PipelineRun run, CpuMeter cpu) {
        int window = run.window;
        Semaphore permits = new Semaphore(window);
        LongAdder completed = new LongAdder();
        LongAdder failed = new LongAdder();
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        long completedAtStart = -1;
        long failedAtStart = 0;
        long measureStart = measureFrom;
        long cpuStart = 0;
        boolean stalled = false;
        try {
            while (true) {
                long now = System.nanoTime();
                if (completedAtStart < 0 && now >= measureFrom) {
                    completedAtStart = completed.sum();
                    failedAtStart = failed.sum();
                    measureStart = now;
                    cpuStart = cpu.nanos();
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
            long cpuUsed = cpu.nanos() - cpuStart;
            long calls = completed.sum() - Math.max(0, completedAtStart);
            long errors = failed.sum() - failedAtStart;
            double seconds = (measureEnd - measureStart) / NANOS_PER_SECOND;
            // let the calls still in flight finish, so that the next measurement starts from a quiet broker
            if (!permits.tryAcquire(window, CALL_TIMEOUT.toNanos() * 2, TimeUnit.NANOSECONDS)) {
                stalled = true;
            }
            run.rounds.add(new PipelineRound(calls, errors, seconds > 0 ? calls / seconds : 0, seconds, stalled,
                    calls > 0 ? cpuUsed / NANOS_PER_MICRO / calls : Double.NaN));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static String describe(SerialResult serial) {
        return String.format("%d calls, p50 %.1f us, p99 %.1f us, CPU %.0f us/call, %d errors", serial.calls(),
                serial.p50Us(), serial.p99Us(), serial.cpuUsPerCall(), serial.errors());
    }

    static String describe(PipelineResult pipelined) {
        double[] rates = pipelined.rounds().stream().mapToDouble(PipelineRound::perSecond).toArray();
        return String.format("best %.0f calls/s, rounds %s, CPU %.0f us/call (%d in flight, %d errors%s)",
                pipelined.perSecond(), Arrays.toString(Arrays.stream(rates).mapToLong(Math::round).toArray()),
                pipelined.cpuUsPerCall(), pipelined.window(), pipelined.errors(),
                pipelined.stalled() ? ", STALLED" : "");
    }
}
