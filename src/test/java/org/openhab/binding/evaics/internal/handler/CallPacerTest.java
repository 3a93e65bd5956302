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

import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.evaics.test.Thrown.causeOf;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;

/**
 * {@link CallPacer}: never more calls in flight than allowed, the others in order, nothing lost.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class CallPacerTest {

    @Test
    void atMostTheMaximumRunAndTheRestFollowInOrder() {
        List<CompletableFuture<String>> started = new ArrayList<>();
        CallPacer pacer = new CallPacer(2, Runnable::run);
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            results.add(pacer.submit(() -> {
                CompletableFuture<String> call = new CompletableFuture<>();
                started.add(call);
                return call;
            }));
        }
        assertEquals(2, started.size());
        assertEquals(2, pacer.inFlight());
        assertEquals(3, pacer.waiting());

        started.get(1).complete("b");
        assertEquals("b", results.get(1).join());
        assertEquals(3, started.size(), "the third call takes the free slot");
        assertFalse(results.get(2).isDone());

        started.get(0).completeExceptionally(new IllegalStateException("lost"));
        CompletionException failure = assertThrows(CompletionException.class, () -> results.get(0).join());
        assertEquals("lost", causeOf(failure).getMessage());
        assertEquals(4, started.size());

        for (int i = 2; i < 5; i++) {
            started.get(i).complete("r" + i);
        }
        for (int i = 2; i < 5; i++) {
            assertEquals("r" + i, results.get(i).join());
        }
        assertEquals(0, pacer.inFlight());
        assertEquals(0, pacer.waiting());
    }

    @Test
    void aThrowingCallFailsItsFutureAndFreesItsSlot() {
        CallPacer pacer = new CallPacer(1, Runnable::run);
        CompletableFuture<String> thrown = pacer.submit(() -> {
            throw new IllegalArgumentException("bad oid");
        });
        assertTrue(thrown.isCompletedExceptionally());
        assertEquals("ok", pacer.submit(() -> CompletableFuture.completedFuture("ok")).join());
        assertEquals(0, pacer.inFlight());
    }

    @Test
    void thousandsOfCallsThatFailAtOnceDoNotRecurse() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            CallPacer pacer = new CallPacer(16, executor);
            List<CompletableFuture<String>> results = new ArrayList<>();
            CompletableFuture<String> gate = new CompletableFuture<>();
            for (int i = 0; i < 16; i++) {
                results.add(pacer.submit(() -> gate));
            }
            for (int i = 0; i < 20_000; i++) {
                results.add(pacer.submit(() -> CompletableFuture.failedFuture(new IllegalStateException("offline"))));
            }
            gate.complete("open");
            CompletableFuture.allOf(results.toArray(new CompletableFuture<?>[0])).exceptionally(e -> null).get(30,
                    TimeUnit.SECONDS);
            assertTrue(results.stream().allMatch(CompletableFuture::isDone));
            assertEquals(0, pacer.inFlight());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void whenTheExecutorIsGoneTheWaitingCallsFailInsteadOfWaitingForever() {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        executor.shutdown();
        CallPacer pacer = new CallPacer(1, executor);
        CompletableFuture<String> running = new CompletableFuture<>();
        CompletableFuture<String> first = pacer.submit(() -> running);
        CompletableFuture<String> second = pacer.submit(() -> CompletableFuture.completedFuture("never"));
        CompletableFuture<String> third = pacer.submit(() -> CompletableFuture.completedFuture("never"));

        running.complete("done");

        assertEquals("done", first.join());
        for (CompletableFuture<String> abandoned : List.of(second, third)) {
            CompletionException e = assertThrows(CompletionException.class, abandoned::join);
            assertInstanceOf(RejectedExecutionException.class, e.getCause());
        }
        assertEquals(0, pacer.inFlight());
        assertEquals(0, pacer.waiting());
    }
}
