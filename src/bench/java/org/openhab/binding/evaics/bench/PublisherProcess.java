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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The announcement publisher in a process of its own, as a real controller is: the consumer's garbage collections
 * and the publisher's do not stop each other, and neither inherits the other's heap. The child runs
 * {@link #main(String[])}: it connects, warms up on a topic nobody reads, says {@value #READY}, publishes when told
 * {@value #GO} on its standard input,
 * waits for the broker's acknowledgements and reports {@value #DONE} with the publish time in nanoseconds and the
 * number of failed publishes. Every wait is bounded; {@link #close()} kills a child that is still running.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class PublisherProcess implements AutoCloseable {

    static final String READY = "ready";
    static final String GO = "go";
    static final String DONE = "done";
    private static final String CHILD_HEAP = "-Xmx256m";
    private static final long EXIT_WAIT_SECONDS = 10;
    /** Enough for the JIT to compile the publisher's sending code before it is measured. */
    private static final int WARMUP_MESSAGES = 20_000;

    private final Process process;
    private final BufferedReader output;
    private final Writer input;

    /** What the child reported when it was done. */
    record Done(long publishNanos, long failures) {
    }

    /**
     * Starts the child and waits until it is connected.
     *
     * @param perSecond the paced rate, or 0 for as fast as the broker acknowledges
     */
    PublisherProcess(String serverUri, int things, int messages, int perSecond) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        process = new ProcessBuilder(List.of(java.toString(), CHILD_HEAP, BenchClock.baseArgument(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                PublisherProcess.class.getName(), serverUri, Integer.toString(things), Integer.toString(messages),
                Integer.toString(perSecond))).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        expect(READY);
    }

    /** The process id, for CPU accounting. */
    long pid() {
        return process.pid();
    }

    /** Lets the child publish and waits until the broker acknowledged every message. */
    Done publish() throws IOException {
        input.write(GO + "\n");
        input.flush();
        String[] done = expect(DONE).split(" ");
        return new Done(Long.parseLong(done[1]), Long.parseLong(done[2]));
    }

    /** Reads the child's output up to the line starting with {@code word}. */
    private String expect(String word) throws IOException {
        // readLine blocks, but not for ever: every wait of the child is bounded, and it exits when one runs out
        while (true) {
            String line = output.readLine();
            if (line == null) {
                throw new IOException("publisher process ended before '" + word + "'");
            }
            if (line.startsWith(word)) {
                return line;
            }
        }
    }

    @Override
    public void close() {
        try {
            input.close();
        } catch (IOException e) {
            // the child is gone already
        }
        try {
            if (!process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The child: {@code <server uri> <things> <messages> <per second, 0 = burst>}. */
    public static void main(String[] args) throws Exception {
        String serverUri = args[0];
        int things = Integer.parseInt(args[1]);
        int messages = Integer.parseInt(args[2]);
        int perSecond = Integer.parseInt(args[3]);
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (AnnouncePublisher publisher = new AnnouncePublisher(serverUri, things)) {
            publisher.warmUp(WARMUP_MESSAGES);
            System.out.println(READY);
            System.out.flush();
            @Nullable
            String command = commands.readLine();
            if (!GO.equals(command)) {
                return;
            }
            long start = System.nanoTime();
            if (perSecond > 0) {
                publisher.publishPaced(messages, perSecond);
            } else {
                publisher.publishBurst(messages);
            }
            publisher.awaitAcknowledged();
            System.out.println(DONE + " " + (System.nanoTime() - start) + " " + publisher.failures());
            System.out.flush();
        }
        System.exit(0);
    }
}
