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
package org.openhab.binding.evaics.internal.protocol.codec;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.internal.protocol.codec.FrameException.Reason;

/**
 * zlib (RFC 1950: 2-byte header, deflate, Adler-32) as used for compressed frames and bulk states (protocol.md §4.1,
 * §9.5): the format of {@link Deflater} with default settings, which is also what EVA's Python side produces and
 * accepts.
 * <p>
 * Inflating is bounded: the output buffer grows with the data actually produced and never beyond
 * {@code maxBytes + 1}, so a zlib bomb is stopped at the limit without a large allocation up front. Truncated streams,
 * preset dictionaries and bytes after the end of the stream are refused.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class Zlib {

    private static final int MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;
    private static final int MIN_BUFFER_BYTES = 64;
    /** First guess of the inflated size, as a multiple of the compressed size (msgpack compresses about 3-5x). */
    private static final int EXPECTED_RATIO = 4;

    private Zlib() {
    }

    /** Compresses with the default level (6, as EVA does). */
    public static byte[] deflate(byte[] data) {
        ByteSink sink = new ByteSink(data.length / 2 + MIN_BUFFER_BYTES);
        deflate(data, 0, data.length, sink);
        return sink.toByteArray();
    }

    /** Appends the zlib form of {@code data[off .. off+len)} to {@code out}. */
    // Deflater and Inflater are released with end() in finally: they are AutoCloseable only from Java 25, and ecj
    // reports them as leaks when it compiles (for Java 17) on a Java 25 runtime
    @SuppressWarnings("resource")
    static void deflate(byte[] data, int off, int len, ByteSink out) {
        Deflater deflater = new Deflater();
        try {
            deflater.setInput(data, off, len);
            deflater.finish();
            while (!deflater.finished()) {
                out.ensureFree(len / 2 + MIN_BUFFER_BYTES);
                byte[] buf = out.array();
                out.advance(deflater.deflate(buf, out.size(), buf.length - out.size()));
            }
        } finally {
            deflater.end();
        }
    }

    /**
     * @param maxBytes the largest accepted inflated size in bytes
     * @throws FrameException DECOMPRESSION_LIMIT beyond maxBytes, BAD_BODY for data that is not one complete zlib
     *             stream
     */
    public static byte[] inflate(byte[] data, int maxBytes) throws FrameException {
        return inflate(data, 0, data.length, maxBytes);
    }

    /** As {@link #inflate(byte[], int)}, for {@code data[off .. off+len)}. */
    // Deflater and Inflater are released with end() in finally: they are AutoCloseable only from Java 25, and ecj
    // reports them as leaks when it compiles (for Java 17) on a Java 25 runtime
    @SuppressWarnings("resource")
    public static byte[] inflate(byte[] data, int off, int len, int maxBytes) throws FrameException {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative");
        }
        // one byte beyond the limit tells "exactly at the limit" from "too big"
        int cap = (int) Math.min(MAX_ARRAY_BYTES, (long) maxBytes + 1);
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data, off, len);
            byte[] out = new byte[(int) Math.min(cap, Math.max(MIN_BUFFER_BYTES, (long) len * EXPECTED_RATIO))];
            int n = 0;
            while (!inflater.finished()) {
                if (n == out.length) {
                    if (out.length >= cap) {
                        break;
                    }
                    out = Arrays.copyOf(out, (int) Math.min(cap, 2L * out.length));
                }
                int remainingBefore = inflater.getRemaining();
                int produced = inflater.inflate(out, n, out.length - n);
                n += produced;
                if (produced == 0 && !inflater.finished()) {
                    if (inflater.needsDictionary()) {
                        throw new FrameException(Reason.BAD_BODY, "zlib stream needs a preset dictionary");
                    }
                    if (inflater.needsInput() || inflater.getRemaining() == remainingBefore) {
                        throw new FrameException(Reason.BAD_BODY, "zlib stream is truncated");
                    }
                }
            }
            if (n > maxBytes) {
                throw new FrameException(Reason.DECOMPRESSION_LIMIT,
                        "zlib data inflates beyond the limit of " + maxBytes + " bytes");
            }
            if (!inflater.finished()) {
                // only reachable when maxBytes is the largest Java array
                throw new FrameException(Reason.DECOMPRESSION_LIMIT, "zlib data inflates beyond the largest array");
            }
            if (inflater.getRemaining() > 0) {
                throw new FrameException(Reason.BAD_BODY, "bytes after the end of the zlib stream");
            }
            return n == out.length ? out : Arrays.copyOf(out, n);
        } catch (DataFormatException e) {
            throw new FrameException(Reason.BAD_BODY, "invalid zlib data");
        } finally {
            inflater.end();
        }
    }
}
