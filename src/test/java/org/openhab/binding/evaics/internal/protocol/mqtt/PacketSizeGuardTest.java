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

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PacketSizeGuard} on hand-built MQTT 3.1.1 packet streams: everything within the limit passes byte for
 * byte, however it is read; an oversize PUBLISH becomes a small replacement and its payload is skipped without being
 * held; broken framing fails the stream.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class PacketSizeGuardTest {

    private static final int LIMIT = 1000;
    private static final byte[] PINGRESP = { (byte) 0xd0, 0 };
    private static final byte[] PUBACK = { 0x40, 2, 0x12, 0x34 };
    private static final byte[] SUBACK = { (byte) 0x90, 3, 0, 7, 1 };

    // ---- packet building ----

    static byte[] publish(int qos, String topic, int packetId, byte[] payload) {
        return publish(qos, topic.getBytes(StandardCharsets.UTF_8), packetId, payload);
    }

    static byte[] publish(int qos, byte[] topic, int packetId, byte[] payload) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(topic.length >>> 8);
        body.write(topic.length);
        body.writeBytes(topic);
        if (qos > 0) {
            body.write(packetId >>> 8);
            body.write(packetId);
        }
        body.writeBytes(payload);
        return packet(0x30 | (qos << 1), body.toByteArray());
    }

    static byte[] packet(int typeByte, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(typeByte);
        int value = body.length;
        do {
            int digit = value & 0x7f;
            value >>>= 7;
            out.write(value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] payload(int size, int seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Reads everything in chunks of random sizes, single-byte reads mixed in. */
    private static byte[] readAll(InputStream in, long seed) throws IOException {
        Random random = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (true) {
            if (random.nextInt(4) == 0) {
                int b = in.read();
                if (b < 0) {
                    return out.toByteArray();
                }
                out.write(b);
            } else {
                int n = in.read(buffer, 0, 1 + random.nextInt(buffer.length));
                if (n < 0) {
                    return out.toByteArray();
                }
                out.write(buffer, 0, n);
            }
        }
    }

    private static byte[] guarded(byte[] stream, long seed) throws IOException {
        return readAll(new PacketSizeGuard(new ByteArrayInputStream(stream), LIMIT), seed);
    }

    // ---- within the limit: unchanged ----

    @ParameterizedTest
    @ValueSource(longs = { 1, 2, 3, 4, 5 })
    void packetsWithinTheLimitPassByteForByte(long seed) throws IOException {
        Random random = new Random(seed);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < 200; i++) {
            switch (random.nextInt(5)) {
                case 0 -> stream.writeBytes(PINGRESP);
                case 1 -> stream.writeBytes(PUBACK);
                case 2 -> stream.writeBytes(SUBACK);
                default -> {
                    int qos = random.nextInt(2);
                    String topic = "unit/room" + random.nextInt(100) + "/lamp";
                    // payloads up to the limit, also where the whole packet is above it
                    stream.writeBytes(publish(qos, topic, 1 + random.nextInt(65535),
                            payload(random.nextInt(LIMIT + 1), i)));
                }
            }
        }
        byte[] original = stream.toByteArray();
        assertArrayEquals(original, guarded(original, seed));
    }

    @Test
    void aPayloadOfExactlyTheLimitPasses() throws IOException {
        byte[] atLimit = publish(1, "unit/a", 7, payload(LIMIT, 1));
        assertArrayEquals(atLimit, guarded(atLimit, 1));
    }

    @Test
    void aLongRemainingLengthOfAControlPacketWithinItsLimitPasses() throws IOException {
        byte[] suback = packet(0x90, payload(PacketSizeGuard.MIN_CONTROL_PACKET_LIMIT, 3));
        assertArrayEquals(suback, guarded(suback, 1));
    }

    // ---- above the limit: replaced ----

    @ParameterizedTest
    @ValueSource(ints = { 0, 1 })
    void anOversizePublishIsReplacedAndTheStreamGoesOn(int qos) throws IOException {
        byte[] before = publish(qos, "unit/a", 1, "before".getBytes(StandardCharsets.US_ASCII));
        byte[] big = publish(qos, "unit/big", 0x4242, payload(LIMIT + 1, 2));
        byte[] after = publish(qos, "unit/a", 3, "after".getBytes(StandardCharsets.US_ASCII));

        byte[] out = guarded(concat(before, big, PUBACK, after), 9);

        byte[] replacement = publish(qos, PacketSizeGuard.OVERSIZE_TOPIC_PREFIX + "unit/big", 0x4242,
                Integer.toString(LIMIT + 1).getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(concat(before, replacement, PUBACK, after), out);
    }

    @Test
    void theFlagsOfAnOversizePublishAreKept() throws IOException {
        byte[] big = publish(1, "unit/big", 5, payload(LIMIT * 3, 2));
        big[0] |= 0x09; // DUP and RETAIN
        byte[] out = guarded(big, 1);
        assertEquals(big[0], out[0]);
    }

    @Test
    void aTopicTooLongForThePrefixIsLeftOut() throws IOException {
        byte[] topic = new byte[65_530];
        Arrays.fill(topic, (byte) 'a');
        byte[] big = publish(1, topic, 5, payload(LIMIT + 1, 2));
        PacketSizeGuard guard = new PacketSizeGuard(new ByteArrayInputStream(big), LIMIT);
        byte[] out = readAll(guard, 1);
        byte[] replacement = publish(1, PacketSizeGuard.OVERSIZE_TOPIC_PREFIX, 5,
                Integer.toString(LIMIT + 1).getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(replacement, out);
        assertEquals(1, guard.droppedMessages());
    }

    @Test
    void theSkippedPayloadIsNeverHeld() throws IOException {
        // 256 MB, the most MQTT allows, from a source that holds none of it
        int payloadBytes = 268_435_455 - 2 - "unit/big".length() - 2;
        byte[] head = concat(new byte[] { 0x32, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 0, 8 },
                "unit/big".getBytes(StandardCharsets.US_ASCII), new byte[] { 0, 9 });
        InputStream source = new GeneratedStream(head, payloadBytes, PINGRESP);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
                .getThreadMXBean();
        try (PacketSizeGuard guard = new PacketSizeGuard(source, LIMIT)) {
            byte[] buffer = new byte[64];
            long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            int n = guard.read(buffer, 0, buffer.length); // the replacement
            int m = guard.read(buffer, n, buffer.length - n); // skips the payload, then the PINGRESP
            long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
            assertEquals(PINGRESP.length, m);
            assertArrayEquals(PINGRESP, Arrays.copyOfRange(buffer, n, n + m));
            assertEquals(-1, guard.read());
            assertTrue(allocated < 1024 * 1024, "allocated " + allocated + " bytes to skip 256 MB");
        }
    }

    // ---- broken framing ----

    @Test
    void aRemainingLengthOfFiveBytesFailsTheStream() {
        byte[] broken = { 0x30, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01 };
        IOException e = assertThrows(IOException.class, () -> guarded(broken, 1));
        assertTrue(String.valueOf(e.getMessage()).contains("remaining length"), e.getMessage());
    }

    @Test
    void aTopicLongerThanItsPacketFailsTheStream() {
        byte[] broken = packet(0x30, concat(new byte[] { (byte) 0xff, (byte) 0xff }, payload(LIMIT + 10, 1)));
        IOException e = assertThrows(IOException.class, () -> guarded(broken, 1));
        assertTrue(String.valueOf(e.getMessage()).contains("topic of 65535 bytes"), e.getMessage());
    }

    @Test
    void anOversizeControlPacketFailsTheStream() {
        byte[] suback = packet(0x90, new byte[PacketSizeGuard.MIN_CONTROL_PACKET_LIMIT + 1]);
        IOException e = assertThrows(IOException.class, () -> guarded(suback, 1));
        assertTrue(String.valueOf(e.getMessage()).contains("type 9"), e.getMessage());
    }

    @Test
    void anEndInTheMiddleOfAPacketIsAnEndOfStream() throws IOException {
        byte[] cut = Arrays.copyOf(publish(0, "unit/a", 0, payload(500, 1)), 100);
        assertArrayEquals(cut, guarded(cut, 1));
        byte[] cutOversize = Arrays.copyOf(publish(0, "unit/a", 0, payload(LIMIT + 500, 1)), 600);
        byte[] out = guarded(cutOversize, 1);
        assertTrue(new String(out, StandardCharsets.ISO_8859_1).contains(PacketSizeGuard.OVERSIZE_TOPIC_PREFIX));
    }

    // ---- timeouts ----

    @ParameterizedTest
    @ValueSource(longs = { 11, 12, 13 })
    void readTimeoutsAnywhereLoseNothing(long seed) throws IOException {
        byte[] big = publish(1, "unit/big", 0x4242, payload(LIMIT + 1, 2));
        byte[] stream = concat(PUBACK, publish(1, "unit/a", 1, payload(LIMIT, 4)), big, SUBACK,
                publish(0, "unit/b", 0, payload(10, 5)));
        PacketSizeGuard guard = new PacketSizeGuard(new TimingOutStream(stream, seed), LIMIT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[97];
        int timeouts = 0;
        while (true) {
            int n;
            try {
                n = guard.read(buffer, 0, buffer.length);
            } catch (SocketTimeoutException e) {
                timeouts++;
                continue;
            }
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
        }
        byte[] replacement = publish(1, PacketSizeGuard.OVERSIZE_TOPIC_PREFIX + "unit/big", 0x4242,
                Integer.toString(LIMIT + 1).getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(concat(PUBACK, publish(1, "unit/a", 1, payload(LIMIT, 4)), replacement, SUBACK,
                publish(0, "unit/b", 0, payload(10, 5))), out.toByteArray());
        assertTrue(timeouts > 10, "timeouts: " + timeouts);
    }

    /** Gives out a few bytes at a time and throws a read timeout on about every other call. */
    private static final class TimingOutStream extends InputStream {
        private final byte[] data;
        private final Random random;
        private int pos;

        TimingOutStream(byte[] data, long seed) {
            this.data = data;
            this.random = new Random(seed);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        @NonNullByDefault({})
        public int read(byte[] b, int off, int len) throws IOException {
            if (random.nextBoolean()) {
                throw new SocketTimeoutException("Read timed out");
            }
            if (pos == data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 1 + random.nextInt(7)), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    /** A head, then {@code fill} generated bytes that are never stored, then a tail. */
    private static final class GeneratedStream extends InputStream {
        private final byte[] head;
        private final byte[] tail;
        private final long fill;
        private long pos;

        GeneratedStream(byte[] head, long fill, byte[] tail) {
            this.head = head;
            this.fill = fill;
            this.tail = tail;
        }

        @Override
        public int read() {
            if (pos < head.length) {
                return head[(int) pos++] & 0xff;
            }
            if (pos < head.length + fill) {
                pos++;
                return 0x55;
            }
            long t = pos - head.length - fill;
            if (t < tail.length) {
                pos++;
                return tail[(int) t] & 0xff;
            }
            return -1;
        }

        @Override
        @NonNullByDefault({})
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (pos >= head.length && pos < head.length + fill) {
                int n = (int) Math.min(len, head.length + fill - pos);
                Arrays.fill(b, off, off + n, (byte) 0x55);
                pos += n;
                return n;
            }
            int c = read();
            if (c < 0) {
                return -1;
            }
            b[off] = (byte) c;
            return 1;
        }
    }
}
