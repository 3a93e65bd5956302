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

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * The API frame formats of EVA ICS v3 over MQTT (protocol.md §3, §4, §5).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public enum FrameFormat {
    /** Binary frame {@code 00 02}, msgpack body (protocol.md §4). */
    BINARY("binary"),
    /**
     * Binary frame {@code 00 03}, zlib(msgpack) body (protocol.md §4). The controller compresses its answer too,
     * without saying so in the response header (protocol.md §4.3), so a client using this format expects compressed
     * responses.
     */
    BINARY_COMPRESSED("binary-compressed"),
    /** Legacy text frame {@code |<key id>|<Fernet token>} with JSON bodies (protocol.md §5). */
    TEXT("text");

    private final String configValue;

    FrameFormat(String configValue) {
        this.configValue = configValue;
    }

    /** The value used in the thing configuration. */
    public String configValue() {
        return configValue;
    }

    /**
     * @throws IllegalArgumentException for an unknown configuration value
     */
    public static FrameFormat fromConfigValue(String value) {
        for (FrameFormat f : values()) {
            if (f.configValue.equals(value)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown frame format '" + value + "'");
    }
}
