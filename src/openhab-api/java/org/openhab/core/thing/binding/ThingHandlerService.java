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
import org.eclipse.jdt.annotation.Nullable;

/**
 * Stand-in of openHAB's {@code ThingHandlerService}: a service (discovery, actions ...) that lives as long as the
 * handler that lists it in {@link ThingHandler#getServices()}. The factory sets the handler, then calls
 * {@link #initialize()}; on unregistration it calls {@link #dispose()}.
 */
@NonNullByDefault
public interface ThingHandlerService {

    void setThingHandler(ThingHandler handler);

    @Nullable
    ThingHandler getThingHandler();

    /**
     * Called by OSGi DS when the service is a DS component, before the handler is set.
     */
    default void activate() {
    }

    /**
     * Called by OSGi DS when the service is a DS component.
     */
    default void deactivate() {
    }

    /**
     * Called after the handler has been set.
     */
    default void initialize() {
    }

    /**
     * Called before the service is released.
     */
    default void dispose() {
    }
}
