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

import java.util.Arrays;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;

/**
 * PKCS#7 padding check (protocol.md §7.1 decryption step 4).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class Pkcs7Test {

    @Test
    void everyValidPaddingIsStripped() throws CryptoException {
        for (int pad = 1; pad <= 16; pad++) {
            byte[] b = new byte[32];
            Arrays.fill(b, 32 - pad, 32, (byte) pad);
            assertEquals(32 - pad, Pkcs7.unpaddedLength(b, 0, 32));
        }
    }

    @Test
    void zeroPaddingByteIsRejected() {
        assertThrows(CryptoException.class, () -> Pkcs7.unpaddedLength(new byte[16], 0, 16));
    }

    @Test
    void paddingByteAbove16IsRejected() {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) 17);
        assertThrows(CryptoException.class, () -> Pkcs7.unpaddedLength(b, 0, 32));
    }

    @Test
    void inconsistentPaddingBytesAreRejected() {
        for (int pad = 2; pad <= 16; pad++) {
            for (int wrong = 32 - pad; wrong < 31; wrong++) {
                byte[] b = new byte[32];
                Arrays.fill(b, 32 - pad, 32, (byte) pad);
                b[wrong] = (byte) (pad + 1);
                int w = wrong;
                assertThrows(CryptoException.class, () -> Pkcs7.unpaddedLength(b, 0, 32), pad + "/" + w);
            }
        }
    }

    @Test
    void respectsTheOffset() throws CryptoException {
        byte[] b = new byte[40];
        b[39] = 1;
        b[23] = 2;
        b[22] = 2;
        assertEquals(14, Pkcs7.unpaddedLength(b, 8, 16));
    }
}
