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
import java.util.Map;
import java.util.Set;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The outcome of {@link ArgParser#parse(List)}, with typed accessors that report problems as usage errors naming
 * the option (never its value, which may be a secret).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class ParsedArgs {

    private final Map<String, String> values;
    private final Set<String> flags;
    private final List<String> positionals;
    private final boolean help;

    ParsedArgs(Map<String, String> values, Set<String> flags, List<String> positionals, boolean help) {
        this.values = Map.copyOf(values);
        this.flags = Set.copyOf(flags);
        this.positionals = List.copyOf(positionals);
        this.help = help;
    }

    /** Whether {@code --help} or {@code -h} was given. */
    boolean help() {
        return help;
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** The value of an option, or null when it was not given. */
    @Nullable
    String optional(String name) {
        return values.get(name);
    }

    /** The value of an option, or {@code fallback} when it was not given. */
    String optional(String name, String fallback) {
        String value = values.get(name);
        return value == null ? fallback : value;
    }

    /**
     * @throws CliException (usage) if the option is missing or empty
     */
    String required(String name) throws CliException {
        String value = values.get(name);
        if (value == null) {
            throw CliException.usage("missing required option " + name);
        }
        if (value.isEmpty()) {
            throw CliException.usage("option " + name + " must not be empty");
        }
        return value;
    }

    /**
     * A duration in seconds: a positive decimal number up to {@code max}.
     *
     * @return the value in milliseconds, or {@code fallbackMillis} when the option is absent
     * @throws CliException (usage) if the value is not a number in (0, max]
     */
    long seconds(String name, long fallbackMillis, long maxSeconds) throws CliException {
        String value = values.get(name);
        if (value == null) {
            return fallbackMillis;
        }
        double seconds;
        try {
            seconds = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw CliException.usage("option " + name + " needs a number of seconds");
        }
        if (!(seconds > 0) || seconds > maxSeconds) {
            throw CliException.usage("option " + name + " must be more than 0 and at most " + maxSeconds + " seconds");
        }
        return Math.max(1, Math.round(seconds * 1000));
    }

    List<String> positionals() {
        return positionals;
    }

    /**
     * @throws CliException (usage) if there are fewer than {@code min} or more than {@code max} positionals; the
     *             message describes them by {@code what}, never by their text
     */
    List<String> positionals(int min, int max, String what) throws CliException {
        if (positionals.size() < min) {
            throw CliException.usage("missing " + what);
        }
        if (positionals.size() > max) {
            throw CliException.usage(max == 0 ? "unexpected argument (this command takes only options)"
                    : "too many arguments (expected " + what + ")");
        }
        return positionals;
    }
}
