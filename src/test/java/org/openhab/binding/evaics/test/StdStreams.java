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

import java.io.PrintStream;
import java.util.Objects;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * The JVM's current standard streams for tests that report figures or logs: {@link System#out} and
 * {@link System#err} are declared nullable (System.setOut may set null), and a test that prints fails here, plainly,
 * rather than on a null dereference.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class StdStreams {

    private StdStreams() {
    }

    /** {@link System#out} as it is now. */
    public static PrintStream out() {
        return Objects.requireNonNull(System.out, "System.out is null");
    }

    /** {@link System#err} as it is now. */
    public static PrintStream err() {
        return Objects.requireNonNull(System.err, "System.err is null");
    }
}
