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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.measure.Unit;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.core.library.CoreItemFactory;
import org.openhab.core.library.unit.Units;

/**
 * The channel type of a sensor's {@code value} channel: one per dimension the binding supports, declared in
 * {@code items.xml}, so that openHAB's UI shows and links the configured dimension ({@code Number:Temperature} for
 * {@code °C}) and "Add equipment from thing" tags the item as a measurement of its property. The sensor handler puts
 * the type that fits the configured unit on the channel; without a unit the channel keeps {@link #PLAIN}.
 * <p>
 * {@code %} and {@code ppm} have types of their own: they are dimensionless, and an item of the plain dimensionless
 * type would show them in openHAB's default dimensionless unit (0.45 instead of 45 %); their types carry the unit
 * hint that the UI gives a new item.
 * <p>
 * The tags are openHAB's semantic point and property tags that both openHAB 4.3 and 5.x know (the descriptor tests
 * check them against both tag lists).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class SensorValueTypes {

    /** One channel type of the value channel. */
    public record ValueType(String channelTypeId, String itemType, List<String> tags) {
    }

    public static final String POINT_TAG = "Measurement";
    public static final String PLAIN = "sensor-value";
    static final String PERCENT = "sensor-value-percent";
    static final String PPM = "sensor-value-ppm";
    private static final String DIMENSIONLESS = "Dimensionless";

    /** The semantic property of each dimension that has one in both openHAB 4.3 and 5.x. */
    private static final Map<String, String> PROPERTY_TAGS = Map.of("Temperature", "Temperature", "Power", "Power",
            "Energy", "Energy", "Pressure", "Pressure", "ElectricPotential", "Voltage", "ElectricCurrent", "Current",
            "Illuminance", "Light", "Time", "Duration", "Frequency", "Frequency");

    /** Every channel type of the value channel, by id. */
    public static final Map<String, ValueType> TYPES = types();

    private SensorValueTypes() {
    }

    /**
     * The channel type for the configured unit.
     *
     * @param unit the parsed unit, null for none
     * @param symbol the unit as configured, for the status description
     * @throws ItemConfigException if the unit's dimension is not supported
     */
    public static ValueType of(@Nullable Unit<?> unit, String symbol) throws ItemConfigException {
        String itemType = UnitDimensions.itemType(unit, symbol);
        String id;
        if (unit == null) {
            id = PLAIN;
        } else if (Units.PERCENT.equals(unit)) {
            id = PERCENT;
        } else if (Units.PARTS_PER_MILLION.equals(unit)) {
            id = PPM;
        } else {
            id = idOf(itemType.substring(CoreItemFactory.NUMBER.length() + 1));
        }
        ValueType type = TYPES.get(id);
        if (type == null) {
            // UnitDimensions knows a dimension this table does not: a programming error, caught by the tests
            throw new IllegalStateException("no channel type " + id + " for " + itemType);
        }
        return type;
    }

    private static Map<String, ValueType> types() {
        Map<String, ValueType> types = new LinkedHashMap<>();
        types.put(PLAIN, new ValueType(PLAIN, CoreItemFactory.NUMBER, List.of(POINT_TAG)));
        for (String dimension : UnitDimensions.DIMENSIONS) {
            String property = PROPERTY_TAGS.get(dimension);
            List<String> tags = property == null ? List.of(POINT_TAG) : List.of(POINT_TAG, property);
            String id = idOf(dimension);
            types.put(id, new ValueType(id, CoreItemFactory.NUMBER + ":" + dimension, tags));
        }
        String dimensionless = CoreItemFactory.NUMBER + ":" + DIMENSIONLESS;
        types.put(PERCENT, new ValueType(PERCENT, dimensionless, List.of(POINT_TAG)));
        types.put(PPM, new ValueType(PPM, dimensionless, List.of(POINT_TAG)));
        return Map.copyOf(types);
    }

    /** {@code sensor-value-electric-potential} for {@code ElectricPotential}. */
    static String idOf(String dimension) {
        return PLAIN + "-" + dimension.replaceAll("(?<=[a-z])(?=[A-Z])", "-").toLowerCase(Locale.ROOT);
    }
}
