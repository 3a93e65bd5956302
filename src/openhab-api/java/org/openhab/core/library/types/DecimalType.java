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
package org.openhab.core.library.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;
import java.util.regex.Pattern;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.core.types.Command;
import org.openhab.core.types.PrimitiveType;
import org.openhab.core.types.State;

/**
 * Stand-in of openHAB's {@code DecimalType}: a plain number held as {@link BigDecimal}. Values are equal when they
 * are numerically equal ({@code 1.0} equals {@code 1}); the string form is the plain (non-scientific) notation.
 */
@NonNullByDefault
public class DecimalType extends Number implements PrimitiveType, State, Command, Comparable<DecimalType> {

    public static final DecimalType ZERO = new DecimalType(0);

    /** A pattern with an integer conversion (%d, %o, %x, %X) gets the value as an integer. */
    private static final Pattern INTEGER_CONVERSION = Pattern.compile("%[-#+ 0,(<]*\\d*[doxX]");

    protected BigDecimal value;

    public DecimalType() {
        this.value = BigDecimal.ZERO;
    }

    public DecimalType(Number value) {
        this.value = toBigDecimal(value);
    }

    /**
     * @param value a number in Java notation, e.g. {@code -1.5} or {@code 2E3}
     * @throws NumberFormatException if it is not a number
     */
    public DecimalType(String value) {
        this.value = new BigDecimal(value.trim());
    }

    /**
     * @param value a number written for the given locale, e.g. {@code 1.234,5} for German
     * @param locale the locale of the text
     * @throws NumberFormatException if the whole text is not a number
     */
    public DecimalType(String value, Locale locale) {
        this.value = parse(value, locale);
    }

    static BigDecimal toBigDecimal(Number value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        } else if (value instanceof DecimalType decimalType) {
            return decimalType.value;
        } else if (value instanceof BigInteger integer) {
            return new BigDecimal(integer);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            return BigDecimal.valueOf(value.longValue());
        }
        try {
            return new BigDecimal(value.toString());
        } catch (NumberFormatException e) {
            return BigDecimal.valueOf(value.doubleValue());
        }
    }

    static BigDecimal parse(String value, Locale locale) {
        DecimalFormat format = (DecimalFormat) NumberFormat.getInstance(locale);
        format.setParseBigDecimal(true);
        String text = value.trim();
        ParsePosition position = new ParsePosition(0);
        Object parsed = format.parseObject(text, position);
        if (!(parsed instanceof BigDecimal decimal) || position.getErrorIndex() != -1
                || position.getIndex() != text.length()) {
            throw new NumberFormatException("Invalid number '" + value + "' for locale " + locale);
        }
        return decimal;
    }

    public static DecimalType valueOf(String value) {
        return new DecimalType(value);
    }

    public BigDecimal toBigDecimal() {
        return value;
    }

    @Override
    public String format(String pattern) {
        if (INTEGER_CONVERSION.matcher(pattern).find()) {
            return String.format(pattern, value.toBigInteger());
        }
        return String.format(pattern, value);
    }

    @Override
    public String toString() {
        return toFullString();
    }

    @Override
    public String toFullString() {
        return value.toPlainString();
    }

    @Override
    public int hashCode() {
        return value.stripTrailingZeros().hashCode();
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        if (this == obj) {
            return true;
        }
        return obj instanceof DecimalType other && value.compareTo(other.value) == 0;
    }

    @Override
    public int compareTo(DecimalType o) {
        return value.compareTo(o.value);
    }

    @Override
    public int intValue() {
        return value.intValue();
    }

    @Override
    public long longValue() {
        return value.longValue();
    }

    @Override
    public float floatValue() {
        return value.floatValue();
    }

    @Override
    public double doubleValue() {
        return value.doubleValue();
    }

    @Override
    public <T extends State> @Nullable T as(@Nullable Class<T> target) {
        if (target == OnOffType.class) {
            return target.cast(value.signum() == 0 ? OnOffType.OFF : OnOffType.ON);
        } else if (target == OpenClosedType.class) {
            return target.cast(value.signum() == 0 ? OpenClosedType.CLOSED : OpenClosedType.OPEN);
        } else if (target == PercentType.class && value.signum() >= 0 && value.compareTo(BigDecimal.ONE) <= 0) {
            return target.cast(new PercentType(value.movePointRight(2)));
        }
        return State.super.as(target);
    }
}
