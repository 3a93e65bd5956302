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

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Strict UTF-8 decoding as EVA's Python side does it (protocol.md §4.1 step 1, §6.1: strings that are not valid UTF-8
 * are rejected): no overlong forms, no encoded surrogates, nothing above U+10FFFF, no truncated sequences. Java's
 * {@code new String(bytes, UTF_8)} would silently substitute U+FFFD instead.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class Utf8 {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private Utf8() {
    }

    /** @return the string, or null if the bytes are not well-formed UTF-8 */
    static @Nullable String decode(byte[] data, int off, int len) {
        return isValid(data, off, len) ? new String(data, off, len, StandardCharsets.UTF_8) : null;
    }

    static boolean isValid(byte[] data, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            // most strings are ASCII: skip eight bytes at a time while none has its high bit set
            while (i + Long.BYTES <= end && ((long) LONGS.get(data, i) & HIGH_BITS) == 0) {
                i += Long.BYTES;
            }
            if (i >= end) {
                break;
            }
            int b = data[i];
            if (b >= 0) {
                i++;
                continue;
            }
            b &= 0xFF;
            if (b < 0xC2) {
                // stray continuation byte, or the overlong two-byte leads C0/C1
                return false;
            } else if (b < 0xE0) {
                if (i + 1 >= end || !isContinuation(data[i + 1])) {
                    return false;
                }
                i += 2;
            } else if (b < 0xF0) {
                if (i + 2 >= end) {
                    return false;
                }
                int b1 = data[i + 1] & 0xFF;
                // E0 needs A0.. (no overlong), ED needs ..9F (no surrogates)
                int lo = b == 0xE0 ? 0xA0 : 0x80;
                int hi = b == 0xED ? 0x9F : 0xBF;
                if (b1 < lo || b1 > hi || !isContinuation(data[i + 2])) {
                    return false;
                }
                i += 3;
            } else if (b < 0xF5) {
                if (i + 3 >= end) {
                    return false;
                }
                int b1 = data[i + 1] & 0xFF;
                // F0 needs 90.. (no overlong), F4 needs ..8F (max U+10FFFF)
                int lo = b == 0xF0 ? 0x90 : 0x80;
                int hi = b == 0xF4 ? 0x8F : 0xBF;
                if (b1 < lo || b1 > hi || !isContinuation(data[i + 2]) || !isContinuation(data[i + 3])) {
                    return false;
                }
                i += 4;
            } else {
                return false;
            }
        }
        return true;
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
