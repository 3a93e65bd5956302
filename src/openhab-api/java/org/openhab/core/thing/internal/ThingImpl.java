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
package org.openhab.core.thing.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.core.config.core.Configuration;
import org.openhab.core.thing.Channel;
import org.openhab.core.thing.ChannelUID;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusDetail;
import org.openhab.core.thing.ThingStatusInfo;
import org.openhab.core.thing.ThingTypeUID;
import org.openhab.core.thing.ThingUID;
import org.openhab.core.thing.binding.ThingHandler;

/**
 * Stand-in of openHAB's internal {@code ThingImpl}: the mutable thing the builders produce. Like the real one it is
 * identified by its UID ({@link #equals(Object)}), starts {@code UNINITIALIZED} and is enabled unless its status
 * detail is {@code DISABLED}.
 */
@NonNullByDefault
public class ThingImpl implements Thing {

    private final ThingUID uid;
    private final ThingTypeUID thingTypeUID;
    private @Nullable String label;
    private @Nullable ThingUID bridgeUID;
    private List<Channel> channels = List.of();
    private Configuration configuration = new Configuration();
    private final Map<String, String> properties = new HashMap<>();
    private @Nullable String location;
    private volatile ThingStatusInfo status = new ThingStatusInfo(ThingStatus.UNINITIALIZED, ThingStatusDetail.NONE,
            null);
    private volatile @Nullable ThingHandler handler;

    public ThingImpl(ThingTypeUID thingTypeUID, ThingUID thingUID) {
        this.thingTypeUID = thingTypeUID;
        this.uid = thingUID;
    }

    @Override
    public synchronized @Nullable String getLabel() {
        return label;
    }

    @Override
    public synchronized void setLabel(@Nullable String label) {
        this.label = label;
    }

    @Override
    public synchronized List<Channel> getChannels() {
        return channels;
    }

    /**
     * @param channels the new channels (copied)
     */
    public synchronized void setChannels(List<Channel> channels) {
        this.channels = List.copyOf(channels);
    }

    @Override
    public synchronized List<Channel> getChannelsOfGroup(String channelGroupId) {
        List<Channel> result = new ArrayList<>();
        for (Channel channel : channels) {
            if (channelGroupId.equals(channel.getUID().getGroupId())) {
                result.add(channel);
            }
        }
        return List.copyOf(result);
    }

    @Override
    public synchronized @Nullable Channel getChannel(String channelId) {
        for (Channel channel : channels) {
            if (channel.getUID().getId().equals(channelId)) {
                return channel;
            }
        }
        return null;
    }

    @Override
    public synchronized @Nullable Channel getChannel(ChannelUID channelUID) {
        for (Channel channel : channels) {
            if (channel.getUID().equals(channelUID)) {
                return channel;
            }
        }
        return null;
    }

    @Override
    public ThingStatus getStatus() {
        return status.getStatus();
    }

    @Override
    public ThingStatusInfo getStatusInfo() {
        return status;
    }

    @Override
    public void setStatusInfo(ThingStatusInfo status) {
        this.status = status;
    }

    @Override
    public void setHandler(@Nullable ThingHandler thingHandler) {
        this.handler = thingHandler;
    }

    @Override
    public @Nullable ThingHandler getHandler() {
        return handler;
    }

    @Override
    public synchronized @Nullable ThingUID getBridgeUID() {
        return bridgeUID;
    }

    @Override
    public synchronized void setBridgeUID(@Nullable ThingUID bridgeUID) {
        this.bridgeUID = bridgeUID;
    }

    @Override
    public synchronized Configuration getConfiguration() {
        return configuration;
    }

    /**
     * @param configuration the new configuration; null gives an empty one
     */
    public synchronized void setConfiguration(@Nullable Configuration configuration) {
        this.configuration = configuration == null ? new Configuration() : configuration;
    }

    @Override
    public ThingUID getUID() {
        return uid;
    }

    @Override
    public ThingTypeUID getThingTypeUID() {
        return thingTypeUID;
    }

    @Override
    public synchronized Map<String, String> getProperties() {
        return Map.copyOf(properties);
    }

    @Override
    public synchronized @Nullable String setProperty(String name, @Nullable String value) {
        return value == null ? properties.remove(name) : properties.put(name, value);
    }

    @Override
    public synchronized void setProperties(Map<String, String> properties) {
        this.properties.clear();
        this.properties.putAll(properties);
    }

    @Override
    public synchronized @Nullable String getLocation() {
        return location;
    }

    @Override
    public synchronized void setLocation(@Nullable String location) {
        this.location = location;
    }

    @Override
    public boolean isEnabled() {
        return status.getStatusDetail() != ThingStatusDetail.DISABLED;
    }

    @Override
    public int hashCode() {
        return uid.hashCode();
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        if (this == obj) {
            return true;
        }
        return obj != null && getClass() == obj.getClass() && uid.equals(((ThingImpl) obj).uid);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + uid + ", status=" + status + "]";
    }
}
