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

import java.util.ArrayDeque;
import java.util.Deque;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Remembers the actions whose end was already announced on the {@code action} trigger channel. The end of an action
 * is learnt twice, from the call's result and from the action event (protocol.md §8.5, §9.6), in either order; the
 * trigger must fire once. Thread-safe.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class FinishedActions {

    /** How many action uuids are remembered; both reports of one action arrive within a call timeout. */
    static final int CAPACITY = 32;

    private final Deque<String> uuids = new ArrayDeque<>(CAPACITY);

    /** @return true the first time the action is reported finished, false on a repeat */
    synchronized boolean markFinished(String uuid) {
        if (uuids.contains(uuid)) {
            return false;
        }
        if (uuids.size() == CAPACITY) {
            uuids.removeFirst();
        }
        uuids.addLast(uuid);
        return true;
    }
}
