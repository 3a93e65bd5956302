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
package org.openhab.binding.evaics.test.host;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.EvaHandlerFactory;
import org.openhab.binding.evaics.internal.EvaIcsBindingConstants;
import org.openhab.core.config.discovery.DiscoveryListener;
import org.openhab.core.config.discovery.DiscoveryResult;
import org.openhab.core.config.discovery.DiscoveryService;
import org.openhab.core.thing.Bridge;
import org.openhab.core.thing.ChannelUID;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusDetail;
import org.openhab.core.thing.ThingStatusInfo;
import org.openhab.core.thing.ThingTypeUID;
import org.openhab.core.thing.ThingUID;
import org.openhab.core.thing.binding.BridgeHandler;
import org.openhab.core.thing.binding.ThingHandler;
import org.openhab.core.thing.binding.ThingHandlerCallback;
import org.openhab.core.thing.binding.ThingHandlerService;
import org.openhab.core.thing.internal.BridgeImpl;
import org.openhab.core.types.State;

/**
 * A small headless openHAB for the binding: the part of openHAB's thing manager, thing factory, service registry
 * and inbox that the binding's handlers talk to, for the end-to-end tests and the demo.
 * <ul>
 * <li>Things are built from the packaged descriptors ({@link ThingTypes}) and their handlers are created by the
 * binding's own {@link EvaHandlerFactory}. The handlers' services (discovery, rule actions) are created the way
 * openHAB's {@code BaseThingHandlerFactory} creates them (a new instance, {@code setThingHandler}, then
 * {@code initialize}; {@code dispose} when the thing goes), without an OSGi service registry: the registration
 * itself is checked by the integration test in a real openHAB core.</li>
 * <li>As the handlers' {@link ThingHandlerCallback} it stores each status on its thing, keeps every channel state,
 * trigger and status change, tells a bridge's initialised children when the bridge's status changes and tells a
 * bridge when a child was initialised (both on a separate thread, as openHAB does), resolves bridges, and swaps in
 * a thing that a handler changed ({@code updateThing}).</li>
 * <li>Discovery services report to the host's {@link Inbox}, whose results can be approved into things.</li>
 * </ul>
 * A {@link Listener} sees everything as it happens (the demo prints it). Tests may put a Mockito mock that delegates
 * to the host between the handlers and the host ({@link #useCallback}) to verify the callback calls themselves.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public class ThingHost extends ThingManagerCallback implements AutoCloseable {

    /** How long {@link #close()} waits for the notification thread. */
    private static final Duration NOTIFIER_SHUTDOWN = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 10;

    /** What happens in the host, as it happens; called on the handlers' threads. */
    public interface Listener {
        default void statusChanged(Thing thing, ThingStatusInfo status) {
        }

        default void stateUpdated(ChannelUID channel, State state) {
        }

        default void channelTriggered(ChannelUID channel, String event) {
        }

        default void discovered(DiscoveryResult result, boolean known) {
        }
    }

    /** A channel state as reported by a handler. */
    public record StateEvent(ChannelUID channel, State state) {
    }

    /** A status as reported by a handler. */
    public record StatusEvent(ThingUID thing, ThingStatusInfo status) {
    }

    /** A trigger as fired by a handler. */
    public record TriggerEvent(ChannelUID channel, String event) {
    }

    private final ThingTypes types = ThingTypes.load();
    private final HostedFactory factory = new HostedFactory();
    private final Listener listener;
    private final List<Object> services = new CopyOnWriteArrayList<>();
    private final List<StateEvent> states = new CopyOnWriteArrayList<>();
    private final List<StatusEvent> statuses = new CopyOnWriteArrayList<>();
    private final List<TriggerEvent> triggers = new CopyOnWriteArrayList<>();
    private final Inbox inbox = new Inbox();
    private volatile ThingHandlerCallback callback = this;

    public ThingHost() {
        this(new Listener() {
        });
    }

    public ThingHost(Listener listener) {
        super("thing-host-notifier");
        this.listener = listener;
    }

    /** The callback handlers get from now on, e.g. a Mockito mock that delegates to this host. */
    public void useCallback(ThingHandlerCallback facade) {
        this.callback = facade;
    }

    public ThingTypes types() {
        return types;
    }

    public Inbox inbox() {
        return inbox;
    }

    // ---- things ----

    /** A new broker bridge (not added yet). */
    public Bridge broker(String id, Map<String, Object> configuration) {
        return (Bridge) types.create(EvaIcsBindingConstants.THING_TYPE_BROKER,
                new ThingUID(EvaIcsBindingConstants.THING_TYPE_BROKER, id), null, "MQTT broker", configuration,
                Map.of());
    }

    /** A new controller bridge under a broker (not added yet). */
    public Bridge controller(Bridge broker, String id, Map<String, Object> configuration) {
        return (Bridge) child(EvaIcsBindingConstants.THING_TYPE_CONTROLLER, broker, id, configuration);
    }

    /** A new thing of the type under a bridge (not added yet). */
    public Thing child(ThingTypeUID type, Bridge bridge, String id, Map<String, Object> configuration) {
        ThingUID uid = new ThingUID(type, bridge.getUID(), id);
        return types.create(type, uid, bridge.getUID(), type.getId() + " " + id, configuration, Map.of());
    }

    /**
     * Adds the thing as openHAB does when a thing is created: the factory creates its handler and services, the
     * handler gets the callback and is initialised, and its bridge hears about it.
     */
    public ThingHandler add(Thing thing) {
        things.put(thing.getUID(), thing);
        ThingUID bridgeUID = thing.getBridgeUID();
        Bridge bridge = bridgeUID == null ? null : getBridge(bridgeUID);
        if (bridge instanceof BridgeImpl parent) {
            parent.addThing(thing);
        }
        ThingHandler handler = factory.handlerFor(thing);
        startServices(handler);
        thing.setHandler(handler);
        handler.setCallback(callback);
        thing.setStatusInfo(new ThingStatusInfo(ThingStatus.INITIALIZING, ThingStatusDetail.NONE, null));
        handler.initialize();
        BridgeHandler bridgeHandler = bridge == null ? null : bridge.getHandler();
        if (bridgeHandler != null) {
            notifyLater(() -> bridgeHandler.childHandlerInitialized(handler, thing));
        }
        return handler;
    }

    /** Removes the thing as openHAB does: the handler is disposed, then the factory releases it and its services. */
    public void remove(Thing thing) {
        Thing current = things.getOrDefault(thing.getUID(), thing);
        ThingHandler handler = current.getHandler();
        if (handler != null) {
            handler.dispose();
            ThingUID bridgeUID = current.getBridgeUID();
            Bridge bridge = bridgeUID == null ? null : getBridge(bridgeUID);
            BridgeHandler bridgeHandler = bridge == null ? null : bridge.getHandler();
            if (bridgeHandler != null) {
                bridgeHandler.childHandlerDisposed(handler, current);
            }
            stopServices(handler);
            handler.setCallback(null);
            current.setHandler(null);
        }
        current.setStatusInfo(new ThingStatusInfo(ThingStatus.UNINITIALIZED, ThingStatusDetail.NONE, null));
        things.remove(current.getUID());
        ThingUID bridgeUID = current.getBridgeUID();
        if (bridgeUID != null && getBridge(bridgeUID) instanceof BridgeImpl parent) {
            parent.removeThing(current);
        }
    }

    /** The current instance of a thing (handlers may replace it). */
    public Thing thing(ThingUID uid) {
        Thing thing = things.get(uid);
        if (thing == null) {
            throw new IllegalArgumentException("no thing " + uid);
        }
        return thing;
    }

    /** The handler of a thing, of the expected class. */
    public <T extends ThingHandler> T handler(ThingUID uid, Class<T> type) {
        return type.cast(thing(uid).getHandler());
    }

    /** The service of the given class the factory created for the thing's handler. */
    public <T> T service(ThingUID uid, Class<T> type) {
        ThingHandler handler = thing(uid).getHandler();
        for (Object service : services) {
            if (type.isInstance(service) && service instanceof ThingHandlerService s
                    && s.getThingHandler() == handler) {
                return type.cast(service);
            }
        }
        throw new IllegalArgumentException("no " + type.getSimpleName() + " for " + uid);
    }

    /** Removes every thing, children first. */
    @Override
    public void close() {
        List<Thing> all = new ArrayList<>(things.values());
        all.sort((a, b) -> Integer.compare(depth(b), depth(a)));
        for (Thing thing : all) {
            remove(thing);
        }
        stopNotifications(NOTIFIER_SHUTDOWN);
    }

    private int depth(Thing thing) {
        int depth = 0;
        ThingUID bridge = thing.getBridgeUID();
        while (bridge != null && depth < things.size()) {
            depth++;
            Thing parent = things.get(bridge);
            bridge = parent == null ? null : parent.getBridgeUID();
        }
        return depth;
    }

    // ---- what happened ----

    /** Every state reported so far, oldest first. */
    public List<StateEvent> states() {
        return List.copyOf(states);
    }

    /** The states reported for one channel, oldest first. */
    public List<State> states(ChannelUID channel) {
        return states.stream().filter(e -> e.channel().equals(channel)).map(StateEvent::state).toList();
    }

    /** The last state reported for a channel, or null. */
    public @Nullable State state(ChannelUID channel) {
        List<State> all = states(channel);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /** The events fired on a trigger channel, oldest first. */
    public List<String> triggers(ChannelUID channel) {
        return triggers.stream().filter(e -> e.channel().equals(channel)).map(TriggerEvent::event).toList();
    }

    /** The statuses reported for a thing, oldest first. */
    public List<ThingStatusInfo> statuses(ThingUID thing) {
        return statuses.stream().filter(e -> e.thing().equals(thing)).map(StatusEvent::status).toList();
    }

    /** Waits until the condition holds; false if it did not within the limit. */
    public static boolean waitFor(BooleanSupplier condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Waits until the thing's status matches; false if it did not within the limit. */
    public boolean waitForStatus(ThingUID uid, Predicate<ThingStatusInfo> condition, Duration limit) {
        return waitFor(() -> condition.test(thing(uid).getStatusInfo()), limit);
    }

    /** Waits until a state matching the condition was reported for the channel; false if none within the limit. */
    public boolean waitForState(ChannelUID channel, Predicate<State> condition, Duration limit) {
        return waitFor(() -> states(channel).stream().anyMatch(condition), limit);
    }

    // ---- ThingHandlerCallback ----

    @Override
    public void statusUpdated(Thing thing, ThingStatusInfo thingStatus) {
        ThingStatusInfo previous = thing.getStatusInfo();
        thing.setStatusInfo(thingStatus);
        statuses.add(new StatusEvent(thing.getUID(), thingStatus));
        listener.statusChanged(thing, thingStatus);
        if (!thingStatus.equals(previous)) {
            notifyChildren(thing, thingStatus, handler -> true);
        }
    }

    @Override
    public void stateUpdated(ChannelUID channelUID, State state) {
        states.add(new StateEvent(channelUID, state));
        listener.stateUpdated(channelUID, state);
    }

    @Override
    public void channelTriggered(Thing thing, ChannelUID channelUID, String event) {
        triggers.add(new TriggerEvent(channelUID, event));
        listener.channelTriggered(channelUID, event);
    }

    /** A handler replaced its thing (e.g. changed a channel): the new instance takes the old one's place. */
    @Override
    public void thingUpdated(Thing thing) {
        Thing old = things.get(thing.getUID());
        if (old == null || old == thing) {
            return;
        }
        thing.setHandler(old.getHandler());
        thing.setStatusInfo(old.getStatusInfo());
        things.put(thing.getUID(), thing);
        ThingUID bridgeUID = thing.getBridgeUID();
        if (bridgeUID != null && getBridge(bridgeUID) instanceof BridgeImpl parent) {
            parent.addThing(thing);
        }
    }

    @Override
    public boolean isChannelLinked(ChannelUID channelUID) {
        // every channel of a hosted thing counts as linked to an item
        return true;
    }

    // ---- the handlers' services ----

    private final I18nFile i18n = new I18nFile();

    /** Creates the handler's services as openHAB's handler factory does and connects discovery to the inbox. */
    private void startServices(ThingHandler handler) {
        for (Class<? extends ThingHandlerService> type : handler.getServices()) {
            ThingHandlerService service;
            try {
                service = type.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create the service " + type.getName(), e);
            }
            bindI18n(service);
            service.setThingHandler(handler);
            services.add(service);
            if (service instanceof DiscoveryService discovery) {
                discovery.addDiscoveryListener(inbox);
            }
            service.initialize();
        }
    }

    /**
     * Binds the host's translation and locale provider (the binding's default i18n file) to a service that declares
     * bind methods for them, as OSGi's component runtime binds openHAB's, so that inbox labels are translated.
     */
    private void bindI18n(ThingHandlerService service) {
        for (Method method : service.getClass().getMethods()) {
            if (method.getParameterCount() == 1 && method.getName().startsWith("bind")
                    && method.getParameterTypes()[0].isInstance(i18n)) {
                try {
                    method.invoke(service, i18n);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot bind " + method, e);
                }
            }
        }
    }

    /** Disposes the handler's services, as openHAB's handler factory does when the handler goes. */
    private void stopServices(ThingHandler handler) {
        for (Object service : services) {
            if (service instanceof ThingHandlerService s && s.getThingHandler() == handler) {
                services.remove(service);
                if (service instanceof DiscoveryService discovery) {
                    discovery.removeDiscoveryListener(inbox);
                }
                s.dispose();
            }
        }
    }

    /** The binding's factory; its handlers are created without an OSGi component context. */
    private static final class HostedFactory extends EvaHandlerFactory {
        ThingHandler handlerFor(Thing thing) {
            ThingHandler handler = createHandler(thing);
            if (handler == null) {
                throw new IllegalArgumentException("the binding has no handler for " + thing.getThingTypeUID());
            }
            return handler;
        }
    }

    /**
     * The inbox: one result per thing UID, as openHAB's inbox keeps them, and a count of all reports. A result for a
     * thing that exists already is not offered again (openHAB ignores results for existing things).
     */
    public final class Inbox implements DiscoveryListener {
        private final Map<ThingUID, DiscoveryResult> results = new ConcurrentHashMap<>();
        private final AtomicInteger reports = new AtomicInteger();

        @Override
        public void thingDiscovered(DiscoveryService source, DiscoveryResult result) {
            reports.incrementAndGet();
            boolean known = results.containsKey(result.getThingUID()) || things.containsKey(result.getThingUID());
            if (!things.containsKey(result.getThingUID())) {
                results.put(result.getThingUID(), result);
            }
            listener.discovered(result, known);
        }

        @Override
        public void thingRemoved(DiscoveryService source, ThingUID thingUID) {
            results.remove(thingUID);
        }

        // openHAB 4.3 passes the time of the scan as epoch milliseconds, openHAB 5 as an Instant: the inbox
        // compiles against both and removes nothing (the discovery services under test never ask it to)
        public @Nullable Collection<ThingUID> removeOlderResults(DiscoveryService source, long timestamp,
                @Nullable Collection<ThingTypeUID> thingTypeUIDs, @Nullable ThingUID bridgeUID) {
            return List.of();
        }

        public @Nullable Collection<ThingUID> removeOlderResults(DiscoveryService source, Instant timestamp,
                @Nullable Collection<ThingTypeUID> thingTypeUIDs, @Nullable ThingUID bridgeUID) {
            return List.of();
        }

        /** The results waiting in the inbox. */
        public List<DiscoveryResult> results() {
            return List.copyOf(results.values());
        }

        public @Nullable DiscoveryResult result(ThingUID uid) {
            return results.get(uid);
        }

        /** How many results the discovery services reported, repeats included. */
        public int reports() {
            return reports.get();
        }

        /**
         * Approves a result as openHAB's inbox does: a thing of the result's type under its bridge, whose
         * configuration takes the result's properties that are configuration parameters (plus {@code extra}, e.g.
         * the key the user enters) and whose properties are the rest. The thing is added.
         */
        public Thing approve(ThingUID uid, Map<String, Object> extra) {
            DiscoveryResult result = results.remove(uid);
            if (result == null) {
                throw new IllegalArgumentException("no inbox entry " + uid);
            }
            ThingTypes.ThingTypeDefinition type = types.get(result.getThingTypeUID());
            Map<String, Object> configuration = new HashMap<>();
            Map<String, String> properties = new HashMap<>();
            result.getProperties().forEach((name, value) -> {
                if (type.parameters().contains(name)) {
                    configuration.put(name, value);
                } else {
                    properties.put(name, String.valueOf(value));
                }
            });
            configuration.putAll(extra);
            Thing thing = types.create(result.getThingTypeUID(), uid, result.getBridgeUID(), result.getLabel(),
                    configuration, properties);
            add(thing);
            return thing;
        }
    }
}
