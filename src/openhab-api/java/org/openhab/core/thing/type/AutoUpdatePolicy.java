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
 * Stand-in of openHAB's {@code AutoUpdatePolicy}: whether openHAB may update an item's state from a command before
 * the device confirms it.
 */
@NonNullByDefault
public enum AutoUpdatePolicy {
    VETO,
    DEFAULT,
    RECOMMEND;

    /**
     * @param input the policy name in any case, or null
     * @return the policy, or null for null input
     * @throws IllegalArgumentException for an unknown name
     */
    public static @Nullable AutoUpdatePolicy parse(@Nullable String input) {
        if (input == null) {
            return null;
        }
        for (AutoUpdatePolicy policy : values()) {
            if (policy.name().equals(input.toUpperCase(Locale.ROOT))) {
                return policy;
            }
        }
        throw new IllegalArgumentException("Unknown auto update policy: '" + input + "'");
    }
}
