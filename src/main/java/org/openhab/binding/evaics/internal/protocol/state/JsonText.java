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
package org.openhab.binding.evaics.internal.protocol.state;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * Strict, depth-limited decoding of untrusted payloads: UTF-8 that rejects malformed input instead of replacing it,
 * and RFC 8259 JSON (no lenient extensions) read with {@link JsonReader} and a nesting counter, so that deeply nested
 * garbage is refused before it can exhaust the stack (protocol.md §11).
 * <p>
 * Numbers become {@link Long} (integers that fit), {@link Double} (finite non-integers), or {@link BigInteger} /
 * {@link BigDecimal} otherwise: the same Java types the msgpack decoder of the bulk and API bodies yields, so values
 * are treated alike whichever way they arrived.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class JsonText {

    /** Integers with at most this many characters always fit in a long (sign plus 17 digits). */
    private static final int SAFE_LONG_CHARS = 18;

    /** Longest error detail from the JSON reader kept in a reason; its messages quote member names. */
    private static final int MAX_DETAIL_CHARS = 160;

    /** Shared because JsonPrimitive has no mutators; saves an allocation per boolean member. */
    private static final JsonPrimitive TRUE = new JsonPrimitive(Boolean.TRUE);
    private static final JsonPrimitive FALSE = new JsonPrimitive(Boolean.FALSE);

    private JsonText() {
    }

    /** Decodes strict UTF-8; malformed or unmappable input is an error, never replaced. */
    static String decodeUtf8(byte[] data) throws StateFormatException {
        // announcements are nearly always ASCII; checking that is much cheaper than a CharsetDecoder
        boolean ascii = true;
        for (byte b : data) {
            if (b < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(data, StandardCharsets.US_ASCII);
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new StateFormatException("payload is not valid UTF-8");
        }
    }

    /** Parses one JSON value that must span the whole text. */
    static JsonElement parse(String text, int maxDepth) throws StateFormatException {
        JsonReader reader = new JsonReader(new StringReader(text));
        try {
            JsonElement value = read(reader, 0, maxDepth);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new StateFormatException("invalid JSON: data after the value");
            }
            return value;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            // MalformedJsonException and EOFException are IOExceptions
            throw new StateFormatException("invalid JSON: " + detail(e));
        }
    }

    /** Whether an already decoded tree (e.g. from msgpack) nests deeper than {@code maxDepth} containers. */
    static boolean nestsDeeperThan(JsonElement root, int maxDepth) {
        // iterative, since the tree may come from a decoder that does not limit depth itself
        List<Map.Entry<JsonElement, Integer>> pending = new ArrayList<>();
        pending.add(Map.entry(root, 1));
        while (!pending.isEmpty()) {
            Map.Entry<JsonElement, Integer> next = pending.remove(pending.size() - 1);
            JsonElement element = next.getKey();
            int depth = next.getValue();
            if (element.isJsonArray()) {
                if (depth > maxDepth) {
                    return true;
                }
                for (JsonElement child : element.getAsJsonArray()) {
                    pending.add(Map.entry(child, depth + 1));
                }
            } else if (element.isJsonObject()) {
                if (depth > maxDepth) {
                    return true;
                }
                for (Map.Entry<String, JsonElement> child : element.getAsJsonObject().entrySet()) {
                    pending.add(Map.entry(child.getValue(), depth + 1));
                }
            }
        }
        return false;
    }

    private static JsonElement read(JsonReader reader, int depth, int maxDepth)
            throws IOException, StateFormatException {
        JsonToken token = reader.peek();
        switch (token) {
            case BEGIN_OBJECT: {
                checkDepth(depth, maxDepth);
                JsonObject object = new JsonObject();
                reader.beginObject();
                while (reader.hasNext()) {
                    String name = reader.nextName();
                    object.add(name, read(reader, depth + 1, maxDepth));
                }
                reader.endObject();
                return object;
            }
            case BEGIN_ARRAY: {
                checkDepth(depth, maxDepth);
                JsonArray array = new JsonArray();
                reader.beginArray();
                while (reader.hasNext()) {
                    array.add(read(reader, depth + 1, maxDepth));
                }
                reader.endArray();
                return array;
            }
            case STRING:
                return new JsonPrimitive(reader.nextString());
            case NUMBER:
                return new JsonPrimitive(toNumber(reader.nextString()));
            case BOOLEAN:
                return reader.nextBoolean() ? TRUE : FALSE;
            case NULL:
                reader.nextNull();
                return JsonNull.INSTANCE;
            default:
                throw new StateFormatException("invalid JSON: unexpected " + token);
        }
    }

    private static void checkDepth(int depth, int maxDepth) throws StateFormatException {
        if (depth >= maxDepth) {
            throw new StateFormatException("JSON nests deeper than " + maxDepth + " levels");
        }
    }

    private static Number toNumber(String text) {
        boolean integral = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.' || c == 'e' || c == 'E') {
                integral = false;
                break;
            }
        }
        if (integral) {
            if (text.length() <= SAFE_LONG_CHARS) {
                return Long.parseLong(text);
            }
            BigInteger big = new BigInteger(text);
            return big.bitLength() < Long.SIZE ? (Number) big.longValue() : big;
        }
        double d = Double.parseDouble(text);
        return Double.isInfinite(d) ? new BigDecimal(text) : (Number) d;
    }

    private static String detail(Exception e) {
        String message = e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        return message.length() > MAX_DETAIL_CHARS ? message.substring(0, MAX_DETAIL_CHARS) + "..." : message;
    }
}
