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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.bench.CallDriver.PipelineResult;
import org.openhab.binding.evaics.bench.CallDriver.SerialResult;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Turns the measurements into {@code results.json} (the field names of issue 5, plus details) and the table on
 * stdout, and checks the targets, each a ratio or bound within this one run.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class Report {

    static final String NODELAY = "broker_nodelay";
    static final String DEFAULT = "broker_default";

    /** One target of issue 5 and how this run did. */
    record Target(String name, double value, String comparison, double limit, boolean pass, String note) {
    }

    private final JsonObject json = new JsonObject();
    private final List<Target> targets = new ArrayList<>();
    private final List<String> table = new ArrayList<>();

    JsonObject json() {
        return json;
    }

    List<Target> targets() {
        return targets;
    }

    void meta(JsonObject meta) {
        json.add("run", meta);
    }

    void calls(CallBench.@Nullable Result nodelay, CallBench.@Nullable Result defaults) {
        table.add("");
        table.add(String.format("%-30s %34s   %34s", "calls (QoS 0, 64 in flight)", "broker set_tcp_nodelay true",
                "broker defaults"));
        table.add(String.format("%-30s %10s %10s %12s   %10s %10s %12s", "", "p50 us", "p99 us", "calls/s",
                "p50 us", "p99 us", "calls/s"));
        row("floor (raw Paho echo)", nodelay == null ? null : nodelay.floor(),
                defaults == null ? null : defaults.floor());
        row("rpc (binding's RpcClient)", nodelay == null ? null : nodelay.rpc(),
                defaults == null ? null : defaults.rpc());
        row("rpc_eva_style (sub per call)", nodelay == null ? null : nodelay.evaStyle(),
                defaults == null ? null : defaults.evaStyle());
        table.add("with EVA's default QoS 1 for answers (and for the EVA-style client's requests):");
        row("rpc, EVA answers at QoS 1", nodelay == null ? null : nodelay.rpcAnswersQos1(),
                defaults == null ? null : defaults.rpcAnswersQos1());
        row("rpc_eva_style, all at QoS 1", nodelay == null ? null : nodelay.evaStyleQos1(),
                defaults == null ? null : defaults.evaStyleQos1());
        table.add(String.format("%-30s %23s %10s   %23s %10s", "CPU per call, us (JVM+broker)", "serial",
                "pipelined", "serial", "pipelined"));
        for (int i = 0; i < 5; i++) {
            CallBench.ClientResult a = nodelay == null ? null : clients(nodelay).get(i);
            CallBench.ClientResult b = defaults == null ? null : clients(defaults).get(i);
            CallBench.ClientResult named = a != null ? a : b;
            if (named == null) {
                continue;
            }
            table.add(String.format("  %-28s %23s %10s   %23s %10s", named.name(),
                    num(a == null ? null : a.serial().cpuUsPerCall(), 0),
                    num(a == null ? null : a.pipelined().cpuUsPerCall(), 0),
                    num(b == null ? null : b.serial().cpuUsPerCall(), 0),
                    num(b == null ? null : b.pipelined().cpuUsPerCall(), 0)));
        }
        for (CallBench.Result result : new CallBench.Result[] { nodelay, defaults }) {
            if (result == null) {
                continue;
            }
            JsonObject broker = new JsonObject();
            broker.add("floor", callJson(result.floor()));
            broker.add("rpc", callJson(result.rpc()));
            broker.add("rpc_eva_style", callJson(result.evaStyle()));
            broker.add("rpc_controller_answers_qos1", callJson(result.rpcAnswersQos1()));
            broker.add("rpc_eva_style_all_qos1", callJson(result.evaStyleQos1()));
            broker.addProperty("call_qos", CallBench.CALL_QOS);
            broker.addProperty("request_bytes", result.sizes().requestBytes());
            broker.addProperty("response_bytes", result.sizes().responseBytes());
            broker.addProperty("simulator_undecodable_requests", result.simulatorUndecodable());
            json.add(result.brokerNoDelay() ? NODELAY : DEFAULT, broker);
            String where = result.brokerNoDelay() ? "nodelay" : "default";
            ratioAtMost("rpc.serial_p50_us / floor.serial_p50_us (" + where + ")", result.rpc().serial().p50Us(),
                    result.floor().serial().p50Us(), 1.5);
            ratioAtLeast("rpc.pipelined_per_s / floor.pipelined_per_s (" + where + ")",
                    result.rpc().pipelined().perSecond(), result.floor().pipelined().perSecond(), 0.7);
            ratioAtLeast("rpc.pipelined_per_s / rpc_eva_style.pipelined_per_s (" + where + ")",
                    result.rpc().pipelined().perSecond(), result.evaStyle().pipelined().perSecond(), 3);
        }
    }

    private static List<CallBench.ClientResult> clients(CallBench.Result result) {
        return List.of(result.floor(), result.rpc(), result.evaStyle(), result.rpcAnswersQos1(), result.evaStyleQos1());
    }

    private void row(String name, CallBench.@Nullable ClientResult r1, CallBench.@Nullable ClientResult r2) {
        table.add(String.format("%-30s %10s %10s %12s   %10s %10s %12s", name,
                num(r1 == null ? null : r1.serial().p50Us(), 1), num(r1 == null ? null : r1.serial().p99Us(), 1),
                num(r1 == null ? null : r1.pipelined().perSecond(), 0), num(r2 == null ? null : r2.serial().p50Us(), 1),
                num(r2 == null ? null : r2.serial().p99Us(), 1), num(r2 == null ? null : r2.pipelined().perSecond(), 0)));
    }

    private static JsonObject callJson(CallBench.ClientResult result) {
        SerialResult serial = result.serial();
        PipelineResult pipelined = result.pipelined();
        JsonObject o = new JsonObject();
        o.addProperty("serial_p50_us", round(serial.p50Us()));
        o.addProperty("serial_p99_us", round(serial.p99Us()));
        o.addProperty("pipelined_per_s", round(pipelined.perSecond()));
        o.addProperty("serial_p90_us", round(serial.p90Us()));
        o.addProperty("serial_max_us", round(serial.maxUs()));
        o.addProperty("serial_mean_us", round(serial.meanUs()));
        o.addProperty("serial_calls", serial.calls());
        o.addProperty("serial_errors", serial.errors());
        o.addProperty("serial_seconds", round(serial.seconds()));
        o.addProperty("serial_cpu_us_per_call", round(serial.cpuUsPerCall()));
        o.addProperty("pipelined_cpu_us_per_call", round(pipelined.cpuUsPerCall()));
        o.addProperty("pipelined_median_per_s", round(pipelined.medianPerSecond()));
        JsonArray rounds = new JsonArray();
        pipelined.rounds().forEach(r -> rounds.add(round(r.perSecond())));
        o.add("pipelined_rounds_per_s", rounds);
        o.addProperty("pipelined_calls", pipelined.calls());
        o.addProperty("pipelined_errors", pipelined.errors());
        o.addProperty("pipelined_seconds", round(pipelined.seconds()));
        o.addProperty("pipelined_in_flight", pipelined.window());
        o.addProperty("pipelined_stalled", pipelined.stalled() ? 1 : 0);
        return o;
    }

    void announce(AnnounceBench.Result result) {
        JsonObject o = new JsonObject();
        o.addProperty("msgs_per_s", round(result.bindingPerSecond()));
        o.addProperty("floor_msgs_per_s", round(result.floorPerSecond()));
        o.addProperty("p99_latency_us", round(result.bindingLatency().p99Us()));
        o.addProperty("heap_bytes_per_thing", round(result.heapBytesPerThing()));
        o.addProperty("path", result.path());
        o.addProperty("host_bytes_per_thing", round(result.hostBytesPerThing()));
        o.addProperty("retained_on_subscribe_default_broker", result.retainedOnSubscribeDefaultBroker());
        o.addProperty("things", result.things());
        o.addProperty("payload_bytes", result.payloadBytes());
        o.addProperty("p50_latency_us", round(result.bindingLatency().p50Us()));
        o.addProperty("max_latency_us", round(result.bindingLatency().maxUs()));
        o.addProperty("floor_p50_latency_us", round(result.floorLatency().p50Us()));
        o.addProperty("floor_p99_latency_us", round(result.floorLatency().p99Us()));
        o.addProperty("latency_offered_per_s", round(result.bindingLatency().offeredPerSecond()));
        o.addProperty("latency_received", result.bindingLatency().received());
        o.addProperty("latency_sent", result.bindingLatency().sent());
        o.addProperty("latency_gc_pauses", result.bindingLatency().gcCount());
        o.addProperty("latency_gc_max_pause_ms", result.bindingLatency().gcMaxMillis());
        o.addProperty("floor_latency_gc_pauses", result.floorLatency().gcCount());
        o.addProperty("cpu_us_per_msg", round(minCpu(result, AnnounceBench.Consumer.BINDING)));
        o.addProperty("floor_cpu_us_per_msg", round(minCpu(result, AnnounceBench.Consumer.FLOOR)));
        JsonArray rounds = new JsonArray();
        for (AnnounceBench.Round round : result.rounds()) {
            JsonObject r = new JsonObject();
            r.addProperty("consumer", round.consumer().name().toLowerCase());
            r.addProperty("sent", round.sent());
            r.addProperty("received", round.received());
            r.addProperty("msgs_per_s", round(round.perSecond()));
            r.addProperty("publisher_msgs_per_s", round(round.publishPerSecond()));
            r.addProperty("cpu_us_per_msg", round(round.cpuUsPerMessage()));
            rounds.add(r);
        }
        o.add("rounds", rounds);
        json.add("announce", o);
        table.add("");
        table.add(String.format("announce (QoS 1, %d B, %d things, path: %s)", result.payloadBytes(),
                result.things(), result.path()));
        table.add(String.format("  binding %10s msgs/s   floor (bare Paho) %10s msgs/s", num(result.bindingPerSecond(), 0),
                num(result.floorPerSecond(), 0)));
        table.add(String.format("  latency at %s msgs/s: binding p50 %s us, p99 %s us; floor p50 %s us, p99 %s us",
                num(result.bindingLatency().offeredPerSecond(), 0), num(result.bindingLatency().p50Us(), 0),
                num(result.bindingLatency().p99Us(), 0), num(result.floorLatency().p50Us(), 0),
                num(result.floorLatency().p99Us(), 0)));
        table.add(String.format("  CPU per message (publisher + broker + consumer): binding %s us, floor %s us",
                num(minCpu(result, AnnounceBench.Consumer.BINDING), 1),
                num(minCpu(result, AnnounceBench.Consumer.FLOOR), 1)));
        table.add(String.format("  heap per thing %s bytes above the host's thing objects (%s bytes each)",
                num(result.heapBytesPerThing(), 0), num(result.hostBytesPerThing(), 0)));
        table.add(String.format("  retained states a new subscriber gets from a default mosquitto: %d of %d",
                result.retainedOnSubscribeDefaultBroker(), result.things()));
        ratioAtLeast("announce.msgs_per_s / floor_msgs_per_s", result.bindingPerSecond(), result.floorPerSecond(),
                0.8);
        bound("announce.p99_latency_us at 10,000 msgs/s", result.bindingLatency().p99Us(), "<", 5_000);
        bound("announce.heap_bytes_per_thing", result.heapBytesPerThing(), "<=", 2_048);
    }

    private static double minCpu(AnnounceBench.Result result, AnnounceBench.Consumer consumer) {
        return result.rounds().stream().filter(r -> r.consumer() == consumer)
                .mapToDouble(AnnounceBench.Round::cpuUsPerMessage).min().orElse(Double.NaN);
    }

    void crypto(Map<String, Double> scores) {
        JsonObject o = new JsonObject();
        o.addProperty("frame_200b_ns", round(score(scores, "frame_200")));
        o.addProperty("jca_200b_ns", round(score(scores, "jca_200")));
        o.addProperty("frame_20kb_ns", round(score(scores, "frame_20480")));
        o.addProperty("jca_20kb_ns", round(score(scores, "jca_20480")));
        o.addProperty("codec_request_200b_ns", round(score(scores, "codecRequest_200")));
        o.addProperty("codec_request_20kb_ns", round(score(scores, "codecRequest_20480")));
        o.addProperty("bytes_20kb", 20_480);
        JsonObject errors = new JsonObject();
        JsonObject passes = new JsonObject();
        scores.forEach((key, value) -> {
            if (key.endsWith("_error")) {
                errors.addProperty(key, round(value));
            } else if (key.contains("_pass")) {
                passes.addProperty(key, round(value));
            }
        });
        o.add("jmh_error_99_9", errors);
        o.add("passes", passes);
        json.add("crypto", o);
        table.add("");
        table.add("crypto (JMH, ns per seal + open)        200 B      20 KiB");
        table.add(String.format("  frame layer (FrameCodec's code) %11s %11s", num(score(scores, "frame_200"), 0),
                num(score(scores, "frame_20480"), 0)));
        table.add(String.format("  bare JCA AES-CBC + HMAC-SHA256  %11s %11s", num(score(scores, "jca_200"), 0),
                num(score(scores, "jca_20480"), 0)));
        table.add(String.format("  codec request (msgpack+frame)   %11s %11s", num(score(scores, "codecRequest_200"), 0),
                num(score(scores, "codecRequest_20480"), 0)));
        ratioAtMost("crypto.frame_200b_ns / jca_200b_ns", score(scores, "frame_200"), score(scores, "jca_200"), 1.3);
        ratioAtMost("crypto.frame_20kb_ns / jca_20kb_ns", score(scores, "frame_20480"), score(scores, "jca_20480"),
                1.3);
    }

    void discovery(DiscoveryBench.Result result) {
        JsonObject o = new JsonObject();
        o.addProperty("items", result.items());
        o.addProperty("ms", round(result.ms()));
        o.addProperty("warm_ms", round(result.warmMs()));
        o.addProperty("first_decode_ms", round(result.decodeMs()));
        o.addProperty("first_convert_ms", round(result.convertMs()));
        o.addProperty("answer_bytes", result.answerBytes());
        o.addProperty("uncompressed_answer_bytes", result.uncompressedAnswerBytes());
        o.addProperty("max_payload_bytes", result.maxPayloadBytes());
        o.addProperty("results", result.results());
        json.add("discovery", o);
        table.add("");
        table.add(String.format("discovery: %d items -> %d results in %s ms cold (decode %s + convert %s), %s ms warm",
                result.items(), result.results(), num(result.ms(), 1), num(result.decodeMs(), 1),
                num(result.convertMs(), 1), num(result.warmMs(), 1)));
        table.add(String.format("  answer %d B compressed, %d B uncompressed (payload limit %d B)",
                result.answerBytes(), result.uncompressedAnswerBytes(), result.maxPayloadBytes()));
        bound("discovery.ms for " + result.items() + " items", result.ms(), "<", 1_000);
    }

    /** The batch benchmark of issue 13: the fields the issue names, with the old way beside them. */
    void batches(BatchBench.Result result) {
        BatchBench.Side before = result.before();
        BatchBench.Side after = result.after();
        JsonObject resync = new JsonObject();
        resync.addProperty("items", after.things());
        resync.addProperty("frames_before", before.resyncFrames());
        resync.addProperty("frames", after.resyncFrames());
        resync.addProperty("ms", total(after));
        resync.addProperty("ms_before", total(before));
        resync.addProperty("ms_after_online", after.resyncMs());
        resync.addProperty("ms_after_online_before", before.resyncMs());
        resync.addProperty("state_frames_before", before.resyncStateFrames());
        resync.addProperty("state_frames", after.resyncStateFrames());
        resync.addProperty("reconnect_ms_before", before.resyncReconnectMs());
        resync.addProperty("reconnect_ms", after.resyncReconnectMs());
        JsonObject startup = new JsonObject();
        startup.addProperty("things", after.things());
        startup.addProperty("ms", after.startupMs());
        startup.addProperty("ms_before", before.startupMs());
        JsonObject verified = new JsonObject();
        verified.addProperty("changes_per_s", round(after.verifiedChangesPerS()));
        verified.addProperty("frames_per_s", round(after.verifiedFramesPerS()));
        verified.addProperty("p99_ms", round(after.verifiedP99Ms()));
        verified.addProperty("p50_ms", round(after.verifiedP50Ms()));
        verified.addProperty("items", BatchBench.VERIFIED_ITEMS);
        verified.addProperty("channels_at_controller_state", after.verifiedMatching());
        verified.addProperty("changes_per_s_before", round(before.verifiedChangesPerS()));
        verified.addProperty("frames_per_s_before", round(before.verifiedFramesPerS()));
        verified.addProperty("p99_ms_before", round(before.verifiedP99Ms()));
        verified.addProperty("p50_ms_before", round(before.verifiedP50Ms()));
        verified.addProperty("channels_at_controller_state_before", before.verifiedMatching());
        JsonObject batches = new JsonObject();
        batches.add("resync", resync);
        batches.add("startup", startup);
        batches.add("verified", verified);
        batches.addProperty("simulator_cost", "EVA_3_4_2: 250 us per frame + 83 us per call on one worker, 20 ms latency");
        json.add("batches", batches);
        table.add("");
        table.add(String.format("%-44s %16s %16s", "batches (simulator with EVA 3.4.2 costs)", "before", "after"));
        table.add(String.format("%-44s %16d %16d", "resync of " + after.things() + " items: request frames",
                before.resyncFrames(), after.resyncFrames()));
        table.add(String.format("%-44s %16d %16d", "resync: request frames with state calls",
                before.resyncStateFrames(), after.resyncStateFrames()));
        table.add(String.format("%-44s %16d %16d", "resync: ms from broker start to ONLINE",
                before.resyncReconnectMs(), after.resyncReconnectMs()));
        table.add(String.format("%-44s %16d %16d", "resync: then ms until every thing has its state",
                before.resyncMs(), after.resyncMs()));
        table.add(String.format("%-44s %16d %16d", "resync: ms from broker start to every state", total(before),
                total(after)));
        table.add(String.format("%-44s %16d %16d", "startup of " + after.things() + " things: ms", before.startupMs(),
                after.startupMs()));
        table.add(String.format("%-44s %16s %16s", "verified, " + BatchBench.VERIFIED_ITEMS + " items: changes/s",
                num(before.verifiedChangesPerS(), 0), num(after.verifiedChangesPerS(), 0)));
        table.add(String.format("%-44s %16s %16s", "verified: request frames/s", num(before.verifiedFramesPerS(), 1),
                num(after.verifiedFramesPerS(), 1)));
        table.add(String.format("%-44s %16s %16s", "verified: change to channel p50 ms",
                num(before.verifiedP50Ms(), 1), num(after.verifiedP50Ms(), 1)));
        table.add(String.format("%-44s %16s %16s", "verified: change to channel p99 ms",
                num(before.verifiedP99Ms(), 1), num(after.verifiedP99Ms(), 1)));
        table.add(String.format("%-44s %16d %16d", "verified: channels at the controller's state",
                before.verifiedMatching(), after.verifiedMatching()));
        ratioAtMost("batches.resync.state_frames / state_frames_before", after.resyncStateFrames(),
                before.resyncStateFrames(), 0.01);
        ratioAtMost("batches.resync.frames / frames_before (with the ONLINE probe)", after.resyncFrames(),
                before.resyncFrames(), 0.01);
        bound("batches.resync.ms (from the broker's start)", total(after) < 0 ? Double.MAX_VALUE : total(after), "<",
                2_000);
        bound("batches.startup.ms", after.startupMs() < 0 ? Double.MAX_VALUE : after.startupMs(), "<", 3_000);
        bound("batches.verified.frames_per_s", after.verifiedFramesPerS(), "<=", 50);
        bound("batches.verified.p99_ms", after.verifiedP99Ms(), "<", 250);
        bound("batches.verified channels not at the controller's state",
                BatchBench.VERIFIED_ITEMS - after.verifiedMatching(), "<=", 0);
    }

    /** Broker start to every thing with its new state; -1 if either phase did not end. */
    private static long total(BatchBench.Side side) {
        return side.resyncMs() < 0 || side.resyncReconnectMs() < 0 ? -1 : side.resyncReconnectMs() + side.resyncMs();
    }

    /** The table with the targets, for stdout. */
    List<String> lines() {
        List<String> lines = new ArrayList<>(table);
        lines.add("");
        lines.add("targets (issues 5 and 13)");
        for (Target target : targets) {
            lines.add(String.format("  %-66s %10s %2s %-7s %s%s", target.name(), num(target.value(), 2),
                    target.comparison(), num(target.limit(), 2), target.pass() ? "PASS" : "MISS",
                    target.note().isEmpty() ? "" : "  (" + target.note() + ")"));
        }
        JsonArray list = new JsonArray();
        for (Target target : targets) {
            JsonObject t = new JsonObject();
            t.addProperty("name", target.name());
            t.addProperty("value", round(target.value()));
            t.addProperty("comparison", target.comparison());
            t.addProperty("limit", target.limit());
            t.addProperty("pass", target.pass());
            list.add(t);
        }
        json.add("targets", list);
        return lines;
    }

    private void ratioAtMost(String name, double value, double reference, double limit) {
        double ratio = value / reference;
        targets.add(new Target(name, ratio, "<=", limit, ratio <= limit, ""));
    }

    private void ratioAtLeast(String name, double value, double reference, double limit) {
        double ratio = value / reference;
        targets.add(new Target(name, ratio, ">=", limit, ratio >= limit, ""));
    }

    private void bound(String name, double value, String comparison, double limit) {
        boolean pass = switch (comparison) {
            case "<" -> value < limit;
            case "<=" -> value <= limit;
            default -> throw new IllegalArgumentException(comparison);
        };
        targets.add(new Target(name, value, comparison, limit, pass, ""));
    }

    private static double score(Map<String, Double> scores, String key) {
        Double value = scores.get(key);
        return value == null ? Double.NaN : value;
    }

    /** Two decimals are more than any of these figures can claim. */
    static double round(double value) {
        return Double.isFinite(value) ? Math.round(value * 100) / 100.0 : -1;
    }

    private static String num(@Nullable Double value, int decimals) {
        if (value == null || !Double.isFinite(value)) {
            return "-";
        }
        return String.format("%,." + decimals + "f", value);
    }
}
