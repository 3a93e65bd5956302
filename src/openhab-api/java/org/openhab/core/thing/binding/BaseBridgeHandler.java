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
package org.openhab.core.thing.binding;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.core.thing.Bridge;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.binding.builder.BridgeBuilder;

/**
 * Stand-in of openHAB's {@code BaseBridgeHandler}: a {@link BaseThingHandler} for a {@link Bridge}. Children are
 * reached through {@code getThing().getThings()} and their {@code getHandler()}.
 */
@NonNullByDefault
public abstract class BaseBridgeHandler extends BaseThingHandler implements BridgeHandler {

    public BaseBridgeHandler(Bridge bridge) {
        super(bridge);
    }

    @Override
    public Bridge getThing() {
        return (Bridge) super.getThing();
    }

    /**
     * @return a builder pre-filled with a copy of the current bridge
     */
    @Override
    protected BridgeBuilder editThing() {
        return BridgeBuilder.create(getThing());
    }

    @Override
    public void childHandlerInitialized(ThingHandler childHandler, Thing childThing) {
        // nothing to do by default
    }

    @Override
    public void childHandlerDisposed(ThingHandler childHandler, Thing childThing) {
        // nothing to do by default
    }
}
