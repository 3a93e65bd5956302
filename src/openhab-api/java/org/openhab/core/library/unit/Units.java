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
package org.openhab.core.library.unit;

import javax.measure.MetricPrefix;
import javax.measure.Unit;
import javax.measure.quantity.Angle;
import javax.measure.quantity.Dimensionless;
import javax.measure.quantity.ElectricCurrent;
import javax.measure.quantity.ElectricPotential;
import javax.measure.quantity.ElectricResistance;
import javax.measure.quantity.Energy;
import javax.measure.quantity.Frequency;
import javax.measure.quantity.Illuminance;
import javax.measure.quantity.Power;
import javax.measure.quantity.Pressure;
import javax.measure.quantity.Speed;
import javax.measure.quantity.Temperature;
import javax.measure.quantity.Time;
import javax.measure.quantity.Volume;

import org.eclipse.jdt.annotation.NonNullByDefault;

import tech.units.indriya.AbstractUnit;
import tech.units.indriya.format.SimpleUnitFormat;
import tech.units.indriya.function.ExpConverter;
import tech.units.indriya.function.MultiplyConverter;
import tech.units.indriya.unit.ProductUnit;
import tech.units.indriya.unit.TransformedUnit;

/**
 * Stand-in of openHAB's {@code Units}: a useful subset of the units openHAB 4.3 and 5.x both define under this
 * name, backed by the indriya reference implementation. The symbols openHAB registers for parsing ({@code ppm},
 * {@code kWh}, {@code dB} ...) are registered here too, so {@code new QuantityType<>("400 ppm")} works in tests.
 */
@NonNullByDefault
public final class Units {

    /** 10^6, the divisor of parts per million. */
    private static final long MILLION = 1_000_000L;
    /** 10^9, the divisor of parts per billion. */
    private static final long BILLION = 1_000_000_000L;
    /** Pascal per bar. */
    private static final long PASCAL_PER_BAR = 100_000L;
    /** Degrees in pi radians. */
    private static final long DEGREES_PER_PI = 180L;
    /** A decibel is a tenth of a bel. */
    private static final long DECIBELS_PER_BEL = 10L;

    public static final Unit<Dimensionless> ONE = AbstractUnit.ONE;
    public static final Unit<Dimensionless> PERCENT = tech.units.indriya.unit.Units.PERCENT;
    public static final Unit<Dimensionless> PARTS_PER_MILLION = new TransformedUnit<>(ONE,
            MultiplyConverter.ofRational(1, MILLION));
    public static final Unit<Dimensionless> PARTS_PER_BILLION = new TransformedUnit<>(ONE,
            MultiplyConverter.ofRational(1, BILLION));
    /** x dB = 10^(x/10) as a ratio. */
    public static final Unit<Dimensionless> DECIBEL = ONE
            .transform(new ExpConverter(10).concatenate(MultiplyConverter.ofRational(1, DECIBELS_PER_BEL)));
    public static final Unit<Angle> RADIAN = tech.units.indriya.unit.Units.RADIAN;
    public static final Unit<Angle> DEGREE_ANGLE = new TransformedUnit<>(RADIAN,
            MultiplyConverter.ofPiExponent(1).concatenate(MultiplyConverter.ofRational(1, DEGREES_PER_PI)));
    public static final Unit<ElectricCurrent> AMPERE = tech.units.indriya.unit.Units.AMPERE;
    public static final Unit<ElectricPotential> VOLT = tech.units.indriya.unit.Units.VOLT;
    public static final Unit<ElectricResistance> OHM = tech.units.indriya.unit.Units.OHM;
    public static final Unit<Energy> JOULE = tech.units.indriya.unit.Units.JOULE;
    public static final Unit<Energy> WATT_HOUR = new ProductUnit<>(
            tech.units.indriya.unit.Units.WATT.multiply(tech.units.indriya.unit.Units.HOUR));
    public static final Unit<Energy> KILOWATT_HOUR = MetricPrefix.KILO(WATT_HOUR);
    public static final Unit<Power> WATT = tech.units.indriya.unit.Units.WATT;
    public static final Unit<Frequency> HERTZ = tech.units.indriya.unit.Units.HERTZ;
    public static final Unit<Illuminance> LUX = tech.units.indriya.unit.Units.LUX;
    public static final Unit<Pressure> BAR = new TransformedUnit<>(tech.units.indriya.unit.Units.PASCAL,
            MultiplyConverter.ofRational(PASCAL_PER_BAR, 1));
    public static final Unit<Pressure> MILLIBAR = MetricPrefix.MILLI(BAR);
    public static final Unit<Speed> METRE_PER_SECOND = tech.units.indriya.unit.Units.METRE_PER_SECOND;
    public static final Unit<Temperature> KELVIN = tech.units.indriya.unit.Units.KELVIN;
    public static final Unit<Time> SECOND = tech.units.indriya.unit.Units.SECOND;
    public static final Unit<Time> MINUTE = tech.units.indriya.unit.Units.MINUTE;
    public static final Unit<Time> HOUR = tech.units.indriya.unit.Units.HOUR;
    public static final Unit<Time> DAY = tech.units.indriya.unit.Units.DAY;
    public static final Unit<Volume> LITRE = tech.units.indriya.unit.Units.LITRE;

    static {
        SimpleUnitFormat format = SimpleUnitFormat.getInstance();
        format.label(PARTS_PER_MILLION, "ppm");
        format.label(PARTS_PER_BILLION, "ppb");
        format.label(DECIBEL, "dB");
        format.label(DEGREE_ANGLE, "°");
        format.label(WATT_HOUR, "Wh");
        format.label(KILOWATT_HOUR, "kWh");
        format.label(BAR, "bar");
        format.label(MILLIBAR, "mbar");
    }

    private Units() {
        // constants only
    }
}
