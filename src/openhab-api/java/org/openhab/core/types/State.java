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
package org.openhab.core.types;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Stand-in of openHAB's {@code State}: a value a channel or item can have.
 */
@NonNullByDefault
public interface State extends Type {

    /**
     * Converts this state to another state type.
     *
     * @param target the wanted type
     * @return this state as the wanted type, or null if there is no conversion
     */
    default <T extends State> @Nullable T as(@Nullable Class<T> target) {
        if (target != null && target.isInstance(this)) {
            return target.cast(this);
        }
        return null;
    }
}
