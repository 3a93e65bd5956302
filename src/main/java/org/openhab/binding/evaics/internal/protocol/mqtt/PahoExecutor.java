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
package org.openhab.binding.evaics.internal.protocol.mqtt;

import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * The executor one Paho client is given: its tasks run on a pool that is not its own (in openHAB a named pool of
 * openHAB's {@code ThreadPoolManager}), and this view keeps what a pool of its own gave {@link MqttTransport}:
 * <ul>
 * <li>the threads running the client's tasks right now are known ({@link #threads()}), so that
 * {@link PahoWorkarounds} can find a connect thread Paho left stuck;</li>
 * <li>{@link #shutdown()} refuses everything the client submits afterwards, without touching the pool, so that
 * nothing new of a replaced client starts; what was submitted before still runs, as on a shut-down pool;</li>
 * <li>{@link #isTerminated()} says when none of the client's tasks is queued or running any more.</li>
 * </ul>
 * Paho renames the thread its tasks run on ({@code MQTT Rec: <client id>} and so on) and does not name it back; the
 * name a pool thread had is restored when the task ends.
 * <p>
 * Paho 1.2.5 only executes and submits on the executor it is given (connect, disconnect, receiver, sender,
 * callback); its constructor asks for a {@link ScheduledExecutorService}, but the {@code schedule} methods are not
 * used and refuse with {@link UnsupportedOperationException}. {@link #shutdownNow()} is {@link #shutdown()}: a
 * shared pool's threads are never interrupted from here.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class PahoExecutor extends AbstractExecutorService implements ScheduledExecutorService {

    private final Executor pool;
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    // guarded by lock
    private int inFlight;
    /** Tasks submitted that have not started yet: waiting for a thread of the pool. */
    private int waiting;
    private boolean shutdown;

    /** @param pool runs the tasks; shared, never shut down from here */
    PahoExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable command) {
        synchronized (lock) {
            if (shutdown) {
                throw new RejectedExecutionException("the Paho client was replaced or closed");
            }
            inFlight++;
            waiting++;
        }
        try {
            pool.execute(() -> runTracked(command));
        } catch (RejectedExecutionException e) {
            synchronized (lock) {
                waiting--;
            }
            ended();
            throw e;
        }
    }

    private void runTracked(Runnable command) {
        synchronized (lock) {
            waiting--;
        }
        Thread thread = Thread.currentThread();
        String name = thread.getName();
        running.add(thread);
        try {
            command.run();
        } finally {
            running.remove(thread);
            if (!name.equals(thread.getName())) {
                thread.setName(name);
            }
            ended();
        }
    }

    private void ended() {
        synchronized (lock) {
            inFlight--;
            lock.notifyAll();
        }
    }

    /** The threads running one of the client's tasks right now (a live view). */
    Set<Thread> threads() {
        return running;
    }

    /** How many of the client's tasks wait for a thread of the pool. */
    int waitingTasks() {
        synchronized (lock) {
            return waiting;
        }
    }

    /** Whether the calling thread runs one of the client's tasks. */
    boolean inTask() {
        return running.contains(Thread.currentThread());
    }

    @Override
    public void shutdown() {
        synchronized (lock) {
            shutdown = true;
            lock.notifyAll();
        }
    }

    @Override
    @NonNullByDefault({})
    public List<Runnable> shutdownNow() {
        shutdown();
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        synchronized (lock) {
            return shutdown;
        }
    }

    @Override
    public boolean isTerminated() {
        synchronized (lock) {
            return shutdown && inFlight == 0;
        }
    }

    @Override
    @NonNullByDefault({})
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (lock) {
            while (!(shutdown && inFlight == 0)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    @Override
    @NonNullByDefault({})
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("Paho 1.2.5 does not schedule on its executor");
    }

    @Override
    @NonNullByDefault({})
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("Paho 1.2.5 does not schedule on its executor");
    }

    @Override
    @NonNullByDefault({})
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("Paho 1.2.5 does not schedule on its executor");
    }

    @Override
    @NonNullByDefault({})
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
            TimeUnit unit) {
        throw new UnsupportedOperationException("Paho 1.2.5 does not schedule on its executor");
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "PahoExecutor[" + inFlight + " task(s), " + waiting + " waiting" + (shutdown ? ", shut down" : "")
                    + ", running on " + running + "]";
        }
    }
}
