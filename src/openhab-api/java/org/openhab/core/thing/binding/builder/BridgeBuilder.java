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
package org.openhab.core.thing.binding.builder;

import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.core.config.core.Configuration;
import org.openhab.core.thing.Bridge;
import org.openhab.core.thing.Channel;
import org.openhab.core.thing.ChannelUID;
import org.openhab.core.thing.ThingTypeUID;
import org.openhab.core.thing.ThingUID;
import org.openhab.core.thing.internal.BridgeImpl;

/**
 * Stand-in of openHAB's {@code BridgeBuilder}: a {@link ThingBuilder} whose methods return {@code BridgeBuilder} and
 * that builds a {@link Bridge}. Children are not part of the copy; openHAB (and tests) attach them to the built
 * {@link BridgeImpl}.
 */
@NonNullByDefault
public class BridgeBuilder extends ThingBuilder {

    protected BridgeBuilder(ThingTypeUID thingTypeUID, ThingUID thingUID) {
        super(thingTypeUID, thingUID);
    }

    public static BridgeBuilder create(ThingTypeUID thingTypeUID, String bridgeId) {
        return new BridgeBuilder(thingTypeUID, new ThingUID(thingTypeUID, bridgeId));
    }

    public static BridgeBuilder create(ThingTypeUID thingTypeUID, ThingUID thingUID) {
        return new BridgeBuilder(thingTypeUID, thingUID);
    }

    /**
     * @param bridge the bridge to start from
     * @return a builder pre-filled with a copy of the bridge's attributes
     */
    public static BridgeBuilder create(Bridge bridge) {
        BridgeBuilder builder = new BridgeBuilder(bridge.getThingTypeUID(), bridge.getUID());
        builder.copyFrom(bridge);
        return builder;
    }

    @Override
    public Bridge build() {
        return fill(new BridgeImpl(thingTypeUID, thingUID));
    }

    @Override
    public BridgeBuilder withLabel(@Nullable String label) {
        super.withLabel(label);
        return this;
    }

    @Override
    public BridgeBuilder withChannel(Channel channel) {
        super.withChannel(channel);
        return this;
    }

    @Override
    public BridgeBuilder withChannels(Channel... channels) {
        super.withChannels(channels);
        return this;
    }

    @Override
    public BridgeBuilder withChannels(List<Channel> channels) {
        super.withChannels(channels);
        return this;
    }

    @Override
    public BridgeBuilder withoutChannel(ChannelUID channelUID) {
        super.withoutChannel(channelUID);
        return this;
    }

    @Override
    public BridgeBuilder withoutChannels(Channel... channels) {
        super.withoutChannels(channels);
        return this;
    }

    @Override
    public BridgeBuilder withoutChannels(List<Channel> channels) {
        super.withoutChannels(channels);
        return this;
    }

    @Override
    public BridgeBuilder withConfiguration(Configuration configuration) {
        super.withConfiguration(configuration);
        return this;
    }

    @Override
    public BridgeBuilder withBridge(@Nullable ThingUID bridgeUID) {
        super.withBridge(bridgeUID);
        return this;
    }

    @Override
    public BridgeBuilder withProperty(String key, String value) {
        super.withProperty(key, value);
        return this;
    }

    @Override
    public BridgeBuilder withProperties(Map<String, String> properties) {
        super.withProperties(properties);
        return this;
    }

    @Override
    public BridgeBuilder withLocation(@Nullable String location) {
        super.withLocation(location);
        return this;
    }
}
