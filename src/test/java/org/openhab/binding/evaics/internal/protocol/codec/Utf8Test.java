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

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Strict UTF-8 validation (protocol.md §6.1: strings that are not valid UTF-8 are rejected), checked against the JDK's
 * decoder in REPORT mode, which follows the same Unicode rules.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class Utf8Test {

    private static boolean jdkAccepts(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Mostly ASCII with some multi-byte sequences and some junk, so that both the fast and slow paths run. */
    @Provide
    Arbitrary<byte[]> utf8ish() {
        Arbitrary<List<Byte>> ascii = Arbitraries.bytes().between((byte) 0x20, (byte) 0x7E).list().ofMaxSize(20);
        Arbitrary<List<Byte>> valid = Arbitraries.integers().between(0x80, Character.MAX_CODE_POINT)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE).map(cp -> {
                    byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                    Byte[] boxed = new Byte[b.length];
                    for (int i = 0; i < b.length; i++) {
                        boxed[i] = b[i];
                    }
                    return List.of(boxed);
                });
        Arbitrary<List<Byte>> junk = Arbitraries.bytes().list().ofMinSize(1).ofMaxSize(3);
        return Arbitraries.frequencyOf(Tuple.of(5, ascii), Tuple.of(3, valid), Tuple.of(1, junk)).list().ofMaxSize(8)
                .map(parts -> {
                    int n = parts.stream().mapToInt(List::size).sum();
                    byte[] out = new byte[n];
                    int i = 0;
                    for (List<Byte> p : parts) {
                        for (Byte b : p) {
                            out[i++] = b;
                        }
                    }
                    return out;
                });
    }

    @Property(tries = 1000)
    void agreesWithTheJdkDecoder(@ForAll("utf8ish") byte[] data) {
        assertEquals(jdkAccepts(data), Utf8.isValid(data, 0, data.length));
    }

    @Test
    void badByteIsFoundAtEveryPositionBehindAsciiRuns() {
        for (int pos = 0; pos < 40; pos++) {
            byte[] b = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH".getBytes(StandardCharsets.US_ASCII);
            b[pos] = (byte) 0xFF;
            assertFalse(Utf8.isValid(b, 0, b.length), "position " + pos);
            assertTrue(Utf8.isValid(b, pos + 1, b.length - pos - 1));
        }
    }

    @Test
    void sequenceCutByTheSliceEndIsInvalid() {
        byte[] b = "0123456789€".getBytes(StandardCharsets.UTF_8);
        assertTrue(Utf8.isValid(b, 0, b.length));
        assertFalse(Utf8.isValid(b, 0, b.length - 1));
    }
}
