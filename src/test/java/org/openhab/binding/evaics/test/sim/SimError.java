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

/**
 * A method-level failure the simulated controller reports as a JSON-RPC error object (protocol.md §6.4).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class SimError extends Exception {

    private static final long serialVersionUID = 1L;

    static final int NOT_FOUND = 1;
    static final int ACCESS_DENIED = 2;
    static final int METHOD_NOT_FOUND = 6;
    static final int FUNC_FAILED = 10;
    static final int INVALID_PARAMS = 11;

    private final int code;

    SimError(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    int code() {
        return code;
    }

    static SimError notFound() {
        return new SimError(NOT_FOUND, "Resource not found");
    }

    static SimError accessDenied() {
        return new SimError(ACCESS_DENIED, "Access to resource is denied");
    }

    static SimError methodNotFound() {
        return new SimError(METHOD_NOT_FOUND, "API method not found");
    }

    static SimError invalidParam(String detail) {
        return new SimError(INVALID_PARAMS, "Invalid parameter: " + detail);
    }

    static SimError unknownParam(String name) {
        return invalidParam("Invalid function parameter: " + name);
    }
}
