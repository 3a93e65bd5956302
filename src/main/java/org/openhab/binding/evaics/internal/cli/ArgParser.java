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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A small parser for GNU-style long options: {@code --name value}, {@code --name=value}, flags, {@code --help} /
 * {@code -h}, and {@code --} to end the options. Everything else is a positional argument.
 * <p>
 * Error messages name the option but never repeat a value or a positional argument, because a value can be the API
 * key or the broker password (a key typed without its {@code --key} would otherwise be echoed). A value that starts
 * with {@code --} must be given as {@code --name=value}: a following option is taken as a missing value, which is
 * the likelier mistake. {@code --help} wins over every other error, so it always shows the help.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class ArgParser {

    static final String HELP = "--help";
    static final String HELP_SHORT = "-h";
    private static final String END_OF_OPTIONS = "--";
    private static final String LONG_PREFIX = "--";
    /** Longest option name repeated in an error; longer ones are cut, they are surely mistakes. */
    private static final int MAX_ECHOED_OPTION_LENGTH = 40;

    private final Map<String, CliOption> options = new HashMap<>();

    ArgParser(List<CliOption> options) {
        for (CliOption option : options) {
            this.options.put(option.name(), option);
        }
    }

    /**
     * @throws CliException (usage) for an unknown option, a missing value, a value on a flag, or a repeated option;
     *             never when {@code --help} is present
     */
    ParsedArgs parse(List<String> args) throws CliException {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> flags = new HashSet<>();
        List<String> positionals = new ArrayList<>();
        CliException firstError = null;
        boolean help = false;
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsEnded || !isOptionLike(arg)) {
                positionals.add(arg);
                continue;
            }
            if (END_OF_OPTIONS.equals(arg)) {
                optionsEnded = true;
                continue;
            }
            if (HELP.equals(arg) || HELP_SHORT.equals(arg)) {
                help = true;
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            CliOption option = arg.startsWith(LONG_PREFIX) ? options.get(name) : null;
            if (option == null) {
                firstError = first(firstError, CliException.usage("unknown option " + echo(name)));
                continue;
            }
            if (!option.takesValue()) {
                if (eq >= 0) {
                    firstError = first(firstError, CliException.usage("option " + name + " takes no value"));
                } else if (!flags.add(name)) {
                    firstError = first(firstError, CliException.usage("option " + name + " is given twice"));
                }
                continue;
            }
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith(LONG_PREFIX)) {
                value = args.get(++i);
            } else {
                firstError = first(firstError, CliException.usage("option " + name + " needs a value ("
                        + option.synopsis() + "); a value starting with -- is given as " + name + "=VALUE"));
                continue;
            }
            if (values.putIfAbsent(name, value) != null) {
                firstError = first(firstError, CliException.usage("option " + name + " is given twice"));
            }
        }
        if (help) {
            return new ParsedArgs(values, flags, positionals, true);
        }
        if (firstError != null) {
            throw firstError;
        }
        return new ParsedArgs(values, flags, positionals, false);
    }

    /** {@code -} alone is a positional (by convention stdin); {@code -x} and {@code --x} are options. */
    private static boolean isOptionLike(String arg) {
        return arg.length() > 1 && arg.charAt(0) == '-';
    }

    private static CliException first(@Nullable CliException existing, CliException next) {
        return existing != null ? existing : next;
    }

    /** The option name as typed, made printable and short. */
    static String echo(String name) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length() && i < MAX_ECHOED_OPTION_LENGTH; i++) {
            char c = name.charAt(i);
            sb.append(Character.isISOControl(c) ? '?' : c);
        }
        if (name.length() > MAX_ECHOED_OPTION_LENGTH) {
            sb.append("...");
        }
        return sb.toString();
    }
}
