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

import java.util.Arrays;
import java.util.Objects;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.protocol.codec.FrameFormat;

import com.google.gson.JsonElement;

/**
 * A request decoded on the server side (protocol.md §4.1, §5), as a simulated controller or the CLI sees it.
 * <p>
 * {@link #toString()} leaves the body out, since its params carry the API key ({@code k}, protocol.md §6.1).
 *
 * @param format the frame format; the answer must use the same one (protocol.md §3)
 * @param keyId the key id named in the frame
 * @param callId the last level of the response topic: 32 hex chars of the request id (binary), or the call id text
 *            verbatim (text frames)
 * @param requestId the 16 raw request id bytes (binary), or the UTF-8 bytes of the call id (text)
 * @param body the decrypted JSON-RPC request (object, batch array, or any other JSON the client sent)
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public record RequestFrame(FrameFormat format, String keyId, String callId, byte[] requestId, JsonElement body) {

    public RequestFrame {
        requestId = requestId.clone();
    }

    @Override
    public byte[] requestId() {
        return requestId.clone();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof RequestFrame r && format == r.format && keyId.equals(r.keyId) && callId.equals(r.callId)
                && Arrays.equals(requestId, r.requestId) && body.equals(r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(format, keyId, callId, Arrays.hashCode(requestId), body);
    }

    @Override
    public String toString() {
        return "RequestFrame[format=" + format + ", keyId=" + keyId + ", callId=" + callId + "]";
    }
}
