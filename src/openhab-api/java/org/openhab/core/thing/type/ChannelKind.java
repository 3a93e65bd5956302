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
package org.openhab.core.thing.type;

import java.util.Locale;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Stand-in of openHAB's {@code ChannelKind}: a channel either carries a state or emits trigger events.
 */
@NonNullByDefault
public enum ChannelKind {
    STATE,
    TRIGGER;

    /**
     * @param input "state" or "trigger" in any case; null means {@link #STATE}
     * @return the kind
     * @throws IllegalArgumentException for any other input
     */
    public static ChannelKind parse(@Nullable String input) {
        if (input == null) {
            return STATE;
        }
        for (ChannelKind kind : values()) {
            if (kind.name().equals(input.toUpperCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown channel kind: '" + input + "'");
    }
}
