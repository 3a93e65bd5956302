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
package org.openhab.binding.evaics.internal.handler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaApi;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaRpcException;
import org.openhab.binding.evaics.internal.protocol.rpc.RpcClient;
import org.openhab.binding.evaics.internal.protocol.state.ItemState;
import org.openhab.binding.evaics.internal.protocol.state.Oid;

/**
 * Fetches the states of one controller's items in batch calls ({@link EvaApi#states}, protocol.md §6.3) instead of one
 * {@code state} call per item: the refresh of all items after a (re)connect, the item things' own first refreshes and
 * the verifications of {@code verified} mode all queue here.
 * <p>
 * A request waits at most {@link #WINDOW} for others to share its frame; {@link #BATCH_SIZE} waiting requests, or
 * {@link #flush()}, send a frame at once. At most {@link #MAX_FRAMES_IN_FLIGHT} frames wait for an answer
 * ({@link CallPacer}), so that the RPC client's bound on pending calls keeps room for commands; the items of a frame are
 * taken from the queue only when its turn comes, so later requests still fill it. A request for an item that is
 * already waiting shares its answer. A request whose API is no longer the current one when its turn comes (the
 * controller went offline or reconnected) fails with {@link EvaRpcException.Kind#NOT_CONNECTED}. Thread-safe.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class StateBatcher {

    /**
     * Longest wait for more requests: at 1,000 verifications/s about 20 frames/s of 50 calls; small against the time an
     * answer takes (a real UC: tens of ms, protocol.md §14).
     */
    static final Duration WINDOW = Duration.ofMillis(50);
    /** Calls per frame: the RPC client's bound. */
    static final int BATCH_SIZE = RpcClient.MAX_BATCH_CALLS;
    /**
     * Frames waiting for an answer at once: 500 calls, of the RPC client's 1,024 by default, so that commands keep the
     * other half. Enough to keep a controller's worker busy: with the simulator's EVA ICS 3.4.2 cost model a frame of
     * 125 calls is 10.6 ms of work, and its answer comes 35 to 40 ms after the request (docs/benchmarks.md, "Batches").
     */
    static final int MAX_FRAMES_IN_FLIGHT = 4;

    /**
     * How requests are batched.
     *
     * @param batchSize calls per frame
     * @param framesInFlight frames waiting for an answer at once
     * @param window longest wait for more requests
     */
    record Limits(int batchSize, int framesInFlight, Duration window) {
        /** {@link #BATCH_SIZE}, {@link #MAX_FRAMES_IN_FLIGHT}, {@link #WINDOW}. */
        static final Limits DEFAULT = new Limits(BATCH_SIZE, MAX_FRAMES_IN_FLIGHT, WINDOW);
        /**
         * What the binding did before batches (issue 13), for comparison in benchmarks: one {@code state} call per item
         * and frame, 16 in flight.
         */
        static final Limits ONE_CALL_PER_ITEM = new Limits(1, 16, WINDOW);

        Limits {
            if (batchSize < 1 || batchSize > RpcClient.MAX_BATCH_CALLS || framesInFlight < 1 || window.isNegative()) {
                throw new IllegalArgumentException("invalid state batch limits");
            }
        }
    }

    /** Where the answers of requests made with {@code deliver} go, besides their futures. */
    interface Sink {
        void stateAnswered(ItemState state);

        void stateFailed(Oid oid, Throwable failure);
    }

    /** A queued request; requests for the same item share it. */
    private static final class Waiting {
        final EvaApi api;
        final CompletableFuture<ItemState> future = new CompletableFuture<>();
        volatile boolean deliver;

        Waiting(EvaApi api) {
            this.api = api;
        }
    }

    private final ScheduledExecutorService scheduler;
    private final int batchSize;
    private final Duration window;
    private final CallPacer frames;
    private final Supplier<@Nullable EvaApi> currentApi;
    private final Sink sink;
    private final Object lock = new Object();
    // guarded by lock
    private final Map<Oid, Waiting> queue = new LinkedHashMap<>();
    /** Frames submitted to the pacer that have not taken their items yet; guarded by lock. */
    private int framesAhead;
    /** A window timer is scheduled; guarded by lock. */
    private boolean windowArmed;

    StateBatcher(ScheduledExecutorService scheduler, Limits limits, Supplier<@Nullable EvaApi> currentApi, Sink sink) {
        this.scheduler = scheduler;
        this.batchSize = limits.batchSize();
        this.window = limits.window();
        this.frames = new CallPacer(limits.framesInFlight(), scheduler);
        this.currentApi = currentApi;
        this.sink = sink;
    }

    /**
     * Queues a {@code state} request for one item.
     *
     * @param deliver whether the answer (or failure) also goes to the {@link Sink}
     * @return the item's state as the controller answered it
     */
    CompletableFuture<ItemState> request(EvaApi api, Oid oid, boolean deliver) {
        List<Waiting> replaced = new ArrayList<>(0);
        Waiting waiting;
        boolean send = false;
        boolean arm = false;
        synchronized (lock) {
            waiting = enqueue(api, oid, deliver, replaced);
            int uncovered = queue.size() - framesAhead * batchSize;
            if (uncovered >= batchSize) {
                framesAhead++;
                send = true;
            } else if (uncovered > 0 && !windowArmed) {
                windowArmed = true;
                arm = true;
            }
        }
        replaced.forEach(old -> fail(old, "the connection to the controller changed before the state was asked"));
        if (send) {
            submitFrame();
        }
        if (arm) {
            armWindow();
        }
        return waiting.future;
    }

    /** Queues a {@code state} request, answer delivered to the {@link Sink}, for each item, and sends them at once. */
    void requestAll(EvaApi api, Collection<Oid> oids) {
        List<Waiting> replaced = new ArrayList<>(0);
        synchronized (lock) {
            for (Oid oid : oids) {
                enqueue(api, oid, true, replaced);
            }
        }
        replaced.forEach(old -> fail(old, "the connection to the controller changed before the state was asked"));
        flush();
    }

    /** Guarded by lock. A queued request of another API is replaced (and added to {@code replaced}). */
    private Waiting enqueue(EvaApi api, Oid oid, boolean deliver, List<Waiting> replaced) {
        Waiting waiting = queue.get(oid);
        if (waiting == null || waiting.api != api) {
            if (waiting != null) {
                replaced.add(waiting);
            }
            waiting = new Waiting(api);
            queue.put(oid, waiting);
        }
        if (deliver) {
            waiting.deliver = true;
        }
        return waiting;
    }

    /** Sends every queued request now, without waiting for the window. */
    void flush() {
        int toSend;
        synchronized (lock) {
            int uncovered = queue.size() - framesAhead * batchSize;
            toSend = uncovered <= 0 ? 0 : (uncovered + batchSize - 1) / batchSize;
            framesAhead += toSend;
        }
        for (int i = 0; i < toSend; i++) {
            submitFrame();
        }
    }

    /** Requests waiting for their frame (diagnostics and tests). */
    int queued() {
        synchronized (lock) {
            return queue.size();
        }
    }

    private void armWindow() {
        try {
            scheduler.schedule(() -> {
                synchronized (lock) {
                    windowArmed = false;
                }
                flush();
            }, window.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the handler is being disposed: nothing queued will be sent, and nobody waits in vain
            List<Waiting> abandoned;
            synchronized (lock) {
                windowArmed = false;
                abandoned = new ArrayList<>(queue.values());
                queue.clear();
            }
            abandoned.forEach(waiting -> fail(waiting, "the controller bridge is shutting down"));
        }
    }

    private void submitFrame() {
        frames.submit(this::sendFrame);
    }

    /** A frame's turn: takes up to {@code batchSize} requests from the queue and asks their states in one batch. */
    private CompletableFuture<@Nullable Void> sendFrame() {
        EvaApi api = currentApi.get();
        List<Oid> oids = new ArrayList<>(batchSize);
        List<Waiting> batch = new ArrayList<>(batchSize);
        List<Waiting> stale = new ArrayList<>();
        synchronized (lock) {
            framesAhead--;
            Iterator<Map.Entry<Oid, Waiting>> entries = queue.entrySet().iterator();
            while (entries.hasNext() && oids.size() < batchSize) {
                Map.Entry<Oid, Waiting> entry = entries.next();
                entries.remove();
                if (entry.getValue().api == api) {
                    oids.add(entry.getKey());
                    batch.add(entry.getValue());
                } else {
                    stale.add(entry.getValue());
                }
            }
        }
        stale.forEach(waiting -> fail(waiting, "the controller went offline before the state was asked"));
        if (api == null || oids.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<ItemState>> answers;
        try {
            answers = api.states(oids);
        } catch (RuntimeException e) {
            answers = List.of();
            for (int i = 0; i < batch.size(); i++) {
                complete(oids.get(i), batch.get(i), null, e);
            }
        }
        List<CompletableFuture<ItemState>> frame = answers;
        CompletableFuture<@Nullable Void> answered = CompletableFuture
                .allOf(frame.toArray(new CompletableFuture<?>[0])).handle((ok, failure) -> null);
        // the next frame may leave as soon as this one is answered; the items' updates run on the handlers' pool,
        // not on the MQTT thread that read the answer
        answered.thenRunAsync(() -> {
            for (int i = 0; i < frame.size(); i++) {
                Oid oid = oids.get(i);
                Waiting waiting = batch.get(i);
                // complete already: runs here, now
                frame.get(i).whenComplete((state, failure) -> complete(oid, waiting, state, failure));
            }
        }, scheduler);
        return answered;
    }

    private void complete(Oid oid, Waiting waiting, @Nullable ItemState state, @Nullable Throwable failure) {
        if (failure != null || state == null) {
            Throwable cause = failure != null ? failure : new IllegalStateException("no state");
            if (waiting.deliver) {
                sink.stateFailed(oid, cause);
            }
            waiting.future.completeExceptionally(cause);
        } else {
            if (waiting.deliver) {
                sink.stateAnswered(state);
            }
            waiting.future.complete(state);
        }
    }

    private static void fail(Waiting waiting, String message) {
        waiting.future.completeExceptionally(new EvaRpcException(EvaRpcException.Kind.NOT_CONNECTED,
                EvaRpcException.CODE_NOT_READY, message));
    }
}
