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
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openhab.core.library.types.OnOffType;
import org.openhab.core.types.State;
import org.openhab.core.types.UnDefType;

/**
 * The switch channels (protocol.md §8.3, §9.2): what a unit status and an lvar status/value pair show.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class ChannelStatesTest {

    private static State parse(String expected) {
        return "UNDEF".equals(expected) ? UnDefType.UNDEF : OnOffType.valueOf(expected);
    }

    @ParameterizedTest(name = "unit status {0} -> {1}")
    @CsvSource({ "0, OFF", "1, ON", "2, ON", "-1, UNDEF", ", UNDEF" })
    void unitSwitch(@Nullable Integer status, String expected) {
        assertEquals(parse(expected), ChannelStates.unitSwitch(status));
    }

    @ParameterizedTest(name = "lvar status {0} value ''{1}'' -> {2}")
    @CsvSource({ "1, 1, ON", // after reset
            "1, 0, OFF", // after clear (no timer)
            "0, 1, OFF", // timer stopped by clear: the value stays
            "-1, '', OFF", // timer expired
            "1, '', OFF", // no value
            "1, 2.5, ON", "1, -3, ON", // counters
            "1, abc, OFF", // not a number
            ", 1, UNDEF" })
    void lvarSwitch(@Nullable Integer status, String value, String expected) {
        assertEquals(parse(expected), ChannelStates.lvarSwitch(status, value));
    }
}
