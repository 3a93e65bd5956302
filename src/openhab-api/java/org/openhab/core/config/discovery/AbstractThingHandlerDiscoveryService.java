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

import java.util.Map;
import java.util.Set;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.core.thing.ThingTypeUID;
import org.openhab.core.thing.binding.ThingHandler;
import org.openhab.core.thing.binding.ThingHandlerService;

/**
 * Stand-in of openHAB's {@code AbstractThingHandlerDiscoveryService} (api-subset section 7): a discovery service that
 * belongs to one handler. The factory sets the handler (type-checked against the class given to the constructor)
 * and then calls {@link #initialize()}, which starts background discovery if it is enabled; {@link #dispose()} stops
 * it.
 *
 * @param <T> the handler type this service works with
 */
@NonNullByDefault
public abstract class AbstractThingHandlerDiscoveryService<T extends ThingHandler> extends AbstractDiscoveryService
        implements ThingHandlerService {

    private final Class<T> thingClazz;

    protected @NonNullByDefault({}) T thingHandler;

    protected AbstractThingHandlerDiscoveryService(Class<T> thingClazz, @Nullable Set<ThingTypeUID> supportedThingTypes,
            int timeout, boolean backgroundDiscoveryEnabledByDefault, @Nullable String scanInputLabel,
            @Nullable String scanInputDescription) throws IllegalArgumentException {
        super(supportedThingTypes, timeout, backgroundDiscoveryEnabledByDefault, scanInputLabel,
                scanInputDescription);
        this.thingClazz = thingClazz;
    }

    protected AbstractThingHandlerDiscoveryService(Class<T> thingClazz, @Nullable Set<ThingTypeUID> supportedThingTypes,
            int timeout, boolean backgroundDiscoveryEnabledByDefault) throws IllegalArgumentException {
        this(thingClazz, supportedThingTypes, timeout, backgroundDiscoveryEnabledByDefault, null, null);
    }

    protected AbstractThingHandlerDiscoveryService(Class<T> thingClazz, @Nullable Set<ThingTypeUID> supportedThingTypes,
            int timeout) throws IllegalArgumentException {
        this(thingClazz, supportedThingTypes, timeout, true);
    }

    protected AbstractThingHandlerDiscoveryService(Class<T> thingClazz, int timeout)
            throws IllegalArgumentException {
        this(thingClazz, null, timeout);
    }

    @Override
    protected abstract void startScan();

    /**
     * @throws IllegalArgumentException if the handler is not of the class given to the constructor
     */
    @Override
    public void setThingHandler(ThingHandler handler) {
        if (!thingClazz.isInstance(handler)) {
            throw new IllegalArgumentException(
                    "Expected class is " + thingClazz + " but the parameter has class " + handler.getClass());
        }
        this.thingHandler = thingClazz.cast(handler);
    }

    @Override
    public @Nullable T getThingHandler() {
        return thingHandler;
    }

    /**
     * Reads the background property only; background discovery starts in {@link #initialize()}, once the handler is
     * set.
     */
    @Override
    public void activate(@Nullable Map<String, Object> config) {
        applyBackgroundProperty(config);
    }

    @Override
    public void modified(@Nullable Map<String, Object> config) {
        super.modified(config);
    }

    /**
     * Background discovery is stopped in {@link #dispose()}, not here.
     */
    @Override
    public void deactivate() {
        // nothing: see dispose()
    }

    @Override
    public void initialize() {
        if (isBackgroundDiscoveryEnabled()) {
            startBackgroundDiscovery();
        }
    }

    @Override
    public void dispose() {
        if (isBackgroundDiscoveryEnabled()) {
            stopBackgroundDiscovery();
        }
    }
}
