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

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.openhab.binding.evaics.internal.protocol.codec.VectorFiles;
import org.openhab.binding.evaics.internal.protocol.codec.VectorFiles.Message;
import org.openhab.binding.evaics.internal.protocol.codec.VectorFiles.Vector;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The packaged {@code target/evaics-cli.jar} as a real subprocess ({@code java -jar}), after {@code package}: it
 * starts on its own (Main-Class, every dependency inside), and nothing but results reaches stdout and stderr (the
 * logging provider inside stays quiet).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class EvaicsCliJarIT {

    /** Set by failsafe in the pom. */
    private static final String JAR_PROPERTY = "evaics.cli.jar";
    /** Bound for one run of the tool; only reached when something is broken. */
    private static final long PROCESS_TIMEOUT_SECONDS = 60;

    private record Outcome(int exitCode, String stdout, String stderr) {
    }

    private static Outcome runJar(String... args) throws IOException, InterruptedException {
        String jar = System.getProperty(JAR_PROPERTY);
        assertNotNull(jar, JAR_PROPERTY + " is not set: run through failsafe (mvn verify)");
        assertTrue(Files.isRegularFile(Path.of(jar)), jar + " was not built");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar);
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        try {
            process.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("java -jar " + String.join(" ", args) + " did not end within " + PROCESS_TIMEOUT_SECONDS + " s");
            }
            return new Outcome(process.exitValue(), out.join(), withoutUnsafeWarnings(err.join()));
        } finally {
            process.destroyForcibly();
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<unreadable: " + e + ">";
        }
    }

    @Test
    void jarShowsTheHelpAndDecodesAVector() throws Exception {
        Outcome help = runJar("--help");
        assertEquals(0, help.exitCode(), help::toString);
        assertTrue(help.stdout().startsWith("Usage: evaics "), help::toString);
        assertEquals("", help.stderr());

        Vector vector = VectorFiles.load("bin-plain-test");
        Message response = vector.messages().get(1);
        Outcome decoded = runJar("decode", "--key", vector.apiKey(), "--payload-b64",
                response.json().get("payload_b64").getAsString());
        assertEquals(0, decoded.exitCode(), decoded::toString);
        assertEquals("", decoded.stderr());
        JsonObject out = JsonParser.parseString(decoded.stdout()).getAsJsonObject();
        assertEquals(200, out.get("status").getAsInt());
        assertEquals(response.decoded(), out.get("body"));
    }

    /**
     * Standard error without the four lines a Java 24+ runtime prints the first time embedded msgpack-core uses
     * {@code sun.misc.Unsafe} (JEP 471): the JVM's, not the tool's.
     */
    private static String withoutUnsafeWarnings(String stderr) {
        return stderr.lines().filter(line -> !(line.startsWith("WARNING: ") && (line.contains("sun.misc.Unsafe")
                || line.contains("org.msgpack.core.buffer.MessageBuffer")))).map(line -> line + "\n")
                .collect(Collectors.joining());
    }
}
