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

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

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
 * Hot path: a lookup by {@link ControllerId} per message and nothing allocated beyond what parsing needs.
 * Thread-safe.
 */
@NonNullByDefault
public final class AnnouncementRouter {

    /** Announcements are subscribed with QoS 1, as EVA publishes them (protocol.md §1); requests may use less. */
    public static final int ANNOUNCEMENT_QOS = 1;

    private final Logger logger = LoggerFactory.getLogger(AnnouncementRouter.class);
    private final Map<ControllerId, ControllerAnnouncementSink> controllers = new ConcurrentHashMap<>();
    private volatile @Nullable Consumer<ControllerId> discoveryListener;

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
        ControllerAnnouncementSink existing = controllers.putIfAbsent(controller, sink);
        return existing == null || existing == sink;
    }

    /** Removes the registration, if it is still this sink's. */
    public void unregister(ControllerId controller, ControllerAnnouncementSink sink) {
        controllers.remove(controller, sink);
    }

    /** Receives every discovery announce (protocol.md §2.1); null to stop. */
    public void setDiscoveryListener(@Nullable Consumer<ControllerId> listener) {
        this.discoveryListener = listener;
    }

    /**
     * Hands one parsed message to the controller it names.
     *
     * @param announcement what {@link AnnouncementParser} made of the message
     * @param topic the topic it came on, for logging
     */
    public void route(Announcement announcement, String topic) {
        if (announcement instanceof ItemStateChanged changed) {
            ItemState state = changed.state();
            ControllerAnnouncementSink sink = sinkOf(state.controller());
            if (sink != null) {
                sink.itemState(state);
            } else if (logger.isTraceEnabled()) {
                logger.trace("State of {} from {} on {} is for no registered controller", state.oid(),
                        state.controller(), topic);
            }
        } else if (announcement instanceof BulkState bulk) {
            routeBulk(bulk);
        } else if (announcement instanceof ActionEvent event) {
            ControllerAnnouncementSink sink = sinkOf(event.controller());
            if (sink != null) {
                sink.actionEvent(event);
            }
        } else if (announcement instanceof ItemDestroyed destroyed) {
            for (ControllerAnnouncementSink sink : controllers.values()) {
                sink.itemDestroyed(destroyed.oid(), false);
            }
        } else if (announcement instanceof ServerEvent event) {
            ControllerAnnouncementSink sink = sinkOf(event.controller());
            if (sink != null) {
                sink.serverEvent(event);
            }
        } else if (announcement instanceof ControllerAnnounced announced) {
            routeAnnounce(announced.controller());
        } else if (announcement instanceof Ignored ignored && logger.isTraceEnabled()) {
            logger.trace("Ignored message on {}: {}", topic, ignored.reason());
        }
    }

    private void routeBulk(BulkState bulk) {
        ControllerAnnouncementSink sink = controllers.get(bulk.controller());
        if (bulk.rejectedEntries() > 0) {
            logger.debug("Bulk state of {}: {} entries ignored, the first because: {}", bulk.controller(),
                    bulk.rejectedEntries(), bulk.firstRejectReason());
        }
        if (sink == null) {
            return;
        }
        for (ItemState state : bulk.states()) {
            sink.itemState(state);
        }
        for (Oid oid : bulk.destroyed()) {
            sink.itemDestroyed(oid, true);
        }
    }

    private void routeAnnounce(ControllerId controller) {
        Consumer<ControllerId> listener = discoveryListener;
        if (listener != null) {
            listener.accept(controller);
        }
        ControllerAnnouncementSink sink = controllers.get(controller);
        if (sink != null) {
            sink.controllerAnnounced();
        }
    }

    private @Nullable ControllerAnnouncementSink sinkOf(@Nullable ControllerId controller) {
        return controller == null ? null : controllers.get(controller);
    }
}
