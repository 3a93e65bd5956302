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

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.test.broker.MosquittoBroker;
import org.openhab.binding.evaics.test.broker.TestBroker;

/**
 * The announcement benchmark (issue 5, item 4). One publisher sends EVA-style unit states (QoS 1, retained, ~200 B,
 * {@link BenchPlan#things()} distinct topics) as fast as the broker takes them; the same stream goes, in alternating
 * rounds, into the binding's path and into a bare counting Paho subscriber (the floor). Then both get a paced stream
 * at {@link BenchPlan#latencyRate()} messages/s for the broker-to-channel latency. The binding's path is the real
 * handler path ({@link HandlerPathConsumer}) unless the protocol path is asked for. The heap per thing is the heap
 * the binding holds per thing once its handler runs and has applied its states, above the host's thing objects
 * (measured after full collections, before and after).
 * <p>
 * Every round runs on a freshly restarted broker, so that no retained state of an earlier round is delivered on
 * subscribe. The broker's per-client queue is raised (see {@link #QUEUE_LINE}) so that a consumer that falls behind
 * is measured as slow instead of losing messages; losses are still counted and reported.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class AnnounceBench {

    /** mosquitto drops QoS 1 messages beyond 1000 queued per client by default; a benchmark must not lose any. */
    static final String QUEUE_LINE = "max_queued_messages 1000000";
    /** A round ends when nothing arrived for this long (messages were lost) ... */
    private static final Duration IDLE_END = Duration.ofSeconds(3);
    /** ... or after this long at the latest. */
    private static final Duration ROUND_CAP = Duration.ofSeconds(60);
    /** Retained messages come in one burst right after the subscription; a short silence ends it. */
    private static final Duration RETAINED_IDLE_END = Duration.ofSeconds(1);
    private static final int GC_ROUNDS = 4;
    private static final long GC_PAUSE_MILLIS = 100;
    private static final double NANOS_PER_SECOND = 1e9;
    private static final double NANOS_PER_MICRO = 1e3;

    /** Which consumer a round feeds. */
    enum Consumer {
        FLOOR,
        BINDING
    }

    /** One throughput round. */
    record Round(Consumer consumer, long sent, long received, double perSecond, double publishPerSecond,
            double cpuUsPerMessage) {
    }

    /** One latency run; latencies in microseconds. */
    record LatencyRun(Consumer consumer, long sent, long received, double offeredPerSecond, double p50Us,
            double p99Us, double maxUs, long gcCount, long gcMaxMillis, long gcTotalMillis) {
    }

    /** Everything the announcement benchmark measured. */
    record Result(String path, int things, int payloadBytes, List<Round> rounds, double floorPerSecond,
            double bindingPerSecond, LatencyRun floorLatency, LatencyRun bindingLatency, double heapBytesPerThing,
            double hostBytesPerThing, long retainedOnSubscribeDefaultBroker) {
    }

    private final MosquittoBroker broker;
    private final BenchPlan plan;
    private final String filter = AnnouncePublisher.ITEM_TYPE + "/#";
    private final Path path;
    private double heapBytesPerThing = Double.NaN;
    private double hostBytesPerThing = Double.NaN;

    /** Which binding path a binding round measures. */
    enum Path {
        /** Broker bridge, controller bridge, item handlers, channel updates: the real thing. */
        HANDLER,
        /** Transport, parser, ordering, a counting consumer: the protocol layer alone, for comparison. */
        PROTOCOL
    }

    AnnounceBench(MosquittoBroker broker, BenchPlan plan, Path path) {
        this.broker = broker;
        this.plan = plan;
        this.path = path;
    }

    Result run() throws Exception {
        List<Round> rounds = new ArrayList<>();
        for (int round = 0; round < plan.announceRounds(); round++) {
            rounds.add(throughput(Consumer.FLOOR));
            BenchMain.log("  announce floor   round %d: %s", round + 1, describe(rounds.get(rounds.size() - 1)));
            rounds.add(throughput(Consumer.BINDING));
            BenchMain.log("  announce binding round %d: %s", round + 1, describe(rounds.get(rounds.size() - 1)));
        }
        LatencyRun floorLatency = latency(Consumer.FLOOR);
        BenchMain.log("  announce floor   latency: %s", describe(floorLatency));
        LatencyRun bindingLatency = latency(Consumer.BINDING);
        BenchMain.log("  announce binding latency: %s", describe(bindingLatency));
        long retained = retainedOnSubscribe();
        BenchMain.log("  a new subscriber on a broker with mosquitto's default queue got %d of %d retained states",
                retained, plan.things());
        return new Result(path.name().toLowerCase(), plan.things(), AnnouncePublisher.typicalPayloadBytes(), rounds,
                best(rounds, Consumer.FLOOR), best(rounds, Consumer.BINDING), floorLatency, bindingLatency,
                heapBytesPerThing, hostBytesPerThing, retained);
    }

    private static double best(List<Round> rounds, Consumer consumer) {
        return rounds.stream().filter(r -> r.consumer() == consumer).mapToDouble(Round::perSecond).max().orElse(0);
    }

    private Round throughput(Consumer consumer) throws Exception {
        broker.restart();
        int messages = plan.announceMessages();
        ArrivalCounter counter = new ArrivalCounter();
        counter.reset(messages, false);
        AutoCloseable sink = consumer(consumer, counter, true);
        try (PublisherProcess publisher = new PublisherProcess(broker.uri(), plan.things(), messages, 0)) {
            CpuMeter cpu = new CpuMeter(broker.logFile().getParent()).with(publisher.pid());
            quiet();
            long cpuStart = cpu.nanos();
            long start = System.nanoTime();
            PublisherProcess.Done done = publisher.publish();
            long received = counter.await(messages, IDLE_END, ROUND_CAP);
            double cpuUs = (cpu.nanos() - cpuStart) / NANOS_PER_MICRO;
            double seconds = (counter.lastArrivalNanos() - start) / NANOS_PER_SECOND;
            return new Round(consumer, messages, received, seconds > 0 ? received / seconds : 0,
                    messages / (done.publishNanos() / NANOS_PER_SECOND), received > 0 ? cpuUs / received : 0);
        } finally {
            sink.close();
        }
    }

    private LatencyRun latency(Consumer consumer) throws Exception {
        broker.restart();
        int rate = plan.latencyRate();
        int warmup = (int) (rate * plan.latencyWarmup().toMillis() / 1000);
        int messages = warmup + (int) (rate * plan.latencyDuration().toMillis() / 1000);
        ArrivalCounter counter = new ArrivalCounter();
        counter.reset(messages, true);
        AutoCloseable sink = consumer(consumer, counter, false);
        try (PublisherProcess publisher = new PublisherProcess(broker.uri(), plan.things(), messages, rate)) {
            quiet();
            try (GcWatch gc = new GcWatch()) {
                PublisherProcess.Done done = publisher.publish();
                double offered = messages / (done.publishNanos() / NANOS_PER_SECOND);
                long received = counter.await(messages, IDLE_END, ROUND_CAP);
                Latencies measured = counter.latencies().from(warmup);
                return new LatencyRun(consumer, messages, received, offered, measured.percentileMicros(50),
                        measured.percentileMicros(99), measured.maxMicros(), gc.collections(), gc.maxPauseMillis(),
                        gc.totalPauseMillis());
            }
        } finally {
            sink.close();
        }
    }

    /**
     * How many of the {@link BenchPlan#things()} retained states a new subscriber receives from a broker with
     * mosquitto's default {@code max_queued_messages} (1000 beyond those in flight): what a client that connects to a
     * large installation sees, and why the benchmark's broker raises the limit.
     */
    private long retainedOnSubscribe() throws Exception {
        try (MosquittoBroker defaults = MosquittoBroker.start(TestBroker.options().tcpNoDelay(true))) {
            try (PublisherProcess publisher = new PublisherProcess(defaults.uri(), plan.things(), plan.things(), 0)) {
                publisher.publish();
            }
            ArrivalCounter counter = new ArrivalCounter();
            counter.reset(plan.things(), false);
            FloorSubscriber subscriber = new FloorSubscriber(defaults.uri(), filter, counter);
            try {
                return counter.await(plan.things(), RETAINED_IDLE_END, ROUND_CAP);
            } finally {
                subscriber.close();
            }
        }
    }

    /** A full collection before a measurement, so that garbage of the set-up and of earlier rounds is not in it. */
    private static void quiet() throws InterruptedException {
        System.gc();
        Thread.sleep(GC_PAUSE_MILLIS);
    }

    /** A subscribed consumer with its things created; the first binding consumer also measures the heap. */
    private AutoCloseable consumer(Consumer consumer, ArrivalCounter counter, boolean throughput) throws Exception {
        if (consumer == Consumer.FLOOR) {
            return new FloorSubscriber(broker.uri(), filter, counter);
        }
        boolean measureHeap = throughput && Double.isNaN(heapBytesPerThing);
        if (path == Path.PROTOCOL) {
            ProtocolPathConsumer protocol = new ProtocolPathConsumer(broker.uri(), counter);
            long before = measureHeap ? usedHeapAfterGc() : 0;
            protocol.createThings(plan.things());
            if (!measureHeap) {
                return protocol;
            }
            return () -> {
                try {
                    heapBytesPerThing = (usedHeapAfterGc() - before) / (double) protocol.things();
                    BenchMain.log("  heap per thing: %.0f bytes (protocol path, %d things, %d updates held)",
                            heapBytesPerThing, protocol.things(), protocol.updates());
                } finally {
                    protocol.close();
                }
            };
        }
        HandlerPathConsumer handlers = new HandlerPathConsumer(broker, counter, plan.things());
        long base = measureHeap ? usedHeapAfterGc() : 0;
        handlers.createThings(plan.things());
        long host = measureHeap ? usedHeapAfterGc() : 0;
        handlers.startHandlers();
        BenchMain.log("  handler path ready: %d things, %d ONLINE after their refresh (%d simulator answers)",
                handlers.things(), handlers.thingsOnline(), handlers.simulatorAnswers());
        if (!measureHeap) {
            return handlers;
        }
        // the handlers as they live: initialised, registered, and each having applied the states it was sent
        return () -> {
            try {
                long after = usedHeapAfterGc();
                heapBytesPerThing = (after - host) / (double) handlers.things();
                hostBytesPerThing = (host - base) / (double) handlers.things();
                BenchMain.log("  heap per thing: %.0f bytes above the host's %.0f bytes per thing object (%d things"
                        + " ONLINE of %d, %d channel updates)", heapBytesPerThing, hostBytesPerThing,
                        handlers.thingsOnline(), handlers.things(), handlers.channelUpdates());
            } finally {
                handlers.close();
            }
        };
    }

    /** Heap in use after full collections; the lowest of a few readings (a collection may leave garbage behind). */
    static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < GC_ROUNDS; i++) {
            System.gc();
            Thread.sleep(GC_PAUSE_MILLIS);
            lowest = Math.min(lowest, memory.getHeapMemoryUsage().getUsed());
        }
        return lowest;
    }

    static String describe(Round round) {
        return String.format("%.0f msgs/s (%d of %d received; publisher %.0f msgs/s; CPU %.1f us/msg)",
                round.perSecond(), round.received(), round.sent(), round.publishPerSecond(), round.cpuUsPerMessage());
    }

    static String describe(LatencyRun run) {
        return String.format("p50 %.0f us, p99 %.0f us, max %.0f us at %.0f msgs/s offered (%d of %d received;"
                + " %d GC pauses in this JVM, longest %d ms)", run.p50Us(), run.p99Us(), run.maxUs(),
                run.offeredPerSecond(), run.received(), run.sent(), run.gcCount(), run.gcMaxMillis());
    }
}
