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

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Drops item states that are not newer than the last one applied for the same (controller, OID), as EVA's own
 * receivers do (protocol.md §9.3, §9.4): duplicates, stale retained messages, and messages overtaken on the way.
 * <p>
 * Order: when both states have an {@code ieid}, boot id first, then counter; an equal {@code ieid} is a duplicate.
 * Otherwise, when both have {@code set_time}, the later one wins; on equal {@code set_time}, the later {@code t}
 * wins and an equal {@code t} is a duplicate. When neither comparison is possible (no common ordering member, or
 * equal {@code set_time} without {@code t} on both sides) the state is accepted: applying a state twice is harmless,
 * dropping a real change is not.
 * <p>
 * Thread-safe and lock-free (one map lookup and, for accepted states, one compare-and-set), since it sits on the
 * path of every state message. Callers should feed it only states of items they track, and {@link #forget} removed
 * items, because the number of keys is not bounded here.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class StateOrdering {

    private record Key(@Nullable ControllerId controller, Oid oid) {
    }

    /** The ordering members of the last accepted state. */
    private record Mark(@Nullable Ieid ieid, @Nullable Double setTime, @Nullable Double t) {

        static Mark of(ItemState state) {
            return new Mark(state.ieid(), state.setTime(), state.t());
        }

        /** Whether a state with these members should replace one with {@code applied}'s. */
        boolean supersedes(Mark applied) {
            Ieid ieid = this.ieid;
            Ieid appliedIeid = applied.ieid;
            if (ieid != null && appliedIeid != null) {
                return ieid.isAfter(appliedIeid);
            }
            Double setTime = this.setTime;
            Double appliedSetTime = applied.setTime;
            if (setTime != null && appliedSetTime != null) {
                int bySetTime = Double.compare(setTime, appliedSetTime);
                if (bySetTime != 0) {
                    return bySetTime > 0;
                }
            }
            Double t = this.t;
            Double appliedT = applied.t;
            if (t != null && appliedT != null) {
                return t > appliedT;
            }
            return true;
        }
    }

    private final Map<Key, Mark> applied = new ConcurrentHashMap<>();

    /**
     * Records {@code state} if it is newer than the last accepted state of its (controller, OID).
     *
     * @return {@code true} if the state should be applied, {@code false} if it is a duplicate or older
     */
    public boolean accept(ItemState state) {
        Key key = new Key(state.controller(), state.oid());
        Mark incoming = Mark.of(state);
        while (true) {
            Mark previous = applied.get(key);
            if (previous == null) {
                if (applied.putIfAbsent(key, incoming) == null) {
                    return true;
                }
            } else if (!incoming.supersedes(previous)) {
                return false;
            } else if (applied.replace(key, previous, incoming)) {
                return true;
            }
            // another thread changed the entry in between: decide again against its state
        }
    }

    /** Whether {@link #accept} would accept {@code state} now, without recording it. */
    public boolean isNewer(ItemState state) {
        Mark previous = applied.get(new Key(state.controller(), state.oid()));
        return previous == null || Mark.of(state).supersedes(previous);
    }

    /** Forgets the item, e.g. after it was destroyed, so that its next state is accepted whatever its order. */
    public void forget(@Nullable ControllerId controller, Oid oid) {
        applied.remove(new Key(controller, oid));
    }

    /** Forgets all items of one controller. */
    public void forgetController(@Nullable ControllerId controller) {
        applied.keySet().removeIf(key -> Objects.equals(key.controller(), controller));
    }

    /** Forgets everything. */
    public void clear() {
        applied.clear();
    }

    /** Number of (controller, OID) pairs tracked. */
    public int size() {
        return applied.size();
    }
}
