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
package org.openhab.binding.evaics.internal.handler;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.EvaIcsBindingConstants;
import org.openhab.binding.evaics.test.host.ThingManagerCallback;
import org.openhab.core.config.core.Configuration;
import org.openhab.core.thing.Bridge;
import org.openhab.core.thing.ChannelUID;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusDetail;
import org.openhab.core.thing.ThingStatusInfo;
import org.openhab.core.thing.ThingTypeUID;
import org.openhab.core.thing.ThingUID;
import org.openhab.core.thing.binding.ThingHandler;
import org.openhab.core.thing.binding.builder.BridgeBuilder;
import org.openhab.core.thing.binding.builder.ThingBuilder;
import org.openhab.core.thing.internal.BridgeImpl;
import org.openhab.core.types.State;

/**
 * The part of openHAB's thing manager the bridge tests need, as the handlers' callback: it stores each reported
 * status on its thing, tells a bridge's initialised children about the bridge's status (one at a time on its own
 * thread, as openHAB does it outside the reporting thread), resolves bridges, and keeps the status history, every
 * channel state and every trigger event.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class BridgeTestFramework extends ThingManagerCallback implements AutoCloseable {

    /** Upper bound for every wait; tests finish far earlier unless something is broken. */
    public static final Duration WAIT_LIMIT = Duration.ofSeconds(20);
    private static final long POLL_MILLIS = 10;

    /** A reported status. */
    public record StatusEvent(ThingUID thing, ThingStatusInfo info) {
    }

    /** A channel update or trigger, in the order reported. */
    public record ChannelEvent(ChannelUID channel, String value) {
    }

    private final List<StatusEvent> events = new CopyOnWriteArrayList<>();
    private final List<ThingHandler> handlers = new CopyOnWriteArrayList<>();
    private final Map<ChannelUID, State> channelStates = new ConcurrentHashMap<>();
    /** Appended to thousands of times a second under load: not a copy-on-write list. */
    private final List<ChannelEvent> channelEvents = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean keepChannelEvents = true;
    private volatile BiConsumer<Thing, ThingStatusInfo> statusHook = (thing, status) -> {
    };

    public BridgeTestFramework() {
        super("bridge-test-framework");
    }

    public Bridge broker(String id, Map<String, Object> configuration) {
        Bridge bridge = BridgeBuilder.create(EvaIcsBindingConstants.THING_TYPE_BROKER, id)
                .withConfiguration(new Configuration(configuration)).build();
        things.put(bridge.getUID(), bridge);
        return bridge;
    }

    public Bridge controller(Bridge broker, String id, Map<String, Object> configuration) {
        ThingUID uid = new ThingUID(EvaIcsBindingConstants.THING_TYPE_CONTROLLER, broker.getUID(), id);
        Bridge bridge = BridgeBuilder.create(EvaIcsBindingConstants.THING_TYPE_CONTROLLER, uid)
                .withBridge(broker.getUID()).withConfiguration(new Configuration(configuration)).build();
        ((BridgeImpl) broker).addThing(bridge);
        things.put(uid, bridge);
        return bridge;
    }

    /** An item thing (unit, sensor, lvar) under a controller bridge; its channels exist only as channel UIDs. */
    public Thing item(Bridge controller, ThingTypeUID type, String id, Map<String, Object> configuration) {
        ThingUID uid = new ThingUID(type, controller.getUID(), id);
        Thing thing = ThingBuilder.create(type, uid).withBridge(controller.getUID())
                .withConfiguration(new Configuration(configuration)).build();
        ((BridgeImpl) controller).addThing(thing);
        things.put(uid, thing);
        return thing;
    }

    /** Attaches the handler to its thing and initialises it, as openHAB does. */
    public <T extends ThingHandler> T start(T handler) {
        Thing thing = handler.getThing();
        thing.setHandler(handler);
        handler.setCallback(this);
        handlers.add(handler);
        handler.initialize();
        return handler;
    }

    /** Disposes the handler and detaches it. */
    public void stop(ThingHandler handler) {
        handler.dispose();
        handler.setCallback(null);
        handler.getThing().setHandler(null);
        handlers.remove(handler);
    }

    /** Waits until the thing has the status, or fails with its status history. */
    public ThingStatusInfo awaitStatus(Thing thing, ThingStatus status) {
        return awaitStatus(thing, info -> info.getStatus() == status, status.toString());
    }

    public ThingStatusInfo awaitStatus(Thing thing, ThingStatus status, ThingStatusDetail detail) {
        return awaitStatus(thing, info -> info.getStatus() == status && info.getStatusDetail() == detail,
                status + "/" + detail);
    }

    public ThingStatusInfo awaitStatus(Thing thing, Predicate<ThingStatusInfo> condition, String what) {
        long deadline = System.nanoTime() + WAIT_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            ThingStatusInfo info = thing.getStatusInfo();
            if (condition.test(info)) {
                return info;
            }
            sleep();
        }
        fail(thing.getUID() + " did not reach " + what + " within " + WAIT_LIMIT + "; history: " + history(thing));
        throw new AssertionError("unreachable");
    }

    /** Every status reported for the thing, oldest first. */
    public List<ThingStatusInfo> history(Thing thing) {
        List<ThingStatusInfo> result = new ArrayList<>();
        for (StatusEvent event : events) {
            if (event.thing().equals(thing.getUID())) {
                result.add(event.info());
            }
        }
        return result;
    }

    /** The last state reported for the channel, or null. */
    public @Nullable State state(Thing thing, String channelId) {
        return channelStates.get(new ChannelUID(thing.getUID(), channelId));
    }

    /** Every state update and trigger of every channel, oldest first ({@code State.toString()} / event name). */
    public List<ChannelEvent> channelEvents() {
        synchronized (channelEvents) {
            return List.copyOf(channelEvents);
        }
    }

    /** Whether {@link #channelEvents()} keeps growing; long load tests keep only the last state per channel. */
    public void keepChannelEvents(boolean keep) {
        keepChannelEvents = keep;
        if (!keep) {
            channelEvents.clear();
        }
    }

    /** Waits for a condition, or fails. */
    public static void await(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            sleep();
        }
        fail(what + " did not happen within " + WAIT_LIMIT);
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Disposes every handler still attached, children first. */
    @Override
    public void close() {
        List<ThingHandler> remaining = new ArrayList<>(handlers);
        for (int i = remaining.size() - 1; i >= 0; i--) {
            stop(remaining.get(i));
        }
        stopNotifications(WAIT_LIMIT);
    }

    // ---- ThingHandlerCallback ----

    /** Runs on every status report, after the status is stored and before any child hears of it. */
    public void onStatusUpdate(BiConsumer<Thing, ThingStatusInfo> hook) {
        statusHook = hook;
    }

    @Override
    public void statusUpdated(Thing thing, ThingStatusInfo thingStatus) {
        thing.setStatusInfo(thingStatus);
        events.add(new StatusEvent(thing.getUID(), thingStatus));
        statusHook.accept(thing, thingStatus);
        // openHAB tells the children only when the bridge's status changed; this framework on every report, and
        // only the handlers it started
        notifyChildren(thing, thingStatus, handlers::contains);
    }

    @Override
    public void thingUpdated(Thing thing) {
        // properties are written into the thing by the handler; nothing to persist
    }

    @Override
    public void stateUpdated(ChannelUID channelUID, State state) {
        channelStates.put(channelUID, state);
        if (keepChannelEvents) {
            channelEvents.add(new ChannelEvent(channelUID, state.toString()));
        }
    }

    @Override
    public void channelTriggered(Thing thing, ChannelUID channelUID, String event) {
        if (keepChannelEvents) {
            channelEvents.add(new ChannelEvent(channelUID, event));
        }
    }

    @Override
    public boolean isChannelLinked(ChannelUID channelUID) {
        return false;
    }
}
