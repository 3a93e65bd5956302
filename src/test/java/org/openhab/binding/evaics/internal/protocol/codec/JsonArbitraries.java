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

import java.math.BigInteger;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * jqwik generators of JSON trees as EVA exchanges them: strings over all of Unicode (without unpaired surrogates,
 * which have no UTF-8 form), integers over the whole msgpack range in several Java/Gson number types, finite doubles
 * (subnormals included), booleans, null, and nested arrays and objects.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class JsonArbitraries {

    private static final int MAX_CONTAINER_SIZE = 6;

    private JsonArbitraries() {
    }

    static Arbitrary<JsonElement> json(int depth) {
        if (depth == 0) {
            return leaf();
        }
        return Arbitraries.frequencyOf(Tuple.of(4, leaf()), Tuple.of(1, array(depth - 1)),
                Tuple.of(1, object(depth - 1).map(o -> (JsonElement) o)));
    }

    static Arbitrary<JsonObject> object(int depth) {
        Arbitrary<Tuple2<String, JsonElement>> member = Combinators.combine(string(), json(depth)).as(Tuple::of);
        return member.list().ofMaxSize(MAX_CONTAINER_SIZE).map(JsonArbitraries::toObject);
    }

    private static JsonObject toObject(List<Tuple2<String, JsonElement>> members) {
        JsonObject o = new JsonObject();
        members.forEach(m -> o.add(m.get1(), m.get2()));
        return o;
    }

    private static Arbitrary<JsonElement> array(int depth) {
        return json(depth).list().ofMaxSize(MAX_CONTAINER_SIZE).map(list -> {
            JsonArray a = new JsonArray();
            list.forEach(a::add);
            return a;
        });
    }

    static Arbitrary<JsonElement> leaf() {
        return Arbitraries.oneOf(string().map(JsonPrimitive::new), integer(), floating(),
                Arbitraries.of(true, false).map(JsonPrimitive::new), Arbitraries.just(JsonNull.INSTANCE));
    }

    static Arbitrary<String> string() {
        Arbitrary<String> ascii = Arbitraries.strings().ascii().ofMaxLength(40);
        Arbitrary<String> unicode = Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE).list().ofMaxSize(20)
                .map(cps -> {
                    StringBuilder sb = new StringBuilder();
                    cps.forEach(sb::appendCodePoint);
                    return sb.toString();
                });
        Arbitrary<String> long8 = Arbitraries.strings().alpha().ofMinLength(30).ofMaxLength(300);
        return Arbitraries.frequencyOf(Tuple.of(4, ascii), Tuple.of(3, unicode), Tuple.of(1, long8));
    }

    static Arbitrary<JsonElement> integer() {
        Arbitrary<Long> longs = Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(-200, 70_000));
        Arbitrary<JsonElement> asLong = longs.map(JsonPrimitive::new);
        Arbitrary<JsonElement> asInteger = Arbitraries.integers().map(JsonPrimitive::new);
        // Gson's own number type for parsed JSON (LazilyParsedNumber)
        Arbitrary<JsonElement> parsed = longs.map(v -> JsonParser.parseString(Long.toString(v)));
        // above long range: 2^63 .. 2^64-1
        Arbitrary<JsonElement> uint64 = Arbitraries.longs()
                .map(v -> new JsonPrimitive(new BigInteger(Long.toUnsignedString(v)).setBit(Long.SIZE - 1)));
        return Arbitraries.oneOf(asLong, asInteger, parsed, uint64);
    }

    static Arbitrary<JsonElement> floating() {
        Arbitrary<Double> doubles = Arbitraries.oneOf(Arbitraries.doubles(),
                Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite));
        return Arbitraries.oneOf(doubles.map(JsonPrimitive::new), doubles.map(d -> new JsonPrimitive(Float64.of(d))),
                doubles.map(d -> JsonParser.parseString(Float64.repr(d))));
    }
}
