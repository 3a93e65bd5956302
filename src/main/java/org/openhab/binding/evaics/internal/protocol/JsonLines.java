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


import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.protocol.codec.Float64;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;
import org.openhab.binding.evaics.internal.protocol.state.ItemState;
import org.openhab.binding.evaics.internal.protocol.state.Oid;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * JSON lines as the {@code evaics} tool and openHAB's console print them: compact one-line output (one JSON value per line, so scripts can split on newlines),
 * nulls written out, no HTML escaping, and floats as EVA writes them ({@link Float64}, Python's repr) rather than
 * Java's exponent form. Also the line formats of {@code watch} and {@code discover} (protocol.md §9.1).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class JsonLines {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls()
            .serializeSpecialFloatingPointValues().create();

    /** Longest topic or text repeated on one line; topics come from the broker and may be anything. */
    private static final int MAX_QUOTED_CHARS = 200;

    private JsonLines() {
    }

    public static String write(JsonElement value) {
        return GSON.toJson(value);
    }

    /** The state line of {@code watch}: {@code {"oid","status","value","controller","t"}}. */
    public static JsonObject stateLine(ItemState state) {
        JsonObject line = itemLine(state);
        line.add("t", time(state.t()));
        return line;
    }

    /** The item line of {@code discover}: {@code {"oid","status","value","controller"}}. */
    public static JsonObject itemLine(ItemState state) {
        JsonObject line = new JsonObject();
        line.addProperty("oid", state.oid().toString());
        Integer status = state.status();
        line.add("status", status == null ? JsonNull.INSTANCE : new JsonPrimitive(status));
        line.addProperty("value", state.value());
        line.add("controller", controller(state.controller()));
        return line;
    }

    /** A destroyed item: {@code {"oid","destroyed":true}}, plus the controller when a bulk batch names it. */
    public static JsonObject destroyedLine(Oid oid, @Nullable ControllerId controller) {
        JsonObject line = new JsonObject();
        line.addProperty("oid", oid.toString());
        line.addProperty("destroyed", true);
        if (controller != null) {
            line.addProperty("controller", controller.toString());
        }
        return line;
    }

    public static JsonObject controllerLine(ControllerId controller) {
        JsonObject line = new JsonObject();
        line.addProperty("controller", controller.toString());
        return line;
    }

    /** A JSON-RPC style error object {@code {"code","message"}} for failures that have none of their own. */
    public static JsonObject errorObject(int code, String message) {
        JsonObject error = new JsonObject();
        error.addProperty("code", code);
        error.addProperty("message", message);
        return error;
    }

    private static JsonElement controller(@Nullable ControllerId controller) {
        return controller == null ? JsonNull.INSTANCE : new JsonPrimitive(controller.toString());
    }

    private static JsonElement time(@Nullable Double t) {
        return t == null ? JsonNull.INSTANCE : new JsonPrimitive(Float64.of(t));
    }

    /** Text from the network made safe for one stderr line: no control characters, bounded length. */
    public static String printable(String text) {
        StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX_QUOTED_CHARS) + 3);
        for (int i = 0; i < text.length() && i < MAX_QUOTED_CHARS; i++) {
            char c = text.charAt(i);
            sb.append(Character.isISOControl(c) ? '?' : c);
        }
        if (text.length() > MAX_QUOTED_CHARS) {
            sb.append("...");
        }
        return sb.toString();
    }
}
