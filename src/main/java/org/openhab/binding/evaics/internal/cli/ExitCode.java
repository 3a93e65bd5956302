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
package org.openhab.binding.evaics.internal.cli;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * The exit codes of the {@code evaics} tool; scripts rely on them, so they never change meaning.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class ExitCode {

    /** Success: the result, the announcements or the decoded frame were printed. */
    static final int OK = 0;
    /** The controller answered with a JSON-RPC error, with {@code 500|}, or with an unusable answer. */
    static final int REMOTE_ERROR = 1;
    /** Bad arguments, or the broker cannot be reached or refused us; also a malformed frame for decode. */
    static final int USAGE = 2;
    /** No valid answer before the call timeout. */
    static final int NO_ANSWER = 3;
    /** decode: the frame is not authentic with the given key (MAC mismatch). */
    static final int NOT_AUTHENTIC = 4;
    /** The run was interrupted (the shell's convention for SIGINT: 128 + 2). */
    static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
