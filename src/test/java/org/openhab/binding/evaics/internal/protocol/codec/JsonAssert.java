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

import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * Strict JSON equality for tests: unlike {@link JsonElement#equals(Object)} it tells integers from floats (as Python
 * does: a literal with '.', 'e' or 'E' or a Java floating type is a float), compares integers exactly (uint64 values
 * included), floats as exact binary64 values, and object members in order.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class JsonAssert {

    private JsonAssert() {
    }

    public static void assertJsonEquals(@Nullable JsonElement expected, @Nullable JsonElement actual) {
        List<String> diffs = new ArrayList<>();
        compare("$", expected, actual, diffs);
        if (!diffs.isEmpty()) {
            fail("JSON differs: " + diffs + "\nexpected: " + expected + "\nactual:   " + actual);
        }
    }

    private static void compare(String path, @Nullable JsonElement e, @Nullable JsonElement a, List<String> diffs) {
        if (e == null || e.isJsonNull()) {
            if (a != null && !a.isJsonNull()) {
                diffs.add(path + ": expected null");
            }
            return;
        }
        if (a == null || a.isJsonNull()) {
            diffs.add(path + ": unexpected null");
            return;
        }
        if (e instanceof JsonObject eo) {
            if (!(a instanceof JsonObject ao)) {
                diffs.add(path + ": expected an object");
                return;
            }
            List<String> ek = new ArrayList<>(eo.keySet());
            List<String> ak = new ArrayList<>(ao.keySet());
            if (!ek.equals(ak)) {
                diffs.add(path + ": member names/order " + ek + " vs " + ak);
                return;
            }
            for (Map.Entry<String, JsonElement> m : eo.entrySet()) {
                compare(path + "." + m.getKey(), m.getValue(), ao.get(m.getKey()), diffs);
            }
        } else if (e instanceof JsonArray ea) {
            if (!(a instanceof JsonArray aa) || aa.size() != ea.size()) {
                diffs.add(path + ": expected an array of " + ea.size());
                return;
            }
            for (int i = 0; i < ea.size(); i++) {
                compare(path + "[" + i + "]", ea.get(i), aa.get(i), diffs);
            }
        } else {
            JsonPrimitive ep = (JsonPrimitive) e;
            if (!(a instanceof JsonPrimitive ap)) {
                diffs.add(path + ": expected a primitive");
                return;
            }
            if (ep.isNumber() && ap.isNumber()) {
                compareNumbers(path, ep.getAsNumber(), ap.getAsNumber(), diffs);
            } else if (ep.isNumber() != ap.isNumber() || ep.isString() != ap.isString()
                    || ep.isBoolean() != ap.isBoolean() || !ep.getAsString().equals(ap.getAsString())) {
                diffs.add(path + ": " + ep + " vs " + ap);
            }
        }
    }

    private static void compareNumbers(String path, Number e, Number a, List<String> diffs) {
        boolean ei = isInteger(e);
        boolean ai = isInteger(a);
        if (ei != ai) {
            diffs.add(path + ": " + (ei ? "integer " : "float ") + e + " vs " + (ai ? "integer " : "float ") + a);
        } else if (ei) {
            if (!new BigInteger(e.toString()).equals(new BigInteger(a.toString()))) {
                diffs.add(path + ": " + e + " vs " + a);
            }
        } else if (Double.doubleToLongBits(toDouble(e)) != Double.doubleToLongBits(toDouble(a))) {
            diffs.add(path + ": " + e + " vs " + a);
        }
    }

    public static boolean isInteger(Number n) {
        if (n instanceof Double || n instanceof Float || n instanceof Float64) {
            return false;
        }
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
                || n instanceof BigInteger) {
            return true;
        }
        String s = n.toString();
        return !(s.contains(".") || s.contains("e") || s.contains("E"));
    }

    private static double toDouble(Number n) {
        // parse the text rather than going through BigDecimal, which has no negative zero
        return n instanceof Double || n instanceof Float64 ? n.doubleValue() : Double.parseDouble(n.toString());
    }
}
