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

import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.core.thing.binding.BridgeHandler;

/**
 * Stand-in of openHAB's {@code Bridge}: a thing through which other things are reached.
 */
@NonNullByDefault
public interface Bridge extends Thing {

    /**
     * @param thingUID UID of a child thing
     * @return the child with that UID, or null
     */
    @Nullable
    Thing getThing(ThingUID thingUID);

    /**
     * @return the things attached to this bridge
     */
    List<Thing> getThings();

    @Override
    @Nullable
    BridgeHandler getHandler();
}
