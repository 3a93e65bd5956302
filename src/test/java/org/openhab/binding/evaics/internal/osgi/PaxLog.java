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
package org.openhab.binding.evaics.internal.osgi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * openHAB's log in the integration test. openHAB and the binding log through SLF4J, which pax-logging-api exports
 * inside the framework. Without a pax-logging back end (log4j2/logback bundles, which openHAB's Karaf has and this
 * test leaves out), pax-logging-api writes to its fallback logger; {@code org.ops4j.pax.logging.useFileLogFallback}
 * makes that a file, read here. Level INFO: openHAB's complaints (warnings, errors) and the binding's warnings. A log
 * entry is its first line and the lines of a printed stack trace that follow it (the exception's message is on the
 * second line).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class PaxLog {

    /** A line of a printed stack trace: a frame, or a "Caused by". */
    private static final Pattern STACK_TRACE_LINE = Pattern.compile("^\\s+at \\S+\\(.*\\)$|^Caused by: ");

    private final Path file;
    private long mark;

    PaxLog(Path file) {
        this.file = file;
    }

    /** The framework properties that send pax-logging-api's fallback log to the file. */
    static Map<String, String> frameworkProperties(Path file) {
        return Map.of("org.ops4j.pax.logging.useFileLogFallback", file.toString(),
                "org.ops4j.pax.logging.DefaultServiceLog.level", "INFO");
    }

    /** Everything logged so far. */
    List<String> lines() {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** Remembers where the log ends now, for {@link #linesSinceMark()}. */
    void mark() {
        mark = lines().size();
    }

    List<String> linesSinceMark() {
        List<String> all = lines();
        return all.subList((int) Math.min(mark, all.size()), all.size());
    }

    /**
     * The log entries since the mark (a line and the lines of its printed stack trace) that have a stack trace and
     * match the pattern (e.g. the binding's classes or things), each as one string.
     */
    List<String> stackTracesSinceMark(Pattern mentioning) {
        return stackTraces(linesSinceMark(), mentioning);
    }

    /** Like {@link #stackTracesSinceMark(Pattern)}, for the whole log. */
    List<String> stackTraces(Pattern mentioning) {
        return stackTraces(lines(), mentioning);
    }

    private static List<String> stackTraces(List<String> lines, Pattern mentioning) {
        List<String> entries = new ArrayList<>();
        StringBuilder entry = new StringBuilder();
        boolean trace = false;
        for (String line : lines) {
            boolean traceLine = STACK_TRACE_LINE.matcher(line).find();
            boolean continuation = traceLine || line.startsWith("\t") || line.startsWith("...");
            if (!continuation) {
                addIf(entries, entry, trace, mentioning);
                entry.setLength(0);
                trace = false;
            }
            entry.append(line).append('\n');
            trace |= traceLine;
        }
        addIf(entries, entry, trace, mentioning);
        return entries;
    }

    private static void addIf(List<String> entries, StringBuilder entry, boolean trace, Pattern mentioning) {
        if (trace && mentioning.matcher(entry).find()) {
            entries.add(entry.toString());
        }
    }

    /** The lines of the log that contain the text. */
    List<String> linesContaining(String text) {
        return lines().stream().filter(line -> line.contains(text)).toList();
    }

    Path file() {
        return file;
    }
}
