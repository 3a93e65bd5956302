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

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Runs asynchronous calls with at most a fixed number in flight; the others wait in a queue, first come first
 * served. The controller bridge paces its items' {@code state} refreshes with it ({@link ItemDispatcher}): when
 * thousands of item things start at once (openHAB startup, or the controller coming back), their refreshes must not
 * exceed the RPC client's bound on pending calls ({@code ProtocolLimits#maxPendingCalls()}) and crowd out the user's
 * commands.
 * <p>
 * A waiting call starts on the executor when a running one completes, so calls that fail at once do not recurse
 * through the queue on one stack. Thread-safe.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class CallPacer {

    /** A call to start when its turn comes. */
    @FunctionalInterface
    interface Call<T> {
        CompletableFuture<T> start();
    }


    private final int maxInFlight;
    private final Executor executor;
    private final Object lock = new Object();
    private final Queue<Waiting> waiting = new ArrayDeque<>();
    private int inFlight;

    CallPacer(int maxInFlight, Executor executor) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be positive, got " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
        this.executor = executor;
    }

    /**
     * Starts {@code call} now if fewer than the maximum are in flight, otherwise when its turn comes.
     *
     * @return completes as the call's future does; exceptionally if {@code call} throws
     */
    <T> CompletableFuture<T> submit(Call<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable start = () -> {
            CompletableFuture<T> running;
            try {
                running = call.start();
            } catch (RuntimeException e) {
                running = CompletableFuture.failedFuture(e);
            }
            running.whenComplete((value, failure) -> {
                release();
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(value);
                }
            });
        };
        boolean now;
        synchronized (lock) {
            now = inFlight < maxInFlight;
            if (now) {
                inFlight++;
            } else {
                waiting.add(new Waiting(start, result::completeExceptionally));
            }
        }
        if (now) {
            start.run();
        }
        return result;
    }

    /** Calls in flight (diagnostics and tests). */
    int inFlight() {
        synchronized (lock) {
            return inFlight;
        }
    }

    /** Calls waiting for their turn (diagnostics and tests). */
    int waiting() {
        synchronized (lock) {
            return waiting.size();
        }
    }

    /** A call completed: its slot goes to the next waiting call, if any. */
    private void release() {
        @Nullable
        Waiting next;
        synchronized (lock) {
            next = waiting.poll();
            if (next == null) {
                inFlight--;
                return;
            }
        }
        try {
            executor.execute(next.start());
        } catch (RejectedExecutionException e) {
            // the executor shuts down with its handler: nothing waiting will run, and nobody waits in vain
            List<Waiting> abandoned = new ArrayList<>();
            abandoned.add(next);
            synchronized (lock) {
                abandoned.addAll(waiting);
                waiting.clear();
                inFlight--;
            }
            for (Waiting call : abandoned) {
                call.abandon().accept(e);
            }
        }
    }

    private record Waiting(Runnable start, Consumer<Throwable> abandon) {
    }
}
