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
package org.openhab.binding.evaics.internal.cli;

import java.nio.charset.StandardCharsets;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.codec.FrameCodec;
import org.openhab.binding.evaics.internal.protocol.codec.FrameFormat;
import org.openhab.binding.evaics.internal.protocol.crypto.EvaKey;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Request frames with bodies the vectors do not have, for the decode tests.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class TestFrames {

    private static final byte[] REQUEST_ID = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String CALL_ID = "30313233343536373839616263646566";

    private TestFrames() {
    }

    /** A binary request framed as the binding frames it, with the body exactly as given. */
    static byte[] binaryRequest(String keyId, String key, JsonObject body) {
        return new FrameCodec(keyId, key, FrameFormat.BINARY, ProtocolLimits.defaults()).encodeRequest(REQUEST_ID,
                body);
    }

    /** A text request {@code |keyId|<Fernet of "callId|json">} (protocol.md §5) with any JSON body, e.g. a batch. */
    static byte[] textRequest(String keyId, String key, JsonElement body) {
        byte[] inner = (CALL_ID + "|" + body).getBytes(StandardCharsets.UTF_8);
        byte[] token = EvaKey.derive(key).fernet().encrypt(inner, 0, inner.length);
        byte[] header = ("|" + keyId + "|").getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[header.length + token.length];
        System.arraycopy(header, 0, frame, 0, header.length);
        System.arraycopy(token, 0, frame, header.length, token.length);
        return frame;
    }
}
