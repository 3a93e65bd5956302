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

import static org.junit.jupiter.api.Assertions.*;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Unit symbols of the sensor configuration and the item types they give the value channel.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class UnitDimensionsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({ "°C, Number:Temperature", "K, Number:Temperature", "W, Number:Power", "kW, Number:Power",
            "kWh, Number:Energy", "Wh, Number:Energy", "J, Number:Energy", "hPa, Number:Pressure",
            "bar, Number:Pressure", "%, Number:Dimensionless", "ppm, Number:Dimensionless",
            "dB, Number:Dimensionless", "°, Number:Angle", "V, Number:ElectricPotential",
            "mA, Number:ElectricCurrent", "Ω, Number:ElectricResistance", "lx, Number:Illuminance",
            "mm, Number:Length", "m², Number:Area", "l, Number:Volume", "m³, Number:Volume",
            "m³/s, Number:VolumetricFlowRate", "m/s, Number:Speed", "km/h, Number:Speed", "s, Number:Time",
            "h, Number:Time", "Hz, Number:Frequency", "kg, Number:Mass" })
    void unitGivesItsDimension(String symbol, String itemType) throws ItemConfigException {
        assertEquals(itemType, UnitDimensions.itemType(UnitDimensions.parse(symbol), symbol));
    }

    @Test
    void noUnitGivesAPlainNumber() throws ItemConfigException {
        assertEquals("Number", UnitDimensions.itemType(null, ""));
    }

    @Test
    void unknownSymbolIsRefused() {
        ItemConfigException e = assertThrows(ItemConfigException.class, () -> UnitDimensions.parse("furlongs"));

        assertEquals("@text/offline.config-error.unknown-unit [\"furlongs\"]", e.statusDescription());
    }

    @Test
    void unitOfAnUnknownDimensionIsRefused() throws ItemConfigException {
        ItemConfigException e = assertThrows(ItemConfigException.class,
                () -> UnitDimensions.itemType(UnitDimensions.parse("kg/m"), "kg/m"));

        assertEquals("@text/offline.config-error.unsupported-unit [\"kg/m\"]", e.statusDescription());
    }
}
