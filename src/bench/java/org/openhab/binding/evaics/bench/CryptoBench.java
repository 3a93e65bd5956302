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

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.internal.protocol.codec.FrameCryptoBenchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link FrameCryptoBenchmark} with JMH, kept short (few iterations of {@link BenchPlan#jmhIterationTime()}) to
 * fit the run's time budget, in {@value #PASSES} passes over all benchmarks, each pass in one forked JVM. JMH runs
 * one benchmark after the other, so on a shared machine a burst of other load can inflate one of them and skew a
 * ratio; a second pass at another time, keeping each benchmark's lower mean, takes such bursts out (other load only
 * ever adds time). Returns the mean time per operation, keyed {@code <benchmark>_<size>} (e.g. {@code frame_200}),
 * with the JMH 99.9% error of that pass ({@code <key>_error}) and each pass's mean ({@code <key>_pass<n>}).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class CryptoBench {

    /** Replaces the harness JVM's heap options, which the fork would otherwise inherit. */
    private static final String[] FORK_JVM_ARGS = { "-Xms512m", "-Xmx512m" };
    private static final String ERROR_SUFFIX = "_error";

    /** Passes over all benchmarks; the lower mean of each counts. */
    static final int PASSES = 2;

    private CryptoBench() {
    }

    static Map<String, Double> run(BenchPlan plan) throws Exception {
        Map<String, Double> best = new LinkedHashMap<>();
        for (int pass = 1; pass <= PASSES; pass++) {
            Map<String, Double> scores = runOnce(plan);
            for (Map.Entry<String, Double> score : scores.entrySet()) {
                String key = score.getKey();
                if (key.endsWith(ERROR_SUFFIX)) {
                    continue;
                }
                best.put(key + "_pass" + pass, score.getValue());
                Double previous = best.get(key);
                if (previous == null || score.getValue() < previous) {
                    best.put(key, score.getValue());
                    Double error = scores.get(key + ERROR_SUFFIX);
                    best.put(key + ERROR_SUFFIX, error == null ? Double.NaN : error);
                }
            }
        }
        return best;
    }

    private static Map<String, Double> runOnce(BenchPlan plan) throws Exception {
        TimeValue iteration = TimeValue.milliseconds(plan.jmhIterationTime().toMillis());
        Options options = new OptionsBuilder().include(FrameCryptoBenchmark.class.getName() + "\\.")
                .forks(1).warmupIterations(plan.jmhWarmupIterations()).warmupTime(iteration)
                .measurementIterations(plan.jmhIterations()).measurementTime(iteration)
                .timeUnit(TimeUnit.NANOSECONDS).jvmArgs(FORK_JVM_ARGS).verbosity(VerboseMode.SILENT)
                .shouldFailOnError(true).build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> scores = new LinkedHashMap<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            String key = method + "_" + result.getParams().getParam("size");
            scores.put(key, result.getPrimaryResult().getScore());
            scores.put(key + ERROR_SUFFIX, result.getPrimaryResult().getScoreError());
        }
        return scores;
    }
}
