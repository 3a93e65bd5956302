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
import static org.openhab.binding.evaics.test.Thrown.messageOf;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests {@link ControllerId}: parsing, validation messages, product codes.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class ControllerIdTest {

    @ParameterizedTest
    @ValueSource(strings = { "uc/host1", "lm/host1", "sfa/main-sfa.example.org" })
    void knownProductsParseAndPrintBack(String text) {
        ControllerId id = ControllerId.parse(text);
        assertEquals(text, id.toString());
        assertTrue(id.isKnownProduct());
    }

    @Test
    void partsAreSplitAtTheFirstSlash() {
        ControllerId id = ControllerId.parse("uc/host1");
        assertEquals("uc", id.productCode());
        assertEquals("host1", id.systemName());
    }

    @Test
    void unknownLowercaseProductCodeIsAcceptedButNotKnown() {
        ControllerId id = ControllerId.parse("hmi2/node");
        assertEquals("hmi2", id.productCode());
        assertFalse(id.isKnownProduct());
    }

    @Test
    void systemNameMayContainDotsDashesSpacesAndUnicode() {
        assertEquals("Küche 1.local-x", ControllerId.parse("uc/Küche 1.local-x").systemName());
    }

    @Test
    void emptyTextIsRejectedWithTheExpectedForm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ControllerId.parse(""));
        assertEquals("Controller id is empty; expected <product code>/<system name>, e.g. uc/host1", e.getMessage());
    }

    @Test
    void missingSlashIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ControllerId.parse("uc"));
        assertEquals("Controller id 'uc' has no '/'; expected <product code>/<system name>, e.g. uc/host1",
                e.getMessage());
    }

    @Test
    void emptyProductCodeIsRejected() {
        assertMessage("/host1", "Controller id '/host1' is invalid: the product code is empty (expected uc, lm or sfa)");
    }

    @Test
    void uppercaseProductCodeIsRejected() {
        assertMessage("UC/host1", "Controller id 'UC/host1' is invalid: the product code 'UC' must start with a "
                + "lowercase letter (expected uc, lm or sfa)");
    }

    @Test
    void productCodeWithOtherCharactersIsRejected() {
        assertMessage("u-c/host1", "Controller id 'u-c/host1' is invalid: the product code 'u-c' may only contain "
                + "lowercase letters and digits (expected uc, lm or sfa)");
    }

    @Test
    void overlongProductCodeIsRejected() {
        assertMessage("a".repeat(ControllerId.MAX_PRODUCT_CODE_LENGTH + 1) + "/h",
                "the product code is longer than 16 characters");
    }

    @Test
    void emptySystemNameIsRejected() {
        assertMessage("uc/", "Controller id 'uc/' is invalid: the system name is empty");
    }

    @Test
    void slashInSystemNameIsRejected() {
        assertMessage("uc/a/b", "Controller id 'uc/a/b' is invalid: the system name 'a/b' must not contain '/'");
    }

    @ParameterizedTest
    @ValueSource(strings = { "+", "#" })
    void wildcardInSystemNameIsRejected(String wildcard) {
        assertMessage("uc/h" + wildcard, "the system name 'h" + wildcard + "' must not contain the MQTT wildcard '"
                + wildcard + "'");
    }

    @Test
    void nulInSystemNameIsRejectedAndShownEscaped() {
        assertMessage("uc/h\0x", "the system name 'h\\u0000x' must not contain control characters (such as NUL)");
    }

    @Test
    void whiteSpaceAroundSystemNameIsRejected() {
        assertMessage("uc/host1 ", "the system name 'host1 ' starts or ends with white space");
    }

    @Test
    void overlongSystemNameIsRejected() {
        assertMessage("uc/" + "h".repeat(ControllerId.MAX_SYSTEM_NAME_LENGTH + 1),
                "the system name is longer than 253 characters");
    }

    @Test
    void constructorValidatesLikeParse() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ControllerId("uc", ""));
        assertEquals("the system name is empty", e.getMessage());
    }

    @Test
    void longInputIsQuotedShortened() {
        String name = "x".repeat(200) + "#";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ControllerId.parse("uc/" + name));
        assertTrue(messageOf(e).length() < 300, messageOf(e));
        assertTrue(messageOf(e).contains("...'"), messageOf(e));
    }

    private static void assertMessage(String text, String expectedPart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ControllerId.parse(text));
        assertTrue(messageOf(e).contains(expectedPart), () -> "message was: " + messageOf(e));
    }
}
