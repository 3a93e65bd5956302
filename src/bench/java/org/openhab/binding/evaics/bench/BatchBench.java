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
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.binding.evaics.test.broker.MosquittoBroker;
import org.openhab.binding.evaics.test.broker.TestBroker;
import org.openhab.binding.evaics.test.sim.SimCost;
import org.openhab.core.thing.ThingStatus;

/**
 * The batch benchmark of issue 13, against the simulator charging {@link SimCost#EVA_3_4_2} per request, on the real
 * handlers ({@link BatchPlant}), once with the binding as it is ({@code after}) and once with its item refreshes made
 * as before batches, one {@code state} call per item ({@code before}):
 * <ul>
 * <li><b>startup</b>: 10,000 unit things initialised at once; time until all are ONLINE and every {@code value}
 * channel got the controller's state;</li>
 * <li><b>resync</b>: on the same plant, the broker stopped, every item changed on the controller meanwhile (so that
 * retained messages cannot help: the controller republishes nothing after a reconnect, protocol.md §14), the broker
 * started again; request frames the controller received (all, and those with {@code state} calls) and the time from
 * the broker's start until every thing shows the new state, in two parts: the reconnect (until the controller bridge
 * is ONLINE again: both clients reconnect and the controller answers a {@code test} call) and the refresh after it;</li>
 * <li><b>verified</b>: 1,000 unit things in {@code verified} mode, the controller changing random items 1,000 times/s
 * in total (a warm-up second not recorded, then the measurement); request frames per second, p99 time from a change to its channel update (values carry their set time),
 * and whether every channel ends at the controller's state.</li>
 * </ul>
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class BatchBench {

    static final int THINGS = 10_000;
    static final int VERIFIED_ITEMS = 1_000;
    static final int VERIFIED_RATE = 1_000;
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(90);
    private static final Duration RESYNC_LIMIT = Duration.ofSeconds(90);
    private static final Duration OFFLINE_WAIT = Duration.ofSeconds(30);
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(20);
    private static final long SEED = 13;

    /** One side's figures; -1 where not measured. */
    record Side(int things, long startupMs, long resyncFrames, long resyncStateFrames, long resyncMs,
            long resyncReconnectMs, double verifiedChangesPerS,
            double verifiedFramesPerS, double verifiedP99Ms, double verifiedP50Ms, int verifiedMatching,
            long verifiedSettleMs) {
    }

    record Result(Side before, Side after) {
    }

    private BatchBench() {
    }

    static Result run(BenchPlan plan) throws InterruptedException {
        Side before = side(false, plan.latencyWarmup(), plan.latencyDuration());
        Side after = side(true, plan.latencyWarmup(), plan.latencyDuration());
        return new Result(before, after);
    }

    private static Side side(boolean batched, Duration verifiedWarmup, Duration verifiedDuration)
            throws InterruptedException {
        String name = batched ? "after (batches)" : "before (one call per item)";
        long startupMs;
        long resyncFrames;
        long resyncMs;
        long resyncReconnectMs;
        long resyncStateFrames;
        try (MosquittoBroker broker = MosquittoBroker
                .start(TestBroker.options().tcpNoDelay(true).configLine(AnnounceBench.QUEUE_LINE));
                BatchPlant plant = new BatchPlant(broker, THINGS, batched, false)) {
            plant.mark();
            long start = System.nanoTime();
            plant.startThings();
            boolean done = BatchPlant.await(() -> plant.updatedSinceMark() == THINGS && plant.online() == THINGS,
                    STARTUP_LIMIT);
            startupMs = done ? (System.nanoTime() - start) / 1_000_000 : -1;
            BenchMain.log("batches %s: startup of %d things %d ms (%d ONLINE, %d with a state)", name, THINGS,
                    startupMs, plant.online(), plant.updatedSinceMark());

            broker.stop();
            BatchPlant.await(() -> !plant.controllerOnline(), OFFLINE_WAIT);
            List<Oid> oids = plant.oids();
            for (int i = 0; i < oids.size(); i++) {
                // not announced: the simulator's broker connection is down too
                plant.simulator().setState(oids.get(i), null, "resync" + i);
            }
            plant.mark();
            plant.simulator().clearRequests();
            long framesBefore = plant.frames();
            start = System.nanoTime();
            broker.start();
            BatchPlant.await(plant::controllerOnline, RESYNC_LIMIT);
            long online = System.nanoTime();
            done = BatchPlant.await(() -> plant.updatedSinceMark() == THINGS, RESYNC_LIMIT);
            long end = System.nanoTime();
            resyncMs = done ? (end - online) / 1_000_000 : -1;
            resyncReconnectMs = (online - start) / 1_000_000;
            resyncFrames = plant.frames() - framesBefore;
            resyncStateFrames = plant.stateFrames();
            BenchMain.log("batches %s: resync of %d items: controller ONLINE %d ms after the broker started, every thing"
                    + " with its new state %d ms later; %d request frames, %d of them with state calls (%d things"
                    + " updated)", name, THINGS, resyncReconnectMs, resyncMs, resyncFrames, resyncStateFrames,
                    plant.updatedSinceMark());
        }
        try (MosquittoBroker broker = MosquittoBroker
                .start(TestBroker.options().tcpNoDelay(true).configLine(AnnounceBench.QUEUE_LINE));
                BatchPlant plant = new BatchPlant(broker, VERIFIED_ITEMS, batched, true)) {
            plant.mark();
            plant.startThings();
            BatchPlant.await(() -> plant.updatedSinceMark() == VERIFIED_ITEMS && plant.online() == VERIFIED_ITEMS,
                    STARTUP_LIMIT);
            System.gc();
            Thread.sleep(500);
            Latencies latencies = new Latencies(VERIFIED_RATE * 10);
            List<Oid> oids = plant.oids();
            SplittableRandom random = new SplittableRandom(SEED);
            long warmup = VERIFIED_RATE * verifiedWarmup.toMillis() / 1000;
            long changes = VERIFIED_RATE * verifiedDuration.toMillis() / 1000;
            long interval = 1_000_000_000L / VERIFIED_RATE;
            long framesBefore = 0;
            long start = System.nanoTime();
            long measured = start;
            for (long i = 0; i < warmup + changes; i++) {
                if (i == warmup) {
                    // the warm-up is not recorded, as in the announcement benchmark
                    plant.recordLatencies(latencies);
                    framesBefore = plant.frames();
                    measured = System.nanoTime();
                }
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                plant.simulator().setState(oids.get(random.nextInt(oids.size())), null, "t" + BenchClock.micros());
            }
            double seconds = (System.nanoTime() - measured) / 1e9;
            long frames = plant.frames() - framesBefore;
            long end = System.nanoTime();
            boolean settled = BatchPlant.await(() -> plant.matchingController() == VERIFIED_ITEMS, SETTLE_LIMIT);
            long settleMs = (System.nanoTime() - end) / 1_000_000;
            plant.recordLatencies(null);
            double p99;
            double p50;
            synchronized (latencies) {
                p99 = latencies.percentileMicros(99) / 1000;
                p50 = latencies.percentileMicros(50) / 1000;
            }
            int matching = plant.matchingController();
            Side side = new Side(THINGS, startupMs, resyncFrames, resyncStateFrames, resyncMs, resyncReconnectMs,
                    changes / seconds, frames / seconds, p99,
                    p50, matching, settled ? settleMs : -1);
            BenchMain.log(
                    "batches %s: verified, %.0f changes/s over %.1f s: %.1f request frames/s, change to channel"
                            + " p50 %.1f ms p99 %.1f ms, %d of %d channels at the controller's state (%d ms after)",
                    name, side.verifiedChangesPerS(), seconds, side.verifiedFramesPerS(), p50, p99, matching,
                    VERIFIED_ITEMS, settleMs);
            if (plant.online() != VERIFIED_ITEMS) {
                BenchMain.log("batches %s: only %d of %d verified things ONLINE (%s)", name, plant.online(),
                        VERIFIED_ITEMS, ThingStatus.ONLINE);
            }
            return side;
        }
    }
}
