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
import org.openhab.binding.evaics.internal.protocol.JsonLines;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * Reads the tool's PARAMS_JSON argument; the JSON it prints is {@link JsonLines}'.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class CliJson {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls()
            .serializeSpecialFloatingPointValues().create();
    /** Gson's advice in parse errors, which does not apply to a command-line argument. */
    private static final String GSON_LENIENT_ADVICE = "Use JsonReader.setLenient(true) to accept malformed JSON";

    private CliJson() {
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
        return JsonLines.printable(reason.replace(GSON_LENIENT_ADVICE, "malformed JSON"));
    }
}
