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

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.core.config.core.ConfigDescriptionRegistry;
import org.openhab.core.config.core.Configuration;
import org.openhab.core.thing.Bridge;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingTypeUID;
import org.openhab.core.thing.ThingUID;
import org.openhab.core.thing.type.ThingType;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.ComponentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stand-in of openHAB's {@code BaseThingHandlerFactory} (api-subset section 1).
 * <p>
 * {@link #registerHandler(Thing)} asks {@link #createHandler(Thing)} for the handler, refuses a missing handler and
 * a bridge handler that does not implement {@link BridgeHandler}, and then creates the handler's services
 * ({@link ThingHandler#getServices()}): each class is instantiated through its public no-argument constructor, gets
 * the handler and is initialised; when a bundle context is present (inside OSGi) it is also registered under its
 * interfaces except {@link ThingHandlerService}. {@link #unregisterHandler(Thing)} disposes and unregisters them.
 * The OSGi prototype-component path of the real factory and the thing type registry are not imitated, so
 * {@link #getThingTypeByUID} returns null and {@code createThing} creates nothing.
 */
@NonNullByDefault
public abstract class BaseThingHandlerFactory implements ThingHandlerFactory {

    private final Logger logger = LoggerFactory.getLogger(BaseThingHandlerFactory.class);

    protected @NonNullByDefault({}) BundleContext bundleContext;

    private final Map<String, List<RegisteredService>> servicesByThing = new ConcurrentHashMap<>();

    public BaseThingHandlerFactory() {
    }

    protected void activate(ComponentContext componentContext) {
        this.bundleContext = componentContext.getBundleContext();
    }

    protected void deactivate(ComponentContext componentContext) {
        for (String thingUID : List.copyOf(servicesByThing.keySet())) {
            releaseServices(thingUID);
        }
        this.bundleContext = null;
    }

    protected BundleContext getBundleContext() {
        BundleContext context = this.bundleContext;
        if (context == null) {
            throw new IllegalStateException("The bundle context is missing (was the factory activated?)");
        }
        return context;
    }

    @Override
    public ThingHandler registerHandler(Thing thing) {
        ThingHandler handler = createHandler(thing);
        if (handler == null) {
            throw new IllegalStateException(getClass().getSimpleName()
                    + " could not create a handler for the thing '" + thing.getUID() + "'.");
        }
        if (thing instanceof Bridge && !(handler instanceof BridgeHandler)) {
            throw new IllegalStateException(
                    "Created handler of bridge '" + thing.getUID() + "' must implement the BridgeHandler interface.");
        }
        registerServices(thing, handler);
        return handler;
    }

    private void registerServices(Thing thing, ThingHandler handler) {
        String thingUID = thing.getUID().getAsString();
        for (Class<? extends ThingHandlerService> serviceClass : handler.getServices()) {
            ThingHandlerService service;
            try {
                service = serviceClass.getConstructor().newInstance();
            } catch (NoSuchMethodException | InstantiationException | IllegalAccessException
                    | InvocationTargetException e) {
                logger.warn("Could not create service {} for thing {}: {}", serviceClass.getName(), thingUID,
                        e.getMessage());
                continue;
            }
            service.setThingHandler(handler);
            ServiceRegistration<?> registration = registerInOsgi(service);
            service.initialize();
            servicesByThing.computeIfAbsent(thingUID, key -> Collections.synchronizedList(new ArrayList<>()))
                    .add(new RegisteredService(service, registration));
        }
    }

    private @Nullable ServiceRegistration<?> registerInOsgi(ThingHandlerService service) {
        BundleContext context = this.bundleContext;
        if (context == null) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        collectInterfaces(service.getClass(), names);
        names.remove(ThingHandlerService.class.getName());
        if (names.isEmpty()) {
            return null;
        }
        return context.registerService(names.toArray(new String[0]), service, null);
    }

    private static void collectInterfaces(@Nullable Class<?> type, Set<String> names) {
        if (type == null) {
            return;
        }
        for (Class<?> implemented : type.getInterfaces()) {
            names.add(implemented.getName());
            collectInterfaces(implemented, names);
        }
        collectInterfaces(type.getSuperclass(), names);
    }

    /**
     * @param thing the thing whose handler is wanted
     * @return a new handler for the thing, or null if this factory cannot create one
     */
    protected abstract @Nullable ThingHandler createHandler(Thing thing);

    @Override
    public void unregisterHandler(Thing thing) {
        ThingHandler handler = thing.getHandler();
        if (handler != null) {
            releaseServices(thing.getUID().getAsString());
            removeHandler(handler);
        }
    }

    private void releaseServices(String thingUID) {
        List<RegisteredService> services = servicesByThing.remove(thingUID);
        if (services == null) {
            return;
        }
        synchronized (services) {
            for (RegisteredService registered : services) {
                try {
                    registered.service().dispose();
                } catch (RuntimeException e) {
                    logger.warn("Disposing service {} of thing {} failed: {}",
                            registered.service().getClass().getName(), thingUID, e.getMessage());
                }
                ServiceRegistration<?> registration = registered.registration();
                if (registration != null) {
                    try {
                        registration.unregister();
                    } catch (IllegalStateException e) {
                        logger.debug("Service of thing {} was already unregistered", thingUID);
                    }
                }
            }
        }
    }

    /**
     * Hook called when a handler is unregistered; does nothing by default.
     *
     * @param thingHandler the handler being removed
     */
    protected void removeHandler(ThingHandler thingHandler) {
        // nothing by default
    }

    @Override
    public void removeThing(ThingUID thingUID) {
        // nothing by default
    }

    /**
     * @param thingTypeUID the thing type
     * @return always null in the stand-in, which has no thing type registry
     */
    protected @Nullable ThingType getThingTypeByUID(ThingTypeUID thingTypeUID) {
        return null;
    }

    protected @Nullable Thing createThing(ThingTypeUID thingTypeUID, Configuration configuration,
            ThingUID thingUID) {
        return createThing(thingTypeUID, configuration, thingUID, null);
    }

    /**
     * openHAB creates the thing from its registered thing type; the stand-in has no thing types, so there is never
     * one to create.
     *
     * @return always null in the stand-in
     */
    @Override
    public @Nullable Thing createThing(ThingTypeUID thingTypeUID, Configuration configuration,
            @Nullable ThingUID thingUID, @Nullable ThingUID bridgeUID) {
        if (getThingTypeByUID(thingTypeUID) == null) {
            logger.debug("Thing type {} is unknown, no thing created", thingTypeUID);
        }
        return null;
    }

    /**
     * @return always null in the stand-in
     */
    protected @Nullable ConfigDescriptionRegistry getConfigDescriptionRegistry() {
        return null;
    }

    private record RegisteredService(ThingHandlerService service, @Nullable ServiceRegistration<?> registration) {
    }
}
