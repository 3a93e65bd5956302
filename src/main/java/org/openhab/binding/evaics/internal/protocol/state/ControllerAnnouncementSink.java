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

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ActionEvent;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ServerEvent;

/**
 * Receives the announcements that {@link AnnouncementRouter} attributes to one controller. Called on the MQTT
 * callback thread for every message: implementations must return quickly and must not throw.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public interface ControllerAnnouncementSink {

    /** A state whose {@code c} member (or bulk batch {@code c}) names this controller (protocol.md §9.1, §9.5). */
    void itemState(ItemState state);

    /**
     * An item announced destroyed (protocol.md §9.5).
     *
     * @param oid the item
     * @param namedController true if a bulk batch of this controller listed it as destroyed; false for an empty
     *            payload on the item topic, which carries no controller id and may come from anybody or concern
     *            another controller's item of the same OID (it is offered to every controller)
     */
    void itemDestroyed(Oid oid, boolean namedController);

    /** An action event whose {@code c} member names this controller (protocol.md §9.6). */
    void actionEvent(ActionEvent event);

    /** A server event on this controller's events topic (protocol.md §2.2). Unauthenticated: a hint, not proof. */
    void serverEvent(ServerEvent event);

    /** A discovery announce naming this controller (protocol.md §2.1). Unauthenticated: a hint, not proof. */
    void controllerAnnounced();
}
