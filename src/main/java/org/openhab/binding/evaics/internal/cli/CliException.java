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
 * Ends a command with an exit code and one line for stderr. The message never contains the API key or the broker
 * password: it is built from option names and from protocol exception messages, which leave key material out.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class CliException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final boolean usage;

    private CliException(int exitCode, String message, boolean usage) {
        super(message, null, false, false);
        this.exitCode = exitCode;
        this.usage = usage;
    }

    /** Bad arguments: exit {@link ExitCode#USAGE}, and the line points to {@code --help}. */
    static CliException usage(String message) {
        return new CliException(ExitCode.USAGE, message, true);
    }

    /** A failure with the given exit code. */
    static CliException failure(int exitCode, String message) {
        return new CliException(exitCode, message, false);
    }

    int exitCode() {
        return exitCode;
    }

    /** Whether this is an argument error (the stderr line then points to the command's help). */
    boolean isUsage() {
        return usage;
    }
}
