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
package org.openhab.binding.evaics.internal.protocol.state;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Tests the ordering rules of {@link StateOrdering} (protocol.md §9.4).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class StateOrderingTest {

    private static final ControllerId UC1 = ControllerId.parse("uc/host1");
    private static final ControllerId UC2 = ControllerId.parse("uc/host2");
    private static final Oid LAMP = Oid.parse("unit:lights/lamp1");
    private static final Oid FAN = Oid.parse("unit:hvac/fan1");

    private final StateOrdering ordering = new StateOrdering();

    @Test
    void firstStateIsAccepted() {
        assertTrue(ordering.accept(withIeid(UC1, LAMP, 7, 100)));
    }

    @Test
    void higherCounterIsAccepted() {
        ordering.accept(withIeid(UC1, LAMP, 7, 100));
        assertTrue(ordering.accept(withIeid(UC1, LAMP, 7, 101)));
    }

    @Test
    void lowerCounterIsRejected() {
        ordering.accept(withIeid(UC1, LAMP, 7, 100));
        assertFalse(ordering.accept(withIeid(UC1, LAMP, 7, 99)));
    }

    @Test
    void equalIeidIsADuplicate() {
        ordering.accept(withIeid(UC1, LAMP, 7, 100));
        assertFalse(ordering.accept(withIeid(UC1, LAMP, 7, 100)));
    }

    @Test
    void newBootWinsOverHigherCounter() {
        ordering.accept(withIeid(UC1, LAMP, 7, 9_000_000));
        assertTrue(ordering.accept(withIeid(UC1, LAMP, 8, 1)));
    }

    @Test
    void olderBootLosesDespiteHigherCounter() {
        ordering.accept(withIeid(UC1, LAMP, 8, 1));
        assertFalse(ordering.accept(withIeid(UC1, LAMP, 7, 9_000_000)));
    }

    @Test
    void rejectedStateDoesNotMoveTheMark() {
        ordering.accept(withIeid(UC1, LAMP, 7, 100));
        ordering.accept(withIeid(UC1, LAMP, 7, 50));
        assertFalse(ordering.accept(withIeid(UC1, LAMP, 7, 80)));
    }

    @Test
    void itemsAreOrderedIndependently() {
        ordering.accept(withIeid(UC1, LAMP, 7, 100));
        assertTrue(ordering.accept(withIeid(UC1, FAN, 7, 1)));
    }

    @Test
    void controllersAreOrderedIndependentlyForTheSameOid() {
        ordering.accept(withIeid(UC1, LAMP, 7, 100));
        assertTrue(ordering.accept(withIeid(UC2, LAMP, 1, 1)));
    }

    @Test
    void withoutIeidLaterSetTimeWins() {
        ordering.accept(timed(10.0, 100.0));
        assertTrue(ordering.accept(timed(11.0, 90.0)));
        assertFalse(ordering.accept(timed(10.5, 200.0)));
    }

    @Test
    void equalSetTimeFallsBackToT() {
        ordering.accept(timed(10.0, 100.0));
        assertTrue(ordering.accept(timed(10.0, 101.0)));
        assertFalse(ordering.accept(timed(10.0, 101.0)));
        assertFalse(ordering.accept(timed(10.0, 99.0)));
    }

    @Test
    void onlyTIsComparedWhenSetTimeIsMissing() {
        ordering.accept(timed(null, 100.0));
        assertFalse(ordering.accept(timed(null, 99.0)));
        assertTrue(ordering.accept(timed(null, 100.5)));
    }

    @Test
    void stateWithoutAnyOrderingMemberIsAccepted() {
        ordering.accept(timed(null, null));
        assertTrue(ordering.accept(timed(null, null)));
    }

    @Test
    void ieidIsOnlyUsedWhenBothSidesHaveOne() {
        ordering.accept(new ItemState(LAMP, UC1, 1, "", null, null, null, 10.0, new Ieid(9, 9), null, null));
        assertTrue(ordering.accept(new ItemState(LAMP, UC1, 1, "", null, null, null, 11.0, null, null, null)));
    }

    @Test
    void forgetAcceptsTheNextStateWhateverItsOrder() {
        ordering.accept(withIeid(UC1, LAMP, 7, 100));
        ordering.forget(UC1, LAMP);
        assertTrue(ordering.accept(withIeid(UC1, LAMP, 6, 1)));
    }

    @Test
    void forgetControllerKeepsOtherControllers() {
        ordering.accept(withIeid(UC1, LAMP, 7, 100));
        ordering.accept(withIeid(UC2, LAMP, 7, 100));
        ordering.forgetController(UC1);
        assertTrue(ordering.accept(withIeid(UC1, LAMP, 1, 1)));
        assertFalse(ordering.accept(withIeid(UC2, LAMP, 1, 1)));
    }

    @Test
    void clearForgetsEverything() {
        ordering.accept(withIeid(UC1, LAMP, 7, 100));
        ordering.accept(withIeid(UC2, FAN, 7, 100));
        ordering.clear();
        assertEquals(0, ordering.size());
        assertTrue(ordering.accept(withIeid(UC1, LAMP, 1, 1)));
    }

    @Test
    void isNewerDoesNotRecord() {
        ordering.accept(withIeid(UC1, LAMP, 7, 100));
        assertTrue(ordering.isNewer(withIeid(UC1, LAMP, 7, 200)));
        assertTrue(ordering.accept(withIeid(UC1, LAMP, 7, 150)));
        assertFalse(ordering.isNewer(withIeid(UC1, LAMP, 7, 150)));
    }

    @Test
    void stateWithoutControllerIsKeyedSeparately() {
        ordering.accept(withIeid(null, LAMP, 7, 100));
        assertTrue(ordering.accept(withIeid(UC1, LAMP, 7, 1)));
        assertFalse(ordering.accept(withIeid(null, LAMP, 7, 100)));
    }

    @Test
    void concurrentAcceptsKeepTheHighestIeid() throws Exception {
        int threads = 4;
        int perThread = 2_000;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                futures.add(executor.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        ordering.accept(withIeid(UC1, LAMP, 1, (long) i * threads + offset));
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            executor.shutdownNow();
        }
        long highest = (long) perThread * threads - 1;
        assertFalse(ordering.isNewer(withIeid(UC1, LAMP, 1, highest)));
        assertTrue(ordering.isNewer(withIeid(UC1, LAMP, 1, highest + 1)));
    }

    private static ItemState withIeid(@Nullable ControllerId controller, Oid oid, long boot, long counter) {
        return new ItemState(oid, controller, 1, "", null, null, null, null, new Ieid(boot, counter), null, null);
    }

    private static ItemState timed(@Nullable Double setTime, @Nullable Double t) {
        return new ItemState(LAMP, UC1, 1, "", null, null, null, setTime, null, null, t);
    }
}
