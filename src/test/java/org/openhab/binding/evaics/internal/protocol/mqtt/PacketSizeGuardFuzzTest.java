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
package org.openhab.binding.evaics.internal.protocol.mqtt;

import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.evaics.test.StdStreams.out;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.SplittableRandom;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes {@link PacketSizeGuard}, the first code that reads what the broker sends (issue 6 item 4): random streams
 * of valid, oversize, mutated and random packets, read in random chunks. Whatever comes, the guard ends the stream
 * or fails it with an {@link IOException}, never with anything else and never by hanging; a stream of valid packets
 * comes out exactly as sent, with every oversize PUBLISH replaced. A short run is in the normal suite, the long one
 * in the fuzz profile ({@code mvn -B -o -Pfuzz test}, 1,000,000 streams; {@code -Devaics.fuzz.inputs=N
 * -Devaics.fuzz.seed=S} as for the decoders).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class PacketSizeGuardFuzzTest {

    private static final long SHORT_RUN_INPUTS = 20_000;
    private static final long LONG_RUN_INPUTS = 1_000_000;
    private static final int LIMIT = 300;
    private static final int MAX_PACKETS = 8;
    private static final byte[][] CONTROL = { { (byte) 0xd0, 0 }, { 0x40, 2, 0x12, 0x34 }, { (byte) 0x90, 3, 0, 7, 1 },
            { 0x20, 2, 0, 0 }, { (byte) 0xb0, 2, 0, 9 } };

    @Test
    void shortRunFindsNothing() throws IOException {
        run(longProperty("evaics.fuzz.seed", new SecureRandom().nextLong()), SHORT_RUN_INPUTS);
    }

    @Test
    @Tag("fuzz")
    void longRunFindsNothing() throws IOException {
        run(longProperty("evaics.fuzz.seed", new SecureRandom().nextLong()),
                longProperty("evaics.fuzz.inputs", LONG_RUN_INPUTS));
    }

    /** The system property as Long.getLong(name, defaultValue) reads it: the default if unset or no number. */
    private static long longProperty(String name, long defaultValue) {
        Long value = Long.getLong(name);
        return value != null ? value : defaultValue;
    }

    private static void run(long seed, long inputs) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        long started = System.nanoTime();
        long exact = 0;
        long failed = 0;
        for (long n = 0; n < inputs; n++) {
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            boolean valid = true;
            int packets = 1 + random.nextInt(MAX_PACKETS);
            for (int p = 0; p < packets; p++) {
                int kind = random.nextInt(10);
                if (kind < 4) {
                    byte[] packet = publish(random, random.nextInt(LIMIT + 1));
                    stream.writeBytes(packet);
                    expected.writeBytes(packet);
                } else if (kind < 6) {
                    int qos = random.nextInt(2);
                    String topic = "unit/big" + random.nextInt(10);
                    int size = LIMIT + 1 + random.nextInt(4 * LIMIT);
                    stream.writeBytes(PacketSizeGuardTest.publish(qos, topic, 7, new byte[size]));
                    expected.writeBytes(PacketSizeGuardTest.publish(qos, PacketSizeGuard.OVERSIZE_TOPIC_PREFIX + topic,
                            7, Integer.toString(size).getBytes(StandardCharsets.US_ASCII)));
                } else if (kind < 8) {
                    byte[] control = CONTROL[random.nextInt(CONTROL.length)];
                    stream.writeBytes(control);
                    expected.writeBytes(control);
                } else if (kind == 8) {
                    byte[] packet = publish(random, random.nextInt(2 * LIMIT));
                    packet[random.nextInt(packet.length)] ^= (byte) (1 << random.nextInt(8));
                    stream.writeBytes(packet);
                    valid = false;
                } else {
                    byte[] garbage = new byte[random.nextInt(40)];
                    random.nextBytes(garbage);
                    stream.writeBytes(garbage);
                    valid = false;
                }
            }
            byte[] input = stream.toByteArray();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            boolean ended = read(new PacketSizeGuard(new ByteArrayInputStream(input), LIMIT), random, out,
                    input.length);
            if (!ended) {
                failed++;
            }
            if (valid) {
                assertTrue(ended, "valid packets failed the stream (seed " + seed + ", input " + n + ")");
                assertArrayEquals(expected.toByteArray(), out.toByteArray(), "seed " + seed + ", input " + n);
                exact++;
            } else {
                assertTrue(out.size() <= input.length + packets * 64, "output grew (seed " + seed + ")");
            }
        }
        out().printf("PacketSizeGuard fuzzing: %,d streams in %.1f s, seed %d: %,d valid ones exact, %,d failed"
                + " with an IOException, no other outcome%n", inputs, (System.nanoTime() - started) / 1e9, seed,
                exact, failed);
    }

    private static byte[] publish(SplittableRandom random, int payloadSize) {
        byte[] payload = new byte[payloadSize];
        random.nextBytes(payload);
        String topic = "unit/g" + random.nextInt(100) + "/i";
        return PacketSizeGuardTest.publish(random.nextInt(2), topic, 1 + random.nextInt(65535), payload);
    }

    /**
     * Reads everything in random chunks.
     *
     * @return true at the end of the stream, false if it failed with an IOException (any other exception fails the
     *         test); a read loop that does not end within the input's size in reads is a hang
     */
    private static boolean read(PacketSizeGuard guard, SplittableRandom random, ByteArrayOutputStream out,
            int inputBytes) {
        byte[] buffer = new byte[512];
        try {
            for (int reads = 0; reads <= inputBytes + 2; reads++) {
                int n = guard.read(buffer, 0, 1 + random.nextInt(buffer.length));
                if (n < 0) {
                    return true;
                }
                assertTrue(n > 0, "a read returned 0 bytes");
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            return false;
        }
        return fail("the guard kept returning data beyond its input");
    }
}
