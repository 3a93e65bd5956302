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
import java.util.IllegalFormatConversionException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.measure.Dimension;
import javax.measure.IncommensurableException;
import javax.measure.Quantity;
import javax.measure.UnconvertibleException;
import javax.measure.Unit;
import javax.measure.format.MeasurementParseException;
import javax.measure.quantity.Dimensionless;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.core.library.unit.SIUnits;
import org.openhab.core.library.unit.Units;
import org.openhab.core.types.Command;
import org.openhab.core.types.PrimitiveType;
import org.openhab.core.types.State;

import tech.units.indriya.format.SimpleUnitFormat;
import tech.units.indriya.function.RationalNumber;

/**
 * Stand-in of openHAB's {@code QuantityType}: a number with a unit of measurement, e.g. {@code 21.5 °C}.
 * <p>
 * Like openHAB it compares values across compatible units after converting both to the system unit
 * ({@code 1 kW} equals {@code 1000 W}), writes itself as {@code <plain number> <unit symbol>} (dimensionless values
 * without a unit) and understands the {@code %unit%} placeholder in {@link #format(String)}. Units are parsed and
 * converted with the indriya reference implementation; the symbols openHAB adds are registered by {@link Units} and
 * {@link SIUnits}.
 *
 * @param <T> the quantity, e.g. {@code Temperature}
 */
@NonNullByDefault
public class QuantityType<T extends Quantity<T>> extends Number
        implements PrimitiveType, State, Command, Comparable<QuantityType<T>> {

    public static final QuantityType<Dimensionless> ZERO = new QuantityType<>(BigDecimal.ZERO, Units.ONE);
    public static final QuantityType<Dimensionless> ONE = new QuantityType<>(BigDecimal.ONE, Units.ONE);

    /** Placeholder for the unit symbol in state description patterns. */
    private static final String UNIT_PLACEHOLDER = "%unit%";
    /** Number (Java notation) followed by an optional unit. */
    private static final Pattern NUMBER_AND_UNIT = Pattern
            .compile("([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?)\\s*(.*)", Pattern.DOTALL);
    /** Reading it loads {@link SIUnits}, which registers openHAB's Celsius symbol with the unit parser. */
    private static final Unit<?> CELSIUS = SIUnits.CELSIUS;

    private final BigDecimal value;
    private final Unit<T> unit;

    /**
     * Zero without a unit.
     */
    @SuppressWarnings("unchecked")
    public QuantityType() {
        this.value = BigDecimal.ZERO;
        this.unit = (Unit<T>) Units.ONE;
    }

    /**
     * @param value a number in Java notation, optionally followed by a unit symbol, e.g. {@code 21.5 °C},
     *            {@code 400ppm} or {@code 3}
     * @throws IllegalArgumentException if the number or the unit cannot be read
     */
    @SuppressWarnings("unchecked")
    public QuantityType(String value) {
        Matcher matcher = NUMBER_AND_UNIT.matcher(value.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Invalid quantity '" + value + "'");
        }
        this.value = new BigDecimal(matcher.group(1));
        this.unit = (Unit<T>) parseUnitOrFail(matcher.group(2), value);
    }

    /**
     * @param value a number written for the locale, optionally followed by a unit symbol, e.g. {@code 21,5 °C}
     * @param locale the locale of the number
     * @throws IllegalArgumentException if the number or the unit cannot be read
     */
    @SuppressWarnings("unchecked")
    public QuantityType(String value, Locale locale) {
        String text = value.trim();
        DecimalFormat format = (DecimalFormat) NumberFormat.getInstance(locale);
        format.setParseBigDecimal(true);
        ParsePosition position = new ParsePosition(0);
        Object parsed = format.parseObject(text, position);
        if (!(parsed instanceof BigDecimal decimal) || position.getErrorIndex() != -1) {
            throw new IllegalArgumentException("Invalid quantity '" + value + "' for locale " + locale);
        }
        this.value = decimal;
        this.unit = (Unit<T>) parseUnitOrFail(text.substring(position.getIndex()).trim(), value);
    }

    /**
     * @param value the number
     * @param unit its unit
     */
    public QuantityType(Number value, Unit<T> unit) {
        this.value = DecimalType.toBigDecimal(value);
        this.unit = unit;
    }

    public static <T extends Quantity<T>> QuantityType<T> valueOf(double value, Unit<T> unit) {
        return new QuantityType<>(value, unit);
    }

    public static QuantityType<? extends Quantity<?>> valueOf(String value) {
        return new QuantityType<>(value);
    }

    private static Unit<?> parseUnitOrFail(String symbol, String original) {
        if (symbol.isEmpty()) {
            return Units.ONE;
        }
        Unit<?> unit = parseUnit(symbol);
        if (unit == null) {
            throw new IllegalArgumentException("Unknown unit in quantity '" + original + "'");
        }
        return unit;
    }

    private static @Nullable Unit<?> parseUnit(String symbol) {
        try {
            return SimpleUnitFormat.getInstance().parse(symbol);
        } catch (MeasurementParseException | IllegalArgumentException e) {
            return null;
        }
    }

    private static BigDecimal toBigDecimal(Number number) {
        if (number instanceof RationalNumber rational) {
            return rational.bigDecimalValue();
        }
        return DecimalType.toBigDecimal(number);
    }

    public Unit<T> getUnit() {
        return unit;
    }

    public Dimension getDimension() {
        return unit.getDimension();
    }

    /**
     * @param targetUnit the unit to convert to
     * @return the converted value, or null if the units are not compatible
     */
    @SuppressWarnings("unchecked")
    public @Nullable QuantityType<T> toUnit(Unit<?> targetUnit) {
        if (targetUnit.equals(unit)) {
            return this;
        }
        try {
            Number converted = unit.getConverterToAny(targetUnit).convert(value);
            return new QuantityType<>(toBigDecimal(converted), (Unit<T>) targetUnit);
        } catch (IncommensurableException | UnconvertibleException e) {
            return null;
        }
    }

    /**
     * @param targetUnit the symbol of the unit to convert to
     * @return the converted value, or null if the symbol is unknown or the units are not compatible
     */
    public @Nullable QuantityType<T> toUnit(String targetUnit) {
        Unit<?> target = parseUnit(targetUnit);
        return target == null ? null : toUnit(target);
    }

    public BigDecimal toBigDecimal() {
        return value;
    }

    private BigDecimal systemValue() {
        QuantityType<T> system = toUnit(unit.getSystemUnit());
        if (system == null) {
            throw new IllegalStateException("Unable to convert " + this + " to its system unit");
        }
        return system.value;
    }

    private String unitSymbol() {
        if (unit.equals(Units.ONE)) {
            return "";
        }
        return SimpleUnitFormat.getInstance().format(unit);
    }

    @Override
    public int compareTo(QuantityType<T> o) {
        if (!unit.isCompatible(o.unit)) {
            throw new IllegalArgumentException("Can not compare incompatible units " + unit + " and " + o.unit);
        }
        return systemValue().compareTo(o.systemValue());
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        if (this == obj) {
            return true;
        }
        if (!(obj instanceof QuantityType<?> other) || !unit.isCompatible(other.unit)) {
            return false;
        }
        return systemValue().compareTo(other.systemValue()) == 0;
    }

    @Override
    public int hashCode() {
        // compatible units with numerically equal system values are equal, so only that value may be hashed
        return systemValue().stripTrailingZeros().hashCode();
    }

    @Override
    public String format(String pattern) {
        String formatPattern = pattern;
        if (pattern.contains(UNIT_PLACEHOLDER)) {
            String symbol = unit.equals(Units.PERCENT) ? "%%" : unitSymbol();
            formatPattern = pattern.replace(UNIT_PLACEHOLDER, symbol);
        }
        try {
            // integral values may also be shown with integer conversions such as %d or %x
            BigInteger integral = value.toBigIntegerExact();
            return String.format(formatPattern, integral);
        } catch (ArithmeticException | IllegalFormatConversionException e) {
            return String.format(formatPattern, value);
        }
    }

    @Override
    public String toString() {
        return toFullString();
    }

    @Override
    public String toFullString() {
        String symbol = unitSymbol();
        return symbol.isEmpty() ? value.toPlainString() : value.toPlainString() + " " + symbol;
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
    public <U extends State> @Nullable U as(@Nullable Class<U> target) {
        if (target == DecimalType.class) {
            return target.cast(new DecimalType(value));
        } else if (target == OnOffType.class) {
            return target.cast(value.signum() == 0 ? OnOffType.OFF : OnOffType.ON);
        }
        return State.super.as(target);
    }
}
