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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.core.config.core.Configuration;
import org.openhab.core.thing.Channel;
import org.openhab.core.thing.ChannelUID;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingTypeUID;
import org.openhab.core.thing.ThingUID;
import org.openhab.core.thing.internal.ThingImpl;

/**
 * Stand-in of openHAB's {@code ThingBuilder} (api-subset section 4). Channels must belong to the thing being built
 * and their UIDs must be unique, otherwise {@link IllegalArgumentException}. The usual way to add a channel at run
 * time is {@code updateThing(editThing().withoutChannel(uid).withChannel(channel).build())}.
 */
@NonNullByDefault
public class ThingBuilder {

    protected final ThingUID thingUID;
    protected final ThingTypeUID thingTypeUID;
    private @Nullable String label;
    private final List<Channel> channels = new ArrayList<>();
    private @Nullable Configuration configuration;
    private @Nullable ThingUID bridgeUID;
    private final Map<String, String> properties = new HashMap<>();
    private @Nullable String location;

    protected ThingBuilder(ThingTypeUID thingTypeUID, ThingUID thingUID) {
        this.thingUID = thingUID;
        this.thingTypeUID = thingTypeUID;
    }

    public static ThingBuilder create(ThingTypeUID thingTypeUID, String thingId) {
        return new ThingBuilder(thingTypeUID, new ThingUID(thingTypeUID, thingId));
    }

    public static ThingBuilder create(ThingTypeUID thingTypeUID, ThingUID thingUID) {
        return new ThingBuilder(thingTypeUID, thingUID);
    }

    /**
     * @param thing the thing to start from
     * @return a builder pre-filled with a copy of the thing's attributes
     */
    public static ThingBuilder create(Thing thing) {
        ThingBuilder builder = new ThingBuilder(thing.getThingTypeUID(), thing.getUID());
        builder.copyFrom(thing);
        return builder;
    }

    void copyFrom(Thing thing) {
        withLabel(thing.getLabel());
        withChannels(thing.getChannels());
        withConfiguration(new Configuration(thing.getConfiguration()));
        withBridge(thing.getBridgeUID());
        withProperties(thing.getProperties());
        withLocation(thing.getLocation());
    }

    public Thing build() {
        return fill(new ThingImpl(thingTypeUID, thingUID));
    }

    <T extends ThingImpl> T fill(T thing) {
        thing.setLabel(label);
        thing.setChannels(channels);
        thing.setConfiguration(configuration);
        thing.setBridgeUID(bridgeUID);
        thing.setProperties(properties);
        thing.setLocation(location);
        return thing;
    }

    public ThingBuilder withLabel(@Nullable String label) {
        this.label = label;
        return this;
    }

    /**
     * @param channel a channel of this thing
     * @return this builder
     * @throws IllegalArgumentException if the channel belongs to another thing or its UID is already present
     */
    public ThingBuilder withChannel(Channel channel) {
        checkOwnership(List.of(channel));
        for (Channel existing : channels) {
            if (existing.getUID().equals(channel.getUID())) {
                throw new IllegalArgumentException("Channel " + channel.getUID() + " is already present");
            }
        }
        channels.add(channel);
        return this;
    }

    /**
     * Replaces all channels.
     *
     * @param channels channels of this thing with unique UIDs
     * @return this builder
     */
    public ThingBuilder withChannels(Channel... channels) {
        return withChannels(Arrays.asList(channels));
    }

    /**
     * Replaces all channels.
     *
     * @param channels channels of this thing with unique UIDs
     * @return this builder
     */
    public ThingBuilder withChannels(List<Channel> channels) {
        checkOwnership(channels);
        Set<ChannelUID> seen = new HashSet<>();
        for (Channel channel : channels) {
            if (!seen.add(channel.getUID())) {
                throw new IllegalArgumentException("Duplicate channel " + channel.getUID());
            }
        }
        this.channels.clear();
        this.channels.addAll(channels);
        return this;
    }

    private void checkOwnership(List<Channel> candidates) {
        for (Channel channel : candidates) {
            if (!thingUID.equals(channel.getUID().getThingUID())) {
                throw new IllegalArgumentException(
                        "Channel UID '" + channel.getUID() + "' does not match thing UID '" + thingUID + "'");
            }
        }
    }

    public ThingBuilder withoutChannel(ChannelUID channelUID) {
        channels.removeIf(channel -> channel.getUID().equals(channelUID));
        return this;
    }

    public ThingBuilder withoutChannels(Channel... channels) {
        return withoutChannels(Arrays.asList(channels));
    }

    public ThingBuilder withoutChannels(List<Channel> channels) {
        for (Channel channel : channels) {
            withoutChannel(channel.getUID());
        }
        return this;
    }

    public ThingBuilder withConfiguration(Configuration configuration) {
        this.configuration = configuration;
        return this;
    }

    public ThingBuilder withBridge(@Nullable ThingUID bridgeUID) {
        this.bridgeUID = bridgeUID;
        return this;
    }

    public ThingBuilder withProperty(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /**
     * Replaces all properties.
     *
     * @param properties the new properties
     * @return this builder
     */
    public ThingBuilder withProperties(Map<String, String> properties) {
        this.properties.clear();
        this.properties.putAll(properties);
        return this;
    }

    public ThingBuilder withLocation(@Nullable String location) {
        this.location = location;
        return this;
    }
}
