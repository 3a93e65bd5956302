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

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

import com.google.gson.JsonObject;

/**
 * What one plain MQTT message from an EVA controller means (protocol.md §2, §2.1, §2.2, §9.5, §9.6), as produced by
 * {@link AnnouncementParser}. None of these is authenticated: anybody with publish rights can forge them (protocol.md
 * §11).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public sealed interface Announcement {

    /**
     * A per-item state (protocol.md §9.1): the retained message on the item topic.
     *
     * @param state the state; its OID comes from the topic
     */
    record ItemStateChanged(ItemState state) implements Announcement {
    }

    /**
     * An empty payload on an item topic: the item was destroyed, or somebody cleared its retained state (protocol.md
     * §9.5).
     *
     * @param oid the item, from the topic
     * @param topic the topic the empty message came on
     */
    record ItemDestroyed(Oid oid, String topic) implements Announcement {
    }

    /**
     * An action event on {@code .../{id}/action} (protocol.md §8.5, §9.6).
     *
     * @param oid the item the action runs on, from the topic
     * @param uuid the action's UUID
     * @param status the action status name ({@code created} ... {@code completed})
     * @param controller the {@code c} member, if present
     * @param action the whole action object as received; shared, do not modify
     */
    record ActionEvent(Oid oid, String uuid, String status, @Nullable ControllerId controller, JsonObject action)
            implements Announcement {

        /** Action statuses after which nothing more happens (protocol.md §8.5). */
        public static final List<String> FINISHED_STATUSES = List.of("refused", "dead", "canceled", "ignored",
                "failed", "terminated", "completed");

        /** Whether {@link #status()} is a finished status. */
        public boolean isFinished() {
            return FINISHED_STATUSES.contains(status);
        }
    }

    /**
     * A server event on {@code controller/{pc}/{sys}/events} (protocol.md §2.2).
     *
     * @param controller the controller, from the topic
     * @param event the {@code e} member: {@link #RESTART}, {@link #LEAVING} or something newer
     * @param t the event time, if present
     */
    record ServerEvent(ControllerId controller, String event, @Nullable Double t) implements Announcement {

        /** The controller shuts down (before a restart or a stop). */
        public static final String RESTART = "restart";

        /** The controller leaves for good (shutdown of a notifier marked as leaving). */
        public static final String LEAVING = "leaving";

        /** Whether the controller is going offline ({@link #RESTART} or {@link #LEAVING}). */
        public boolean isGoingOffline() {
            return RESTART.equals(event) || LEAVING.equals(event);
        }
    }

    /**
     * A discovery announce (protocol.md §2.1).
     *
     * @param controller the announced controller
     */
    record ControllerAnnounced(ControllerId controller) implements Announcement {
    }

    /**
     * A bulk state batch (protocol.md §9.5). Entries that were not valid state objects are left out and counted.
     *
     * @param controller the {@code c} member of the batch
     * @param states the valid states, in batch order; their {@code t} is the batch's
     * @param destroyed the items marked {@code "destroyed": true}
     * @param rejectedEntries how many entries were left out
     * @param firstRejectReason why the first of them was left out, {@code ""} if none was
     */
    record BulkState(ControllerId controller, List<ItemState> states, List<Oid> destroyed, int rejectedEntries,
            String firstRejectReason) implements Announcement {

        public BulkState {
            states = List.copyOf(states);
            destroyed = List.copyOf(destroyed);
        }

        /** A batch without rejected entries. */
        public BulkState(ControllerId controller, List<ItemState> states, List<Oid> destroyed) {
            this(controller, states, destroyed, 0, "");
        }
    }

    /**
     * A message that is not for the binding, or not valid.
     *
     * @param reason why, for debug logging; quotes at most a short piece of the message
     */
    record Ignored(String reason) implements Announcement {
    }
}
