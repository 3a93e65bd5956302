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

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * How much work each benchmark does. Every loop of the harness is bounded by a count and by a time budget, so a run
 * ends by itself even on a machine that stalls. {@link #full()} fits the whole run, build included, in well under ten
 * minutes on two cores; {@link #quick()} is for checking the harness itself.
 *
 * @param serialWarmupCalls calls made before serial latency is recorded
 * @param serialCalls calls whose latency is recorded
 * @param serialBudget time after which a serial measurement stops even with fewer calls (a broker that stalls each
 *            call for tens of milliseconds must not stretch the run); the warm-up gets half of it
 * @param callRounds rounds in which the clients take turns, for serial and for pipelined measurements
 * @param pipelineWindow calls in flight in the throughput measurement
 * @param pipelineWarmup throughput warm-up of each round, not counted
 * @param pipelineDuration throughput measurement time of each round
 * @param things distinct item topics and things in the announcement benchmark
 * @param announceMessages messages per announcement throughput round
 * @param announceRounds throughput rounds per consumer (floor and binding alternate; the best round counts)
 * @param latencyRate offered load of the announcement latency measurement, messages per second
 * @param latencyWarmup latency warm-up at that rate, not recorded
 * @param latencyDuration latency measurement at that rate
 * @param jmhWarmupIterations JMH warm-up iterations
 * @param jmhIterations JMH measurement iterations
 * @param jmhIterationTime JMH iteration time
 * @param discoveryItems items in the discovery benchmark's {@code state} answer
 * @param discoveryRepeats conversions of that answer (the first one is the cold figure, the later half the warm one)
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public record BenchPlan(int serialWarmupCalls, int serialCalls, Duration serialBudget, int callRounds,
        int pipelineWindow,
        Duration pipelineWarmup, Duration pipelineDuration, int things, int announceMessages, int announceRounds,
        int latencyRate, Duration latencyWarmup, Duration latencyDuration, int jmhWarmupIterations,
        int jmhIterations, Duration jmhIterationTime, int discoveryItems, int discoveryRepeats) {

    /** Calls in flight in the throughput measurements (issue: 64). */
    public static final int PIPELINE_WINDOW = 64;
    /** Things and distinct item topics (issue: 10,000). */
    public static final int THINGS = 10_000;
    /** Offered load of the latency measurement (issue: 10,000 messages/s). */
    public static final int LATENCY_RATE = 10_000;
    /** Items in the discovery answer (issue: 10,000). */
    public static final int DISCOVERY_ITEMS = 10_000;

    /** The plan of a real run. */
    public static BenchPlan full() {
        return new BenchPlan(2_000, 10_000, Duration.ofSeconds(9), 3, PIPELINE_WINDOW, Duration.ofMillis(500),
                Duration.ofSeconds(2), THINGS, 100_000, 2, LATENCY_RATE, Duration.ofSeconds(1), Duration.ofSeconds(4),
                2, 4, Duration.ofSeconds(1), DISCOVERY_ITEMS, 10);
    }

    /** A short run that exercises every code path; its figures are not meant to be quoted. */
    public static BenchPlan quick() {
        return new BenchPlan(200, 1_000, Duration.ofSeconds(2), 2, PIPELINE_WINDOW, Duration.ofMillis(200),
                Duration.ofMillis(500), THINGS, 20_000, 1, LATENCY_RATE, Duration.ofMillis(300),
                Duration.ofSeconds(1), 1, 1, Duration.ofMillis(300), DISCOVERY_ITEMS, 2);
    }

    /** {@code full} (default) or {@code quick}. */
    public static BenchPlan named(String name) {
        return switch (name) {
            case "quick" -> quick();
            case "full", "" -> full();
            default -> throw new IllegalArgumentException("unknown bench profile '" + name + "' (full, quick)");
        };
    }
}
