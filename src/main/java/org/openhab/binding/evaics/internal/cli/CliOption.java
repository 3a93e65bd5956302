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
import org.eclipse.jdt.annotation.Nullable;

/**
 * One long option of a command.
 *
 * @param name the option with its dashes, e.g. {@code --broker}
 * @param valueName the placeholder of its value in the help ({@code URL}), or null for a flag
 * @param help one line for the help text
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
record CliOption(String name, @Nullable String valueName, String help) {

    static CliOption value(String name, String valueName, String help) {
        return new CliOption(name, valueName, help);
    }

    static CliOption flag(String name, String help) {
        return new CliOption(name, null, help);
    }

    boolean takesValue() {
        return valueName != null;
    }

    /** {@code --broker URL} or {@code --text}, as the help shows it. */
    String synopsis() {
        String placeholder = valueName;
        return placeholder == null ? name : name + " " + placeholder;
    }
}
