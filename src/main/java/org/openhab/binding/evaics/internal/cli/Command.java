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

import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * One sub-command of the {@code evaics} tool.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
interface Command {

    /** The word on the command line, e.g. {@code call}. */
    String name();

    /** One line for the global help. */
    String summary();

    /** The usage line(s) after {@code Usage: }, without the program name, e.g. {@code call --broker URL ...}. */
    String synopsis();

    /** A few sentences for the command's help: what it prints, and when it ends. */
    String description();

    /** The options it accepts, {@code --help} aside. */
    List<CliOption> options();

    /**
     * Runs the command.
     *
     * @return the exit code
     * @throws CliException for usage errors and failures with their own exit code
     * @throws InterruptedException if the run is interrupted
     */
    int execute(ParsedArgs args, CliIo io) throws CliException, InterruptedException;
}
