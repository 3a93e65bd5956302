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
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.*;
import static org.openhab.binding.evaics.internal.EvaIcsBindingConstants.*;
import static org.openhab.binding.evaics.internal.handler.EvaItemConstants.*;
import static org.openhab.binding.evaics.internal.handler.ItemHandlerHarness.channel;
import static org.openhab.binding.evaics.internal.handler.ItemHandlerHarness.state;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.core.config.core.Configuration;
import org.openhab.core.library.types.DecimalType;
import org.openhab.core.library.types.QuantityType;
import org.openhab.core.library.types.StringType;
import org.openhab.core.library.unit.SIUnits;
import org.openhab.core.library.unit.Units;
import org.openhab.core.thing.Channel;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusDetail;
import org.openhab.core.thing.binding.builder.ThingBuilder;
import org.openhab.core.thing.type.ChannelTypeUID;
import org.openhab.core.types.RefreshType;
import org.openhab.core.types.State;
import org.openhab.core.types.UnDefType;

/**
 * The sensor thing (protocol.md §9): read-only channels, numbers with the configured unit, and a value channel whose
 * item type follows that unit.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class EvaSensorHandlerTest {

    private static final Oid TEMP = Oid.parse("sensor:env/temp1");

    private final ItemHandlerHarness harness = new ItemHandlerHarness();

    private EvaSensorHandler sensor(String unit) {
        return harness.start(new EvaSensorHandler(
                harness.thing(THING_TYPE_SENSOR, Map.of(CONFIG_ID, "env/temp1", CONFIG_UNIT, unit))));
    }

    @Test
    void valueWithAUnitIsAQuantityInThatUnit() {
        EvaSensorHandler handler = sensor("°C");

        handler.stateReported(state(TEMP, 1, "21.5"));

        assertEquals(new QuantityType<>(21.5, SIUnits.CELSIUS), harness.lastState(handler.getThing(), CHANNEL_VALUE));
        State value = Objects.requireNonNull(harness.lastState(handler.getThing(), CHANNEL_VALUE));
        assertEquals(SIUnits.CELSIUS, ((QuantityType<?>) value).getUnit());
    }

    @Test
    void percentValueIsAPercentQuantity() {
        EvaSensorHandler handler = sensor("%");

        handler.stateReported(state(TEMP, 1, "45"));

        assertEquals(new QuantityType<>(45, Units.PERCENT), harness.lastState(handler.getThing(), CHANNEL_VALUE));
    }

    @Test
    void valueWithoutAUnitIsAPlainNumber() {
        EvaSensorHandler handler = sensor("");

        handler.stateReported(state(TEMP, 1, "21.5"));

        assertEquals(new DecimalType("21.5"), harness.lastState(handler.getThing(), CHANNEL_VALUE));
        assertEquals(new DecimalType(1), harness.lastState(handler.getThing(), CHANNEL_STATUS));
        assertEquals(new StringType("21.5"), harness.lastState(handler.getThing(), CHANNEL_VALUE_STRING));
        assertEquals(ThingStatus.ONLINE, handler.getThing().getStatus());
    }

    @Test
    void emptyValueIsUndefOnTheNumberAndEmptyOnTheString() {
        EvaSensorHandler handler = sensor("W");

        handler.stateReported(state(TEMP, -1, ""));

        assertEquals(UnDefType.UNDEF, harness.lastState(handler.getThing(), CHANNEL_VALUE));
        assertEquals(new StringType(""), harness.lastState(handler.getThing(), CHANNEL_VALUE_STRING));
        assertEquals(new DecimalType(-1), harness.lastState(handler.getThing(), CHANNEL_STATUS));
    }

    @Test
    void valueThatIsNoNumberIsUndefAndKeptAsString() {
        EvaSensorHandler handler = sensor("");

        handler.stateReported(state(TEMP, 1, "open"));

        assertEquals(UnDefType.UNDEF, harness.lastState(handler.getThing(), CHANNEL_VALUE));
        assertEquals(new StringType("open"), harness.lastState(handler.getThing(), CHANNEL_VALUE_STRING));
    }

    @Test
    void missingStatusIsUndef() {
        EvaSensorHandler handler = sensor("");

        handler.stateReported(state(TEMP, null, "3"));

        assertEquals(UnDefType.UNDEF, harness.lastState(handler.getThing(), CHANNEL_STATUS));
    }

    @Test
    void unitMakesTheValueChannelAcceptItsDimension() {
        EvaSensorHandler handler = sensor("kWh");

        assertEquals("Number:Energy", ItemHandlerHarness.itemType(handler.getThing(), CHANNEL_VALUE));
        verify(harness.callback, atLeastOnce()).thingUpdated(handler.getThing());
    }

    @Test
    void changedValueChannelKeepsItsPlaceAndAttributes() {
        Thing original = harness.thing(THING_TYPE_SENSOR, Map.of(CONFIG_ID, "env/temp1", CONFIG_UNIT, "°C"));
        Channel before = original.getChannel(CHANNEL_VALUE);
        assertNotNull(before);

        EvaSensorHandler handler = harness.start(new EvaSensorHandler(original));

        List<String> ids = handler.getThing().getChannels().stream().map(c -> c.getUID().getId()).toList();
        assertEquals(List.of(CHANNEL_STATUS, CHANNEL_VALUE, CHANNEL_VALUE_STRING), ids);
        Channel after = handler.getThing().getChannel(CHANNEL_VALUE);
        assertNotNull(after);
        assertEquals("Number:Temperature", after.getAcceptedItemType());
        assertEquals(new ChannelTypeUID("evaics", "sensor-value-temperature"), after.getChannelTypeUID());
        assertEquals(Set.of("Measurement", "Temperature"), after.getDefaultTags());
        assertEquals(before.getLabel(), after.getLabel());
    }

    @ParameterizedTest
    @CsvSource({ "%, sensor-value-percent, Number:Dimensionless", "ppm, sensor-value-ppm, Number:Dimensionless",
            "m³, sensor-value-volume, Number:Volume", "kWh, sensor-value-energy, Number:Energy" })
    void unitPicksTheChannelTypeOfItsDimension(String unit, String channelType, String itemType) {
        EvaSensorHandler handler = sensor(unit);

        Channel value = handler.getThing().getChannel(CHANNEL_VALUE);
        assertNotNull(value);
        assertEquals(new ChannelTypeUID("evaics", channelType), value.getChannelTypeUID());
        assertEquals(itemType, value.getAcceptedItemType());
    }

    @Test
    void removedUnitGivesTheChannelThePlainTypeBack() {
        Thing withUnit = harness.start(new EvaSensorHandler(
                harness.thing(THING_TYPE_SENSOR, Map.of(CONFIG_ID, "env/temp1", CONFIG_UNIT, "°C")))).getThing();
        Thing plain = ThingBuilder.create(withUnit.getThingTypeUID(), withUnit.getUID())
                .withBridge(withUnit.getBridgeUID()).withChannels(withUnit.getChannels())
                .withConfiguration(new Configuration(Map.of(CONFIG_ID, "env/temp1"))).build();

        EvaSensorHandler handler = harness.start(new EvaSensorHandler(plain));

        Channel value = handler.getThing().getChannel(CHANNEL_VALUE);
        assertNotNull(value);
        assertEquals(new ChannelTypeUID("evaics", "sensor-value"), value.getChannelTypeUID());
        assertEquals("Number", value.getAcceptedItemType());
        assertEquals(Set.of("Measurement"), value.getDefaultTags());
    }

    @Test
    void valueChannelThatAlreadyFitsIsLeftAlone() {
        Thing original = harness.thing(THING_TYPE_SENSOR, Map.of(CONFIG_ID, "env/temp1"));

        EvaSensorHandler handler = harness.start(new EvaSensorHandler(original));

        assertSame(original, handler.getThing());
        assertEquals("Number", ItemHandlerHarness.itemType(handler.getThing(), CHANNEL_VALUE));
    }

    @Test
    void unknownUnitIsAConfigurationError() {
        EvaSensorHandler handler = sensor("furlongs");

        assertEquals(ThingStatusDetail.CONFIGURATION_ERROR, handler.getThing().getStatusInfo().getStatusDetail());
        assertEquals("@text/offline.config-error.unknown-unit [\"furlongs\"]",
                handler.getThing().getStatusInfo().getDescription());
        assertTrue(harness.controller.registered.isEmpty());
    }

    @Test
    void unitOfAnUnsupportedDimensionIsAConfigurationError() {
        EvaSensorHandler handler = sensor("kg/m");

        assertEquals(ThingStatusDetail.CONFIGURATION_ERROR, handler.getThing().getStatusInfo().getStatusDetail());
        assertEquals("@text/offline.config-error.unsupported-unit [\"kg/m\"]",
                handler.getThing().getStatusInfo().getDescription());
    }

    @Test
    void commandsOtherThanRefreshAreIgnored() {
        EvaSensorHandler handler = sensor("");
        clearInvocations(harness.api);

        handler.handleCommand(channel(handler.getThing(), CHANNEL_VALUE), new DecimalType(3));
        handler.handleCommand(channel(handler.getThing(), CHANNEL_STATUS), new DecimalType(0));

        verifyNoInteractions(harness.api);
    }

    @Test
    void refreshAsksForTheSensorState() {
        EvaSensorHandler handler = sensor("");
        harness.stateCalls.get(0).complete(state(TEMP, 1, "1"));

        handler.handleCommand(channel(handler.getThing(), CHANNEL_VALUE), RefreshType.REFRESH);

        verify(harness.api, times(2)).state(TEMP);
        verify(harness.api, never()).action(any(), org.mockito.ArgumentMatchers.anyInt(), any());
    }
}
