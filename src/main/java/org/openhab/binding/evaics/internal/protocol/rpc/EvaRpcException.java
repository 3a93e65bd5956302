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
package org.openhab.binding.evaics.internal.protocol.rpc;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

import com.google.gson.JsonObject;

/**
 * Why an EVA call failed, with EVA's error code (protocol.md §6.4). The message is meant for logs and thing status
 * descriptions: it never contains key material or request parameters.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class EvaRpcException extends Exception {

    private static final long serialVersionUID = 1L;

    /** EVA error codes (protocol.md §6.4); the client-side ones are the numbers EVA's own client uses. */
    public static final int CODE_NOT_FOUND = 1;
    public static final int CODE_ACCESS_DENIED = 2;
    public static final int CODE_API_ERROR = 3;
    public static final int CODE_UNKNOWN_ERROR = 4;
    public static final int CODE_NOT_READY = 5;
    public static final int CODE_METHOD_NOT_FOUND = 6;
    public static final int CODE_SERVER_ERROR = 7;
    public static final int CODE_TIMEOUT = 8;
    public static final int CODE_BAD_DATA = 9;
    public static final int CODE_FUNC_FAILED = 10;
    public static final int CODE_INVALID_PARAMS = 11;

    /** What kind of failure this is. */
    public enum Kind {
        /** The controller answered with a JSON-RPC error object. */
        REMOTE_ERROR,
        /** Only the unauthenticated {@code 500|} came back before the timeout: the controller could not dispatch. */
        DISPATCH_FAILED,
        /** No valid answer before the call timeout (wrong key, unknown key id, API disabled, controller down). */
        TIMEOUT,
        /** The broker connection is down; the call was not sent. */
        NOT_CONNECTED,
        /** Too many calls in flight for this controller; the call was not sent. */
        TOO_MANY_PENDING,
        /** The client was closed before an answer came. */
        CLOSED,
        /** The answer was authentic but not what the method returns. */
        BAD_DATA
    }

    private final Kind kind;
    private final int code;
    private final @Nullable JsonObject errorObject;

    public EvaRpcException(Kind kind, int code, String message) {
        this(kind, code, message, null);
    }

    public EvaRpcException(Kind kind, int code, String message, @Nullable JsonObject errorObject) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
        this.errorObject = errorObject;
    }

    public Kind kind() {
        return kind;
    }

    public int code() {
        return code;
    }

    /** The JSON-RPC error object for {@link Kind#REMOTE_ERROR}, else null. */
    public @Nullable JsonObject errorObject() {
        return errorObject;
    }
}
