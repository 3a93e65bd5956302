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

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.internal.protocol.codec.FrameException.Reason;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * JSON text for the legacy text frames (protocol.md §5).
 * <p>
 * Writing reproduces EVA's (Python's {@code json.dumps}) compact form byte for byte: separators {@code ,} and {@code :}
 * without spaces, every character outside printable ASCII as a backslash-u escape (four lowercase hex digits per
 * UTF-16 unit), the short escapes {@code \" \\ \n \r \t \b \f}, integers as digits, floats as Python's {@code repr}
 * ({@link Float64#repr(double)}), non-finite floats as {@code NaN}/{@code Infinity}/{@code -Infinity} like Python.
 * The output is therefore plain ASCII.
 * <p>
 * Reading is strict RFC 8259 JSON (Gson's non-lenient reader, one value, nothing after it) with bounded nesting and
 * Python's number typing: integer literals become {@code Long}/{@code BigInteger}, others {@link Float64}. Integer
 * literals longer than {@value JsonNumbers#MAX_INTEGER_DIGITS} digits are refused, as CPython refuses them (Gson's
 * strict reader already refuses any number literal longer than its 1024-char buffer; EVA never sends such numbers).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class EvaJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int FIRST_PRINTABLE = 0x20;
    private static final int LAST_PRINTABLE = 0x7E;

    private EvaJson() {
    }

    // ------------------------------------------------------------------ writing

    /**
     * @throws IllegalArgumentException for numbers whose text is not a number, or trees deeper than
     *             {@link MsgPackJson#MAX_ENCODE_DEPTH}
     */
    static String write(JsonElement value) {
        StringBuilder sb = new StringBuilder(256);
        write(value, sb, 0);
        return sb.toString();
    }

    private static void write(JsonElement value, StringBuilder sb, int depth) {
        if (value instanceof JsonObject object) {
            checkDepth(depth);
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonElement> e : object.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                writeString(e.getKey(), sb);
                sb.append(':');
                write(e.getValue(), sb, depth + 1);
            }
            sb.append('}');
        } else if (value instanceof JsonArray array) {
            checkDepth(depth);
            sb.append('[');
            boolean first = true;
            for (JsonElement e : array) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                write(e, sb, depth + 1);
            }
            sb.append(']');
        } else if (value instanceof JsonPrimitive p) {
            if (p.isString()) {
                writeString(p.getAsString(), sb);
            } else if (p.isBoolean()) {
                sb.append(p.getAsBoolean() ? "true" : "false");
            } else {
                writeNumber(p.getAsNumber(), sb);
            }
        } else {
            sb.append("null");
        }
    }

    private static void checkDepth(int depth) {
        if (depth >= MsgPackJson.MAX_ENCODE_DEPTH) {
            throw new IllegalArgumentException("JSON nests deeper than " + MsgPackJson.MAX_ENCODE_DEPTH + " levels");
        }
    }

    private static void writeNumber(Number n, StringBuilder sb) {
        switch (JsonNumbers.kind(n)) {
            case LONG -> sb.append(JsonNumbers.longValue(n));
            case BIG_INTEGER -> sb.append(JsonNumbers.bigIntegerValue(n));
            case DOUBLE -> sb.append(Float64.repr(JsonNumbers.doubleValue(n)));
        }
    }

    static void writeString(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c >= FIRST_PRINTABLE && c <= LAST_PRINTABLE) {
                        sb.append(c);
                    } else {
                        sb.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                    }
                }
            }
        }
        sb.append('"');
    }

    // ------------------------------------------------------------------ reading

    /**
     * Parses one JSON value.
     *
     * @param maxDepth deepest accepted nesting of arrays/objects (the outermost counts as 1)
     * @throws FrameException BAD_BODY for anything that is not strict JSON, NESTING_TOO_DEEP beyond maxDepth
     */
    static JsonElement read(String text, int maxDepth) throws FrameException {
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            JsonElement root = readTree(reader, maxDepth);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new FrameException(Reason.BAD_BODY, "data after the JSON value");
            }
            return root;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new FrameException(Reason.BAD_BODY, "invalid JSON");
        }
    }

    /** Builds the tree without recursion, so deep input cannot overflow the stack. */
    private static JsonElement readTree(JsonReader reader, int maxDepth) throws IOException, FrameException {
        ArrayList<JsonElement> stack = new ArrayList<>();
        while (true) {
            JsonElement parent = stack.isEmpty() ? null : stack.get(stack.size() - 1);
            String key = null;
            if (parent instanceof JsonObject) {
                if (!reader.hasNext()) {
                    reader.endObject();
                    JsonElement done = stack.remove(stack.size() - 1);
                    if (stack.isEmpty()) {
                        return done;
                    }
                    continue;
                }
                key = reader.nextName();
            } else if (parent instanceof JsonArray) {
                if (!reader.hasNext()) {
                    reader.endArray();
                    JsonElement done = stack.remove(stack.size() - 1);
                    if (stack.isEmpty()) {
                        return done;
                    }
                    continue;
                }
            }
            JsonElement value;
            JsonToken token = reader.peek();
            switch (token) {
                case BEGIN_OBJECT, BEGIN_ARRAY -> {
                    if (stack.size() >= maxDepth) {
                        throw new FrameException(Reason.NESTING_TOO_DEEP,
                                "JSON nests deeper than " + maxDepth + " levels");
                    }
                    if (token == JsonToken.BEGIN_OBJECT) {
                        reader.beginObject();
                        value = new JsonObject();
                    } else {
                        reader.beginArray();
                        value = new JsonArray();
                    }
                }
                case STRING -> value = new JsonPrimitive(reader.nextString());
                case NUMBER -> value = new JsonPrimitive(parseNumber(reader.nextString()));
                case BOOLEAN -> value = new JsonPrimitive(reader.nextBoolean());
                case NULL -> {
                    reader.nextNull();
                    value = JsonNull.INSTANCE;
                }
                default -> throw new FrameException(Reason.BAD_BODY, "unexpected JSON token " + token);
            }
            if (parent instanceof JsonObject object) {
                object.add(key, value);
            } else if (parent instanceof JsonArray array) {
                array.add(value);
            }
            if (value.isJsonObject() || value.isJsonArray()) {
                stack.add(value);
            } else if (parent == null) {
                return value;
            }
        }
    }

    /** Python's typing of a JSON number literal (the reader has validated its syntax). */
    static Number parseNumber(String literal) throws FrameException {
        if (JsonNumbers.isIntegerLiteral(literal)) {
            int digits = literal.startsWith("-") ? literal.length() - 1 : literal.length();
            if (digits > JsonNumbers.MAX_INTEGER_DIGITS) {
                throw new FrameException(Reason.BAD_BODY, "JSON integer has too many digits");
            }
            BigInteger big = new BigInteger(literal);
            return big.bitLength() < Long.SIZE ? (Number) big.longValue() : big;
        }
        return Float64.of(Double.parseDouble(literal));
    }
}
