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

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.internal.protocol.state.Announcement;
import org.openhab.binding.evaics.internal.protocol.state.ItemState;

/**
 * Receives what the controller bridge learns about one item. Called from the MQTT or scheduler threads: an
 * implementation must return quickly and never throw.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public interface EvaItemListener {

    /**
     * A new state of the item: from an authenticated {@code state} call, or from an announcement of this controller
     * that passed the ieid ordering (protocol.md §9.4). Never called with a state older than one already delivered.
     */
    void stateReported(ItemState state);

    /** The controller announced the item destroyed (empty retained payload), or reported it unknown (error 1). */
    void itemGone(String reason);

    /** An action event of this item (protocol.md §9.6), e.g. to fire a trigger channel. */
    void actionEvent(Announcement.ActionEvent event);
}
