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

import java.io.IOException;
import java.io.StringReader;
import java.util.Objects;

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
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * JSON in and out of the tool: compact one-line output (one JSON value per line, so scripts can split on newlines),
 * nulls written out, no HTML escaping, and floats as EVA writes them ({@link Float64}, Python's repr) rather than
 * Java's exponent form. Also the line formats of {@code watch} and {@code discover} (protocol.md §9.1).
 */
@NonNullByDefault
final class CliJson {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls()
            .serializeSpecialFloatingPointValues().create();
    /** Gson's advice in parse errors, which does not apply to a command-line argument. */
    private static final String GSON_LENIENT_ADVICE = "Use JsonReader.setLenient(true) to accept malformed JSON";

    private CliJson() {
    }

    static String write(JsonElement value) {
        return GSON.toJson(value);
    }

    /**
     * Reads the PARAMS_JSON argument: strict JSON, one object, nothing after it.
     *
     * @throws CliException (usage) if it is not a JSON object; the message does not repeat the text
     */
    static JsonObject parseParams(String text) throws CliException {
        JsonElement parsed;
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            // the adapter honours the reader's strictness; JsonParser.parseReader would switch to lenient mode
            parsed = GSON.getAdapter(JsonElement.class).read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw CliException.usage("PARAMS_JSON has text after the JSON object");
            }
        } catch (JsonParseException | IOException | IllegalStateException | NumberFormatException e) {
            throw CliException.usage("PARAMS_JSON is not valid JSON (" + shortReason(e) + ")");
        }
        if (!(parsed instanceof JsonObject object)) {
            throw CliException.usage("PARAMS_JSON must be a JSON object, e.g. {\"i\":\"unit:lights/lamp1\"}");
        }
        return object;
    }

    /** Gson's reason without the offending text: its messages end with a position, never with input. */
    private static String shortReason(Exception e) {
        Throwable cause = Objects.requireNonNullElse(e.getCause(), e);
        String message = String.valueOf(cause.getMessage());
        int seeDocs = message.indexOf("\nSee ");
        String reason = seeDocs < 0 ? message : message.substring(0, seeDocs);
        return CliIo.printable(reason.replace(GSON_LENIENT_ADVICE, "malformed JSON"));
    }

    /** The state line of {@code watch}: {@code {"oid","status","value","controller","t"}}. */
    static JsonObject stateLine(ItemState state) {
        JsonObject line = itemLine(state);
        line.add("t", time(state.t()));
        return line;
    }

    /** The item line of {@code discover}: {@code {"oid","status","value","controller"}}. */
    static JsonObject itemLine(ItemState state) {
        JsonObject line = new JsonObject();
        line.addProperty("oid", state.oid().toString());
        Integer status = state.status();
        line.add("status", status == null ? JsonNull.INSTANCE : new JsonPrimitive(status));
        line.addProperty("value", state.value());
        line.add("controller", controller(state.controller()));
        return line;
    }

    /** A destroyed item: {@code {"oid","destroyed":true}}, plus the controller when a bulk batch names it. */
    static JsonObject destroyedLine(Oid oid, @Nullable ControllerId controller) {
        JsonObject line = new JsonObject();
        line.addProperty("oid", oid.toString());
        line.addProperty("destroyed", true);
        if (controller != null) {
            line.addProperty("controller", controller.toString());
        }
        return line;
    }

    static JsonObject controllerLine(ControllerId controller) {
        JsonObject line = new JsonObject();
        line.addProperty("controller", controller.toString());
        return line;
    }

    /** A JSON-RPC style error object {@code {"code","message"}} for failures that have none of their own. */
    static JsonObject errorObject(int code, String message) {
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
}
