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

import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaApi;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaRpcException;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ActionEvent;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ServerEvent;
import org.openhab.binding.evaics.internal.protocol.state.ControllerAnnouncementSink;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;
import org.openhab.binding.evaics.internal.protocol.state.ItemState;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.binding.evaics.internal.protocol.state.StateOrdering;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers what one controller bridge learns about its items to the item things registered for them (protocol.md §9.4,
 * §9.5, §10 steps 6 and 7, §11).
 * <p>
 * Sources: announcements the broker routed to this controller, and authenticated {@code state} calls (a refresh of
 * every registered item after each (re)connect, and one per verification), sent in batches ({@link StateBatcher},
 * protocol.md §6.3). Every state passes the {@code ieid} ordering first, so a listener never gets a state older than one
 * it already has.
 * <ul>
 * <li>{@code announcements} mode: announced states are delivered as they are.</li>
 * <li>{@code verified} mode: an announcement only queues a {@code state} call for its item (announcements of many
 * items within {@link StateBatcher#WINDOW} share one batch frame, and a burst of one item costs one call) and only the
 * answer is delivered.</li>
 * <li>A destroyed item, announced by an empty retained payload or listed as destroyed in this controller's bulk
 * batch, can be forged by anyone (protocol.md §11; the empty payload does not even name a controller), and taking a
 * thing away is worse than showing a stale value: so in both modes it only triggers a {@code state} call. Error 1 (not
 * found) makes the item gone, a state is delivered.</li>
 * </ul>
 * Registrations outlive the controller's connections and configuration changes; only the item things add and
 * remove them. Thread-safe; the announcement methods run on the MQTT thread and do no blocking work.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class ItemDispatcher implements ControllerAnnouncementSink {

    /** What the dispatcher needs from its controller bridge beyond the API. */
    interface Controller {
        /**
         * A restart/leaving event of this controller (protocol.md §2.2): unauthenticated, so a reason to check only.
         */
        void goingOfflineHint();

        /** A discovery announce of this controller (protocol.md §2.1): it may be back after a restart. */
        void announceHint();
    }

    private final Logger logger = LoggerFactory.getLogger(ItemDispatcher.class);
    /** Every {@code state} refresh of this controller's items: the refresh of all, the item things' own, verifications. */
    private final StateBatcher states;
    private final Controller owner;
    private final Map<Oid, EvaItemListener> items = new ConcurrentHashMap<>();
    private final StateOrdering ordering = new StateOrdering();
    private volatile @Nullable ControllerId controller;
    private volatile boolean verified;
    private volatile @Nullable EvaApi api;

    ItemDispatcher(ScheduledExecutorService scheduler, Controller owner) {
        this(scheduler, owner, StateBatcher.Limits.DEFAULT);
    }

    ItemDispatcher(ScheduledExecutorService scheduler, Controller owner, StateBatcher.Limits stateBatches) {
        this.states = new StateBatcher(scheduler, stateBatches, () -> api, new StateBatcher.Sink() {
            @Override
            public void stateAnswered(ItemState state) {
                deliver(ownState(state));
            }

            @Override
            public void stateFailed(Oid oid, Throwable failure) {
                stateCallFailed(oid, failure);
            }
        });
        this.owner = owner;
    }

    /** Applies a (new) configuration; forgets the ordering of the previous one. */
    void configure(ControllerId controller, boolean verified) {
        this.controller = controller;
        this.verified = verified;
        ordering.clear();
    }

    /** The API to call while the controller is ONLINE, null otherwise (calls are then skipped, not queued). */
    void setApi(@Nullable EvaApi api) {
        this.api = api;
    }

    void register(Oid oid, EvaItemListener listener) {
        items.put(oid, listener);
        // a new listener has seen nothing: the current state must not be dropped as a duplicate. The item thing
        // asks for its state itself right after registering.
        ordering.forget(controller, oid);
    }

    void unregister(Oid oid, EvaItemListener listener) {
        items.remove(oid, listener);
    }

    int registeredItems() {
        return items.size();
    }

    /**
     * Refreshes every registered item by {@code state} calls in batch frames sent at once ({@link StateBatcher}), shared
     * with the item things' own refreshes ({@link #pacedState}) and verifications. Items whose turn comes after the API
     * changed (the controller went offline or reconnected) are skipped.
     */
    void refreshAll(EvaApi api) {
        states.requestAll(api, new ArrayList<>(items.keySet()));
    }

    /**
     * An item thing's own {@code state} call, batched with every other refresh of this controller's items; fails with
     * {@link EvaRpcException.Kind#NOT_CONNECTED} if the API changed before its turn came.
     */
    CompletableFuture<ItemState> pacedState(EvaApi api, Oid oid) {
        if (this.api != api) {
            return CompletableFuture.failedFuture(new EvaRpcException(EvaRpcException.Kind.NOT_CONNECTED,
                    EvaRpcException.CODE_NOT_READY, controller + " is offline; the state of " + oid + " was not asked"));
        }
        return states.request(api, oid, false);
    }

    private void stateCallFailed(Oid oid, Throwable failure) {
        Throwable cause = CallFailures.unwrap(failure);
        EvaItemListener listener = items.get(oid);
        if (listener != null && cause instanceof EvaRpcException e && e.kind() == EvaRpcException.Kind.REMOTE_ERROR
                && e.code() == EvaRpcException.CODE_NOT_FOUND) {
            ordering.forget(controller, oid);
            listener.itemGone("not found on " + controller + ": " + e.getMessage());
        } else {
            logger.debug("State call for {} on {} failed: {}", oid, controller, cause.getMessage());
        }
    }

    /** A state call answer carries the asked controller, or an SFA's member controller: order it as ours. */
    private ItemState ownState(ItemState state) {
        ControllerId own = controller;
        if (own == null || own.equals(state.controller())) {
            return state;
        }
        return new ItemState(state.oid(), own, state.status(), state.value(), state.nstatus(), state.nvalue(),
                state.actionEnabled(), state.setTime(), state.ieid(), state.expires(), state.t());
    }

    private void deliver(ItemState state) {
        EvaItemListener listener = items.get(state.oid());
        if (listener != null && ordering.accept(state)) {
            listener.stateReported(state);
        }
    }

    /**
     * Queues one authenticated {@code state} call; the answer goes through the ordering. An item already queued is
     * covered; one whose call was already sent gets another, as the announcement may be newer than the answer.
     */
    private void verify(Oid oid) {
        EvaApi current = api;
        if (current != null) {
            states.request(current, oid, true);
        }
    }

    // ---- announcements (MQTT thread) ----

    @Override
    public void itemState(ItemState state) {
        if (!items.containsKey(state.oid())) {
            return;
        }
        if (verified) {
            verify(state.oid());
        } else {
            deliver(state);
        }
    }

    @Override
    public void itemDestroyed(Oid oid, boolean namedController) {
        EvaItemListener listener = items.get(oid);
        if (listener == null) {
            return;
        }
        logger.debug("{} announced as destroyed ({}); asking {} before believing it", oid,
                namedController ? "listed in the controller's bulk batch" : "empty retained payload", controller);
        verify(oid);
    }

    @Override
    public void actionEvent(ActionEvent event) {
        EvaItemListener listener = items.get(event.oid());
        if (listener != null) {
            listener.actionEvent(event);
        }
    }

    @Override
    public void serverEvent(ServerEvent event) {
        if (event.isGoingOffline()) {
            logger.debug("Controller {} announced '{}'; checking whether it still answers", controller,
                    event.event());
            owner.goingOfflineHint();
        }
    }

    @Override
    public void controllerAnnounced() {
        owner.announceHint();
    }

    @Override
    public String toString() {
        return "ItemDispatcher[" + Objects.toString(controller) + ", " + items.size() + " items]";
    }
}
