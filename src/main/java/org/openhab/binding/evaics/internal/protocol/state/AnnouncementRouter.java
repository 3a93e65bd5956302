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
package org.openhab.binding.evaics.internal.protocol.state;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ActionEvent;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.BulkState;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ControllerAnnounced;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.Ignored;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ItemDestroyed;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ItemStateChanged;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ServerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the parsed plain messages of one EVA space to the controllers registered for them (protocol.md §2, §9, §10
 * step 6).
 * <p>
 * One router per broker bridge; it outlives the bridge's connections, so that registrations survive a reconnect
 * or a new connection after a configuration change. Every message of the subscriptions in
 * {@link #topicFilters(EvaTopics)} is parsed once and handed to exactly one controller, chosen by the controller id
 * it carries: the {@code c} member of item states, action events and bulk batches, the topic of server events, the
 * payload of discovery announces. A message without a controller id, or naming a controller nobody registered,
 * reaches nobody; in particular it never reaches another controller's items. The one exception is the empty
 * payload of a destroyed item, which carries no controller id at all: it is offered to every controller, flagged
 * as such, and a controller must not believe it without asking (protocol.md §11).
 * <p>
 * Sightings: the router remembers when it last saw each registered controller alive on the broker, that is when a
 * message that was not retained named it as its source: a discovery announce (protocol.md §2.1), a per-item state
 * whose {@code c} is its id (protocol.md §9.1) or a bulk batch of its own (protocol.md §9.5). Retained messages do not
 * count: the broker keeps them long after their controller died. Anyone on the broker can forge these messages
 * (protocol.md §11), so a sighting is a hint for status texts, never a reason for a security decision. Sightings
 * outlive registrations (a configuration change registers the controller again) and exist only for controller ids
 * that were registered, so forged ids cannot grow them.
 * <p>
 * Hot path: a lookup by {@link ControllerId} per message and nothing allocated beyond what parsing needs.
 * Thread-safe.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class AnnouncementRouter {

    /** Announcements are subscribed with QoS 1, as EVA publishes them (protocol.md §1); requests may use less. */
    public static final int ANNOUNCEMENT_QOS = 1;

    private final Logger logger = LoggerFactory.getLogger(AnnouncementRouter.class);
    private final Map<ControllerId, Registration> controllers = new ConcurrentHashMap<>();
    /** One entry per controller id ever registered here. */
    private final Map<ControllerId, Sighting> sightings = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private volatile @Nullable Consumer<ControllerId> discoveryListener;

    /** A registered sink with the sighting of its controller. */
    private record Registration(ControllerAnnouncementSink sink, Sighting sighting) {
    }

    /** When a controller was last seen alive on the broker, in the router's clock; a mutable cell. */
    private static final class Sighting {
        volatile boolean seen;
        volatile long nanos;
    }

    public AnnouncementRouter() {
        this(System::nanoTime);
    }

    /** @param nanoClock the clock of the sightings, in nanoseconds as {@link System#nanoTime()} */
    public AnnouncementRouter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * The filters whose messages a router handles: per-item states of every type, bulk states, discovery
     * announces and the server events of all controllers.
     */
    public static List<String> topicFilters(EvaTopics topics) {
        return List.of(topics.stateFilter("unit"), topics.stateFilter("sensor"), topics.stateFilter("lvar"),
                topics.bulkStateFilter(), topics.discoveryTopic(), topics.allEventsFilter());
    }

    /**
     * Registers the sink of a controller.
     *
     * @return false if another sink is registered for that controller (it stays registered)
     */
    public boolean register(ControllerId controller, ControllerAnnouncementSink sink) {
        Sighting sighting = sightingOf(controller);
        Registration existing = controllers.putIfAbsent(controller, new Registration(sink, sighting));
        return existing == null || existing.sink() == sink;
    }

    private Sighting sightingOf(ControllerId controller) {
        Sighting sighting = sightings.get(controller);
        if (sighting != null) {
            return sighting;
        }
        Sighting created = new Sighting();
        Sighting raced = sightings.putIfAbsent(controller, created);
        return raced != null ? raced : created;
    }

    /** Removes the registration, if it is still this sink's. */
    public void unregister(ControllerId controller, ControllerAnnouncementSink sink) {
        Registration registration = controllers.get(controller);
        if (registration != null && registration.sink() == sink) {
            controllers.remove(controller, registration);
        }
    }

    /**
     * How long ago a message that was not retained showed the controller alive on the broker (see the class
     * description); null if that never happened while it was registered. Unauthenticated: a hint only.
     */
    public @Nullable Duration sinceSeen(ControllerId controller) {
        Sighting sighting = sightings.get(controller);
        if (sighting == null || !sighting.seen) {
            return null;
        }
        return Duration.ofNanos(Math.max(0, nanoClock.getAsLong() - sighting.nanos));
    }

    /** Receives every discovery announce (protocol.md §2.1); null to stop. */
    public void setDiscoveryListener(@Nullable Consumer<ControllerId> listener) {
        this.discoveryListener = listener;
    }

    /**
     * Hands one parsed message that was not retained to the controller it names.
     *
     * @param announcement what {@link AnnouncementParser} made of the message
     * @param topic the topic it came on, for logging
     */
    public void route(Announcement announcement, String topic) {
        route(announcement, topic, false);
    }

    /**
     * Hands one parsed message to the controller it names.
     *
     * @param announcement what {@link AnnouncementParser} made of the message
     * @param topic the topic it came on, for logging
     * @param retained whether the broker sent it as a retained message: then it is no sighting of its controller
     */
    public void route(Announcement announcement, String topic, boolean retained) {
        if (announcement instanceof ItemStateChanged changed) {
            ItemState state = changed.state();
            Registration registration = registrationOf(state.controller());
            if (registration != null) {
                seen(registration, retained);
                registration.sink().itemState(state);
            } else if (logger.isTraceEnabled()) {
                logger.trace("State of {} from {} on {} is for no registered controller", state.oid(),
                        state.controller(), topic);
            }
        } else if (announcement instanceof BulkState bulk) {
            routeBulk(bulk, retained);
        } else if (announcement instanceof ActionEvent event) {
            Registration registration = registrationOf(event.controller());
            if (registration != null) {
                registration.sink().actionEvent(event);
            }
        } else if (announcement instanceof ItemDestroyed destroyed) {
            for (Registration registration : controllers.values()) {
                registration.sink().itemDestroyed(destroyed.oid(), false);
            }
        } else if (announcement instanceof ServerEvent event) {
            Registration registration = registrationOf(event.controller());
            if (registration != null) {
                registration.sink().serverEvent(event);
            }
        } else if (announcement instanceof ControllerAnnounced announced) {
            routeAnnounce(announced.controller(), retained);
        } else if (announcement instanceof Ignored ignored && logger.isTraceEnabled()) {
            logger.trace("Ignored message on {}: {}", topic, ignored.reason());
        }
    }

    private void routeBulk(BulkState bulk, boolean retained) {
        Registration registration = controllers.get(bulk.controller());
        if (bulk.rejectedEntries() > 0) {
            logger.debug("Bulk state of {}: {} entries ignored, the first because: {}", bulk.controller(),
                    bulk.rejectedEntries(), bulk.firstRejectReason());
        }
        if (registration == null) {
            return;
        }
        seen(registration, retained);
        ControllerAnnouncementSink sink = registration.sink();
        for (ItemState state : bulk.states()) {
            sink.itemState(state);
        }
        for (Oid oid : bulk.destroyed()) {
            sink.itemDestroyed(oid, true);
        }
    }

    private void routeAnnounce(ControllerId controller, boolean retained) {
        Consumer<ControllerId> listener = discoveryListener;
        if (listener != null) {
            listener.accept(controller);
        }
        Registration registration = controllers.get(controller);
        if (registration != null) {
            seen(registration, retained);
            registration.sink().controllerAnnounced();
        }
    }

    private void seen(Registration registration, boolean retained) {
        if (!retained) {
            Sighting sighting = registration.sighting();
            sighting.nanos = nanoClock.getAsLong();
            sighting.seen = true;
        }
    }

    private @Nullable Registration registrationOf(@Nullable ControllerId controller) {
        return controller == null ? null : controllers.get(controller);
    }
}
