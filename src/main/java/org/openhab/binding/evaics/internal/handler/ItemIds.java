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
import org.openhab.binding.evaics.internal.protocol.state.Oid;

/**
 * Turns the {@code id} parameter of an item thing into its OID (protocol.md §8: {@code <type>:<group>/<id>}, groups may
 * contain {@code /}). The id becomes MQTT topic levels, so wildcards and control characters (NUL included) are
 * refused with their own message; {@link Oid} checks everything else.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class ItemIds {

    private ItemIds() {
    }

    /**
     * @param type the item type ({@code unit}, {@code sensor}, {@code lvar})
     * @param id the configured full id; surrounding white space is ignored
     * @throws ItemConfigException if the id is missing or invalid
     */
    public static Oid toOid(String type, String id) throws ItemConfigException {
        String fullId = id.strip();
        if (fullId.isEmpty()) {
            throw new ItemConfigException(StatusDescriptions.text(StatusDescriptions.MISSING_ID), "no id configured");
        }
        for (int i = 0; i < fullId.length(); i++) {
            char c = fullId.charAt(i);
            if (c == '+' || c == '#') {
                throw new ItemConfigException(StatusDescriptions.text(StatusDescriptions.ID_WILDCARD, fullId),
                        "the id contains the MQTT wildcard " + c);
            }
            if (Character.isISOControl(c)) {
                throw new ItemConfigException(StatusDescriptions.text(StatusDescriptions.ID_CONTROL_CHARACTER, fullId),
                        "the id contains a control character");
            }
        }
        try {
            return Oid.fromFullId(type, fullId);
        } catch (IllegalArgumentException e) {
            throw new ItemConfigException(StatusDescriptions.text(StatusDescriptions.INVALID_ID, fullId),
                    String.valueOf(e.getMessage()));
        }
    }
}
