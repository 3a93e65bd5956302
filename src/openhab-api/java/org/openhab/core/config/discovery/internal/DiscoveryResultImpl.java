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
package org.openhab.core.config.discovery.internal;

import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.core.config.discovery.DiscoveryResult;
import org.openhab.core.config.discovery.DiscoveryResultFlag;
import org.openhab.core.thing.ThingTypeUID;
import org.openhab.core.thing.ThingUID;

/**
 * Stand-in of openHAB's internal {@code DiscoveryResultImpl}: the immutable result
 * {@link org.openhab.core.config.discovery.DiscoveryResultBuilder} produces. Two results are equal when they have
 * the same thing UID, as in openHAB.
 */
@NonNullByDefault
public class DiscoveryResultImpl implements DiscoveryResult {

    private final ThingUID thingUID;
    private final ThingTypeUID thingTypeUID;
    private final @Nullable ThingUID bridgeUID;
    private final Map<String, Object> properties;
    private final @Nullable String representationProperty;
    private final String label;
    private final long timeToLive;

    public DiscoveryResultImpl(ThingTypeUID thingTypeUID, ThingUID thingUID, @Nullable ThingUID bridgeUID,
            Map<String, Object> properties, @Nullable String representationProperty, @Nullable String label,
            long timeToLive) {
        if (timeToLive < 1 && timeToLive != TTL_UNLIMITED) {
            throw new IllegalArgumentException("The ttl must not be 0 or negative!");
        }
        this.thingTypeUID = thingTypeUID;
        this.thingUID = thingUID;
        this.bridgeUID = bridgeUID;
        this.properties = Map.copyOf(properties);
        this.representationProperty = representationProperty;
        this.label = label == null ? "" : label;
        this.timeToLive = timeToLive;
    }

    @Override
    public ThingUID getThingUID() {
        return thingUID;
    }

    @Override
    public ThingTypeUID getThingTypeUID() {
        return thingTypeUID;
    }

    @Override
    public String getBindingId() {
        return thingUID.getBindingId();
    }

    @Override
    public Map<String, Object> getProperties() {
        return properties;
    }

    @Override
    public @Nullable String getRepresentationProperty() {
        return representationProperty;
    }

    @Override
    public DiscoveryResultFlag getFlag() {
        return DiscoveryResultFlag.NEW;
    }

    @Override
    public String getLabel() {
        return label;
    }

    @Override
    public @Nullable ThingUID getBridgeUID() {
        return bridgeUID;
    }

    @Override
    public long getTimeToLive() {
        return timeToLive;
    }

    @Override
    public int hashCode() {
        return thingUID.hashCode();
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        if (this == obj) {
            return true;
        }
        return obj instanceof DiscoveryResultImpl other && thingUID.equals(other.thingUID);
    }

    @Override
    public String toString() {
        return "DiscoveryResult[" + thingUID + ", type=" + thingTypeUID + ", bridge=" + bridgeUID + ", label="
                + label + ", representationProperty=" + representationProperty + ", properties="
                + properties.keySet() + ", ttl=" + timeToLive + "]";
    }
}
