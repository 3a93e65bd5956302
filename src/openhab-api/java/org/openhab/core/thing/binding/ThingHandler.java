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

import java.util.Collection;
import java.util.Map;
import java.util.Set;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.core.thing.ChannelUID;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingStatusInfo;
import org.openhab.core.types.Command;

/**
 * Stand-in of openHAB's {@code ThingHandler} (api-subset section 2).
 */
@NonNullByDefault
public interface ThingHandler {

    Thing getThing();

    void initialize();

    void dispose();

    void setCallback(@Nullable ThingHandlerCallback thingHandlerCallback);

    void handleCommand(ChannelUID channelUID, Command command);

    void handleConfigurationUpdate(Map<String, Object> configurationParameters);

    void thingUpdated(Thing thing);

    void channelLinked(ChannelUID channelUID);

    void channelUnlinked(ChannelUID channelUID);

    void bridgeStatusChanged(ThingStatusInfo bridgeStatusInfo);

    void handleRemoval();

    /**
     * @return the service classes (discovery, actions ...) the factory creates for this handler
     */
    default Collection<Class<? extends ThingHandlerService>> getServices() {
        return Set.of();
    }
}
