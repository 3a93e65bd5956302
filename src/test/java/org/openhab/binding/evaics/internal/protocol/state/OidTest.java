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

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests {@link Oid}: parsing, nested groups, validation messages and the UID segment form.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class OidTest {

    /** What openHAB accepts in a UID segment. */
    private static final Pattern UID_SEGMENT = Pattern.compile("[A-Za-z0-9_-]+");

    @Test
    void simpleOidParses() {
        Oid oid = Oid.parse("unit:lights/lamp1");
        assertEquals(new Oid("unit", "lights", "lamp1"), oid);
        assertEquals("lights/lamp1", oid.fullId());
        assertEquals("unit:lights/lamp1", oid.toString());
    }

    @Test
    void nestedGroupKeepsEverythingBeforeTheLastSlash() {
        Oid oid = Oid.parse("unit:lights/floor1/lamp3");
        assertEquals("unit", oid.type());
        assertEquals("lights/floor1", oid.group());
        assertEquals("lamp3", oid.id());
        assertEquals("lights/floor1/lamp3", oid.fullId());
    }

    @Test
    void fromFullIdSplitsAtTheLastSlash() {
        assertEquals(new Oid("sensor", "env/room 2", "temp"), Oid.fromFullId("sensor", "env/room 2/temp"));
    }

    @Test
    void colonAfterTheTypeBelongsToGroup() {
        assertEquals(new Oid("lvar", "a:b", "c"), Oid.parse("lvar:a:b/c"));
    }

    @Test
    void missingColonIsRejected() {
        assertMessage("lights/lamp1",
                "OID 'lights/lamp1' has no ':'; expected <type>:<group>/<id>, e.g. unit:lights/lamp1");
    }

    @Test
    void missingGroupIsRejected() {
        assertMessage("unit:lamp1", "OID 'unit:lamp1' is invalid: the full id 'lamp1' has no group");
    }

    @Test
    void emptyTypeIsRejected() {
        assertMessage(":g/i", "the item type is empty");
    }

    @Test
    void uppercaseTypeIsRejected() {
        assertMessage("Unit:g/i", "the item type 'Unit' must start with a lowercase letter");
    }

    @Test
    void emptyIdIsRejected() {
        assertMessage("unit:lights/", "the item id is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = { "unit:/lamp", "unit:a//lamp", "unit://lamp" })
    void emptyGroupLevelIsRejected(String text) {
        assertMessage(text, "empty level");
    }

    @ParameterizedTest
    @ValueSource(strings = { "unit:li+ghts/lamp", "unit:lights/#" })
    void mqttWildcardsAreRejected(String text) {
        assertMessage(text, "must not contain the MQTT wildcard");
    }

    @Test
    void nulIsRejected() {
        assertMessage("unit:lights/la\0mp", "the item id 'la\\u0000mp' must not contain control characters");
    }

    @Test
    void constructorRejectsSlashInId() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Oid("unit", "g", "a/b"));
        assertEquals("the item id 'a/b' must not contain '/'", e.getMessage());
    }

    @Test
    void constructorRejectsTrailingSlashInGroup() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Oid("unit", "g/", "a"));
        assertEquals("the group 'g/' ends with '/'", e.getMessage());
    }

    @Test
    void tryParseReturnsNullInsteadOfThrowing() {
        assertEquals(new Oid("unit", "a/b", "c"), Oid.tryParse("unit:a/b/c"));
        for (String bad : List.of("unit", "unit:c", "a/b:c/d", "unit:a//c", "unit:a/+", "")) {
            assertNull(Oid.tryParse(bad), bad);
        }
    }

    @Test
    void uidSegmentReplacesSlashesWithoutHash() {
        assertEquals("lights_floor1_lamp3", Oid.parse("unit:lights/floor1/lamp3").uidSegment());
        assertEquals("hvac-2_Fan-A", Oid.parse("unit:hvac-2/Fan-A").uidSegment());
    }

    @Test
    void uidSegmentAddsHashWhenOtherCharactersWereReplaced() {
        String segment = Oid.parse("unit:lights/floor_1/lamp 3").uidSegment();
        assertTrue(segment.matches("lights_floor_1_lamp_3__[0-9a-f]{8}"), segment);
    }

    @Test
    void uidSegmentIsDeterministicAndIgnoresType() {
        assertEquals(Oid.parse("unit:a_b/c").uidSegment(), Oid.parse("sensor:a_b/c").uidSegment());
    }

    @Test
    void uidSegmentsOfLookalikeFullIdsDiffer() {
        List<String> fullIds = List.of("lights/floor1/lamp3", "lights/floor1_lamp3", "lights_floor1/lamp3",
                "lights.floor1/lamp3", "lights/floor1.lamp3", "lights floor1/lamp3", "lights/floor1__lamp3",
                "lights/floor1/lamp3__00000000", "küche/licht", "kuche/licht", "k-che/licht", "k_che/licht");
        Set<String> segments = new HashSet<>();
        for (String fullId : fullIds) {
            String segment = Oid.fromFullId("unit", fullId).uidSegment();
            assertTrue(UID_SEGMENT.matcher(segment).matches(), segment);
            assertTrue(segments.add(segment), () -> "collision for " + fullId + ": " + segment);
        }
    }

    private static void assertMessage(String text, String expectedPart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Oid.parse(text));
        assertTrue(messageOf(e).contains(expectedPart), () -> "message was: " + messageOf(e));
    }
}
