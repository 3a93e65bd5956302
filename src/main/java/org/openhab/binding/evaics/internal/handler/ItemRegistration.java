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

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.protocol.state.Ieid;
import org.openhab.binding.evaics.internal.protocol.state.ItemState;
import org.openhab.binding.evaics.internal.protocol.state.Oid;

/**
 * One registration of an item handler with its controller, from attach to detach. Answers that arrive for an older
 * registration (after a dispose, or after the bridge went offline and came back) are recognised by identity and
 * dropped. Thread-safe.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class ItemRegistration {

    /** Enough doublings to reach any sensible maximum from any sensible first delay. */
    private static final int MAX_DOUBLINGS = 16;

    private final EvaItemHost host;
    private final Oid oid;

    private boolean refreshInFlight;
    private boolean refreshAgain;
    private @Nullable Ieid lastIeid;
    private @Nullable ItemState lastState;
    private int failedFirstRefreshes;

    ItemRegistration(EvaItemHost host, Oid oid) {
        this.host = host;
        this.oid = oid;
    }

    EvaItemHost host() {
        return host;
    }

    Oid oid() {
        return oid;
    }

    /**
     * @return true if a {@code state} call should be sent now; false if one is in flight (it is then repeated once
     *         when it ends, since its answer may predate whatever asked for the refresh)
     */
    synchronized boolean beginRefresh() {
        if (refreshInFlight) {
            refreshAgain = true;
            return false;
        }
        refreshInFlight = true;
        return true;
    }

    /** @return true if another refresh was asked for while this one was in flight */
    synchronized boolean endRefresh() {
        boolean again = refreshAgain;
        refreshInFlight = false;
        refreshAgain = false;
        return again;
    }

    /**
     * Records a state unless it is older than the last one applied (protocol.md §9.4): the answer to a {@code state}
     * call and the announcements are independent messages that can overtake each other (protocol.md §9.3).
     *
     * @return whether the state is to be applied
     */
    synchronized boolean accept(ItemState state) {
        Ieid ieid = state.ieid();
        Ieid last = lastIeid;
        if (ieid != null && last != null && ieid.compareTo(last) < 0) {
            return false;
        }
        if (ieid != null) {
            lastIeid = ieid;
        }
        lastState = state;
        return true;
    }

    /** Forgets the order and the last state: the item was destroyed, a new one with this OID starts afresh. */
    synchronized void forget() {
        lastIeid = null;
        lastState = null;
    }

    synchronized @Nullable ItemState lastState() {
        return lastState;
    }

    /**
     * A refresh failed for a passing reason (timeout, too many calls, connection trouble).
     *
     * @return the delay before the next try while the item has no state yet: {@code first}, doubling per failure up
     *         to {@code max}; null once a state has arrived, since announcements and the next resync keep it current
     */
    synchronized @Nullable Duration refreshFailed(Duration first, Duration max) {
        if (lastState != null) {
            return null;
        }
        Duration delay = first.multipliedBy(1L << Math.min(failedFirstRefreshes, MAX_DOUBLINGS));
        failedFirstRefreshes++;
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
