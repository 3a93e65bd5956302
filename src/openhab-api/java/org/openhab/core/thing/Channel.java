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
package org.openhab.core.thing;

import java.util.Map;
import java.util.Set;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.core.config.core.Configuration;
import org.openhab.core.thing.type.AutoUpdatePolicy;
import org.openhab.core.thing.type.ChannelKind;
import org.openhab.core.thing.type.ChannelTypeUID;

/**
 * Stand-in of openHAB's {@code Channel}: an immutable description of one channel of a thing. Instances come from
 * {@link org.openhab.core.thing.binding.builder.ChannelBuilder}.
 */
@NonNullByDefault
public class Channel {

    private final ChannelUID uid;
    private final @Nullable ChannelTypeUID channelTypeUID;
    private final @Nullable String acceptedItemType;
    private final ChannelKind kind;
    private final Configuration configuration;
    private final Set<String> defaultTags;
    private final Map<String, String> properties;
    private final @Nullable String label;
    private final @Nullable String description;
    private final @Nullable AutoUpdatePolicy autoUpdatePolicy;

    protected Channel(ChannelUID uid, @Nullable ChannelTypeUID channelTypeUID, @Nullable String acceptedItemType,
            ChannelKind kind, @Nullable Configuration configuration, Set<String> defaultTags,
            @Nullable Map<String, String> properties, @Nullable String label, @Nullable String description,
            @Nullable AutoUpdatePolicy autoUpdatePolicy) {
        this.uid = uid;
        this.channelTypeUID = channelTypeUID;
        this.acceptedItemType = acceptedItemType;
        this.kind = kind;
        this.configuration = configuration == null ? new Configuration() : configuration;
        this.defaultTags = Set.copyOf(defaultTags);
        this.properties = properties == null ? Map.of() : Map.copyOf(properties);
        this.label = label;
        this.description = description;
        this.autoUpdatePolicy = autoUpdatePolicy;
    }

    public @Nullable String getAcceptedItemType() {
        return acceptedItemType;
    }

    public ChannelKind getKind() {
        return kind;
    }

    public ChannelUID getUID() {
        return uid;
    }

    public @Nullable ChannelTypeUID getChannelTypeUID() {
        return channelTypeUID;
    }

    public @Nullable String getLabel() {
        return label;
    }

    public @Nullable String getDescription() {
        return description;
    }

    public Configuration getConfiguration() {
        return configuration;
    }

    public Map<String, String> getProperties() {
        return properties;
    }

    public Set<String> getDefaultTags() {
        return defaultTags;
    }

    public @Nullable AutoUpdatePolicy getAutoUpdatePolicy() {
        return autoUpdatePolicy;
    }

    @Override
    public String toString() {
        return "Channel[" + uid + ", kind=" + kind + ", itemType=" + acceptedItemType + ", type=" + channelTypeUID
                + "]";
    }
}
