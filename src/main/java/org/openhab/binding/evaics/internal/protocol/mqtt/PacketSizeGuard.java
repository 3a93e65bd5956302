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

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Sits between the broker's socket and Paho and keeps payloads above a maximum out of memory (issue 6 item 3;
 * protocol.md §11: whoever controls the broker may send anything).
 * <p>
 * Paho 1.2.5 allocates a buffer of the size an incoming packet's header announces, up to the 256 MB MQTT allows,
 * before it reads a single payload byte. This stream follows the MQTT 3.1.1 packet framing (§2.2: one type byte
 * and a remaining length of one to four bytes) and passes every packet through unchanged, except:
 * <ul>
 * <li>a PUBLISH (§3.3) whose payload is larger than {@code maxPayloadBytes}: its topic and packet identifier are
 * read, its payload is skipped in small chunks as it arrives, never held, and Paho is handed a small PUBLISH in its
 * place with the same flags and packet identifier (so that Paho acknowledges a QoS 1 message as usual), the topic
 * {@link #OVERSIZE_TOPIC_PREFIX} + the original topic and, as payload, the original payload size in decimal ASCII.
 * Topic names never contain {@code #} (§4.7.1.1), so the replacement cannot be mistaken for a real message;
 * {@link MqttTransport} reports it as dropped.</li>
 * <li>any other packet larger than {@code max(maxPayloadBytes, MIN_CONTROL_PACKET_LIMIT)}, and any packet whose
 * framing is broken (a remaining length of more than four bytes, a topic longer than its packet): the stream fails
 * with an {@link IOException}, so Paho drops the connection and the transport reconnects.</li>
 * </ul>
 * All parsing state lives in fields and is changed only after a successful read, so a read that times out (Paho
 * sets a socket timeout during the TLS handshake) can simply be repeated. Used by one reader thread at a time.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class PacketSizeGuard extends InputStream {

    /** Prefix of the topic of the replacement PUBLISH for a dropped oversize message. */
    static final String OVERSIZE_TOPIC_PREFIX = "#oversize/";
    /** Non-PUBLISH packets (CONNACK, SUBACK, ...) may be this large even with a smaller payload limit. */
    static final int MIN_CONTROL_PACKET_LIMIT = 64 * 1024;

    private static final byte[] PREFIX_BYTES = OVERSIZE_TOPIC_PREFIX.getBytes(StandardCharsets.US_ASCII);
    private static final int TYPE_PUBLISH = 3;
    private static final int TYPE_SHIFT = 4;
    private static final int QOS_MASK = 0x06;
    private static final int BYTE_MASK = 0xff;
    private static final int LENGTH_CONTINUES = 0x80;
    private static final int LENGTH_DIGIT_MASK = 0x7f;
    private static final int LENGTH_DIGIT_BITS = 7;
    private static final int MAX_LENGTH_BYTES = 4;
    private static final int TOPIC_LENGTH_BYTES = 2;
    private static final int PACKET_ID_BYTES = 2;
    private static final int MAX_TOPIC_BYTES = 0xffff;
    private static final int SKIP_CHUNK = 8192;

    private enum Step {
        TYPE,
        LENGTH,
        PUBLISH_HEADER,
        PASS,
        SKIP
    }

    private final InputStream in;
    private final int maxPayloadBytes;
    private final int maxControlPacketBytes;
    private final byte[] one = new byte[1];

    private Step step = Step.TYPE;
    private int typeByte;
    private int remainingLength;
    private int lengthBytes;
    /** Topic length, topic and packet identifier of a PUBLISH that may be too large, as read so far. */
    private byte[] publishHeader = new byte[0];
    private int publishHeaderRead;
    private int publishHeaderNeeded;
    private boolean topicLengthKnown;
    /** Bytes still to pass through unchanged ({@link Step#PASS}) or to skip ({@link Step#SKIP}). */
    private long left;
    /** Bytes to hand out before reading on: a re-encoded header or a replacement PUBLISH. */
    private byte[] out = new byte[0];
    private int outPos;
    private long droppedMessages;
    private byte @Nullable [] skipBuffer;

    /**
     * @param in the broker's byte stream
     * @param maxPayloadBytes PUBLISH payloads larger than this are dropped unread
     */
    PacketSizeGuard(InputStream in, int maxPayloadBytes) {
        if (maxPayloadBytes < 1) {
            throw new IllegalArgumentException("maxPayloadBytes must be positive, got " + maxPayloadBytes);
        }
        this.in = in;
        this.maxPayloadBytes = maxPayloadBytes;
        this.maxControlPacketBytes = Math.max(maxPayloadBytes, MIN_CONTROL_PACKET_LIMIT);
    }

    /** The number of PUBLISH packets replaced so far. */
    long droppedMessages() {
        return droppedMessages;
    }

    /**
     * Paho 1.2.5 reads every received packet one byte at a time, so the usual case, a byte inside a packet that
     * passes, goes straight to the stream below.
     */
    @Override
    public int read() throws IOException {
        if (outPos < out.length) {
            return out[outPos++] & BYTE_MASK;
        }
        if (step == Step.PASS && left > 0) {
            int c = in.read();
            if (c >= 0) {
                left--;
            }
            return c;
        }
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & BYTE_MASK;
    }

    @Override
    @NonNullByDefault({})
    public int read(byte[] b, int off, int len) throws IOException {
        if (off < 0 || len < 0 || len > b.length - off) {
            throw new IndexOutOfBoundsException();
        }
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (outPos < out.length) {
                int n = Math.min(len, out.length - outPos);
                System.arraycopy(out, outPos, b, off, n);
                outPos += n;
                return n;
            }
            switch (step) {
                case TYPE -> {
                    int c = in.read();
                    if (c < 0) {
                        return -1;
                    }
                    typeByte = c;
                    remainingLength = 0;
                    lengthBytes = 0;
                    step = Step.LENGTH;
                }
                case LENGTH -> {
                    int c = in.read();
                    if (c < 0) {
                        return -1;
                    }
                    readLengthDigit(c);
                }
                case PUBLISH_HEADER -> {
                    int n = in.read(publishHeader, publishHeaderRead, publishHeaderNeeded - publishHeaderRead);
                    if (n < 0) {
                        return -1;
                    }
                    publishHeaderRead += n;
                    publishHeaderProgress();
                }
                case PASS -> {
                    if (left == 0) {
                        step = Step.TYPE;
                        continue;
                    }
                    int n = in.read(b, off, (int) Math.min(len, left));
                    if (n > 0) {
                        left -= n;
                    }
                    return n;
                }
                case SKIP -> {
                    if (left == 0) {
                        step = Step.TYPE;
                        continue;
                    }
                    byte[] buffer = skipBuffer;
                    if (buffer == null) {
                        buffer = new byte[SKIP_CHUNK];
                        skipBuffer = buffer;
                    }
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        return -1;
                    }
                    left -= n;
                }
            }
        }
    }

    private void readLengthDigit(int c) throws IOException {
        remainingLength |= (c & LENGTH_DIGIT_MASK) << (LENGTH_DIGIT_BITS * lengthBytes);
        lengthBytes++;
        if ((c & LENGTH_CONTINUES) != 0) {
            if (lengthBytes == MAX_LENGTH_BYTES) {
                throw new IOException("malformed MQTT packet from the broker: remaining length longer than "
                        + MAX_LENGTH_BYTES + " bytes");
            }
            return;
        }
        int type = typeByte >>> TYPE_SHIFT;
        if (type == TYPE_PUBLISH && remainingLength > maxPayloadBytes) {
            // may be too large: the payload size is known once the topic and packet id have been read
            publishHeader = new byte[TOPIC_LENGTH_BYTES];
            publishHeaderRead = 0;
            publishHeaderNeeded = TOPIC_LENGTH_BYTES;
            topicLengthKnown = false;
            step = Step.PUBLISH_HEADER;
        } else if (type != TYPE_PUBLISH && remainingLength > maxControlPacketBytes) {
            throw new IOException("MQTT packet of type " + type + " from the broker announces " + remainingLength
                    + " bytes, more than the limit of " + maxControlPacketBytes);
        } else {
            emit(fixedHeader(typeByte, remainingLength), null);
            left = remainingLength;
            step = Step.PASS;
        }
    }

    private void publishHeaderProgress() throws IOException {
        if (publishHeaderRead < publishHeaderNeeded) {
            return;
        }
        if (!topicLengthKnown) {
            topicLengthKnown = true;
            int topicLength = ((publishHeader[0] & BYTE_MASK) << Byte.SIZE) | (publishHeader[1] & BYTE_MASK);
            int packetIdBytes = (typeByte & QOS_MASK) != 0 ? PACKET_ID_BYTES : 0;
            int needed = TOPIC_LENGTH_BYTES + topicLength + packetIdBytes;
            if (needed > remainingLength) {
                throw new IOException("malformed MQTT PUBLISH from the broker: a topic of " + topicLength
                        + " bytes in a packet of " + remainingLength);
            }
            byte[] grown = new byte[needed];
            System.arraycopy(publishHeader, 0, grown, 0, TOPIC_LENGTH_BYTES);
            publishHeader = grown;
            publishHeaderNeeded = needed;
            if (publishHeaderRead < needed) {
                return;
            }
        }
        long payload = (long) remainingLength - publishHeaderNeeded;
        if (payload <= maxPayloadBytes) {
            emit(fixedHeader(typeByte, remainingLength), publishHeader);
            left = payload;
            step = Step.PASS;
        } else {
            emit(replacement(payload), null);
            droppedMessages++;
            left = payload;
            step = Step.SKIP;
        }
        publishHeader = new byte[0];
    }

    /** The small PUBLISH handed to Paho instead of one whose payload of {@code payload} bytes is skipped. */
    private byte[] replacement(long payload) {
        int topicLength = ((publishHeader[0] & BYTE_MASK) << Byte.SIZE) | (publishHeader[1] & BYTE_MASK);
        int packetIdBytes = publishHeaderNeeded - TOPIC_LENGTH_BYTES - topicLength;
        // the original topic after the prefix, if the two fit into a topic's 16-bit length
        int keptTopic = PREFIX_BYTES.length + topicLength <= MAX_TOPIC_BYTES ? topicLength : 0;
        byte[] size = Long.toString(payload).getBytes(StandardCharsets.US_ASCII);
        int newTopicLength = PREFIX_BYTES.length + keptTopic;
        int body = TOPIC_LENGTH_BYTES + newTopicLength + packetIdBytes + size.length;
        byte[] header = fixedHeader(typeByte, body);
        byte[] packet = new byte[header.length + body];
        int p = 0;
        System.arraycopy(header, 0, packet, p, header.length);
        p += header.length;
        packet[p++] = (byte) (newTopicLength >>> Byte.SIZE);
        packet[p++] = (byte) newTopicLength;
        System.arraycopy(PREFIX_BYTES, 0, packet, p, PREFIX_BYTES.length);
        p += PREFIX_BYTES.length;
        System.arraycopy(publishHeader, TOPIC_LENGTH_BYTES, packet, p, keptTopic);
        p += keptTopic;
        System.arraycopy(publishHeader, TOPIC_LENGTH_BYTES + topicLength, packet, p, packetIdBytes);
        p += packetIdBytes;
        System.arraycopy(size, 0, packet, p, size.length);
        return packet;
    }

    /** The type byte and the remaining length in MQTT's variable-length encoding (§2.2.3). */
    private static byte[] fixedHeader(int typeByte, int remainingLength) {
        byte[] header = new byte[1 + MAX_LENGTH_BYTES];
        header[0] = (byte) typeByte;
        int n = 1;
        int value = remainingLength;
        do {
            int digit = value & LENGTH_DIGIT_MASK;
            value >>>= LENGTH_DIGIT_BITS;
            header[n++] = (byte) (value > 0 ? digit | LENGTH_CONTINUES : digit);
        } while (value > 0);
        byte[] exact = new byte[n];
        System.arraycopy(header, 0, exact, 0, n);
        return exact;
    }

    private void emit(byte[] first, byte @Nullable [] second) {
        if (second == null) {
            out = first;
        } else {
            out = new byte[first.length + second.length];
            System.arraycopy(first, 0, out, 0, first.length);
            System.arraycopy(second, 0, out, first.length, second.length);
        }
        outPos = 0;
    }

    @Override
    public int available() throws IOException {
        if (outPos < out.length) {
            return out.length - outPos;
        }
        return step == Step.PASS ? (int) Math.min(left, in.available()) : 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
