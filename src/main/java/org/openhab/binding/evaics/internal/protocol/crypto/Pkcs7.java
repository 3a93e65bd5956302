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

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * PKCS#7 padding check for 16-byte blocks (protocol.md §7.1 decryption step 4, §7.2). The padding is only checked after
 * the MAC was verified, so it is no padding oracle; it still runs without data-dependent branches.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class Pkcs7 {

    static final int BLOCK_BYTES = 16;

    private Pkcs7() {
    }

    /**
     * @param data decrypted bytes
     * @param off start of the padded plaintext
     * @param len length of the padded plaintext, a positive multiple of {@link #BLOCK_BYTES}
     * @return the length without padding
     * @throws CryptoException if the padding is not valid PKCS#7
     */
    static int unpaddedLength(byte[] data, int off, int len) throws CryptoException {
        int pad = data[off + len - 1] & 0xFF;
        int bad = (pad == 0 || pad > BLOCK_BYTES) ? 1 : 0;
        for (int i = 1; i <= BLOCK_BYTES; i++) {
            int b = data[off + len - i] & 0xFF;
            // only the last "pad" bytes must equal pad; mask the comparison for the others
            int inPadding = ((i - pad - 1) >>> 31) & 1;
            bad |= inPadding & ((b ^ pad) == 0 ? 0 : 1);
        }
        if (bad != 0) {
            throw new CryptoException(CryptoException.Kind.MALFORMED, "invalid PKCS#7 padding");
        }
        return len - pad;
    }
}
