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

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * The actions a unit thing started whose end it does not know yet: the {@code action} call answers at once, usually
 * while the action still runs (protocol.md §8.2, §8.5), and a stock EVA notifier publishes no action events
 * (protocol.md §2), so the unit handler asks for their {@code result} when the unit's state shows that no action runs
 * any more. Oldest first; the oldest is forgotten when {@value #CAPACITY} are pending. Thread-safe.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class PendingActions {

    /** More than a unit runs at once: EVA's default action queue holds one action (protocol.md §8.2). */
    static final int CAPACITY = 16;

    private final Set<String> uuids = new LinkedHashSet<>();

    synchronized void add(String uuid) {
        if (uuids.add(uuid) && uuids.size() > CAPACITY) {
            uuids.remove(uuids.iterator().next());
        }
    }

    synchronized void remove(String uuid) {
        uuids.remove(uuid);
    }

    synchronized List<String> snapshot() {
        return List.copyOf(uuids);
    }
}
