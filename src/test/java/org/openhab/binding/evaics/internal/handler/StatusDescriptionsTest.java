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
 * Status descriptions survive openHAB's argument parsing, which drops {@code [ ] "} and splits at commas.
 */
@NonNullByDefault
class StatusDescriptionsTest {

    @Test
    void keyWithoutArgumentsIsPlainTextReference() {
        assertEquals("@text/offline.config-error.no-broker", StatusDescriptions.text(StatusDescriptions.NO_BROKER));
    }

    @Test
    void argumentsAreQuotedInAList() {
        assertEquals("@text/k [\"a\", \"b\"]", StatusDescriptions.text("k", "a", "b"));
    }

    @Test
    void charactersOpenHabWouldSplitOrDropAreReplaced() {
        String safe = StatusDescriptions.safe("port must be 1..65535, got \"0\" [x]\nnext");

        assertEquals("port must be 1..65535; got '0' (x) next", safe);
    }

    @Test
    void longArgumentsAreCut() {
        String safe = StatusDescriptions.safe("x".repeat(StatusDescriptions.MAX_ARGUMENT_LENGTH * 2));

        assertEquals(StatusDescriptions.MAX_ARGUMENT_LENGTH, safe.length());
        assertTrue(safe.endsWith("..."));
    }
}
