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

import static org.openhab.binding.evaics.internal.EvaIcsBindingConstants.BINDING_ID;
import static org.openhab.binding.evaics.internal.handler.EvaItemConstants.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.measure.Unit;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.protocol.state.ItemState;
import org.openhab.core.library.types.StringType;
import org.openhab.core.thing.Channel;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.binding.builder.ChannelBuilder;
import org.openhab.core.thing.type.ChannelTypeUID;
import org.openhab.core.types.Command;
import org.openhab.core.types.State;
import org.openhab.core.types.UnDefType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handler of {@code evaics:sensor}: an EVA sensor (protocol.md §8.2, §9), read only.
 * <p>
 * With a {@code unit} configured, the {@code value} channel reports quantities in that unit and accepts a
 * {@code Number:<Dimension>} item: when the thing initialises, the channel gets the channel type of that dimension
 * ({@link SensorValueTypes}), with its item type and semantic tags, so that openHAB's UI shows and links the
 * dimension. Its UID, label, configuration and place among the channels stay.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public class EvaSensorHandler extends EvaItemHandler {

    private final Logger logger = LoggerFactory.getLogger(EvaSensorHandler.class);

    private volatile @Nullable Unit<?> unit;

    public EvaSensorHandler(Thing thing) {
        super(thing, TYPE_SENSOR);
    }

    @Override
    protected void configure(EvaItemConfig config) throws ItemConfigException {
        String symbol = config.unit.strip();
        Unit<?> parsed = symbol.isEmpty() ? null : UnitDimensions.parse(symbol);
        SensorValueTypes.ValueType type = SensorValueTypes.of(parsed, symbol);
        unit = parsed;
        applyValueType(type);
    }

    @Override
    protected void handleItemCommand(String channelId, Command command) {
        ignoreReadOnly(channelId, command);
    }

    @Override
    protected void updateChannels(ItemState state) {
        updateState(CHANNEL_STATUS, ChannelStates.number(state.status()));
        State value = ChannelStates.numberValue(state.value(), unit);
        if (value == UnDefType.UNDEF && !state.value().isEmpty()) {
            logger.debug("Value of {} is not a number; channel {} is UNDEF", state.oid(), CHANNEL_VALUE);
        }
        updateState(CHANNEL_VALUE, value);
        updateState(CHANNEL_VALUE_STRING, new StringType(state.value()));
    }

    /** Gives the value channel the channel type of the configured unit; changes the thing only if needed. */
    private void applyValueType(SensorValueTypes.ValueType type) {
        Channel channel = getThing().getChannel(CHANNEL_VALUE);
        ChannelTypeUID typeUID = new ChannelTypeUID(BINDING_ID, type.channelTypeId());
        // a channel openHAB created from that channel type has its item type and tags already
        if (channel == null
                || (typeUID.equals(channel.getChannelTypeUID()) && type.itemType().equals(channel.getAcceptedItemType()))) {
            return;
        }
        Channel changed = ChannelBuilder.create(channel).withType(typeUID).withAcceptedItemType(type.itemType())
                .withDefaultTags(Set.copyOf(type.tags())).build();
        List<Channel> channels = new ArrayList<>(getThing().getChannels());
        // same position, so that the UI keeps the channel order of the thing type
        channels.replaceAll(c -> c.getUID().equals(changed.getUID()) ? changed : c);
        updateThing(editThing().withoutChannels(getThing().getChannels()).withChannels(channels).build());
    }
}
