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
package org.openhab.binding.evaics.internal.protocol.crypto;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;

/**
 * Rules of the Fernet tokens of text frames (protocol.md §7.2).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class FernetTest {

    private final Fernet fernet = EvaKey.derive("Xb7pQ2mK9vL4sT8wR1zN6cY3hJ5fD0gA").fernet();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] decrypt(byte[] token) throws CryptoException {
        return fernet.decrypt(token, 0, token.length);
    }

    private static CryptoException.Kind kindOf(ThrowingRunnable r) {
        return assertThrows(CryptoException.class, r::run).kind();
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void roundTrips() throws CryptoException {
        byte[] p = bytes("abc|{\"x\":1}");
        assertArrayEquals(p, decrypt(fernet.encrypt(p, 0, p.length)));
    }

    @Test
    void tokenIsBase64UrlWithPadding() {
        // 1+8+16+16+32 = 73 raw bytes -> 100 characters incl. padding
        byte[] token = fernet.encrypt(new byte[1], 0, 1, 0, new byte[16]);
        String s = new String(token, StandardCharsets.US_ASCII);
        assertEquals(100, s.length());
        assertTrue(s.endsWith("="));
        assertTrue(s.matches("[A-Za-z0-9_=-]+"));
    }

    @Test
    void timestampIsNotChecked() throws CryptoException {
        // EVA decrypts without TTL: a token from 1970 is accepted
        byte[] p = bytes("old");
        assertArrayEquals(p, decrypt(fernet.encrypt(p, 0, p.length, 0, new byte[16])));
    }

    @Test
    void tokenWithoutPaddingIsAccepted() throws CryptoException {
        byte[] p = bytes("x");
        String t = new String(fernet.encrypt(p, 0, p.length), StandardCharsets.US_ASCII).replace("=", "");
        assertArrayEquals(p, decrypt(bytes(t)));
    }

    @Test
    void nonBase64UrlIsMalformed() {
        assertEquals(CryptoException.Kind.MALFORMED, kindOf(() -> decrypt(bytes("gAAAA+/==="))));
    }

    @Test
    void shortTokenIsMalformed() {
        byte[] raw = new byte[72];
        raw[0] = (byte) 0x80;
        assertEquals(CryptoException.Kind.MALFORMED, kindOf(() -> decrypt(Base64.getUrlEncoder().encode(raw))));
    }

    @Test
    void wrongVersionIsMalformed() {
        byte[] raw = Base64.getUrlDecoder().decode(fernet.encrypt(new byte[4], 0, 4));
        raw[0] = (byte) 0x81;
        assertEquals(CryptoException.Kind.MALFORMED, kindOf(() -> decrypt(Base64.getUrlEncoder().encode(raw))));
    }

    @Test
    void alteredTokenIsNotAuthentic() {
        byte[] raw = Base64.getUrlDecoder().decode(fernet.encrypt(new byte[4], 0, 4));
        for (int i = 1; i < raw.length; i++) {
            byte[] t = raw.clone();
            t[i] ^= 0x40;
            assertEquals(CryptoException.Kind.NOT_AUTHENTIC,
                    kindOf(() -> decrypt(Base64.getUrlEncoder().encode(t))), "byte " + i);
        }
    }

    @Test
    void tokenOfAnotherKeyIsNotAuthentic() {
        byte[] token = EvaKey.derive("other").fernet().encrypt(new byte[4], 0, 4);
        assertEquals(CryptoException.Kind.NOT_AUTHENTIC, kindOf(() -> decrypt(token)));
    }
}
