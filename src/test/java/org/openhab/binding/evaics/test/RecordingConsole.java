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

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.core.io.console.Console;

/**
 * An openHAB {@link Console} that keeps what is printed, line by line ({@code print} without a line end is kept
 * until the next {@code println}), and the usage lines separately.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class RecordingConsole implements Console {

    private final List<String> lines = new ArrayList<>();
    private final List<String> usages = new ArrayList<>();
    private final StringBuilder pending = new StringBuilder();

    @Override
    public synchronized void print(String s) {
        pending.append(s);
    }

    @Override
    public synchronized void println(String s) {
        pending.append(s);
        lines.add(pending.toString());
        pending.setLength(0);
    }

    @Override
    public synchronized void printUsage(String s) {
        usages.add(s);
    }

    /** The printed lines, oldest first (without usage lines). */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines printed with {@code printUsage}. */
    public synchronized List<String> usages() {
        return List.copyOf(usages);
    }

    /** Everything printed, usage lines last, one per line; for assertion messages. */
    public synchronized String text() {
        List<String> all = new ArrayList<>(lines);
        all.addAll(usages);
        return String.join("\n", all);
    }
}
