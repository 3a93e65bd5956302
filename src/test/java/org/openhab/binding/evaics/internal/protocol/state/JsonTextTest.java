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

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Tests the strict UTF-8 and JSON decoding of untrusted payloads.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class JsonTextTest {

    private static final int DEPTH = 64;

    @Test
    void asciiAndMultiByteUtf8Decode() throws StateFormatException {
        assertEquals("uc/host1", JsonText.decodeUtf8("uc/host1".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("uc/küche€", JsonText.decodeUtf8("uc/küche€".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void malformedUtf8IsRejectedNotReplaced() {
        byte[][] samples = { { 'a', (byte) 0xC3 }, { (byte) 0xFF }, { (byte) 0xED, (byte) 0xA0, (byte) 0x80 },
                { (byte) 0xC0, (byte) 0xAF } };
        for (byte[] sample : samples) {
            StateFormatException e = assertThrows(StateFormatException.class, () -> JsonText.decodeUtf8(sample));
            assertEquals("payload is not valid UTF-8", e.getMessage());
        }
    }

    @Test
    void parsesTheSameTreeAsGson() throws StateFormatException {
        String text = "{\"a\":[1,-2.5,\"x\",true,false,null,{\"b\":{}}],\"c\":1e3,\"d\":\"\\u00e9\"}";
        assertEquals(JsonParser.parseString(text), JsonText.parse(text, DEPTH));
    }

    @Test
    void integersBecomeLongsAndFractionsDoubles() throws StateFormatException {
        JsonArray array = JsonText.parse("[5000000001006,21.5,12345678901234567890]", DEPTH).getAsJsonArray();
        assertEquals(Long.valueOf(5000000001006L), array.get(0).getAsNumber());
        assertEquals(Double.valueOf(21.5), array.get(1).getAsNumber());
        assertEquals(new BigInteger("12345678901234567890"), array.get(2).getAsNumber());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "{", "{'a':1}", "{a:1}", "[1,]", "{\"a\":1}x", "{\"a\":1} {}", "NaN", "[1] // c" })
    void nonStrictJsonIsRejected(String text) {
        StateFormatException e = assertThrows(StateFormatException.class, () -> JsonText.parse(text, DEPTH));
        assertTrue(messageOf(e).startsWith("invalid JSON"), messageOf(e));
    }

    @Test
    void nestingAtTheLimitIsAccepted() throws StateFormatException {
        String text = "[".repeat(DEPTH) + "]".repeat(DEPTH);
        assertTrue(JsonText.parse(text, DEPTH).isJsonArray());
    }

    @Test
    void nestingBeyondTheLimitIsRejectedWithoutStackOverflow() {
        String text = "[".repeat(1_000_000) + "]".repeat(1_000_000);
        StateFormatException e = assertThrows(StateFormatException.class, () -> JsonText.parse(text, DEPTH));
        assertEquals("JSON nests deeper than 64 levels", e.getMessage());
    }

    @Test
    void depthOfDecodedTreesIsMeasuredIteratively() {
        JsonArray deep = new JsonArray();
        JsonArray inner = deep;
        for (int i = 0; i < 50_000; i++) {
            JsonObject object = new JsonObject();
            inner.add(object);
            inner = new JsonArray();
            object.add("x", inner);
        }
        assertTrue(JsonText.nestsDeeperThan(deep, DEPTH));
        assertFalse(JsonText.nestsDeeperThan(JsonParser.parseString("[[{\"a\":[1]}]]"), 4));
        assertTrue(JsonText.nestsDeeperThan(JsonParser.parseString("[[{\"a\":[1]}]]"), 3));
    }
}
