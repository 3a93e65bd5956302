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

import java.math.BigDecimal;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.openhab.core.library.types.DecimalType;
import org.openhab.core.library.types.OnOffType;
import org.openhab.core.library.types.QuantityType;
import org.openhab.core.library.types.StringType;
import org.openhab.core.library.unit.SIUnits;
import org.openhab.core.types.RefreshType;

/**
 * Commands as EVA statuses (integers) and values (strings, protocol.md §8.2, §8.3, §12).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class CommandValuesTest {

    @Test
    void integralNumbersAndOnOffAreStatuses() {
        assertEquals(2, CommandValues.status(new DecimalType(2)));
        assertEquals(-1, CommandValues.status(new DecimalType("-1.00")));
        assertEquals(1, CommandValues.status(OnOffType.ON));
        assertEquals(0, CommandValues.status(OnOffType.OFF));
        assertEquals(3, CommandValues.status(new StringType(" 3 ")));
    }

    @Test
    void fractionsTextsAndHugeNumbersAreNoStatus() {
        assertNull(CommandValues.status(new DecimalType("1.5")));
        assertNull(CommandValues.status(new StringType("on")));
        assertNull(CommandValues.status(new DecimalType("1e12")));
        assertNull(CommandValues.status(RefreshType.REFRESH));
    }

    @Test
    void numbersBecomePlainTextWithoutTrailingZerosOrUnit() {
        assertEquals("21.5", CommandValues.numberText(new DecimalType("21.50")));
        assertEquals("100", CommandValues.numberText(new DecimalType(new BigDecimal("1E+2"))));
        assertEquals("0", CommandValues.numberText(new DecimalType("0.000")));
        assertEquals("21.5", CommandValues.numberText(new QuantityType<>(21.5, SIUnits.CELSIUS)));
        assertNull(CommandValues.numberText(new StringType("abc")));
    }

    @Test
    void textKeepsStringsAsTheyAre() {
        assertEquals(" a, b ", CommandValues.text(new StringType(" a, b ")));
        assertEquals("", CommandValues.text(new StringType("")));
        assertEquals("7", CommandValues.text(new DecimalType(7)));
    }
}
