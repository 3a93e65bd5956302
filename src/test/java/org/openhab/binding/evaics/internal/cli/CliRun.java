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

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

/**
 * One in-process run of {@link EvaicsCli#run}, with what it printed. The output streams may be read while the run
 * is still going on another thread ({@code watch}, {@code discover}).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class CliRun {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final byte[] stdin;
    private final String[] args;

    private CliRun(byte[] stdin, String... args) {
        this.stdin = stdin;
        this.args = args;
    }

    static CliRun prepare(String... args) {
        return new CliRun(new byte[0], args);
    }

    /** Runs at once with an empty stdin. */
    static Result run(String... args) {
        return prepare(args).execute();
    }

    /** Runs at once with the given stdin. */
    static Result runWithStdin(byte[] stdin, String... args) {
        return new CliRun(stdin, args).execute();
    }

    Result execute() {
        int code = EvaicsCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(stdin));
        return new Result(code, stdout(), stderr());
    }

    String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** The finished run. */
    record Result(int exitCode, String stdout, String stderr) {

        /** Non-empty lines of stdout. */
        List<String> outLines() {
            return lines(stdout);
        }

        /** Non-empty lines of stderr. */
        List<String> errLines() {
            return lines(stderr);
        }

        /** stdout as one JSON value. */
        JsonElement json() {
            return JsonParser.parseString(stdout);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    static List<String> lines(String text) {
        return Arrays.stream(text.split("\n")).filter(line -> !line.isBlank()).toList();
    }
}
