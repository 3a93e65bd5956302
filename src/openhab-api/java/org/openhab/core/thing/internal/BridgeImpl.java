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

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.core.thing.Bridge;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingTypeUID;
import org.openhab.core.thing.ThingUID;
import org.openhab.core.thing.binding.BridgeHandler;
import org.openhab.core.thing.binding.ThingHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stand-in of openHAB's internal {@code BridgeImpl}. In openHAB the thing manager attaches a thing to its bridge
 * with {@link #addThing(Thing)} when the thing is added and detaches it with {@link #removeThing(Thing)}; tests do the
 * same to give a bridge children.
 */
@NonNullByDefault
public class BridgeImpl extends ThingImpl implements Bridge {

    private final Logger logger = LoggerFactory.getLogger(BridgeImpl.class);

    private final Map<ThingUID, Thing> things = new ConcurrentHashMap<>();

    public BridgeImpl(ThingTypeUID thingTypeUID, ThingUID thingUID) {
        super(thingTypeUID, thingUID);
    }

    /**
     * @param thing the child to attach (replaces a child with the same UID)
     */
    public void addThing(Thing thing) {
        things.put(thing.getUID(), thing);
    }

    /**
     * @param thing the child to detach
     */
    public void removeThing(Thing thing) {
        things.remove(thing.getUID());
    }

    @Override
    public @Nullable Thing getThing(ThingUID thingUID) {
        return things.get(thingUID);
    }

    @Override
    public List<Thing> getThings() {
        return List.copyOf(things.values());
    }

    @Override
    public @Nullable BridgeHandler getHandler() {
        ThingHandler handler = super.getHandler();
        if (handler == null || handler instanceof BridgeHandler) {
            return (BridgeHandler) handler;
        }
        logger.warn("Handler {} of bridge {} does not implement BridgeHandler", handler.getClass().getName(),
                getUID());
        return null;
    }
}
