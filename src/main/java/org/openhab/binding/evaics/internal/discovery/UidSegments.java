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
package org.openhab.binding.evaics.internal.discovery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;

/**
 * UID segments for discovered controllers: {@code <product code>_<system name>} with every character outside
 * {@code [A-Za-z0-9_-]} (what openHAB allows in a UID segment) replaced by {@code _}. When something was replaced,
 * {@code __} and 8 hex digits of SHA-256(system name) are appended, so that {@code my.host} and {@code my_host}
 * do not share a UID.
 */
@NonNullByDefault
final class UidSegments {

    /** Hex digits of the hash appended to a lossy segment (32 bits). */
    static final int HASH_HEX_DIGITS = 8;
    static final String HASH_SEPARATOR = "__";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private UidSegments() {
    }

    static String controller(ControllerId controller) {
        String system = controller.systemName();
        StringBuilder sb = new StringBuilder(controller.productCode()).append('_');
        boolean lossy = false;
        for (int i = 0; i < system.length(); i++) {
            char c = system.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                sb.append(c);
            } else {
                sb.append('_');
                lossy = true;
            }
        }
        if (lossy) {
            byte[] digest = sha256(system.getBytes(StandardCharsets.UTF_8));
            sb.append(HASH_SEPARATOR);
            for (int i = 0; i < HASH_HEX_DIGITS / 2; i++) {
                sb.append(HEX[(digest[i] >> 4) & 0xf]).append(HEX[digest[i] & 0xf]);
            }
        }
        return sb.toString();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide SHA-256
            throw new IllegalStateException(e);
        }
    }
}
