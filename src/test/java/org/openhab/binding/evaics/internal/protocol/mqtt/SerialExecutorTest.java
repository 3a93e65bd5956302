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

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SerialExecutor}: one task at a time and in order on a pool of several threads, and a shutdown that leaves
 * the pool alone.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class SerialExecutorTest {

    private static final int TASKS = 2000;

    private final ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(4);

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    @Test
    void runsTasksOneAtATimeInOrderOnAPoolOfSeveralThreads() throws InterruptedException {
        SerialExecutor serial = new SerialExecutor(pool, "test");
        List<Integer> order = new ArrayList<>(); // unsynchronised on purpose: tasks must not overlap
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(TASKS);
        for (int i = 0; i < TASKS; i++) {
            int number = i;
            serial.execute(() -> {
                if (running.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                assertTrue(serial.inTask());
                order.add(number);
                running.decrementAndGet();
                done.countDown();
            });
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(0, overlaps.get());
        assertTrue(serial.awaitIdle(1, TimeUnit.SECONDS));
        for (int i = 0; i < TASKS; i++) { // the latch makes the tasks' writes visible here
            assertEquals(i, order.get(i));
        }
        assertFalse(serial.inTask());
    }

    @Test
    void shutdownCancelsTimedTasksRunsDueOnesAndLeavesThePoolAlone() throws Exception {
        pool.setRemoveOnCancelPolicy(true);
        SerialExecutor serial = new SerialExecutor(pool, "test");
        AtomicInteger periodicRuns = new AtomicInteger();
        Future<?> delayed = serial.schedule(() -> fail("cancelled by shutdown"), 1, TimeUnit.HOURS);
        Future<?> periodic = serial.scheduleWithFixedDelay(periodicRuns::incrementAndGet, 0, 10, TimeUnit.MILLISECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (periodicRuns.get() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch dueRan = new CountDownLatch(1);
        serial.execute(() -> awaitQuietly(gate)); // holds the queue so that the next one is due, not run
        serial.execute(dueRan::countDown);

        serial.shutdown();
        gate.countDown();

        assertTrue(dueRan.await(5, TimeUnit.SECONDS), "a task due before the shutdown still runs");
        assertTrue(delayed.isCancelled());
        assertTrue(periodic.isCancelled());
        assertEquals(0, serial.timedTasks());
        assertThrows(RejectedExecutionException.class, () -> serial.execute(() -> {
        }));
        assertThrows(RejectedExecutionException.class, () -> serial.schedule(() -> {
        }, 1, TimeUnit.SECONDS));
        assertTrue(serial.awaitIdle(5, TimeUnit.SECONDS));
        int runs = periodicRuns.get();
        Thread.sleep(50);
        assertEquals(runs, periodicRuns.get(), "no periodic run after shutdown");
        assertFalse(pool.isShutdown());
        assertTrue(pool.getQueue().isEmpty(), "no task of ours left in the pool: " + pool.getQueue());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
