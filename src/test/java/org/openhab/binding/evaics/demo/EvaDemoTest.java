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
package org.openhab.binding.evaics.demo;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;

/**
 * The README's demo, run in the test suite so that it cannot rot unnoticed (CI runs the suite, not the demo
 * profile): it succeeds against the embedded broker and ends with its one summary line.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class EvaDemoTest {

    @Test
    void demoSucceedsAndEndsWithOneSummaryLine() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int code = new EvaDemo(new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        String output = printed.toString(StandardCharsets.UTF_8);
        List<String> lines = output.lines().toList();
        assertEquals(EvaDemo.EXIT_OK, code, output);
        String summary = lines.get(lines.size() - 1);
        assertTrue(summary.matches("DEMO OK: \\d+ steps, \\d+ encrypted calls, \\d+ channel updates, 0 failures"),
                summary);
        assertEquals(1, lines.stream().filter(line -> line.startsWith("DEMO ")).count(), output);
        assertFalse(output.contains("FAILED"), output);
        assertTrue(output.contains("Hall lamp: status 0 → 1, switch OFF → ON"), output);
        assertTrue(output.contains("Hall temperature: value 21.5 °C → 22.75 °C"), output);
    }
}
