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
package org.openhab.core.common;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Stand-in of openHAB's {@code ThreadPoolManager}: hands out shared, named thread pools.
 * <p>
 * As in openHAB, a pool is created on first request and shared by everybody who asks for the same name; its threads
 * are daemon threads named {@code OH-<pool>-<n>}. Shared pools must never be shut down by a user, so
 * {@code shutdown()} and {@code shutdownNow()} throw {@link IllegalStateException}, which makes such a bug visible in
 * unit tests.
 */
@NonNullByDefault
public class ThreadPoolManager {

    /** Core size of every pool; openHAB's default pool size. */
    private static final int DEFAULT_POOL_SIZE = 5;
    /** Idle threads of non-scheduled pools are released after this many seconds (openHAB default). */
    private static final long THREAD_TIMEOUT_SECONDS = 65;

    private static final Map<String, ExecutorService> POOLS = new ConcurrentHashMap<>();

    private ThreadPoolManager() {
        // static access only in the stand-in
    }

    /**
     * @param poolName the name of the shared pool
     * @return the shared scheduled pool of that name
     * @throws IllegalArgumentException if the name is already used by a non-scheduled pool
     */
    public static ScheduledExecutorService getScheduledPool(String poolName) {
        ExecutorService pool = POOLS.computeIfAbsent(poolName, SharedScheduledPool::new);
        if (pool instanceof ScheduledExecutorService scheduled) {
            return scheduled;
        }
        throw new IllegalArgumentException("Pool " + poolName + " is not a scheduled pool");
    }

    /**
     * @param poolName the name of the shared pool
     * @return the shared pool of that name (a scheduled pool of that name is returned as it is)
     */
    public static ExecutorService getPool(String poolName) {
        return POOLS.computeIfAbsent(poolName, SharedPool::new);
    }

    /**
     * openHAB runs the tasks of such an executor one after the other on the named shared pool. The stand-in gives a
     * dedicated single-thread scheduler, which has the same ordering guarantee.
     *
     * @param poolName the name of the pool the tasks run on
     * @param threadName the name used for the thread
     * @return an executor that runs its tasks sequentially
     */
    public static ScheduledExecutorService getPoolBasedSequentialScheduledExecutorService(String poolName,
            String threadName) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                new NamedDaemonThreadFactory(poolName + "-" + threadName));
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    private static final class NamedDaemonThreadFactory implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger counter = new AtomicInteger();

        NamedDaemonThreadFactory(String poolName) {
            this.prefix = "OH-" + poolName + "-";
        }

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }

    private static final class SharedScheduledPool extends ScheduledThreadPoolExecutor {
        SharedScheduledPool(String poolName) {
            super(DEFAULT_POOL_SIZE, new NamedDaemonThreadFactory(poolName));
            setRemoveOnCancelPolicy(true);
        }

        @Override
        public void shutdown() {
            throw new IllegalStateException("A shared thread pool must not be shut down");
        }

        @Override
        public List<Runnable> shutdownNow() {
            throw new IllegalStateException("A shared thread pool must not be shut down");
        }
    }

    private static final class SharedPool extends ThreadPoolExecutor {
        SharedPool(String poolName) {
            super(DEFAULT_POOL_SIZE, DEFAULT_POOL_SIZE, THREAD_TIMEOUT_SECONDS, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), new NamedDaemonThreadFactory(poolName));
            allowCoreThreadTimeOut(true);
        }

        @Override
        public void shutdown() {
            throw new IllegalStateException("A shared thread pool must not be shut down");
        }

        @Override
        public List<Runnable> shutdownNow() {
            throw new IllegalStateException("A shared thread pool must not be shut down");
        }
    }
}
