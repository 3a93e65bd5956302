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
package org.openhab.binding.evaics.internal.handler;

import java.util.List;

import javax.measure.MeasurementException;
import javax.measure.Unit;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.core.library.CoreItemFactory;
import org.openhab.core.library.types.QuantityType;
import org.openhab.core.library.unit.SIUnits;
import org.openhab.core.library.unit.Units;

/**
 * The sensor's {@code unit} parameter: parses a unit symbol and names its openHAB dimension, so that the
 * {@code value} channel can accept a {@code Number:<Dimension>} item.
 * <p>
 * Units are recognised first by their system unit (which tells {@code °} (angle) from {@code %} although both are
 * dimensionless) and then by their physical dimension (which also covers products such as {@code kWh}). The table
 * holds the dimensions sensors commonly report; a unit of any other dimension is refused, so that the user learns it
 * at configuration time rather than from a link that silently drops values.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class UnitDimensions {

    private record Reference(String dimension, Unit<?> unit) {
    }

    /** openHAB dimension names with one unit of each; order matters only for units matching several. */
    private static final List<Reference> REFERENCES = List.of(new Reference("Temperature", SIUnits.CELSIUS),
            new Reference("Power", Units.WATT), new Reference("Energy", Units.JOULE),
            new Reference("Pressure", SIUnits.PASCAL), new Reference("Dimensionless", Units.ONE),
            new Reference("Angle", Units.RADIAN), new Reference("ElectricPotential", Units.VOLT),
            new Reference("ElectricCurrent", Units.AMPERE), new Reference("ElectricResistance", Units.OHM),
            new Reference("Illuminance", Units.LUX), new Reference("Length", SIUnits.METRE),
            new Reference("Area", SIUnits.SQUARE_METRE), new Reference("Volume", SIUnits.CUBIC_METRE),
            new Reference("VolumetricFlowRate", SIUnits.CUBIC_METRE.divide(Units.SECOND)),
            new Reference("Speed", Units.METRE_PER_SECOND), new Reference("Time", Units.SECOND),
            new Reference("Frequency", Units.HERTZ), new Reference("Mass", SIUnits.KILOGRAM));

    /** The dimensions the binding supports, as openHAB names them ({@code Temperature}, {@code Power} ...). */
    public static final List<String> DIMENSIONS = REFERENCES.stream().map(Reference::dimension).toList();

    private UnitDimensions() {
    }

    /**
     * @param symbol a unit symbol such as {@code °C}, {@code W}, {@code kWh}, {@code %}
     * @return the unit
     * @throws ItemConfigException if the symbol is not a unit
     */
    public static Unit<?> parse(String symbol) throws ItemConfigException {
        try {
            // the quantity parser is the one openHAB itself uses for "<number> <unit>"
            return new QuantityType<>("1 " + symbol).getUnit();
        } catch (IllegalArgumentException | MeasurementException e) {
            throw new ItemConfigException(StatusDescriptions.text(StatusDescriptions.UNKNOWN_UNIT, symbol),
                    "unknown unit symbol: " + e.getMessage());
        }
    }

    /** The openHAB dimension name of the unit ({@code Temperature}, {@code Power} ...), or null if not known. */
    public static @Nullable String dimension(Unit<?> unit) {
        Unit<?> system = unit.getSystemUnit();
        for (Reference reference : REFERENCES) {
            if (system.equals(reference.unit().getSystemUnit())) {
                return reference.dimension();
            }
        }
        for (Reference reference : REFERENCES) {
            if (unit.getDimension().equals(reference.unit().getDimension())) {
                return reference.dimension();
            }
        }
        return null;
    }

    /**
     * The item type the sensor's value channel accepts: {@code Number} without a unit, {@code Number:<Dimension>}
     * with one.
     *
     * @throws ItemConfigException if the unit's dimension is not known
     */
    public static String itemType(@Nullable Unit<?> unit, String symbol) throws ItemConfigException {
        if (unit == null) {
            return CoreItemFactory.NUMBER;
        }
        String dimension = dimension(unit);
        if (dimension == null) {
            throw new ItemConfigException(StatusDescriptions.text(StatusDescriptions.UNSUPPORTED_UNIT, symbol),
                    "no openHAB dimension for unit " + unit + " (" + unit.getDimension() + ")");
        }
        return CoreItemFactory.NUMBER + ":" + dimension;
    }
}
