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

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The {@code evaics} command-line tool for people who debug an EVA ICS v3 setup: calls the encrypted JSON-RPC API of
 * a controller, watches state announcements, discovers controllers and decodes captured frames (protocol.md §1 to §9).
 * It is built on the binding's protocol layer only, so it frames, encrypts and judges answers exactly as the binding
 * does.
 * <p>
 * Conventions: results go to stdout as JSON, one value per line; diagnostics go to stderr, one line each; the exit
 * codes are in {@link ExitCode}. Secrets (API key, broker password) never appear in messages. {@link #run} holds all
 * the logic so that tests need no subprocess; {@link #main} only adds the process streams, logging and the exit.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class EvaicsCli {

    static final String PROGRAM = "evaics";
    /** Environment variable with the log level of the protocol layer on stderr (off by default). */
    static final String LOG_LEVEL_ENV = "EVAICS_LOG";
    private static final String SIMPLE_LOGGER_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
    private static final String SIMPLE_LOGGER_FILE = "org.slf4j.simpleLogger.logFile";
    private static final String LOG_OFF = "off";
    /** Width of the option column in the help. */
    private static final int OPTION_COLUMN = 26;

    private static final List<Command> COMMANDS = List.of(new CallCommand(), new WatchCommand(),
            new DiscoverCommand(), new DecodeCommand());

    private EvaicsCli() {
    }

    public static void main(String[] args) {
        configureLogging();
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int exitCode = run(args, out, err, Objects.requireNonNull(System.in));
        out.flush();
        err.flush();
        System.exit(exitCode);
    }

    /**
     * Runs one command line.
     *
     * @return the exit code ({@link ExitCode})
     */
    public static int run(String[] args, PrintStream out, PrintStream err, InputStream in) {
        CliIo io = new CliIo(out, err, in);
        if (args.length == 0) {
            io.err(PROGRAM + ": missing command (try '" + PROGRAM + " --help')");
            return ExitCode.USAGE;
        }
        String first = args[0];
        if (ArgParser.HELP.equals(first) || ArgParser.HELP_SHORT.equals(first)) {
            io.outText(globalHelp());
            return ExitCode.OK;
        }
        Command command = find(first);
        if (command == null) {
            io.err(PROGRAM + ": " + (first.startsWith("-") ? "unknown option " + ArgParser.echo(first.split("=", 2)[0])
                    : "unknown command") + "; the commands are " + commandNames() + " (try '" + PROGRAM + " --help')");
            return ExitCode.USAGE;
        }
        String prefix = PROGRAM + " " + command.name();
        try {
            ParsedArgs parsed = new ArgParser(command.options()).parse(Arrays.asList(args).subList(1, args.length));
            if (parsed.help()) {
                io.outText(commandHelp(command));
                return ExitCode.OK;
            }
            return command.execute(parsed, io);
        } catch (CliException e) {
            io.err(prefix + ": " + e.getMessage()
                    + (e.isUsage() ? " (try '" + PROGRAM + " " + command.name() + " --help')" : ""));
            return e.exitCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            io.err(prefix + ": interrupted");
            return ExitCode.INTERRUPTED;
        } catch (RuntimeException e) {
            io.err(prefix + ": internal error: " + e.getClass().getSimpleName() + ": "
                    + CliIo.printable(String.valueOf(e.getMessage())));
            return ExitCode.USAGE;
        }
    }

    private static @Nullable Command find(String name) {
        for (Command command : COMMANDS) {
            if (command.name().equals(name)) {
                return command;
            }
        }
        return null;
    }

    private static String commandNames() {
        return String.join(", ", COMMANDS.stream().map(Command::name).toList());
    }

    static String globalHelp() {
        StringBuilder sb = new StringBuilder();
        sb.append("Usage: ").append(PROGRAM).append(" <command> [options]\n\n");
        sb.append("Debugging tool for EVA ICS v3 controllers on an MQTT broker: their encrypted JSON-RPC API,\n");
        sb.append("their state announcements and their discovery announces.\n\n");
        sb.append("Commands:\n");
        for (Command command : COMMANDS) {
            sb.append(String.format(Locale.ROOT, "  %-10s%s%n", command.name(), command.summary()));
        }
        sb.append("\nRun '").append(PROGRAM).append(" <command> --help' for the options of a command.\n\n");
        sb.append(exitCodesHelp());
        sb.append("\nSet ").append(LOG_LEVEL_ENV)
                .append("=debug (or info, warn) to see the protocol layer's log on stderr.\n");
        return sb.toString();
    }

    static String commandHelp(Command command) {
        StringBuilder sb = new StringBuilder();
        sb.append("Usage: ").append(PROGRAM).append(' ').append(command.synopsis()).append("\n\n");
        sb.append(command.description()).append('\n');
        sb.append("Options:\n");
        for (CliOption option : command.options()) {
            sb.append(String.format(Locale.ROOT, "  %-" + OPTION_COLUMN + "s%s%n", option.synopsis(), option.help()));
        }
        sb.append(String.format(Locale.ROOT, "  %-" + OPTION_COLUMN + "s%s%n", "-h, --help", "show this help"));
        sb.append('\n').append(exitCodesHelp());
        return sb.toString();
    }

    private static String exitCodesHelp() {
        return """
                Exit codes: 0 success; 1 the controller answered with an error (or 500|); 2 bad arguments,
                broker unreachable or refused, malformed frame; 3 no valid answer before the timeout;
                4 frame not authentic with the given key (decode).
                """;
    }

    /** Protocol-layer logging stays off unless asked for, so that nothing but results reaches the output. */
    private static void configureLogging() {
        if (System.getProperty(SIMPLE_LOGGER_LEVEL) == null) {
            String level = System.getenv(LOG_LEVEL_ENV);
            System.setProperty(SIMPLE_LOGGER_LEVEL,
                    level == null || level.isBlank() ? LOG_OFF : level.trim().toLowerCase(Locale.ROOT));
        }
        if (System.getProperty(SIMPLE_LOGGER_FILE) == null) {
            System.setProperty(SIMPLE_LOGGER_FILE, "System.err");
        }
    }
}
