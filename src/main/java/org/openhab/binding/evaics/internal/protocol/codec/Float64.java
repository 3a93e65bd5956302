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

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A JSON number that is a float (binary64) on the EVA side, as decoded from msgpack float64/float32 or from a JSON
 * float literal (protocol.md §6.1).
 * <p>
 * The value is exact; {@link #toString()} gives the text Python's {@code repr()} (and therefore EVA's JSON encoder)
 * produces: the shortest decimal that reads back as the same double, e.g. {@code 1700000001.133756}, {@code 100.0},
 * {@code 1e+16}, {@code 5e-324}. That keeps {@code JsonPrimitive.getAsString()} and Gson's JSON output identical to
 * what EVA would show, which {@link Double#toString(double)} does not ({@code 1.700000001133756E9}). It also marks the
 * number as a float for re-encoding: {@link MsgPackJson} writes it as float64 even when its value is integral.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class Float64 extends Number {

    private static final long serialVersionUID = 1L;

    /** Decimal digits that always identify a normal double uniquely (DBL_DIG). */
    private static final int UNIQUE_DIGITS = 15;
    /** Decimal digits that always suffice to read back any double. */
    private static final int ROUND_TRIP_DIGITS = 17;
    /** Python's repr switches to exponent notation below this decimal point position (inclusive). */
    private static final int MIN_FIXED_POINT_POSITION = -4;
    /** Python's repr switches to exponent notation above this decimal point position. */
    private static final int MAX_FIXED_POINT_POSITION = 16;
    private static final RoundingMode[] CANDIDATES = { RoundingMode.HALF_EVEN, RoundingMode.DOWN, RoundingMode.UP };

    private final double value;
    private transient @Nullable String text;

    private Float64(double value) {
        this.value = value;
    }

    public static Float64 of(double value) {
        return new Float64(value);
    }

    @Override
    public int intValue() {
        return (int) value;
    }

    @Override
    public long longValue() {
        return (long) value;
    }

    @Override
    public float floatValue() {
        return (float) value;
    }

    @Override
    public double doubleValue() {
        return value;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Float64 f && Double.doubleToLongBits(value) == Double.doubleToLongBits(f.value);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(value);
    }

    /**
     * Python {@code repr(value)}; {@code NaN}, {@code Infinity}, {@code -Infinity} as Python's JSON encoder writes
     * them.
     */
    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            t = repr(value);
            // a benign race: every thread computes the same string
            text = t;
        }
        return t;
    }

    /**
     * Python's {@code repr()} of a float (format code 'r': shortest round-trip digits, the closest such if there are
     * several; fixed notation for decimal point positions -3..16, exponent notation otherwise).
     */
    public static String repr(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return Double.doubleToRawLongBits(d) < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortestDecimal(d).stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        // value = 0.<digits> * 10^point
        int point = digits.length() - shortest.scale();
        StringBuilder sb = new StringBuilder(digits.length() + 8);
        if (d < 0) {
            sb.append('-');
        }
        if (point > MIN_FIXED_POINT_POSITION && point <= MAX_FIXED_POINT_POSITION) {
            if (point <= 0) {
                sb.append("0.");
                sb.append("0".repeat(-point));
                sb.append(digits);
            } else if (point >= digits.length()) {
                sb.append(digits);
                sb.append("0".repeat(point - digits.length()));
                sb.append(".0");
            } else {
                sb.append(digits, 0, point).append('.').append(digits, point, digits.length());
            }
        } else {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            int exp = point - 1;
            sb.append(exp < 0 ? "e-" : "e+");
            int abs = Math.abs(exp);
            if (abs < 10) {
                sb.append('0');
            }
            sb.append(abs);
        }
        return sb.toString();
    }

    private static BigDecimal shortestDecimal(double d) {
        BigDecimal exact = new BigDecimal(d);
        int firstPrecision;
        if (Math.abs(d) >= Double.MIN_NORMAL) {
            // For normal doubles a 15-digit decimal that reads back is (with its trailing zeros) the shortest one.
            BigDecimal unique = exact.round(new MathContext(UNIQUE_DIGITS, RoundingMode.HALF_EVEN));
            if (unique.doubleValue() == d) {
                return unique;
            }
            firstPrecision = UNIQUE_DIGITS + 1;
        } else {
            // subnormals carry fewer significant bits, so search from one digit up
            firstPrecision = 1;
        }
        for (int precision = firstPrecision; precision < ROUND_TRIP_DIGITS; precision++) {
            // closest first; the other neighbour matters next to powers of two where the rounding interval is lopsided
            for (RoundingMode mode : CANDIDATES) {
                BigDecimal candidate = exact.round(new MathContext(precision, mode));
                if (candidate.doubleValue() == d) {
                    return candidate;
                }
            }
        }
        return exact.round(new MathContext(ROUND_TRIP_DIGITS, RoundingMode.HALF_EVEN));
    }
}
