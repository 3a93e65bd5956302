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

import java.util.Map;
import java.util.Set;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.core.config.core.Configuration;
import org.openhab.core.thing.Channel;
import org.openhab.core.thing.ChannelUID;
import org.openhab.core.thing.type.AutoUpdatePolicy;
import org.openhab.core.thing.type.ChannelKind;
import org.openhab.core.thing.type.ChannelTypeUID;

/**
 * Stand-in of openHAB's {@code ChannelBuilder}: builds {@link Channel}s (api-subset section 4). A trigger channel is
 * built with {@code withKind(ChannelKind.TRIGGER)} and no accepted item type.
 */
@NonNullByDefault
public class ChannelBuilder {

    private final ChannelUID channelUID;
    private @Nullable String acceptedItemType;
    private ChannelKind kind = ChannelKind.STATE;
    private @Nullable Configuration configuration;
    private Set<String> defaultTags = Set.of();
    private @Nullable Map<String, String> properties;
    private @Nullable String label;
    private @Nullable String description;
    private @Nullable ChannelTypeUID channelTypeUID;
    private @Nullable AutoUpdatePolicy autoUpdatePolicy;

    private ChannelBuilder(ChannelUID channelUID, @Nullable String acceptedItemType) {
        this.channelUID = channelUID;
        this.acceptedItemType = acceptedItemType;
    }

    public static ChannelBuilder create(ChannelUID channelUID) {
        return new ChannelBuilder(channelUID, null);
    }

    public static ChannelBuilder create(ChannelUID channelUID, @Nullable String acceptedItemType) {
        return new ChannelBuilder(channelUID, acceptedItemType);
    }

    /**
     * @param channel the channel to start from; all its attributes are taken over
     * @return a builder for a modified copy
     */
    public static ChannelBuilder create(Channel channel) {
        ChannelBuilder builder = new ChannelBuilder(channel.getUID(), channel.getAcceptedItemType());
        builder.channelTypeUID = channel.getChannelTypeUID();
        builder.kind = channel.getKind();
        builder.configuration = new Configuration(channel.getConfiguration());
        builder.defaultTags = channel.getDefaultTags();
        builder.properties = channel.getProperties();
        builder.label = channel.getLabel();
        builder.description = channel.getDescription();
        builder.autoUpdatePolicy = channel.getAutoUpdatePolicy();
        return builder;
    }

    public ChannelBuilder withType(@Nullable ChannelTypeUID channelTypeUID) {
        this.channelTypeUID = channelTypeUID;
        return this;
    }

    public ChannelBuilder withConfiguration(Configuration configuration) {
        this.configuration = configuration;
        return this;
    }

    public ChannelBuilder withProperties(Map<String, String> properties) {
        this.properties = properties;
        return this;
    }

    public ChannelBuilder withLabel(String label) {
        this.label = label;
        return this;
    }

    public ChannelBuilder withDescription(String description) {
        this.description = description;
        return this;
    }

    public ChannelBuilder withDefaultTags(Set<String> defaultTags) {
        this.defaultTags = defaultTags;
        return this;
    }

    public ChannelBuilder withKind(ChannelKind kind) {
        this.kind = kind;
        return this;
    }

    public ChannelBuilder withAcceptedItemType(@Nullable String acceptedItemType) {
        this.acceptedItemType = acceptedItemType;
        return this;
    }

    public ChannelBuilder withAutoUpdatePolicy(@Nullable AutoUpdatePolicy policy) {
        this.autoUpdatePolicy = policy;
        return this;
    }

    public Channel build() {
        return new BuiltChannel(channelUID, channelTypeUID, acceptedItemType, kind, configuration, defaultTags,
                properties, label, description, autoUpdatePolicy);
    }

    /** Channel's constructor is protected; openHAB's builder reaches it through a private subclass as well. */
    private static final class BuiltChannel extends Channel {
        BuiltChannel(ChannelUID uid, @Nullable ChannelTypeUID channelTypeUID, @Nullable String acceptedItemType,
                ChannelKind kind, @Nullable Configuration configuration, Set<String> defaultTags,
                @Nullable Map<String, String> properties, @Nullable String label, @Nullable String description,
                @Nullable AutoUpdatePolicy autoUpdatePolicy) {
            super(uid, channelTypeUID, acceptedItemType, kind, configuration, defaultTags, properties, label,
                    description, autoUpdatePolicy);
        }
    }
}
