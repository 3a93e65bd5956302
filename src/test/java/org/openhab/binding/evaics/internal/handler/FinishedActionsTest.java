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

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;

/**
 * The action trigger fires once per action although its end is reported twice.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class FinishedActionsTest {

    @Test
    void firstReportCountsAndTheRepeatDoesNot() {
        FinishedActions finished = new FinishedActions();

        assertTrue(finished.markFinished("u1"));
        assertFalse(finished.markFinished("u1"));
        assertTrue(finished.markFinished("u2"));
    }

    @Test
    void onlyTheLatestActionsAreRemembered() {
        FinishedActions finished = new FinishedActions();
        finished.markFinished("first");
        for (int i = 0; i < FinishedActions.CAPACITY; i++) {
            finished.markFinished("u" + i);
        }

        assertTrue(finished.markFinished("first"));
        assertFalse(finished.markFinished("u" + (FinishedActions.CAPACITY - 1)));
    }
}
