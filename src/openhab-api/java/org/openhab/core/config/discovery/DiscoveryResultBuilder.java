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
package org.openhab.core.config.discovery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.core.common.AbstractUID;
import org.openhab.core.config.discovery.internal.DiscoveryResultImpl;
import org.openhab.core.thing.ThingTypeUID;
import org.openhab.core.thing.ThingUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stand-in of openHAB's {@code DiscoveryResultBuilder} (api-subset section 7). The thing type defaults to the one
 * named in the thing UID. Like openHAB it warns (but builds) when the representation property is not among the
 * properties or the thing UID does not sit under the given bridge, both mistakes of the binding.
 */
@NonNullByDefault
public class DiscoveryResultBuilder {

    private final Logger logger = LoggerFactory.getLogger(DiscoveryResultBuilder.class);

    private final ThingUID thingUID;
    private @Nullable ThingTypeUID thingTypeUID;
    private @Nullable ThingUID bridgeUID;
    private final Map<String, Object> properties = new HashMap<>();
    private @Nullable String representationProperty;
    private @Nullable String label;
    private long ttl = DiscoveryResult.TTL_UNLIMITED;

    private DiscoveryResultBuilder(ThingUID thingUID) {
        this.thingUID = thingUID;
    }

    public static DiscoveryResultBuilder create(ThingUID thingUID) {
        return new DiscoveryResultBuilder(thingUID);
    }

    public DiscoveryResultBuilder withThingType(@Nullable ThingTypeUID thingTypeUID) {
        this.thingTypeUID = thingTypeUID;
        return this;
    }

    public DiscoveryResultBuilder withProperties(@Nullable Map<String, Object> properties) {
        if (properties != null) {
            this.properties.putAll(properties);
        }
        return this;
    }

    public DiscoveryResultBuilder withProperty(String key, Object value) {
        this.properties.put(key, value);
        return this;
    }

    public DiscoveryResultBuilder withRepresentationProperty(@Nullable String representationProperty) {
        this.representationProperty = representationProperty;
        return this;
    }

    public DiscoveryResultBuilder withBridge(@Nullable ThingUID bridgeUID) {
        this.bridgeUID = bridgeUID;
        return this;
    }

    public DiscoveryResultBuilder withLabel(@Nullable String label) {
        this.label = label;
        return this;
    }

    /**
     * @param ttl seconds the result stays in the inbox, or {@link DiscoveryResult#TTL_UNLIMITED}
     * @return this builder
     */
    public DiscoveryResultBuilder withTTL(long ttl) {
        this.ttl = ttl;
        return this;
    }

    public DiscoveryResult build() {
        String representation = representationProperty;
        if (representation != null && !properties.containsKey(representation)) {
            logger.warn("Representation property '{}' of discovery result for thing '{}' is missing in the "
                    + "properties map. It has to be fixed by the binding developer.", representation, thingUID);
        }
        ThingUID bridge = bridgeUID;
        if (bridge != null) {
            List<String> expected = new ArrayList<>(bridge.getBridgeIds());
            expected.add(bridge.getId());
            if (!thingUID.getBridgeIds().equals(expected)) {
                logger.warn("Thing UID '{}' does not match bridge UID '{}'. It has to be fixed by the binding "
                        + "developer.", thingUID, bridge);
            }
        }
        ThingTypeUID type = thingTypeUID;
        if (type == null) {
            String[] segments = thingUID.getAsString().split(AbstractUID.SEPARATOR);
            type = new ThingTypeUID(segments[0], segments[1]);
        }
        return new DiscoveryResultImpl(type, thingUID, bridgeUID, properties, representationProperty, label, ttl);
    }
}
