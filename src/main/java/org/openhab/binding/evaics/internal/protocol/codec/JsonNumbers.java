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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Decides whether a Gson number is an integer or a float in EVA's (Python's) sense, and parses JSON number literals
 * the way Python's {@code json} module does (protocol.md §6.1).
 * <p>
 * Java number types say it directly. Any other {@link Number} (Gson's lazily parsed numbers, {@code BigDecimal}) is
 * judged by its text: a literal without '.', 'e' or 'E' is an integer, anything else a float. So {@code 100} stays an
 * integer and {@code 1700000001.133756} or {@code 1.0} become float64, exactly as {@code json.loads} would type them.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class JsonNumbers {

    /** CPython's default limit for int/str conversion; longer integer literals are refused (parsing is quadratic). */
    static final int MAX_INTEGER_DIGITS = 4300;

    /** Largest msgpack integer: uint64 max. */
    static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(Long.SIZE).subtract(BigInteger.ONE);

    /** Longest decimal that always fits a long. */
    private static final int SAFE_LONG_DIGITS = 18;

    private JsonNumbers() {
    }

    /** How a number is stored: as a long, as an integer beyond long (uint64 range), or as a float64. */
    enum Kind {
        LONG,
        BIG_INTEGER,
        DOUBLE
    }

    static Kind kind(Number n) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
                || n instanceof AtomicInteger || n instanceof AtomicLong) {
            return Kind.LONG;
        }
        if (n instanceof Float64 || n instanceof Double || n instanceof Float) {
            return Kind.DOUBLE;
        }
        if (n instanceof BigInteger b) {
            return b.bitLength() < Long.SIZE ? Kind.LONG : Kind.BIG_INTEGER;
        }
        String s = n.toString();
        if (!isIntegerLiteral(s)) {
            return Kind.DOUBLE;
        }
        return digitCount(s) <= SAFE_LONG_DIGITS || new BigInteger(s).bitLength() < Long.SIZE ? Kind.LONG
                : Kind.BIG_INTEGER;
    }

    /** The value of a number whose {@link #kind} is LONG. */
    static long longValue(Number n) {
        if (n instanceof BigInteger || n instanceof Long || n instanceof Integer || n instanceof Short
                || n instanceof Byte || n instanceof AtomicInteger || n instanceof AtomicLong) {
            return n.longValue();
        }
        return Long.parseLong(n.toString());
    }

    /** The value of a number whose {@link #kind} is BIG_INTEGER. */
    static BigInteger bigIntegerValue(Number n) {
        return n instanceof BigInteger b ? b : new BigInteger(n.toString());
    }

    /**
     * The value of a number whose {@link #kind} is DOUBLE.
     *
     * @throws IllegalArgumentException if the number's text is not a number
     */
    static double doubleValue(Number n) {
        if (n instanceof Float64 || n instanceof Double) {
            return n.doubleValue();
        }
        // a float's decimal text is what the caller meant; widening 0.1f would give 0.10000000149011612
        try {
            return Double.parseDouble(n.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + n.getClass().getSimpleName());
        }
    }

    /** Optional minus sign, then one or more ASCII digits. */
    static boolean isIntegerLiteral(String s) {
        int start = s.startsWith("-") ? 1 : 0;
        if (s.length() == start) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int digitCount(String integerLiteral) {
        return integerLiteral.startsWith("-") ? integerLiteral.length() - 1 : integerLiteral.length();
    }
}
