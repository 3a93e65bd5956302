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

import java.io.InputStream;
import java.io.PrintStream;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.internal.protocol.JsonLines;

/**
 * The streams of one run. Lines may come from MQTT threads at the same time, so printing is serialised, and every
 * line is flushed at once so that {@code watch | jq} sees it without delay.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class CliIo {

    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final Object lock = new Object();

    CliIo(PrintStream out, PrintStream err, InputStream in) {
        this.out = out;
        this.err = err;
        this.in = in;
    }

    /** One line of results on stdout. */
    void out(String line) {
        synchronized (lock) {
            out.println(line);
            out.flush();
        }
    }

    /** Text on stdout as is (help texts). */
    void outText(String text) {
        synchronized (lock) {
            out.print(text);
            out.flush();
        }
    }

    /** One diagnostic line on stderr. */
    void err(String line) {
        synchronized (lock) {
            err.println(line);
            err.flush();
        }
    }

    InputStream in() {
        return in;
    }

    /** Text from the network made safe for one stderr line: no control characters, bounded length. */
    static String printable(String text) {
        return JsonLines.printable(text);
    }
}
