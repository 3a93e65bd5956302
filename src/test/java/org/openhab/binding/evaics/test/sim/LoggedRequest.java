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
package org.openhab.binding.evaics.test.sim;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.protocol.codec.FrameFormat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * One decoded API request as the {@link EvaSimulator} received it; a batch gives one entry per element.
 *
 * @param format the frame format the request came in
 * @param keyId the key id named in the frame
 * @param callId the call id (last level of the response topic)
 * @param method the JSON-RPC method, null if the element had none (bad envelope)
 * @param params the params exactly as sent, including {@code k}; null if absent or not an object
 * @param id the JSON-RPC id, null for notifications
 * @param body the whole JSON-RPC request element
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public record LoggedRequest(FrameFormat format, String keyId, String callId, @Nullable String method,
        @Nullable JsonObject params, @Nullable JsonElement id, JsonElement body) {

    /** A param as sent, or null. */
    public @Nullable JsonElement param(String name) {
        JsonObject p = params;
        return p == null ? null : p.get(name);
    }

    /** A param as sent; fails when the request has none of that name. */
    public JsonElement requiredParam(String name) {
        JsonElement value = param(name);
        if (value == null) {
            throw new IllegalStateException(this + " has no param " + name);
        }
        return value;
    }

    @Override
    public String toString() {
        // never print k: logs of failing tests should not show key material
        JsonObject shown = null;
        JsonObject p = params;
        if (p != null) {
            shown = p.deepCopy();
            if (shown.has("k")) {
                shown.addProperty("k", "***");
            }
        }
        return "LoggedRequest[" + format + ", keyId=" + keyId + ", method=" + method + ", params=" + shown + ", id="
                + id + "]";
    }
}
