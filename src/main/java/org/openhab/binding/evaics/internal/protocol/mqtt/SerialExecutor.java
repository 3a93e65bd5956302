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

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one owner's tasks one at a time, in the order they became due, on a scheduled pool that others use too (in
 * openHAB, a handler's {@code scheduler}): what a single-thread scheduler gives, without a thread of its own.
 * <p>
 * Delays are timed by the pool; a task that is due joins this executor's queue, and one drain task at a time runs
 * the queue on a pool thread, giving the thread back after {@link #BATCH} tasks so that a busy owner does not hold
 * it. Tasks are never interrupted, and nothing here waits.
 * <p>
 * {@link #shutdown()} never touches the pool: it refuses new tasks and cancels this executor's delayed and periodic
 * ones (their timers leave the pool's queue if it removes cancelled tasks, as openHAB's pools do); tasks already due
 * still run, like those of a {@link java.util.concurrent.ScheduledThreadPoolExecutor} shut down with
 * {@code executeExistingDelayedTasksAfterShutdown} off.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class SerialExecutor implements Executor {

    /** Tasks run per turn on a pool thread before it is handed back. */
    static final int BATCH = 16;

    private final Logger logger = LoggerFactory.getLogger(SerialExecutor.class);
    private final ScheduledExecutorService pool;
    private final String name;
    /** Delayed and periodic tasks whose timer is in the pool. */
    private final Set<Task> timed = ConcurrentHashMap.newKeySet();

    private final Object queueLock = new Object();
    // guarded by queueLock
    private final Queue<Runnable> due = new ArrayDeque<>();
    private boolean draining;
    private @Nullable Thread runner;
    private volatile boolean shutdown;

    /**
     * @param pool runs the tasks; shared, never shut down from here
     * @param name names the owner in log messages
     */
    SerialExecutor(ScheduledExecutorService pool, String name) {
        this.pool = pool;
        this.name = name;
    }

    /** Queues a task to run as soon as those before it have run. */
    @Override
    public void execute(Runnable command) {
        if (shutdown) {
            throw new RejectedExecutionException(name + " is shut down");
        }
        enqueue(command);
    }

    /** Runs a task once after the delay, in turn with the others. */
    Future<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Task task = new Task(command, 0);
        task.arm(unit.toNanos(delay));
        return task;
    }

    /** Runs a task after the initial delay, then again the delay after each run, until cancelled or shut down. */
    Future<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        if (delay <= 0) {
            throw new IllegalArgumentException("delay must be positive");
        }
        Task task = new Task(command, unit.toNanos(delay));
        task.arm(unit.toNanos(initialDelay));
        return task;
    }

    /** Whether the calling thread is running one of this executor's tasks right now. */
    boolean inTask() {
        synchronized (queueLock) {
            return runner == Thread.currentThread();
        }
    }

    /** Refuses new tasks and cancels the delayed and periodic ones; tasks already due still run. Idempotent. */
    void shutdown() {
        shutdown = true;
        for (Task task : List.copyOf(timed)) {
            task.cancel(false);
        }
    }

    boolean isShutdown() {
        return shutdown;
    }

    /**
     * Waits until no task is due or running, at most the timeout. Must not be called from one of the tasks.
     *
     * @return whether it is idle
     */
    boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (queueLock) {
            while (draining) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(queueLock, left);
            }
            return true;
        }
    }

    /** Delayed and periodic tasks whose timer is still in the pool (tests: none after shutdown). */
    int timedTasks() {
        return timed.size();
    }

    private void enqueue(Runnable command) {
        synchronized (queueLock) {
            due.add(command);
            if (draining) {
                return;
            }
            draining = true;
        }
        submitDrain();
    }

    private void submitDrain() {
        try {
            pool.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // the pool itself is gone (runtime shutting down): nothing of ours can run any more
            synchronized (queueLock) {
                due.clear();
                draining = false;
                queueLock.notifyAll();
            }
            logger.debug("The thread pool of {} refused its tasks: {}", name, e.toString());
        }
    }

    private void drain() {
        for (int i = 0; i < BATCH; i++) {
            @Nullable
            Runnable next;
            synchronized (queueLock) {
                next = due.poll();
                if (next == null) {
                    draining = false;
                    queueLock.notifyAll();
                    return;
                }
                runner = Thread.currentThread();
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                logger.warn("A task of {} failed: {}", name, e.toString(), e);
            } finally {
                synchronized (queueLock) {
                    runner = null;
                }
            }
        }
        submitDrain();
    }

    /** A delayed or periodic task: a timer in the pool, then a turn in the queue. */
    private final class Task extends FutureTask<@Nullable Void> {
        private final long periodNanos;
        private volatile @Nullable ScheduledFuture<?> timer;

        Task(Runnable command, long periodNanos) {
            super(command, null);
            this.periodNanos = periodNanos;
        }

        void arm(long delayNanos) {
            if (shutdown) {
                throw new RejectedExecutionException(name + " is shut down");
            }
            timed.add(this);
            try {
                timer = pool.schedule(this::fire, delayNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                timed.remove(this);
                throw e;
            }
            if (shutdown || isCancelled()) {
                cancelTimer(); // cancelled or shut down while arming
            }
        }

        private void fire() {
            timed.remove(this);
            if (!isDone()) {
                enqueue(this);
            }
        }

        @Override
        public void run() {
            if (periodNanos == 0) {
                super.run();
            } else if (runAndReset() && !shutdown) {
                try {
                    arm(periodNanos);
                } catch (RejectedExecutionException e) {
                    super.cancel(false);
                }
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(false); // never interrupts a shared pool thread
            cancelTimer();
            return cancelled;
        }

        private void cancelTimer() {
            timed.remove(this);
            ScheduledFuture<?> current = timer;
            if (current != null) {
                current.cancel(false);
            }
        }
    }
}
