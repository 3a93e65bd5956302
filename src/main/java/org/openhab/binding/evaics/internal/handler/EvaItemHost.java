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

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaApi;
import org.openhab.binding.evaics.internal.protocol.state.ItemState;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;
import org.openhab.binding.evaics.internal.protocol.state.Oid;

/**
 * What an item thing (unit, sensor, lvar) needs from its controller bridge. Implemented by the controller handler;
 * item handlers find it as their bridge's handler.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public interface EvaItemHost {

    /** The controller's API, or null while the controller is not ONLINE: a command then is refused, not queued. */
    @Nullable
    EvaApi api();

    /** The controller this bridge talks to. */
    ControllerId controllerId();

    /** How long a call to the controller waits for its answer: the configured call timeout. */
    Duration callTimeout();

    /**
     * True in {@code verified} mode: announcements only trigger an authenticated {@code state} call, and channels
     * change only from its answer.
     */
    boolean verifiedStates();

    /**
     * Registers an item: from now on its announcements (only those from this controller) and refreshed states reach
     * the listener. One listener per OID; a second registration for the same OID replaces the first.
     */
    void registerItem(Oid oid, EvaItemListener listener);

    /** Removes the registration made with {@link #registerItem}, if it is still this listener's. */
    void unregisterItem(Oid oid, EvaItemListener listener);

    /**
     * Asks the controller for an item's state through {@code api} (an authenticated {@code state} call, protocol.md §10
     * step 7), paced with the refreshes of the controller's other items, so that thousands of item things starting at
     * once neither exceed the bound on pending calls nor crowd out commands.
     *
     * @return the answer; fails with {@link EvaRpcException.Kind#NOT_CONNECTED} if the controller went offline
     *         before the call's turn came
     */
    CompletableFuture<ItemState> refreshState(EvaApi api, Oid oid);
}
