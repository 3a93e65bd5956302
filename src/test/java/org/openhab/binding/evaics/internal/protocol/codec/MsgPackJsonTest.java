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
import static org.openhab.binding.evaics.internal.protocol.codec.VectorFiles.hex;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.openhab.binding.evaics.internal.protocol.codec.FrameException.Reason;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * msgpack encoding and decoding rules (protocol.md §6.1).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class MsgPackJsonTest {

    private static final int DEPTH = 64;

    private static String enc(JsonElement e) {
        return HexFormat.of().formatHex(MsgPackJson.encode(e));
    }

    private static String encJson(String json) {
        return enc(JsonParser.parseString(json));
    }

    private static JsonElement dec(String hex) throws FrameException {
        return MsgPackJson.decode(hex(hex), DEPTH);
    }

    private static Reason reasonOf(String hex) {
        return assertThrows(FrameException.class, () -> dec(hex)).reason();
    }

    @Test
    void integersUseTheSmallestFormatWithUnsignedForPositives() {
        assertEquals("00", encJson("0"));
        assertEquals("7f", encJson("127"));
        assertEquals("cc80", encJson("128"));
        assertEquals("ccff", encJson("255"));
        assertEquals("cd0100", encJson("256"));
        assertEquals("cdffff", encJson("65535"));
        assertEquals("ce00010000", encJson("65536"));
        assertEquals("ceffffffff", encJson("4294967295"));
        assertEquals("cf0000000100000000", encJson("4294967296"));
        assertEquals("cf7fffffffffffffff", encJson("9223372036854775807"));
        assertEquals("cfffffffffffffffff", encJson("18446744073709551615"));
        assertEquals("ff", encJson("-1"));
        assertEquals("e0", encJson("-32"));
        assertEquals("d0df", encJson("-33"));
        assertEquals("d080", encJson("-128"));
        assertEquals("d1ff7f", encJson("-129"));
        assertEquals("d18000", encJson("-32768"));
        assertEquals("d2ffff7fff", encJson("-32769"));
        assertEquals("d280000000", encJson("-2147483648"));
        assertEquals("d3ffffffff7fffffff", encJson("-2147483649"));
        assertEquals("d38000000000000000", encJson("-9223372036854775808"));
    }

    @Test
    void javaIntegerTypesEncodeAsIntegers() {
        assertEquals("cd0100", enc(new JsonPrimitive(256)));
        assertEquals("cd0100", enc(new JsonPrimitive(256L)));
        assertEquals("cd0100", enc(new JsonPrimitive((short) 256)));
        assertEquals("cd0100", enc(new JsonPrimitive(BigInteger.valueOf(256))));
        assertEquals("cd0100", enc(new JsonPrimitive(new BigDecimal("256"))));
        assertEquals("cfffffffffffffffff", enc(new JsonPrimitive(JsonNumbers.UINT64_MAX)));
    }

    @Test
    void integersOutsideTheMsgpackRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> encJson("18446744073709551616"));
        assertThrows(IllegalArgumentException.class, () -> encJson("-9223372036854775809"));
    }

    @Test
    void floatLiteralsEncodeAsFloat64EvenWhenIntegral() {
        assertEquals("cb41d954fc40488f75", encJson("1700000001.133756"));
        assertEquals("cb3ff0000000000000", encJson("1.0"));
        assertEquals("cb4059000000000000", encJson("1e2"));
        assertEquals("cb3ff0000000000000", enc(new JsonPrimitive(1.0)));
        assertEquals("cb3ff0000000000000", enc(new JsonPrimitive(Float64.of(1.0))));
        assertEquals("cb4059000000000000", enc(new JsonPrimitive(new BigDecimal("1E+2"))));
    }

    @Test
    void javaFloatEncodesItsDecimalValue() {
        assertEquals(encJson("0.1"), enc(new JsonPrimitive(0.1f)));
    }

    @Test
    void nilAndBooleans() {
        assertEquals("c0", enc(JsonNull.INSTANCE));
        assertEquals("c2", encJson("false"));
        assertEquals("c3", encJson("true"));
    }

    @Test
    void stringsUseFixstrThenStr8Str16Str32() {
        assertEquals("a0", enc(new JsonPrimitive("")));
        assertTrue(enc(new JsonPrimitive("x".repeat(31))).startsWith("bf"));
        assertTrue(enc(new JsonPrimitive("x".repeat(32))).startsWith("d920"));
        assertTrue(enc(new JsonPrimitive("x".repeat(255))).startsWith("d9ff"));
        assertTrue(enc(new JsonPrimitive("x".repeat(256))).startsWith("da0100"));
        assertTrue(enc(new JsonPrimitive("x".repeat(65536))).startsWith("db00010000"));
    }

    @Test
    void stringLengthCountsUtf8Bytes() {
        // é = 2 bytes, € = 3 bytes, 😀 = 4 bytes
        assertEquals("a9c3a9e282acf09f9880", enc(new JsonPrimitive("é€😀")));
        // 11 x 3 bytes = 33 bytes: str8 although only 11 chars
        assertTrue(enc(new JsonPrimitive("€".repeat(11))).startsWith("d921"));
    }

    @Test
    void unpairedSurrogateBecomesQuestionMark() {
        assertEquals("a23f41", enc(new JsonPrimitive("\ud800A")));
        assertEquals("a23f41", enc(new JsonPrimitive("\udc00A")));
        assertEquals("a4f09f9880", enc(new JsonPrimitive("\ud83d\ude00")));
    }

    @Test
    void mapsKeepMemberOrderAndCollectionsUseSmallestHeaders() {
        assertEquals("82a16201a16102", encJson("{\"b\":1,\"a\":2}"));
        JsonArray sixteen = new JsonArray();
        for (int i = 0; i < 16; i++) {
            sixteen.add(i);
        }
        assertTrue(enc(sixteen).startsWith("dc0010"));
        JsonObject sixteenMembers = new JsonObject();
        for (int i = 0; i < 16; i++) {
            sixteenMembers.addProperty("k" + i, i);
        }
        assertTrue(enc(sixteenMembers).startsWith("de0010"));
        assertEquals("90", encJson("[]"));
        assertEquals("80", encJson("{}"));
    }

    @Test
    void encoderRefusesTreesDeeperThanPythonsLimit() {
        JsonArray root = new JsonArray();
        JsonArray a = root;
        for (int i = 0; i < MsgPackJson.MAX_ENCODE_DEPTH + 5; i++) {
            JsonArray next = new JsonArray();
            a.add(next);
            a = next;
        }
        assertThrows(IllegalArgumentException.class, () -> MsgPackJson.encode(root));
    }

    @Test
    void decodesIntegersExactlyIncludingUint64() throws FrameException {
        assertEquals(new JsonPrimitive(JsonNumbers.UINT64_MAX), dec("cfffffffffffffffff"));
        assertEquals(BigInteger.ONE.shiftLeft(63), dec("cf8000000000000000").getAsBigInteger());
        assertEquals(Long.MIN_VALUE, dec("d38000000000000000").getAsLong());
        assertEquals(4294967295L, dec("ceffffffff").getAsLong());
        assertEquals(-1, dec("ff").getAsLong());
        assertEquals(-128, dec("d080").getAsLong());
        assertEquals(65535, dec("cdffff").getAsLong());
        assertTrue(JsonAssert.isInteger(dec("cc80").getAsNumber()));
    }

    @Test
    void decodesFloatsAsExactFloat64() throws FrameException {
        JsonElement f = dec("cb41d954fc40488f75");
        assertInstanceOf(Float64.class, f.getAsNumber());
        assertEquals(1700000001.133756, f.getAsDouble());
        assertEquals("1700000001.133756", f.getAsString());
        assertEquals("100.0", dec("cb4059000000000000").getAsString());
        // float32 widens exactly
        assertEquals((double) 0.1f, dec("ca3dcccccd").getAsDouble());
    }

    @Test
    void binDecodesToBase64() throws FrameException {
        assertEquals("AAH/", dec("c4030001ff").getAsString());
        assertEquals("", dec("c50000").getAsString());
        assertEquals("AQ==", dec("c60000000101").getAsString());
    }

    @Test
    void extTypesAndReservedByteAreRefused() {
        assertEquals(Reason.BAD_BODY, reasonOf("c1"));
        assertEquals(Reason.BAD_BODY, reasonOf("d4ff01"));
        assertEquals(Reason.BAD_BODY, reasonOf("d6ff00000000"));
        assertEquals(Reason.BAD_BODY, reasonOf("c70101ff"));
    }

    @Test
    void invalidUtf8IsRefused() {
        assertEquals(Reason.BAD_BODY, reasonOf("a1ff"));
        // overlong '/', encoded surrogate U+D800, beyond U+10FFFF, truncated sequence, lone continuation
        assertEquals(Reason.BAD_BODY, reasonOf("a2c0af"));
        assertEquals(Reason.BAD_BODY, reasonOf("a3eda080"));
        assertEquals(Reason.BAD_BODY, reasonOf("a4f4908080"));
        assertEquals(Reason.BAD_BODY, reasonOf("a2e282"));
        assertEquals(Reason.BAD_BODY, reasonOf("a180"));
        // also in map keys
        assertEquals(Reason.BAD_BODY, reasonOf("81a1ff01"));
    }

    @Test
    void validMultiByteUtf8Decodes() throws FrameException {
        assertEquals("é€😀", dec("a9c3a9e282acf09f9880").getAsString());
        assertEquals("\ud7ff\ue000\uffff", dec("a9ed9fbfee8080efbfbf").getAsString());
    }

    @Test
    void nonStringMapKeysAreRefused() {
        assertEquals(Reason.BAD_BODY, reasonOf("810102"));
        assertEquals(Reason.BAD_BODY, reasonOf("81c002"));
        assertEquals(Reason.BAD_BODY, reasonOf("819002"));
    }

    @Test
    void binExtAndReservedMapKeysAreRefused() {
        // msgpack-core reads bin as str unless told not to; 0xC1 and ext raise its other exception types
        assertEquals(Reason.BAD_BODY, reasonOf("81c4016101"));
        assertEquals(Reason.BAD_BODY, reasonOf("81c101"));
        assertEquals(Reason.BAD_BODY, reasonOf("81d4ff0101"));
    }

    @Test
    void lengthsBeyondIntRangeAreRefusedAsBadBody() {
        // msgpack-core refuses 32-bit lengths of 2^31 and more itself (MessageSizeException)
        assertEquals(Reason.BAD_BODY, reasonOf("db80000000"));
        assertEquals(Reason.BAD_BODY, reasonOf("c680000000"));
        assertEquals(Reason.BAD_BODY, reasonOf("dd80000000"));
        assertEquals(Reason.BAD_BODY, reasonOf("df80000000"));
        assertEquals(Reason.BAD_BODY, reasonOf("81db8000000001"));
    }

    @Test
    void truncatedHeadersAreRefused() {
        // the data ends inside a header msgpack-core is reading (MessageInsufficientBufferException)
        assertEquals(Reason.BAD_BODY, reasonOf("cf"));
        assertEquals(Reason.BAD_BODY, reasonOf("cf00"));
        assertEquals(Reason.BAD_BODY, reasonOf("cf80000000"));
        assertEquals(Reason.BAD_BODY, reasonOf("d9"));
        assertEquals(Reason.BAD_BODY, reasonOf("81d9"));
        assertEquals(Reason.BAD_BODY, reasonOf("dc00"));
        assertEquals(Reason.BAD_BODY, reasonOf("df00"));
        assertEquals(Reason.BAD_BODY, reasonOf("c5ff"));
    }

    @Test
    void uint64AtTheLongBoundaryDecodesExactly() throws FrameException {
        assertEquals(Long.MAX_VALUE, dec("cf7fffffffffffffff").getAsNumber());
        assertEquals(BigInteger.ONE.shiftLeft(63), dec("cf8000000000000000").getAsNumber());
        // uint64 values that fit a long (EVA's ieids) are Longs, like the smaller formats
        assertEquals(5000000001006L, dec("cf0000048c273953ee").getAsNumber());
    }

    @Test
    void encodeToAppendsBehindWhatTheSinkHolds() {
        JsonObject body = new JsonObject();
        body.addProperty("long", "x".repeat(20_000));
        JsonArray many = new JsonArray();
        for (int i = 0; i < 5_000; i++) {
            many.add(i * 1_000_003L);
        }
        body.add("many", many);
        byte[] prefix = new byte[16];
        Arrays.fill(prefix, (byte) 0x5A);
        ByteSink sink = new ByteSink(prefix.length);
        sink.write(prefix, 0, prefix.length);
        MsgPackJson.encodeTo(body, sink);
        byte[] out = sink.toByteArray();
        assertArrayEquals(prefix, Arrays.copyOf(out, prefix.length));
        assertArrayEquals(MsgPackJson.encode(body), Arrays.copyOfRange(out, prefix.length, out.length));
    }

    @Test
    void longStringsWithUnpairedSurrogatesAlsoBecomeQuestionMarks() {
        String s = "a".repeat(1_000) + "\ud800" + "b".repeat(1_000);
        byte[] expected = ("a".repeat(1_000) + "?" + "b".repeat(1_000)).getBytes(StandardCharsets.UTF_8);
        assertEquals("da07d1" + HexFormat.of().formatHex(expected), enc(new JsonPrimitive(s)));
    }

    @Test
    void duplicateMapKeysKeepTheLastValueAtTheFirstPosition() throws FrameException {
        // {"a":1,"b":2,"a":3} -> Python dict {"a":3,"b":2}
        assertJsonEquals(JsonParser.parseString("{\"a\":3,\"b\":2}"), dec("83a16101a16202a16103"));
    }

    @Test
    void mapOrderIsPreserved() throws FrameException {
        JsonElement e = dec("83a17a01a16102a16d03");
        assertEquals("[z, a, m]", e.getAsJsonObject().keySet().toString());
    }

    @Test
    void nestingAtTheLimitIsAcceptedAndBeyondRefused() throws FrameException {
        byte[] ok = new byte[DEPTH];
        Arrays.fill(ok, (byte) 0x91);
        ok[DEPTH - 1] = (byte) 0x90;
        assertTrue(MsgPackJson.decode(ok, DEPTH).isJsonArray());
        byte[] tooDeep = new byte[DEPTH + 1];
        Arrays.fill(tooDeep, (byte) 0x91);
        tooDeep[DEPTH] = (byte) 0x90;
        assertEquals(Reason.NESTING_TOO_DEEP,
                assertThrows(FrameException.class, () -> MsgPackJson.decode(tooDeep, DEPTH)).reason());
    }

    @Test
    void veryDeepInputDoesNotOverflowTheStack() {
        byte[] deep = new byte[1_000_000];
        Arrays.fill(deep, (byte) 0x91);
        assertEquals(Reason.NESTING_TOO_DEEP,
                assertThrows(FrameException.class, () -> MsgPackJson.decode(deep, DEPTH)).reason());
        // even a caller-supplied huge limit does not recurse
        assertEquals(Reason.BAD_BODY,
                assertThrows(FrameException.class, () -> MsgPackJson.decode(deep, Integer.MAX_VALUE)).reason());
    }

    @Test
    void hugeDeclaredLengthsAreRefusedWithoutAllocation() {
        assertEquals(Reason.BAD_BODY, reasonOf("dbffffffff41"));
        assertEquals(Reason.BAD_BODY, reasonOf("c6ffffffff41"));
        assertEquals(Reason.BAD_BODY, reasonOf("ddffffffff01"));
        assertEquals(Reason.BAD_BODY, reasonOf("dfffffffffa16101"));
        assertEquals(Reason.BAD_BODY, reasonOf("dcffff01"));
        // a map needs two bytes per entry
        assertEquals(Reason.BAD_BODY, reasonOf("82010203"));
    }

    @Test
    void truncatedDataIsRefused() {
        assertEquals(Reason.BAD_BODY, reasonOf(""));
        assertEquals(Reason.BAD_BODY, reasonOf("cd01"));
        assertEquals(Reason.BAD_BODY, reasonOf("cb41d954"));
        assertEquals(Reason.BAD_BODY, reasonOf("a36162"));
        assertEquals(Reason.BAD_BODY, reasonOf("9201"));
        assertEquals(Reason.BAD_BODY, reasonOf("81a161"));
    }

    @Test
    void trailingBytesAreRefused() {
        assertEquals(Reason.BAD_BODY, reasonOf("0101"));
        assertEquals(Reason.BAD_BODY, reasonOf("90c0"));
    }

    @Test
    void decodesASliceOfALargerArray() throws FrameException {
        byte[] data = hex("ff82a16101a162c3ff");
        assertJsonEquals(JsonParser.parseString("{\"a\":1,\"b\":true}"), MsgPackJson.decode(data, 1, 7, DEPTH));
    }

    @Test
    void nestedStructuresRoundTrip() throws FrameException {
        String json = "{\"jsonrpc\":\"2.0\",\"result\":[{\"ieid\":[7,5000000001006],\"t\":1700000100.5,\"v\":null,"
                + "\"ok\":true,\"e\":{},\"l\":[]},-5,\"\"],\"id\":\"x\"}";
        JsonElement e = JsonParser.parseString(json);
        assertJsonEquals(e, MsgPackJson.decode(MsgPackJson.encode(e), DEPTH));
    }
}
