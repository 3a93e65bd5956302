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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.test.broker.MosquittoBroker;
import org.openhab.binding.evaics.test.broker.TestBroker;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

/**
 * The benchmark harness of issues 5 and 13, started by {@code mvn -Pbench verify} (see docs/benchmarks.md). Runs, in one
 * JVM and one run: discovery, the JMH crypto benchmarks, the call benchmarks on a mosquitto with
 * {@code set_tcp_nodelay true} and on one with mosquitto's defaults, and the announcement benchmark; writes
 * {@code target/bench/results.json} and prints a table with the targets. Everything runs on 127.0.0.1
 * against brokers the harness starts and stops itself; every loop is bounded.
 * <p>
 * System properties: {@code bench.output} (directory of results.json), {@code bench.profile} ({@code full} or
 * {@code quick}), {@code bench.only} (comma-separated subset of {@code discovery,calls,announce,crypto,batches}),
 * {@code bench.announce.path} ({@code handler}, the default, or {@code protocol}).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class BenchMain {

    private static final Set<String> SECTIONS = Set.of("discovery", "calls", "announce", "crypto", "batches");
    private static final long VERSION_WAIT_SECONDS = 5;

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Path output = Path.of(System.getProperty("bench.output", "target/bench"));
        String profile = System.getProperty("bench.profile", "full");
        BenchPlan plan = BenchPlan.named(profile);
        Set<String> only = sections(System.getProperty("bench.only", ""));
        long started = System.nanoTime();
        JsonObject run = new JsonObject();
        run.addProperty("started", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        run.addProperty("profile", profile);
        run.addProperty("nproc", Runtime.getRuntime().availableProcessors());
        run.addProperty("mem_total_kb", memTotalKb());
        run.addProperty("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        run.addProperty("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        run.addProperty("mosquitto", mosquittoVersion());
        run.addProperty("load_avg_1m_start", loadAverage());
        log("EVA ICS binding benchmark: profile %s, %d cores, %s, load %s", profile,
                Runtime.getRuntime().availableProcessors(), run.get("mosquitto").getAsString(),
                run.get("load_avg_1m_start").getAsString());

        Report report = new Report();
        if (only.contains("discovery")) {
            DiscoveryBench.Result discovery = DiscoveryBench.run(plan);
            log("discovery: %.1f ms for %d items (cold), %.1f ms warm", discovery.ms(), discovery.items(),
                    discovery.warmMs());
            report.discovery(discovery);
        }
        if (only.contains("crypto")) {
            log("crypto: JMH, %d passes of 1 fork, %d+%d iterations of %d ms", CryptoBench.PASSES,
                    plan.jmhWarmupIterations(), plan.jmhIterations(), plan.jmhIterationTime().toMillis());
            Map<String, Double> scores = CryptoBench.run(plan);
            report.crypto(scores);
        }
        if (only.contains("calls")) {
            CallBench.Result nodelay = CallBench.run(true, plan);
            CallBench.Result defaults = CallBench.run(false, plan);
            report.calls(nodelay, defaults);
        }
        if (only.contains("announce")) {
            log("announce: %d things, %d messages per round", plan.things(), plan.announceMessages());
            try (MosquittoBroker broker = MosquittoBroker.start(TestBroker.options().tcpNoDelay(true)
                    .configLine(AnnounceBench.QUEUE_LINE))) {
                AnnounceBench.Path path = AnnounceBench.Path
                        .valueOf(System.getProperty("bench.announce.path", "handler").toUpperCase());
                report.announce(new AnnounceBench(broker, plan, path).run());
            }
        }
        if (only.contains("batches")) {
            log("batches: %d things (startup, resync), %d in verified mode at %d changes/s, simulator with EVA 3.4.2"
                    + " costs", BatchBench.THINGS, BatchBench.VERIFIED_ITEMS, BatchBench.VERIFIED_RATE);
            report.batches(BatchBench.run(plan));
        }
        run.addProperty("load_avg_1m_end", loadAverage());
        run.addProperty("duration_s", Report.round((System.nanoTime() - started) / 1e9));
        report.meta(run);

        List<String> lines = report.lines();
        Files.createDirectories(output);
        Path results = output.resolve("results.json");
        Files.writeString(results, new GsonBuilder().setPrettyPrinting().create().toJson(report.json()) + "\n",
                StandardCharsets.UTF_8);
        Files.write(output.resolve("results.txt"), lines, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println("==== EVA ICS binding benchmark (" + profile + ", " + run.get("nproc") + " cores, load "
                + run.get("load_avg_1m_start") + " -> " + run.get("load_avg_1m_end") + ") ====");
        lines.forEach(System.out::println);
        System.out.println();
        System.out.println("results: " + results.toAbsolutePath());
        long missed = report.targets().stream().filter(t -> !t.pass()).count();
        System.out.println(report.targets().size() - missed + " of " + report.targets().size() + " targets met");
        // Paho and JMH may leave non-daemon threads behind; the brokers are already stopped
        System.exit(0);
    }

    private static Set<String> sections(String only) {
        if (only.isBlank() || "all".equals(only)) {
            return SECTIONS;
        }
        Set<String> chosen = Set.of(only.split(","));
        for (String section : chosen) {
            if (!SECTIONS.contains(section)) {
                throw new IllegalArgumentException("unknown section '" + section + "'; known: " + SECTIONS);
            }
        }
        return chosen;
    }

    static void log(String format, Object... args) {
        System.out.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " " + String.format(format, args));
        System.out.flush();
    }

    private static long memTotalKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: reported as unknown
        }
        return -1;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The first line of {@code mosquitto -h}, e.g. "mosquitto version 2.0.11". */
    private static String mosquittoVersion() {
        for (String binary : List.of(System.getProperty("mosquitto.binary", ""), "/usr/sbin/mosquitto",
                "mosquitto")) {
            if (binary.isEmpty()) {
                continue;
            }
            String version = firstLine(binary);
            if (version != null && version.startsWith("mosquitto")) {
                return version;
            }
        }
        return "unknown";
    }

    private static @Nullable String firstLine(String binary) {
        try {
            Process process = new ProcessBuilder(binary, "-h").redirectErrorStream(true).start();
            String line;
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                line = reader.readLine();
                while (reader.readLine() != null) {
                    // drain, so that the process can exit
                }
            }
            if (!process.waitFor(VERSION_WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return line;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
