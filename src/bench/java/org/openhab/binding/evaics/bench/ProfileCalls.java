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

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.codec.FrameFormat;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttSettings;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttTransport;
import org.openhab.binding.evaics.internal.protocol.rpc.RpcClient;
import org.openhab.binding.evaics.internal.protocol.rpc.RpcEvaApi;
import org.openhab.binding.evaics.internal.protocol.rpc.RpcSettings;
import org.openhab.binding.evaics.internal.protocol.state.EvaTopics;
import org.openhab.binding.evaics.test.broker.MosquittoBroker;
import org.openhab.binding.evaics.test.broker.TestBroker;
import org.openhab.binding.evaics.test.sim.EvaSimulator;
import org.openhab.core.common.ThreadPoolManager;

import com.google.gson.JsonObject;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A profiling driver for the pipelined call path, not part of the benchmark run (docs/benchmarks.md, "Profile"): one
 * client at a time ({@code floor}, {@code rpc} or {@code eva}) keeps 64 calls in flight against the simulator on a
 * mosquitto of its own, and the driver reports, per completed call, the CPU of each group of threads (our caller
 * thread, the client's Paho receiver, sender and callback threads, the timer, the simulator's threads, the JVM's own
 * threads) from {@link ThreadMXBean}, the broker's from {@code /proc}, the whole machine's from {@code /proc/stat}
 * (other load shows there), and, from a JFR recording of the same window, the hottest methods (self and inclusive)
 * per thread group.
 * <p>
 * Run: {@code java -cp <bench class path> org.openhab.binding.evaics.bench.ProfileCalls [clients] [seconds]
 * [nodelay|default] [jfr|nojfr]}, e.g. {@code rpc,eva,floor 10 nodelay jfr}; {@code -Dprof.warmup=<seconds>} (10)
 * and {@code -Dprof.perf=true} (broker profile with {@code perf record}, system calls and context switches of the
 * broker and of this JVM with {@code perf stat}; the tracepoints cost some CPU themselves). The class path is that
 * of the {@code bench} profile (docs/benchmarks.md, "Profile").
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class ProfileCalls {

    private static final String SIM_CLIENT_ID = "prof-sim";
    private static final String RPC_CLIENT_ID = "prof-rpc";
    private static final int WINDOW = 64;
    private static final Duration WARMUP = Duration.ofSeconds(Long.getLong("prof.warmup", 10));
    /** When set, {@code perf record} samples the broker during each measured window (needs perf). */
    private static final boolean PERF = Boolean.getBoolean("prof.perf");
    private static final Duration CONNECT_WAIT = Duration.ofSeconds(15);
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final int TOP = 25;
    private static final long DEFAULT_SECONDS = 10;
    /** EVA's client subscribes each response topic at QoS 1 (protocol.md §6.5), as in {@link CallBench}. */
    private static final int EVA_SUBSCRIBE_QOS = 1;
    /** utime and stime in /proc/[pid]/stat, counted from the first field after the command name. */
    private static final int UTIME_INDEX = 11;
    private static final int STIME_INDEX = 12;
    /** user, nice, system, idle, iowait, irq, softirq, steal in the cpu line of /proc/stat. */
    private static final int CPU_FIELDS = 8;
    private static final int IDLE_FIELD = 4;
    private static final int IOWAIT_FIELD = 5;
    /** A thread group's profile is printed when it holds at least 1/this of the samples. */
    private static final int GROUP_SHARE_DIVISOR = 20;
    private static final double MIN_PRINTED_US = 0.05;
    private static final long PERF_EXIT_MARGIN_SECONDS = 10;
    private static final Duration SAMPLE_PERIOD = Duration.ofMillis(1);

    private ProfileCalls() {
    }

    public static void main(String[] args) throws Exception {
        List<String> kinds = List.of((args.length > 0 ? args[0] : "rpc,eva,floor").split(","));
        Duration duration = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : DEFAULT_SECONDS);
        boolean noDelay = args.length <= 2 || "nodelay".equals(args[2]);
        boolean jfr = args.length <= 3 || "jfr".equals(args[3]);
        EvaTopics topics = new EvaTopics("");
        try (MosquittoBroker broker = MosquittoBroker.start(TestBroker.options().tcpNoDelay(noDelay));
                EvaSimulator sim = EvaSimulator
                        .builder(MqttSettings.builder(broker.uri()).clientId(SIM_CLIENT_ID))
                        .controller(CallBench.CONTROLLER.toString()).key(CallBench.KEY_ID, CallBench.API_KEY)
                        .responseQos(CallBench.CALL_QOS).requestLogCapacity(1).unit("bench/lamp1", 0, "").start()) {
            long brokerPid = findPid(broker.logFile().getParent().toString());
            FrameSizes sizes = FrameSizes.measure(broker.uri(), topics, CallBench.CONTROLLER, CallBench.KEY_ID,
                    CallBench.API_KEY);
            System.out.printf("broker %s (%s), pid %d; request %d B, answer %d B; %d s per client, JFR %s%n", broker,
                    noDelay ? "set_tcp_nodelay true" : "defaults", brokerPid, sizes.requestBytes(),
                    sizes.responseBytes(), duration.toSeconds(), jfr);
            for (String kind : kinds) {
                switch (kind) {
                    case "rpc" -> {
                        MqttTransport transport = new MqttTransport(
                                MqttSettings.builder(broker.uri()).clientId(RPC_CLIENT_ID).build());
                        ScheduledExecutorService timer = ThreadPoolManager.getScheduledPool("thingHandler");
                        transport.start();
                        OurRpcClient.awaitConnected(transport);
                        RpcClient rpc = new RpcClient(transport, topics, CallBench.CONTROLLER, CallBench.KEY_ID,
                                CallBench.API_KEY, FrameFormat.BINARY, RpcSettings.defaults(),
                                ProtocolLimits.defaults(), timer);
                        rpc.start().get(CONNECT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                        RpcEvaApi api = new RpcEvaApi(rpc);
                        try {
                            profile("rpc", api::test, duration, brokerPid, jfr);
                        } finally {
                            rpc.close();
                            transport.close();
                        }
                    }
                    case "eva" -> {
                        try (EvaStyleClient eva = new EvaStyleClient(broker.uri(), topics, CallBench.CONTROLLER,
                                CallBench.KEY_ID, CallBench.API_KEY, EVA_SUBSCRIBE_QOS, CallBench.CALL_QOS)) {
                            profile("eva", () -> eva.call("test", new JsonObject()), duration, brokerPid, jfr);
                        }
                    }
                    case "floor" -> {
                        try (FloorEcho floor = new FloorEcho(broker.uri(), sizes.requestBytes(),
                                sizes.responseBytes())) {
                            profile("floor", floor::call, duration, brokerPid, jfr);
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown client " + kind);
                }
            }
            System.out.printf("%nthe simulator could not decode %d requests%n",
                    sim.counters().requestsUndecodable());
        }
        System.exit(0);
    }

    private static void profile(String kind, CallDriver.AsyncCall call, Duration duration, long brokerPid,
            boolean jfr) throws Exception {
        CpuMeter none = CpuMeter.jvmOnly();
        CallDriver.pipelined(call, WARMUP, Duration.ofMillis(1), new CallDriver.PipelineRun(WINDOW), none);
        Recording recording = null;
        if (jfr) {
            recording = new Recording(Configuration.getConfiguration("default"));
            recording.disable("jdk.ExecutionSample");
            recording.enable("jdk.ExecutionSample").withPeriod(SAMPLE_PERIOD);
            recording.start();
        }
        Map<Long, String> names = threadNames();
        Map<Long, long[]> before = threadCpu();
        long jvmBefore = processCpu();
        long brokerBefore = ticks(brokerPid);
        long[] machineBefore = machine();
        List<Process> perf = new ArrayList<>();
        if (PERF) {
            String seconds = Long.toString(duration.toSeconds());
            perf.add(perf(List.of("perf", "record", "-F", "999", "-g", "-p", Long.toString(brokerPid), "-o",
                    "/tmp/prof-broker-" + kind + ".data", "--", "sleep", seconds), "record-broker-" + kind));
            for (long pid : List.of(brokerPid, ProcessHandle.current().pid())) {
                perf.add(perf(List.of("perf", "stat", "-x", ",", "-e", "raw_syscalls:sys_enter,context-switches",
                        "-p", Long.toString(pid), "--", "sleep", seconds), "stat-" + pid + "-" + kind));
            }
        }
        CallDriver.PipelineRun run = new CallDriver.PipelineRun(WINDOW);
        CallDriver.pipelined(call, Duration.ZERO, duration, run, none);
        Map<Long, long[]> after = threadCpu();
        long jvmAfter = processCpu();
        long brokerAfter = ticks(brokerPid);
        long[] machineAfter = machine();
        names.putAll(threadNames());
        for (Process process : perf) {
            process.waitFor(duration.toSeconds() + PERF_EXIT_MARGIN_SECONDS, TimeUnit.SECONDS);
        }
        CallDriver.PipelineRound round = run.result().rounds().get(0);
        double calls = round.calls();
        System.out.printf("%n==== %s: %.0f calls/s (%d calls in %.2f s, %d errors)%n", kind, round.perSecond(),
                round.calls(), round.seconds(), round.errors());
        Map<String, long[]> groups = new TreeMap<>();
        for (Map.Entry<Long, long[]> entry : after.entrySet()) {
            long[] start = before.getOrDefault(entry.getKey(), new long[2]);
            String group = group(names.getOrDefault(entry.getKey(), "?"));
            long[] sum = groups.computeIfAbsent(group, g -> new long[2]);
            sum[0] += entry.getValue()[0] - start[0];
            sum[1] += entry.getValue()[1] - start[1];
        }
        double threadTotal = 0;
        for (Map.Entry<String, long[]> group : groups.entrySet()) {
            double us = group.getValue()[0] / 1e3 / calls;
            threadTotal += us;
            if (us >= MIN_PRINTED_US) {
                System.out.printf("  %-28s %7.1f us/call (user %5.1f, sys %5.1f)%n", group.getKey(), us,
                        group.getValue()[1] / 1e3 / calls, (group.getValue()[0] - group.getValue()[1]) / 1e3 / calls);
            }
        }
        double jvm = (jvmAfter - jvmBefore) / 1e3 / calls;
        double broker = (brokerAfter - brokerBefore) * NANOS_PER_TICK / 1e3 / calls;
        double machineBusy = (machineAfter[0] - machineBefore[0]) * NANOS_PER_TICK / 1e3 / calls;
        double machineAll = (machineAfter[1] - machineBefore[1]) * NANOS_PER_TICK / 1e3 / calls;
        System.out.printf("  %-28s %7.1f us/call (sum of threads %.1f; JVM internal: JIT, GC %.1f)%n",
                "JVM process", jvm, threadTotal, jvm - threadTotal);
        System.out.printf("  %-28s %7.1f us/call%n", "mosquitto", broker);
        System.out.printf("  %-28s %7.1f us/call (JVM + broker %.1f; other load %.1f; idle %.1f)%n", "machine busy",
                machineBusy, jvm + broker, machineBusy - jvm - broker, machineAll - machineBusy);
        for (long pid : PERF ? List.of(brokerPid, ProcessHandle.current().pid()) : List.<Long> of()) {
            for (String line : Files.readAllLines(Path.of("/tmp/prof-stat-" + pid + "-" + kind + ".log"))) {
                String[] f = line.split(",");
                if (f.length > 2 && !f[0].isEmpty() && Character.isDigit(f[0].charAt(0))) {
                    System.out.printf("  %-28s %7.2f per call%n", (pid == brokerPid ? "mosquitto " : "JVM ") + f[2],
                            Long.parseLong(f[0]) / calls);
                }
            }
        }
        if (recording != null) {
            recording.stop();
            Path file = Files.createTempFile("profile-" + kind, ".jfr");
            recording.dump(file);
            recording.close();
            System.out.println("  JFR: " + file);
            summarise(file, names);
        }
    }

    private static Process perf(List<String> command, String log) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Path.of("/tmp/prof-" + log + ".log").toFile()).start();
    }

    /** Thread groups by name: whose thread (client, simulator, JVM) and which Paho role. */
    private static String group(String name) {
        String owner;
        if (name.contains(SIM_CLIENT_ID) || name.startsWith("eva-sim-")) {
            owner = "sim";
        } else if (name.contains(RPC_CLIENT_ID) || name.contains("eva-style") || name.contains("floor-requester")) {
            owner = "client";
        } else if (name.contains("floor-echo")) {
            owner = "echo";
        } else if (name.equals("main")) {
            return "client caller (main)";
        } else if (name.startsWith("OH-")) {
            return "client timer (OH pool)";
        } else if (name.contains("Compiler") || name.contains("GC") || name.contains("G1") || name.contains("VM ")
                || name.contains("JFR") || name.contains("Sweeper")) {
            return "jvm (" + name.replaceAll("[0-9#]+", "").trim() + ")";
        } else {
            return "other (" + name + ")";
        }
        String role;
        if (name.startsWith("MQTT Rec")) {
            role = "paho receiver";
        } else if (name.startsWith("MQTT Snd")) {
            role = "paho sender";
        } else if (name.startsWith("MQTT Call")) {
            role = "paho callback (+ our listener)";
        } else if (name.startsWith("MQTT Ping") || name.startsWith("MQTT Con")) {
            role = "paho other";
        } else if (name.startsWith("eva-sim-") || name.startsWith(MqttTransport.THREAD_NAME_PREFIX)) {
            role = "scheduler";
        } else {
            role = "other " + name;
        }
        return owner + " " + role;
    }

    /** Top frames (self) and methods anywhere on the stack (inclusive), overall and per thread group. */
    private static void summarise(Path file, Map<Long, String> names) throws IOException {
        Map<String, Map<String, Integer>> self = new HashMap<>();
        Map<String, Map<String, Integer>> inclusive = new HashMap<>();
        Map<String, Integer> samples = new HashMap<>();
        int total = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!"jdk.ExecutionSample".equals(event.getEventType().getName())) {
                continue;
            }
            RecordedThread thread = event.getThread("sampledThread");
            RecordedStackTrace stack = event.getStackTrace();
            if (thread == null || stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            String name = names.getOrDefault(thread.getJavaThreadId(),
                    thread.getJavaName() == null ? "?" : thread.getJavaName());
            String group = group(name);
            total++;
            samples.merge(group, 1, Integer::sum);
            List<RecordedFrame> frames = stack.getFrames();
            String top = method(frames.get(0));
            for (String g : List.of("ALL", group)) {
                self.computeIfAbsent(g, k -> new HashMap<>()).merge(top, 1, Integer::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame frame : frames) {
                    String m = method(frame);
                    if (seen.add(m)) {
                        inclusive.computeIfAbsent(g, k -> new HashMap<>()).merge(m, 1, Integer::sum);
                    }
                }
            }
        }
        System.out.printf("  JFR execution samples (Java code only, not time in system calls): %d%n", total);
        List<Map.Entry<String, Integer>> bySize = new ArrayList<>(samples.entrySet());
        bySize.sort(Map.Entry.<String, Integer> comparingByValue().reversed());
        for (Map.Entry<String, Integer> group : bySize) {
            System.out.printf("    %-34s %5.1f %%%n", group.getKey(), 100.0 * group.getValue() / total);
        }
        print("self, all threads", self.get("ALL"), total);
        print("inclusive, all threads", inclusive.get("ALL"), total);
        for (Map.Entry<String, Integer> group : bySize) {
            if (group.getValue() * GROUP_SHARE_DIVISOR >= total) {
                print("self, " + group.getKey(), self.get(group.getKey()), total);
                print("inclusive, " + group.getKey(), inclusive.get(group.getKey()), total);
            }
        }
    }

    private static void print(String title, @Nullable Map<String, Integer> counts, int total) {
        if (counts == null) {
            return;
        }
        System.out.println("  -- " + title + " (% of all samples)");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer> comparingByValue().reversed()).limit(TOP)
                .forEach(e -> System.out.printf("    %5.1f %%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
    }

    private static String method(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }

    private static Map<Long, String> threadNames() {
        Map<Long, String> names = new HashMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            names.put(thread.getId(), thread.getName());
        }
        return names;
    }

    /** Per live thread: total and user CPU nanoseconds. */
    private static Map<Long, long[]> threadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, long[]> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long total = threads.getThreadCpuTime(id);
            long user = threads.getThreadUserTime(id);
            if (total >= 0) {
                cpu.put(id, new long[] { total, user });
            }
        }
        return cpu;
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long ticks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[UTIME_INDEX]) + Long.parseLong(fields[STIME_INDEX]);
    }

    /** Machine-wide busy and total ticks over all cores. */
    private static long[] machine() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length && i <= CPU_FIELDS; i++) {
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[IDLE_FIELD]) + Long.parseLong(f[IOWAIT_FIELD]);
        return new long[] { total - idle, total };
    }

    private static long findPid(String commandLinePart) throws IOException {
        try (var processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    String commandLine = new String(Files.readAllBytes(process.resolve("cmdline")),
                            StandardCharsets.UTF_8);
                    if (commandLine.contains(commandLinePart)) {
                        return Long.parseLong(process.getFileName().toString());
                    }
                } catch (IOException | RuntimeException e) {
                    // ended meanwhile
                }
            }
        }
        throw new IllegalStateException("broker process not found");
    }
}
