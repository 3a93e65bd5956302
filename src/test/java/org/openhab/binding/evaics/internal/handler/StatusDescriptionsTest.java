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

import java.util.Arrays;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;

/**
 * Status descriptions of bridges and items survive openHAB's argument parsing, which drops {@code [ ] "} and splits
 * at commas, and read well as openHAB shows them (it does not undo escapes).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class StatusDescriptionsTest {

    /** What openHAB does with the part after the key (ThingStatusInfoI18nLocalizationService). */
    private static String[] openHabArguments(String description) {
        String[] parts = description.split("\\s+", 2);
        return Arrays.stream(parts[1].replaceAll("\\[|\\]|\"", "").split(",")).filter(s -> !s.trim().isEmpty())
                .map(String::trim).toArray(String[]::new);
    }

    @Test
    void keyWithoutArgumentsIsPlainTextReference() {
        assertEquals("@text/offline.config-error.no-broker", StatusDescriptions.text(StatusDescriptions.NO_BROKER));
        assertEquals("@text/offline.config-error.missing-id", StatusDescriptions.text(StatusDescriptions.MISSING_ID));
    }

    @Test
    void controllerSeenButNotAnsweringHasTheControllerIdAsItsOnlyArgument() {
        String description = StatusDescriptions.text(StatusDescriptions.CONTROLLER_SEEN_NOT_ANSWERING, "uc/host1");

        assertEquals("@text/offline.comm-error.controller-seen-not-answering [\"uc/host1\"]", description);
        assertArrayEquals(new String[] { "uc/host1" }, openHabArguments(description));
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
    void argumentWithSeparatorsStaysOneArgument() {
        String description = StatusDescriptions.text("k", "a,b [c] \"d\"", "second");

        String[] args = openHabArguments(description);

        assertEquals(2, args.length, description);
        assertEquals("a;b (c) 'd'", args[0]);
        assertEquals("second", args[1]);
    }

    @Test
    void tabsAndLineBreaksBecomeSpaces() {
        assertEquals("a b c d", StatusDescriptions.safe("a\tb\rc\nd"));
    }

    @Test
    void otherControlCharactersAreShownAsVisibleSymbols() {
        assertEquals("lamp\u24001\u241b\u2421\ufffd", StatusDescriptions.safe("lamp\u00001\u001b\u007f\u0085"));
    }

    @Test
    void backslashesAreKeptAsTheyAre() {
        assertEquals("C:\\temp\\u0041", StatusDescriptions.safe("C:\\temp\\u0041"));
    }

    @Test
    void longArgumentsAreCut() {
        String safe = StatusDescriptions.safe("x".repeat(StatusDescriptions.MAX_ARGUMENT_LENGTH * 2));

        assertEquals("x".repeat(StatusDescriptions.MAX_ARGUMENT_LENGTH - 3) + "...", safe);
    }

    @Test
    void cutNeverSplitsASurrogatePair() {
        String emoji = "\ud83d\ude00";
        String safe = StatusDescriptions.safe("x".repeat(StatusDescriptions.MAX_ARGUMENT_LENGTH - 4) + emoji.repeat(5));

        assertEquals("x".repeat(StatusDescriptions.MAX_ARGUMENT_LENGTH - 4) + "...", safe);
    }
}
