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
import static org.openhab.binding.evaics.internal.protocol.codec.JsonAssert.assertJsonEquals;

import java.math.BigInteger;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.openhab.binding.evaics.internal.protocol.codec.FrameException.Reason;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * JSON text of the legacy text frames (protocol.md §5): EVA's compact, ASCII-escaped output, and strict bounded
 * parsing.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class EvaJsonTest {

    private static final int DEPTH = 64;

    private static String str(String s) {
        return EvaJson.write(new JsonPrimitive(s));
    }

    private static Reason reasonOf(String json) {
        return assertThrows(FrameException.class, () -> EvaJson.read(json, DEPTH)).reason();
    }

    @Test
    void stringsAreEscapedLikePythonJsonDumps() {
        // expected values produced by CPython 3.11 json.dumps(s, separators=(',', ':'))
        assertEquals("\"plain\"", str("plain"));
        assertEquals("\"quote\\\"back\\\\slash\"", str("quote\"back\\slash"));
        assertEquals("\"nl\\ncr\\rtab\\tbs\\bff\\f\"", str("nl\ncr\rtab\tbs\bff\f"));
        assertEquals("\"ctl\\u0000\\u0001\\u001f\"", str("ctl\u0000\u0001\u001f"));
        assertEquals("\"del\\u007f\"", str("del\u007f"));
        assertEquals("\"\\u00e9 \\u00fc \\u00df\"", str("é ü ß"));
        assertEquals("\"\\u20ac \\u4e2d\\u6587\"", str("€ 中文"));
        assertEquals("\"\\ud83d\\ude00 emoji\"", str("😀 emoji"));
        assertEquals("\"</script>&='\"", str("</script>&='"));
        assertEquals("\"\\u2028\\u2029\"", str("\u2028\u2029"));
    }

    @Test
    void compactFormWithPythonNumbers() {
        JsonObject o = new JsonObject();
        o.add("a", JsonParser.parseString("[1,2.5,null,true,false,{\"b\":\"c\"}]"));
        o.add("x", new JsonPrimitive(1e16));
        o.add("y", new JsonPrimitive(Float64.of(-0.0)));
        o.add("z", new JsonPrimitive(BigInteger.TEN.pow(20)));
        // CPython 3.11: json.dumps({...}, separators=(',', ':'))
        assertEquals("{\"a\":[1,2.5,null,true,false,{\"b\":\"c\"}],\"x\":1e+16,\"y\":-0.0,\"z\":100000000000000000000}",
                EvaJson.write(o));
    }

    @Test
    void numberLiteralsAreNormalisedAsPythonWouldReadAndWriteThem() {
        assertEquals("[1.0,100.0,0,1e-05,0.1]", EvaJson.write(JsonParser.parseString("[1.00,1E2,-0,0.00001,0.10]")));
    }

    @Test
    void nonFiniteFloatsAreWrittenLikePython() {
        JsonArray a = new JsonArray();
        a.add(new JsonPrimitive(Float64.of(Double.NaN)));
        a.add(new JsonPrimitive(Double.NEGATIVE_INFINITY));
        assertEquals("[NaN,-Infinity]", EvaJson.write(a));
    }

    @Test
    void readsNumbersWithPythonTyping() throws FrameException {
        JsonElement e = EvaJson.read("[1, -0, 18446744073709551615, 1.5, 1e2, 1E400]", DEPTH);
        JsonArray a = e.getAsJsonArray();
        assertInstanceOf(Long.class, a.get(0).getAsNumber());
        assertEquals(0L, a.get(1).getAsNumber());
        assertEquals(JsonNumbers.UINT64_MAX, a.get(2).getAsNumber());
        assertInstanceOf(Float64.class, a.get(3).getAsNumber());
        assertEquals("100.0", a.get(4).getAsString());
        assertEquals(Double.POSITIVE_INFINITY, a.get(5).getAsDouble());
    }

    @Test
    void readThenWriteIsStable() throws FrameException {
        String text = "{\"jsonrpc\":\"2.0\",\"result\":{\"ok\":true,\"time\":1700000011.123456,\"n\":null,"
                + "\"l\":[],\"s\":\"\\u00e9\\n\"},\"id\":1}";
        assertEquals(text, EvaJson.write(EvaJson.read(text, DEPTH)));
    }

    @Test
    void topLevelScalarsAreAccepted() throws FrameException {
        assertJsonEquals(new JsonPrimitive("x"), EvaJson.read("\"x\"", DEPTH));
        assertTrue(EvaJson.read("null", DEPTH).isJsonNull());
    }

    @Test
    void lenientSyntaxIsRefused() {
        assertEquals(Reason.BAD_BODY, reasonOf("{'a':1}"));
        assertEquals(Reason.BAD_BODY, reasonOf("{a:1}"));
        assertEquals(Reason.BAD_BODY, reasonOf("[1,]"));
        assertEquals(Reason.BAD_BODY, reasonOf("[1;2]"));
        assertEquals(Reason.BAD_BODY, reasonOf("NaN"));
        assertEquals(Reason.BAD_BODY, reasonOf("/*c*/1"));
        assertEquals(Reason.BAD_BODY, reasonOf(")]}'\n[]"));
        assertEquals(Reason.BAD_BODY, reasonOf(""));
        assertEquals(Reason.BAD_BODY, reasonOf("{\"a\":1"));
    }

    @Test
    void dataAfterTheValueIsRefused() {
        assertEquals(Reason.BAD_BODY, reasonOf("{} {}"));
        assertEquals(Reason.BAD_BODY, reasonOf("1 2"));
    }

    @Test
    void nestingAtTheLimitIsAcceptedAndBeyondRefused() throws FrameException {
        assertTrue(EvaJson.read("[".repeat(DEPTH) + "]".repeat(DEPTH), DEPTH).isJsonArray());
        assertEquals(Reason.NESTING_TOO_DEEP, reasonOf("[".repeat(DEPTH + 1) + "]".repeat(DEPTH + 1)));
        assertEquals(Reason.NESTING_TOO_DEEP, reasonOf("{\"a\":".repeat(DEPTH + 1) + "1" + "}".repeat(DEPTH + 1)));
    }

    @Test
    void veryDeepInputDoesNotOverflowTheStack() {
        assertEquals(Reason.NESTING_TOO_DEEP, reasonOf("[".repeat(1_000_000)));
        assertEquals(Reason.BAD_BODY,
                assertThrows(FrameException.class, () -> EvaJson.read("[".repeat(200_000), Integer.MAX_VALUE))
                        .reason());
    }

    @Test
    void overlongIntegerLiteralsAreRefused() throws FrameException {
        // (Gson's strict reader itself stops at literals longer than its 1024-char buffer)
        String ok = "9".repeat(1000);
        assertEquals(new BigInteger(ok), EvaJson.read(ok, DEPTH).getAsBigInteger());
        assertEquals(Reason.BAD_BODY, reasonOf("9".repeat(JsonNumbers.MAX_INTEGER_DIGITS + 1)));
    }

    @Test
    void duplicateKeysKeepTheLastValue() throws FrameException {
        assertJsonEquals(JsonParser.parseString("{\"a\":3,\"b\":2}"), EvaJson.read("{\"a\":1,\"b\":2,\"a\":3}", DEPTH));
    }
}
