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
package org.openhab.binding.evaics.internal.protocol;

import java.util.function.Consumer;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaRpcException;
import org.openhab.binding.evaics.internal.protocol.state.Announcement;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.BulkState;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.Ignored;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ItemDestroyed;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ItemStateChanged;
import org.openhab.binding.evaics.internal.protocol.state.ItemState;
import org.openhab.binding.evaics.internal.protocol.state.Oid;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The output formats of {@code evaics call} and {@code evaics watch}, for whoever prints the same things elsewhere
 * (openHAB's console): one JSON document per line ({@link JsonLines}), the error object of a failed call, the lines
 * of a state announcement.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class TextOutput {

    /** The error code printed for a {@code 500|}: EVA's "server error", the dispatcher could not run the call. */
    public static final int DISPATCH_FAILED_CODE = EvaRpcException.CODE_SERVER_ERROR;

    private TextOutput() {
    }

    /** A JSON value on one line, as the tool prints results. */
    public static String json(JsonElement value) {
        return JsonLines.write(value);
    }

    /**
     * The line {@code call} prints on stdout for a failed call that the controller answered: EVA's error object,
     * {@code {"code":7,...}} for a {@code 500|}, {@code {"code":9,...}} for an answer that was not valid.
     *
     * @return the line, or null for a failure without an answer (timeout, not connected...), which has no line
     */
    public static @Nullable String callErrorLine(EvaRpcException failure) {
        String message = String.valueOf(failure.getMessage());
        return switch (failure.kind()) {
            case REMOTE_ERROR -> {
                JsonObject error = failure.errorObject();
                yield json(error != null ? error : JsonLines.errorObject(failure.code(), message));
            }
            case DISPATCH_FAILED -> json(JsonLines.errorObject(DISPATCH_FAILED_CODE, message));
            case BAD_DATA -> json(JsonLines.errorObject(failure.code(), message));
            default -> null;
        };
    }

    /**
     * The lines {@code watch} prints for one message: a state line per item state, a destroyed line per destroyed
     * item, and on {@code err} what was skipped. Action events, server events and announces print nothing.
     */
    public static void watchLines(String topic, Announcement announcement, Consumer<String> out,
            Consumer<String> err) {
        if (announcement instanceof ItemStateChanged changed) {
            out.accept(json(JsonLines.stateLine(changed.state())));
        } else if (announcement instanceof ItemDestroyed destroyed) {
            out.accept(json(JsonLines.destroyedLine(destroyed.oid(), null)));
        } else if (announcement instanceof BulkState bulk) {
            for (ItemState state : bulk.states()) {
                out.accept(json(JsonLines.stateLine(state)));
            }
            for (Oid oid : bulk.destroyed()) {
                out.accept(json(JsonLines.destroyedLine(oid, bulk.controller())));
            }
            if (bulk.rejectedEntries() > 0) {
                err.accept("skipped " + bulk.rejectedEntries() + " invalid entries of the bulk batch on "
                        + printable(topic) + ": " + printable(bulk.firstRejectReason()));
            }
        } else if (announcement instanceof Ignored ignored) {
            err.accept("skipped " + printable(topic) + ": " + printable(ignored.reason()));
        }
        // action and server events are not item states
    }

    /** Text from the network made safe for one line: no control characters, bounded length. */
    public static String printable(String text) {
        return JsonLines.printable(text);
    }
}
