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

import java.time.Duration;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.openhab.binding.evaics.internal.protocol.state.Oid;

/**
 * {@link ItemRegistration}: how long a thing without a state waits before its refresh is tried again.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class ItemRegistrationTest {

    private static final Oid LAMP = Oid.parse("unit:lights/lamp1");
    private static final Duration FIRST = Duration.ofSeconds(2);
    private static final Duration MAX = Duration.ofSeconds(60);

    @Test
    void retriesDoubleUpToTheMaximumWhileThereIsNoState() {
        ItemRegistration registration = new ItemRegistration(new ItemHandlerHarness().controller, LAMP);
        long[] seconds = new long[8];
        for (int i = 0; i < seconds.length; i++) {
            Duration delay = registration.refreshFailed(FIRST, MAX);
            assertNotNull(delay);
            seconds[i] = delay.toSeconds();
        }
        assertArrayEquals(new long[] { 2, 4, 8, 16, 32, 60, 60, 60 }, seconds);
    }

    @Test
    void noRetryOnceAStateArrived() {
        ItemRegistration registration = new ItemRegistration(new ItemHandlerHarness().controller, LAMP);
        assertTrue(registration.accept(ItemHandlerHarness.state(LAMP, 1, "on")));

        assertNull(registration.refreshFailed(FIRST, MAX));
    }
}
