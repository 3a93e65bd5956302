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

import javax.measure.Unit;
import javax.measure.quantity.Area;
import javax.measure.quantity.Length;
import javax.measure.quantity.Mass;
import javax.measure.quantity.Pressure;
import javax.measure.quantity.Speed;
import javax.measure.quantity.Temperature;
import javax.measure.quantity.Volume;

import org.eclipse.jdt.annotation.NonNullByDefault;

import tech.units.indriya.format.SimpleUnitFormat;

/**
 * Stand-in of openHAB's {@code SIUnits}: the SI units openHAB exposes under this name (those present in both 4.3 and
 * 5.x), backed by the indriya reference implementation. Like openHAB, Celsius is written {@code °C}.
 */
@NonNullByDefault
public final class SIUnits {

    public static final Unit<Temperature> CELSIUS = tech.units.indriya.unit.Units.CELSIUS;
    public static final Unit<Speed> KILOMETRE_PER_HOUR = tech.units.indriya.unit.Units.KILOMETRE_PER_HOUR;
    public static final Unit<Length> METRE = tech.units.indriya.unit.Units.METRE;
    public static final Unit<Mass> KILOGRAM = tech.units.indriya.unit.Units.KILOGRAM;
    public static final Unit<Mass> GRAM = tech.units.indriya.unit.Units.GRAM;
    public static final Unit<Area> SQUARE_METRE = tech.units.indriya.unit.Units.SQUARE_METRE;
    public static final Unit<Volume> CUBIC_METRE = tech.units.indriya.unit.Units.CUBIC_METRE;
    public static final Unit<Pressure> PASCAL = tech.units.indriya.unit.Units.PASCAL;

    static {
        // indriya writes ℃; openHAB (and EVA payloads) use the two-character form
        SimpleUnitFormat.getInstance().label(CELSIUS, "°C");
    }

    private SIUnits() {
        // constants only
    }
}
