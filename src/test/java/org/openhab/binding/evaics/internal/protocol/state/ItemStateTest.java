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

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Tests the field rules of {@link ItemState} (protocol.md §9.1, §9.2) for announcement payloads and {@code state}
 * results.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class ItemStateTest {

    private static final Oid LAMP = Oid.parse("unit:lights/lamp1");
    private static final ControllerId UC = ControllerId.parse("uc/host1");

    @Test
    void announcementCarriesAllUnitMembers() throws StateFormatException {
        ItemState state = announced("{\"t\":1700000100.5,\"c\":\"uc/host1\",\"nstatus\":2,\"nvalue\":\"50\","
                + "\"status\":1,\"value\":\"40\",\"set_time\":1700000001.133756,\"ieid\":[7,5000000001006],"
                + "\"action_enabled\":false}");
        assertEquals(new ItemState(LAMP, UC, 1, "40", 2, "50", false, 1700000001.133756, new Ieid(7, 5000000001006L),
                null, 1700000100.5), state);
    }

    @Test
    void absentMembersAreNull() throws StateFormatException {
        ItemState state = announced("{\"status\":0}");
        assertEquals(new ItemState(LAMP, null, 0, "", null, null, null, null, null, null, null), state);
    }

    @Test
    void numericValueBecomesItsText() throws StateFormatException {
        assertEquals("21.5", announced("{\"status\":1,\"value\":21.5}").value());
        assertEquals("22", announced("{\"status\":1,\"value\":22}").value());
        assertEquals("22.0", announced("{\"status\":1,\"value\":22.0}").value());
        assertEquals("-3", announced("{\"status\":1,\"nvalue\":-3}").nvalue());
    }

    @Test
    void nullValueMeansNoValue() throws StateFormatException {
        assertEquals("", announced("{\"status\":1,\"value\":null}").value());
    }

    @Test
    void literalNullStringMeansNoValue() throws StateFormatException {
        ItemState state = announced("{\"status\":1,\"value\":\"null\",\"nvalue\":\"null\"}");
        assertEquals("", state.value());
        assertEquals("", state.nvalue());
    }

    @Test
    void nullNvalueStaysNull() throws StateFormatException {
        assertNull(announced("{\"status\":1,\"nvalue\":null}").nvalue());
    }

    @Test
    void valueAloneIsEnough() throws StateFormatException {
        ItemState state = announced("{\"value\":\"x\"}");
        assertNull(state.status());
        assertEquals("x", state.value());
    }

    @Test
    void stateWithNeitherStatusNorValueIsRejected() {
        assertRejected("{\"c\":\"uc/host1\",\"t\":1}", "state has neither status nor value");
    }

    @Test
    void nonIntegerStatusIsRejected() {
        assertRejected("{\"status\":\"abc\"}", "status must be an integer, got the string 'abc'");
        assertRejected("{\"status\":1.5}", "status must be an integer, got 1.5");
        assertRejected("{\"status\":true}", "status must be an integer, got true");
        assertRejected("{\"status\":[1]}", "status must be an integer, got an array of 1");
    }

    @Test
    void integralFloatStatusIsAccepted() throws StateFormatException {
        assertEquals(1, announced("{\"status\":1.0}").status());
    }

    @Test
    void statusOutOfIntRangeIsRejected() {
        assertRejected("{\"status\":4294967296}", "status 4294967296 is out of range");
    }

    @Test
    void objectValueIsRejected() {
        assertRejected("{\"status\":1,\"value\":{}}", "value must be a string or number, got an object");
        assertRejected("{\"status\":1,\"value\":false}", "value must be a string or number, got false");
    }

    @ParameterizedTest
    @ValueSource(strings = { "[1]", "[1,2,3]", "[1,\"2\"]", "[1.5,2]", "\"7,1\"", "{}", "[]" })
    void ieidThatIsNotTwoIntegersIsRejected(String ieid) {
        assertThrows(StateFormatException.class, () -> announced("{\"status\":1,\"ieid\":" + ieid + "}"));
    }

    @Test
    void hugeIeidCounterIsRejected() {
        assertRejected("{\"status\":1,\"ieid\":[1,99999999999999999999]}", "ieid must be an integer");
    }

    @Test
    void nonBooleanActionEnabledIsRejected() {
        assertRejected("{\"status\":1,\"action_enabled\":1}", "action_enabled must be a boolean, got 1");
    }

    @Test
    void nonNumericTimesAreRejected() {
        assertRejected("{\"status\":1,\"set_time\":\"now\"}", "set_time must be a finite number");
        assertRejected("{\"status\":1,\"t\":[]}", "t must be a finite number");
        assertRejected("{\"status\":1,\"expires\":\"30\"}", "expires must be a finite number");
    }

    @Test
    void invalidControllerIdIsRejected() {
        assertRejected("{\"status\":1,\"c\":\"host1\"}", "Controller id 'host1' has no '/'");
        assertRejected("{\"status\":1,\"c\":5}", "c must be a controller id string, got 5");
    }

    @Test
    void lvarExpiresIsRead() throws StateFormatException {
        assertEquals(30.0, announced("{\"status\":1,\"value\":\"\",\"expires\":30}").expires());
    }

    @Test
    void stateObjectIdentityComesFromOid() throws StateFormatException {
        ItemState state = ItemState.fromStateObject(json("{\"oid\":\"unit:a/b/c\",\"status\":1,\"value\":\"\"}"),
                UC);
        assertEquals(Oid.parse("unit:a/b/c"), state.oid());
        assertEquals(UC, state.controller());
        assertNull(state.t());
    }

    @Test
    void stateObjectIdentityFallsBackToTypeAndFullId() throws StateFormatException {
        assertEquals(Oid.parse("sensor:env/temp1"),
                ItemState.fromStateObject(json("{\"type\":\"sensor\",\"full_id\":\"env/temp1\",\"status\":1}"), UC)
                        .oid());
    }

    @Test
    void stateObjectIdentityFallsBackToTypeGroupAndId() throws StateFormatException {
        assertEquals(Oid.parse("lvar:a/b/t1"), ItemState
                .fromStateObject(json("{\"type\":\"lvar\",\"group\":\"a/b\",\"id\":\"t1\",\"status\":1}"), UC).oid());
    }

    @Test
    void stateObjectWithoutIdentityIsRejected() {
        StateFormatException e = assertThrows(StateFormatException.class,
                () -> ItemState.fromStateObject(json("{\"status\":1}"), UC));
        assertEquals("state object has neither oid nor type", e.getMessage());
    }

    @Test
    void stateObjectWithInvalidOidIsRejected() {
        StateFormatException e = assertThrows(StateFormatException.class,
                () -> ItemState.fromStateObject(json("{\"oid\":\"unit:+/x\",\"status\":1}"), UC));
        assertTrue(messageOf(e).contains("MQTT wildcard"), messageOf(e));
    }

    @Test
    void sfaControllerIdNamesTheOwningController() throws StateFormatException {
        ControllerId sfa = ControllerId.parse("sfa/main");
        JsonObject object = json("{\"oid\":\"unit:a/b\",\"status\":1,\"controller_id\":\"uc/plc2\",\"connected\":true}");
        assertEquals(ControllerId.parse("uc/plc2"), ItemState.fromStateObject(object, sfa).controller());
    }

    @Test
    void unparsableSfaControllerIdFallsBackToTheAskedController() throws StateFormatException {
        ControllerId sfa = ControllerId.parse("sfa/main");
        JsonObject object = json("{\"oid\":\"unit:a/b\",\"status\":1,\"controller_id\":\"plc2\"}");
        assertEquals(sfa, ItemState.fromStateObject(object, sfa).controller());
    }

    @Test
    void longNumberInMessageIsShortened() {
        StateFormatException e = assertThrows(StateFormatException.class,
                () -> announced("{\"status\":0." + "1".repeat(5000) + "}"));
        assertTrue(messageOf(e).length() < 200, messageOf(e));
    }

    private static ItemState announced(String payload) throws StateFormatException {
        return ItemState.fromAnnouncement(LAMP, json(payload));
    }

    private static void assertRejected(String payload, String expectedPart) {
        StateFormatException e = assertThrows(StateFormatException.class, () -> announced(payload));
        assertTrue(messageOf(e).contains(expectedPart), () -> "message was: " + messageOf(e));
    }

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }
}
