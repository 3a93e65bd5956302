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

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.openhab.binding.evaics.internal.protocol.codec.FrameException.Reason;

/**
 * zlib of compressed frames and bulk states (protocol.md §4.1, §9.5), with bounded inflation.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class ZlibTest {

    private static final int ONE_MIB = 1024 * 1024;

    private static Reason reasonOf(byte[] data, int max) {
        return assertThrows(FrameException.class, () -> Zlib.inflate(data, max)).reason();
    }

    /** zlib of {@code size} zero bytes, produced in chunks so the test never holds the inflated data. */
    // the Deflater is released with end(); it is AutoCloseable only from Java 25 (see Zlib)
    @SuppressWarnings("resource")
    private static byte[] zeroBomb(long size) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[ONE_MIB];
        byte[] buf = new byte[64 * 1024];
        try {
            for (long left = size; left > 0; left -= chunk.length) {
                d.setInput(chunk, 0, (int) Math.min(chunk.length, left));
                while (!d.needsInput()) {
                    out.write(buf, 0, d.deflate(buf));
                }
            }
            d.finish();
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
        } finally {
            d.end();
        }
        return out.toByteArray();
    }

    @Test
    void roundTrips() throws FrameException {
        byte[] data = "{\"jsonrpc\":\"2.0\"}".repeat(100).getBytes(StandardCharsets.UTF_8);
        byte[] z = Zlib.deflate(data);
        assertTrue(z.length < data.length);
        assertArrayEquals(data, Zlib.inflate(z, data.length));
    }

    @Test
    void emptyInputRoundTrips() throws FrameException {
        assertArrayEquals(new byte[0], Zlib.inflate(Zlib.deflate(new byte[0]), 0));
    }

    @Test
    void outputIsRfc1950WithDefaultLevel() {
        byte[] z = Zlib.deflate(new byte[100]);
        // CMF 0x78 (deflate, 32 KiB window), FLG 0x9c (default level)
        assertEquals(0x78, z[0] & 0xFF);
        assertEquals(0x9C, z[1] & 0xFF);
    }

    @Test
    void inflatesASlice() throws FrameException {
        byte[] z = Zlib.deflate("abc".getBytes(StandardCharsets.US_ASCII));
        byte[] padded = new byte[z.length + 4];
        System.arraycopy(z, 0, padded, 2, z.length);
        assertEquals("abc", new String(Zlib.inflate(padded, 2, z.length, 10), StandardCharsets.US_ASCII));
    }

    @Test
    void exactlyTheLimitIsAcceptedOneMoreByteIsNot() throws FrameException {
        byte[] z = Zlib.deflate(new byte[1000]);
        assertEquals(1000, Zlib.inflate(z, 1000).length);
        assertEquals(Reason.DECOMPRESSION_LIMIT, reasonOf(z, 999));
    }

    @Test
    void zlibBombStopsAtTheLimit() {
        // 256 MiB of zeros in about 250 KiB; the limit of 1 MiB must stop it long before
        byte[] bomb = zeroBomb(256L * ONE_MIB);
        assertTrue(bomb.length < ONE_MIB);
        assertEquals(Reason.DECOMPRESSION_LIMIT, reasonOf(bomb, ONE_MIB));
    }

    @Test
    void hugeLimitIsNotAllocatedUpFront() throws FrameException {
        // would need 2 GiB if the limit were allocated up front
        assertEquals(3, Zlib.inflate(Zlib.deflate(new byte[3]), Integer.MAX_VALUE).length);
    }

    @Test
    void truncatedStreamIsBadBody() {
        byte[] z = Zlib.deflate("hello hello hello".getBytes(StandardCharsets.US_ASCII));
        assertEquals(Reason.BAD_BODY, reasonOf(Arrays.copyOf(z, z.length - 4), 100));
        assertEquals(Reason.BAD_BODY, reasonOf(Arrays.copyOf(z, 2), 100));
        assertEquals(Reason.BAD_BODY, reasonOf(new byte[0], 100));
    }

    @Test
    void bytesAfterTheStreamAreBadBody() {
        byte[] z = Zlib.deflate(new byte[10]);
        assertEquals(Reason.BAD_BODY, reasonOf(Arrays.copyOf(z, z.length + 1), 100));
    }

    @Test
    // Deflater and Inflater are released with end(): they are AutoCloseable only from Java 25
    @SuppressWarnings("resource")
    void garbageAndRawDeflateAreBadBody() {
        assertEquals(Reason.BAD_BODY, reasonOf("not zlib at all".getBytes(StandardCharsets.US_ASCII), 100));
        Deflater raw = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        raw.setInput(new byte[10]);
        raw.finish();
        byte[] buf = new byte[100];
        int n = raw.deflate(buf);
        raw.end();
        assertEquals(Reason.BAD_BODY, reasonOf(Arrays.copyOf(buf, n), 100));
    }

    @Test
    void corruptedChecksumIsBadBody() {
        byte[] z = Zlib.deflate(new byte[10]);
        z[z.length - 1] ^= 0x01;
        assertEquals(Reason.BAD_BODY, reasonOf(z, 100));
    }

    @Test
    // Deflater and Inflater are released with end(): they are AutoCloseable only from Java 25
    @SuppressWarnings("resource")
    void presetDictionaryIsBadBody() {
        Deflater d = new Deflater();
        d.setDictionary("dictionary".getBytes(StandardCharsets.US_ASCII));
        d.setInput("dictionary".getBytes(StandardCharsets.US_ASCII));
        d.finish();
        byte[] buf = new byte[100];
        int n = d.deflate(buf);
        d.end();
        assertEquals(Reason.BAD_BODY, reasonOf(Arrays.copyOf(buf, n), 100));
    }
}
