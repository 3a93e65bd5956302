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
import org.eclipse.jdt.annotation.Nullable;

import com.google.gson.JsonElement;

/**
 * A decoded API response (protocol.md §4.3, §5): either the controller's plain {@code 500|} (dispatcher failure, no
 * body), or the decrypted body, which is the JSON-RPC response object, a batch array, or {@code JsonNull} (notification
 * or empty batch, protocol.md §4.4). Matching the JSON-RPC id to the request is the RPC client's job (protocol.md §6.5
 * step 6); a replayed response decodes fine here (protocol.md §11).
 *
 * @param dispatchFailed true for {@code 500|}
 * @param body the decoded body; null exactly when {@code dispatchFailed}
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public record ResponseFrame(boolean dispatchFailed, @Nullable JsonElement body) {

    private static final ResponseFrame DISPATCH_FAILURE = new ResponseFrame(true, null);

    /** The {@code 500|} answer. */
    public static ResponseFrame dispatchFailure() {
        return DISPATCH_FAILURE;
    }

    /** A decoded body ({@code JsonNull} for a null body). */
    public static ResponseFrame of(JsonElement body) {
        return new ResponseFrame(false, body);
    }
}
