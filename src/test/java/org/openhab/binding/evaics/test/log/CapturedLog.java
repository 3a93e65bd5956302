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
package org.openhab.binding.evaics.test.log;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Everything logged from a point on, for tests tagged {@value #TAG}: they run in the surefire execution
 * {@code log-capture} (pom.xml), whose JVM has slf4j-simple log every level to the file named by the system property
 * {@value #LOG_FILE_PROPERTY}. Paho logs through java.util.logging instead; {@link #start()} also switches that to
 * every level and keeps what it logs.
 * <p>
 * Run outside that execution (e.g. from an IDE), {@link #start()} fails rather than letting a test pass on an empty
 * log.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class CapturedLog implements AutoCloseable {

    /** The JUnit tag of the tests that need this. */
    public static final String TAG = "log-capture";
    public static final String LOG_FILE_PROPERTY = "evaics.test.logFile";
    private static final String SLF4J_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";
    private static final String PAHO_LOGGER = "org.eclipse.paho";

    private final Path file;
    private final long start;
    private final Logger paho = Logger.getLogger(PAHO_LOGGER);
    private final @Nullable Level pahoLevel;
    private final List<String> pahoRecords = new ArrayList<>();
    private final Handler pahoHandler = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(@Nullable LogRecord logRecord) {
            if (logRecord != null) {
                String text = formatter.format(logRecord);
                synchronized (pahoRecords) {
                    pahoRecords.add(text);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedLog(Path file) {
        this.file = file;
        this.start = size(file);
        this.pahoLevel = paho.getLevel();
        paho.setLevel(Level.ALL);
        paho.addHandler(pahoHandler);
    }

    /**
     * @throws IllegalStateException if this JVM does not log everything to a file (not the log-capture execution)
     */
    public static CapturedLog start() {
        String name = System.getProperty(LOG_FILE_PROPERTY);
        if (name == null || !"trace".equals(System.getProperty(SLF4J_LEVEL_PROPERTY))) {
            throw new IllegalStateException("tests tagged " + TAG + " run in the surefire execution 'log-capture' "
                    + "(mvn verify), which logs everything to the file named by -D" + LOG_FILE_PROPERTY);
        }
        // slf4j-simple truncates the file when it initialises: that must happen before the start is measured
        LoggerFactory.getLogger(CapturedLog.class).info("Log capture starts");
        return new CapturedLog(Path.of(name));
    }

    /** What slf4j wrote since {@link #start()}. */
    public String text() {
        long end = size(file);
        if (end <= start) {
            return "";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            byte[] bytes = new byte[Math.toIntExact(end - start)];
            in.seek(start);
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The lines slf4j wrote since {@link #start()}. */
    public List<String> lines() {
        return text().lines().toList();
    }

    /** What Paho logged through java.util.logging since {@link #start()}, formatted. */
    public List<String> pahoRecords() {
        synchronized (pahoRecords) {
            return List.copyOf(pahoRecords);
        }
    }

    /** Puts Paho's logging back as it was. */
    @Override
    public void close() {
        paho.removeHandler(pahoHandler);
        paho.setLevel(pahoLevel);
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
