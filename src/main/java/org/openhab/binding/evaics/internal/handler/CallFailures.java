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
package org.openhab.binding.evaics.internal.handler;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaRpcException;

/**
 * Reads why a call failed: futures complete with an {@link EvaRpcException}, often wrapped by
 * {@link java.util.concurrent.CompletableFuture} in a {@link CompletionException}.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class CallFailures {

    private CallFailures() {
    }

    /** The {@link EvaRpcException} behind the failure, or null if it is something else. */
    public static @Nullable EvaRpcException rpcException(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause instanceof EvaRpcException rpc ? rpc : null;
    }

    /** Whether the controller answered with EVA error {@code code} (protocol.md §6.4). */
    public static boolean isRemoteError(Throwable failure, int code) {
        EvaRpcException rpc = rpcException(failure);
        return rpc != null && rpc.kind() == EvaRpcException.Kind.REMOTE_ERROR && rpc.code() == code;
    }

    /** A one-line description for logs and rule results: the message, and EVA's error code when there is one. */
    public static String describe(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof EvaRpcException rpc) {
            return rpc.getMessage() + " (EVA error " + rpc.code() + ")";
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }

    /** The failure without the {@link CompletionException} and {@link ExecutionException} wrappers around it. */
    public static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while (current instanceof CompletionException || current instanceof ExecutionException) {
            Throwable cause = current.getCause();
            if (cause == null) {
                break;
            }
            current = cause;
        }
        return current;
    }
}
