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
package org.openhab.binding.evaics.internal.protocol.codec;

import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.evaics.test.StdStreams.out;

import java.security.SecureRandom;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link DecoderFuzzer} (issue 6, item 4): a short run in the normal suite, and the long run of the fuzz
 * profile:
 *
 * <pre>
 * mvn -B -o -Pfuzz test                                   1,000,000 inputs
 * mvn -B -o -Pfuzz test -Devaics.fuzz.inputs=5000000 -Devaics.fuzz.seed=42
 * </pre>
 *
 * A finding prints the decoder, the input (hex) and the exception; the seed replays the run.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class DecoderFuzzTest {

    static final String FUZZ_TAG = "fuzz";
    private static final long SHORT_RUN_INPUTS = 10_000;
    private static final long LONG_RUN_INPUTS = 1_000_000;
    private static final String INPUTS_PROPERTY = "evaics.fuzz.inputs";
    private static final String SEED_PROPERTY = "evaics.fuzz.seed";

    @Test
    void shortRunFindsNothing() {
        assertNoFinding(new DecoderFuzzer().run(seed(), SHORT_RUN_INPUTS));
    }

    @Test
    @Tag(FUZZ_TAG)
    void longRunFindsNothing() {
        long inputs = longProperty(INPUTS_PROPERTY, LONG_RUN_INPUTS);
        assertNoFinding(new DecoderFuzzer().run(seed(), inputs));
    }

    private static long seed() {
        return longProperty(SEED_PROPERTY, new SecureRandom().nextLong());
    }

    /** The system property as Long.getLong(name, defaultValue) reads it: the default if unset or no number. */
    private static long longProperty(String name, long defaultValue) {
        Long value = Long.getLong(name);
        return value != null ? value : defaultValue;
    }

    private static void assertNoFinding(DecoderFuzzer.Report report) {
        out().println(report.summary());
        for (DecoderFuzzer.Finding finding : report.findings()) {
            out().println("finding in " + finding.decoder() + " for " + finding.input());
            finding.failure().printStackTrace(out());
        }
        assertEquals(0, report.findings().size(), "findings (seed " + report.seed() + ")");
        assertTrue(report.executions() > report.inputs(), "every input reached every decoder");
    }
}
