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
 * Status descriptions must survive openHAB's argument parsing, which strips every {@code [ ] "} and splits at
 * {@code ,}.
 */
@NonNullByDefault
class StatusTextsTest {

    /** What openHAB does with the part after the key (ThingStatusInfoI18nLocalizationService). */
    private static String[] openHabArguments(String description) {
        String[] parts = description.split("\\s+", 2);
        return Arrays.stream(parts[1].replaceAll("\\[|\\]|\"", "").split(",")).filter(s -> !s.trim().isEmpty())
                .map(String::trim).toArray(String[]::new);
    }

    @Test
    void keyWithoutArgumentsIsJustTheReference() {
        assertEquals("@text/offline.config-error.missing-id", StatusTexts.of(StatusTexts.MISSING_ID));
    }

    @Test
    void argumentsAreAJsonStyleList() {
        assertEquals("@text/k [\"a\", \"b\"]", StatusTexts.of("k", "a", "b"));
    }

    @Test
    void argumentWithSeparatorsStaysOneArgument() {
        String description = StatusTexts.of("k", "a,b [c] \"d\"", "second");

        String[] args = openHabArguments(description);

        assertEquals(2, args.length, description);
        assertEquals("a\\u002cb \\u005bc\\u005d \\u0022d\\u0022", args[0]);
        assertEquals("second", args[1]);
    }

    @Test
    void controlCharactersAreWrittenAsEscapes() {
        assertEquals("lamp\\u0000\\u000a", StatusTexts.argument("lamp\u0000\n"));
    }

    @Test
    void longArgumentsAreShortened() {
        String argument = StatusTexts.argument("x".repeat(StatusTexts.MAX_ARGUMENT_LENGTH + 50));

        assertEquals("x".repeat(StatusTexts.MAX_ARGUMENT_LENGTH) + "...", argument);
    }
}
