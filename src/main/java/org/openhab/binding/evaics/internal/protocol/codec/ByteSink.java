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

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * A growable byte buffer that encoders write into directly, so that a frame's plaintext is built in one array and
 * handed to the cipher without intermediate copies. Not thread-safe; one per encoding.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class ByteSink {

    private static final int MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

    private byte[] buf;
    private int size;

    ByteSink(int initialCapacity) {
        buf = new byte[Math.max(1, initialCapacity)];
    }

    byte[] array() {
        return buf;
    }

    int size() {
        return size;
    }

    /** Makes room for {@code n} more bytes. */
    void ensureFree(int n) {
        long needed = (long) size + n;
        if (needed > buf.length) {
            if (needed > MAX_ARRAY_BYTES) {
                throw new IllegalArgumentException("encoded data exceeds the largest Java array");
            }
            buf = Arrays.copyOf(buf, (int) Math.min(MAX_ARRAY_BYTES, Math.max(needed, 2L * buf.length)));
        }
    }

    /** Advances the write position over {@code n} bytes the caller has written into {@link #array()}. */
    void advance(int n) {
        size += n;
    }

    void write(byte[] src, int off, int len) {
        ensureFree(len);
        System.arraycopy(src, off, buf, size, len);
        size += len;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** Overwrites the content, for buffers that held secrets (the API key travels in the params, protocol.md §6.1). */
    void wipe() {
        Arrays.fill(buf, 0, size, (byte) 0);
    }
}
