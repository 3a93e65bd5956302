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
package org.openhab.binding.evaics.test;

import java.util.Objects;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * The parts of a thrown exception that a test looks at, which {@link Throwable} declares nullable: a test that expects
 * a message or a cause fails here, with a plain message, when there is none.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class Thrown {

    private Thrown() {
    }

    /** The exception's message; fails when it has none. */
    public static String messageOf(Throwable e) {
        return Objects.requireNonNull(e.getMessage(), () -> e.getClass().getName() + " has no message");
    }

    /** The exception's cause; fails when it has none. */
    public static Throwable causeOf(Throwable e) {
        return Objects.requireNonNull(e.getCause(), () -> e.getClass().getName() + " has no cause");
    }
}
