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
package org.openhab.binding.evaics.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * CPU time used by this JVM (clients, simulator, echo responder), by the broker process and optionally by one more
 * process (the announcement publisher), so that the benchmark
 * can report CPU per call and per message beside the rates. On a machine shared with other work, rates and
 * latencies move with the load, while the CPU a call costs hardly does; it says what a quiet machine would do.
 * Reads {@code /proc}; elsewhere the broker's share is reported as 0.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class CpuMeter {

    /** Linux reports process times in clock ticks of 1/100 s on every platform the kernel supports today. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final int UTIME_FIELD = 13;
    private static final int STIME_FIELD = 14;

    private final com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
            .getOperatingSystemMXBean();
    private final long brokerPid;
    private final long otherPid;

    /** @param brokerDirectory the broker's working directory, which its command line names (its config file) */
    CpuMeter(Path brokerDirectory) {
        this(findPid(brokerDirectory.toString()), -1);
    }

    private CpuMeter(long brokerPid, long otherPid) {
        this.brokerPid = brokerPid;
        this.otherPid = otherPid;
    }

    /** A meter of this JVM only. */
    static CpuMeter jvmOnly() {
        return new CpuMeter(-1, -1);
    }

    /** This meter, also counting the process {@code pid} (e.g. the publisher's). */
    CpuMeter with(long pid) {
        return new CpuMeter(brokerPid, pid);
    }

    /** Whether the broker's process was found (else only the JVM is counted). */
    boolean countsBroker() {
        return brokerPid > 0;
    }

    /** JVM plus broker CPU time so far, in nanoseconds. */
    long nanos() {
        return os.getProcessCpuTime() + processNanos(brokerPid) + processNanos(otherPid);
    }

    private static long processNanos(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"),
                    StandardCharsets.US_ASCII);
            // the command name in field 2 may contain spaces; fields after it are counted from its closing ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[UTIME_FIELD - 2]) + Long.parseLong(fields[STIME_FIELD - 2]);
            return ticks * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long findPid(String commandLinePart) {
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    String commandLine = new String(Files.readAllBytes(process.resolve("cmdline")),
                            StandardCharsets.UTF_8);
                    if (commandLine.contains(commandLinePart)) {
                        return Long.parseLong(process.getFileName().toString());
                    }
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile, or is not ours to read
                }
            }
        } catch (IOException e) {
            // no /proc
        }
        return -1;
    }
}
