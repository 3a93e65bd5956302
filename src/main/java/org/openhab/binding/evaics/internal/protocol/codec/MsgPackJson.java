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

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.protocol.codec.FrameException.Reason;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * msgpack &lt;-&gt; Gson, with the encoding EVA's Python side uses ({@code msgpack}, {@code use_bin_type=True},
 * decoding with {@code raw=False}; spec §6.1), so that encoded bodies are byte-identical to EVA's.
 * <p>
 * Encoding: objects as maps in member order, strings in the str family (UTF-8, smallest of fixstr/str8/str16/str32),
 * integers in the smallest format (positive values unsigned), floats as float64, {@code null}/booleans as
 * nil/false/true. Which numbers are integers is decided as Python's {@code json.loads} would (see {@link JsonNumbers}):
 * {@code 5} is an integer, {@code 5.0} a float. Unpaired surrogates in strings (which have no UTF-8 form) become
 * {@code ?}, as with Java's UTF-8 encoder. Integers outside the msgpack range (int64 min .. uint64 max) and trees
 * nested deeper than {@value #MAX_ENCODE_DEPTH} levels are refused with {@link IllegalArgumentException}, as Python's
 * packer does.
 * <p>
 * Decoding, for untrusted input: integers become exact {@code Long}s, or {@code BigInteger}s above long range (uint64);
 * float32/float64 become {@link Float64} with the exact binary64 value; str must be valid UTF-8; bin data becomes a
 * standard base64 string (EVA only sends bin for real byte strings, and a base64 string keeps such a result usable);
 * ext types, the reserved byte 0xC1 and map keys that are not strings are refused (Python's unpacker refuses non-string
 * keys by default too). Nesting is bounded by {@code maxDepth} and walked without recursion; a declared array, map,
 * str or bin length is checked against the bytes actually left before anything is read or allocated; trailing bytes
 * after the value are refused.
 */
@NonNullByDefault
public final class MsgPackJson {

    /** Deepest tree the encoder writes (Python's msgpack packer refuses deeper ones too). */
    public static final int MAX_ENCODE_DEPTH = 511;

    private static final int FIXSTR_MAX = 31;
    private static final int FIXCOLLECTION_MAX = 15;
    private static final int UINT8_MAX = 0xFF;
    private static final int UINT16_MAX = 0xFFFF;
    private static final long UINT32_MAX = 0xFFFF_FFFFL;
    private static final int POSITIVE_FIXINT_MAX = 0x7F;
    private static final int NEGATIVE_FIXINT_MIN = -32;

    private static final int NIL = 0xC0;
    private static final int FALSE = 0xC2;
    private static final int TRUE = 0xC3;
    private static final int BIN8 = 0xC4;
    private static final int BIN16 = 0xC5;
    private static final int BIN32 = 0xC6;
    private static final int FLOAT32 = 0xCA;
    private static final int FLOAT64 = 0xCB;
    private static final int UINT8 = 0xCC;
    private static final int UINT16 = 0xCD;
    private static final int UINT32 = 0xCE;
    private static final int UINT64 = 0xCF;
    private static final int INT8 = 0xD0;
    private static final int INT16 = 0xD1;
    private static final int INT32 = 0xD2;
    private static final int INT64 = 0xD3;
    private static final int STR8 = 0xD9;
    private static final int STR16 = 0xDA;
    private static final int STR32 = 0xDB;
    private static final int ARRAY16 = 0xDC;
    private static final int ARRAY32 = 0xDD;
    private static final int MAP16 = 0xDE;
    private static final int MAP32 = 0xDF;
    private static final int FIXMAP = 0x80;
    private static final int FIXARRAY = 0x90;
    private static final int FIXSTR = 0xA0;

    private static final int INITIAL_ENCODE_BYTES = 256;
    /** Arrays are allocated at their declared size up to this many elements (the count is checked against the data). */
    private static final int MAX_PRESIZED_ELEMENTS = 1024;
    private static final int INITIAL_STACK_CAPACITY = 8;

    private MsgPackJson() {
    }

    // ------------------------------------------------------------------ encoding

    /**
     * @throws IllegalArgumentException for integers outside the msgpack range, numbers whose text is not a number, or
     *             trees deeper than {@value #MAX_ENCODE_DEPTH}
     */
    public static byte[] encode(JsonElement value) {
        ByteSink sink = new ByteSink(INITIAL_ENCODE_BYTES);
        encodeTo(value, sink);
        return sink.toByteArray();
    }

    /** Appends the msgpack form of {@code value} to {@code sink}. */
    static void encodeTo(JsonElement value, ByteSink sink) {
        write(value, sink, 0);
    }

    private static void write(JsonElement value, ByteSink out, int depth) {
        if (value instanceof JsonObject object) {
            checkDepth(depth);
            writeHeader(out, object.size(), FIXMAP, MAP16, MAP32);
            for (Map.Entry<String, JsonElement> e : object.entrySet()) {
                writeString(e.getKey(), out);
                write(e.getValue(), out, depth + 1);
            }
        } else if (value instanceof JsonArray array) {
            checkDepth(depth);
            writeHeader(out, array.size(), FIXARRAY, ARRAY16, ARRAY32);
            for (JsonElement e : array) {
                write(e, out, depth + 1);
            }
        } else if (value instanceof JsonPrimitive p) {
            if (p.isString()) {
                writeString(p.getAsString(), out);
            } else if (p.isBoolean()) {
                out.write(p.getAsBoolean() ? TRUE : FALSE);
            } else {
                writeNumber(p.getAsNumber(), out);
            }
        } else {
            out.write(NIL);
        }
    }

    private static void checkDepth(int depth) {
        if (depth >= MAX_ENCODE_DEPTH) {
            throw new IllegalArgumentException("JSON nests deeper than " + MAX_ENCODE_DEPTH + " levels");
        }
    }

    private static void writeHeader(ByteSink out, int n, int fix, int marker16, int marker32) {
        if (n <= FIXCOLLECTION_MAX) {
            out.write(fix | n);
        } else if (n <= UINT16_MAX) {
            out.writeShort(marker16, n);
        } else {
            out.writeInt(marker32, n);
        }
    }

    private static void writeNumber(Number n, ByteSink out) {
        switch (JsonNumbers.kind(n)) {
            case LONG -> writeLong(JsonNumbers.longValue(n), out);
            case BIG_INTEGER -> {
                BigInteger b = JsonNumbers.bigIntegerValue(n);
                if (b.signum() < 0 || b.compareTo(JsonNumbers.UINT64_MAX) > 0) {
                    throw new IllegalArgumentException("integer outside the msgpack range (int64 min .. uint64 max)");
                }
                out.writeLong(UINT64, b.longValue());
            }
            case DOUBLE -> out.writeLong(FLOAT64, Double.doubleToRawLongBits(JsonNumbers.doubleValue(n)));
        }
    }

    private static void writeLong(long v, ByteSink out) {
        if (v >= 0) {
            if (v <= POSITIVE_FIXINT_MAX) {
                out.write((int) v);
            } else if (v <= UINT8_MAX) {
                out.ensureFree(2);
                out.write(UINT8);
                out.write((int) v);
            } else if (v <= UINT16_MAX) {
                out.writeShort(UINT16, (int) v);
            } else if (v <= UINT32_MAX) {
                out.writeInt(UINT32, (int) v);
            } else {
                out.writeLong(UINT64, v);
            }
        } else if (v >= NEGATIVE_FIXINT_MIN) {
            out.write((int) v);
        } else if (v >= Byte.MIN_VALUE) {
            out.ensureFree(2);
            out.write(INT8);
            out.write((int) v);
        } else if (v >= Short.MIN_VALUE) {
            out.writeShort(INT16, (int) v);
        } else if (v >= Integer.MIN_VALUE) {
            out.writeInt(INT32, (int) v);
        } else {
            out.writeLong(INT64, v);
        }
    }

    private static void writeString(String s, ByteSink out) {
        // the JDK's encoder is vectorised for the common Latin-1/ASCII strings; it writes '?' for unpaired surrogates
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        int len = utf8.length;
        if (len <= FIXSTR_MAX) {
            out.ensureFree(1 + len);
            out.write(FIXSTR | len);
        } else if (len <= UINT8_MAX) {
            out.ensureFree(2 + len);
            out.write(STR8);
            out.write(len);
        } else if (len <= UINT16_MAX) {
            out.writeShort(STR16, len);
        } else {
            out.writeInt(STR32, len);
        }
        out.write(utf8, 0, len);
    }

    // ------------------------------------------------------------------ decoding

    /**
     * Decodes one msgpack value that must fill {@code data} exactly.
     *
     * @param maxDepth deepest accepted nesting of arrays/maps (the outermost counts as 1)
     * @throws FrameException BAD_BODY for malformed, truncated or unsupported data, NESTING_TOO_DEEP beyond maxDepth
     */
    public static JsonElement decode(byte[] data, int maxDepth) throws FrameException {
        return decode(data, 0, data.length, maxDepth);
    }

    /** As {@link #decode(byte[], int)}, for {@code data[off .. off+len)}. */
    public static JsonElement decode(byte[] data, int off, int len, int maxDepth) throws FrameException {
        return new Decoder(data, off, off + len, maxDepth).decode();
    }

    /** An array or map being filled. */
    private static final class Container {
        final @Nullable JsonArray array;
        final @Nullable JsonObject object;
        long remaining;
        @Nullable
        String key;

        Container(@Nullable JsonArray array, @Nullable JsonObject object, long remaining) {
            this.array = array;
            this.object = object;
            this.remaining = remaining;
        }

        JsonElement element() {
            JsonElement e = array != null ? array : object;
            if (e == null) {
                throw new IllegalStateException("container without element");
            }
            return e;
        }
    }

    private static final class Decoder {
        private final byte[] data;
        private final int end;
        private final int maxDepth;
        private int pos;
        private final ArrayList<Container> stack = new ArrayList<>(INITIAL_STACK_CAPACITY);

        Decoder(byte[] data, int off, int end, int maxDepth) {
            this.data = data;
            this.pos = off;
            this.end = end;
            this.maxDepth = maxDepth;
        }

        JsonElement decode() throws FrameException {
            JsonElement root = null;
            while (root == null) {
                Container top = stack.isEmpty() ? null : stack.get(stack.size() - 1);
                if (top != null && top.object != null && top.key == null) {
                    top.key = readKey();
                    continue;
                }
                JsonElement value = readValue();
                if (value == null) {
                    // a non-empty container was opened; its elements come next
                    continue;
                }
                root = deliver(value);
            }
            if (pos != end) {
                throw bad("trailing bytes after the msgpack value");
            }
            return root;
        }

        /** Adds a finished value to the enclosing containers, closing those that are full; returns the root if done. */
        private @Nullable JsonElement deliver(JsonElement value) {
            JsonElement v = value;
            while (!stack.isEmpty()) {
                Container top = stack.get(stack.size() - 1);
                JsonObject object = top.object;
                JsonArray array = top.array;
                if (object != null) {
                    String key = top.key;
                    object.add(key == null ? "" : key, v);
                    top.key = null;
                } else if (array != null) {
                    array.add(v);
                }
                if (--top.remaining > 0) {
                    return null;
                }
                stack.remove(stack.size() - 1);
                v = top.element();
            }
            return v;
        }

        private String readKey() throws FrameException {
            int b = readByte();
            int len;
            if ((b & 0xE0) == FIXSTR) {
                len = b & 0x1F;
            } else if (b == STR8) {
                len = readUnsigned(1);
            } else if (b == STR16) {
                len = readUnsigned(2);
            } else if (b == STR32) {
                len = readLength32();
            } else {
                throw bad("map key is not a string");
            }
            return readString(len);
        }

        /** @return the value, or null if a non-empty container was opened (and pushed) */
        private @Nullable JsonElement readValue() throws FrameException {
            int b = readByte();
            if (b <= POSITIVE_FIXINT_MAX) {
                return new JsonPrimitive((long) b);
            }
            if (b >= 0xE0) {
                return new JsonPrimitive((long) (byte) b);
            }
            if ((b & 0xE0) == FIXSTR) {
                return new JsonPrimitive(readString(b & 0x1F));
            }
            if ((b & 0xF0) == FIXMAP) {
                return open(false, b & 0x0F);
            }
            if ((b & 0xF0) == FIXARRAY) {
                return open(true, b & 0x0F);
            }
            switch (b) {
                case NIL:
                    return JsonNull.INSTANCE;
                case FALSE:
                    return new JsonPrimitive(false);
                case TRUE:
                    return new JsonPrimitive(true);
                case BIN8:
                    return readBin(readUnsigned(1));
                case BIN16:
                    return readBin(readUnsigned(2));
                case BIN32:
                    return readBin(readLength32());
                case FLOAT32:
                    return new JsonPrimitive(Float64.of(Float.intBitsToFloat((int) readBits(4))));
                case FLOAT64:
                    return new JsonPrimitive(Float64.of(Double.longBitsToDouble(readBits(8))));
                case UINT8:
                    return new JsonPrimitive((long) readUnsigned(1));
                case UINT16:
                    return new JsonPrimitive((long) readUnsigned(2));
                case UINT32:
                    return new JsonPrimitive(readBits(4));
                case UINT64: {
                    long v = readBits(8);
                    return v >= 0 ? new JsonPrimitive(v)
                            : new JsonPrimitive(BigInteger.valueOf(v).add(BigInteger.ONE.shiftLeft(Long.SIZE)));
                }
                case INT8:
                    return new JsonPrimitive((long) (byte) readBits(1));
                case INT16:
                    return new JsonPrimitive((long) (short) readBits(2));
                case INT32:
                    return new JsonPrimitive((long) (int) readBits(4));
                case INT64:
                    return new JsonPrimitive(readBits(8));
                case STR8:
                    return new JsonPrimitive(readString(readUnsigned(1)));
                case STR16:
                    return new JsonPrimitive(readString(readUnsigned(2)));
                case STR32:
                    return new JsonPrimitive(readString(readLength32()));
                case ARRAY16:
                    return open(true, readUnsigned(2));
                case ARRAY32:
                    return open(true, readBits(4));
                case MAP16:
                    return open(false, readUnsigned(2));
                case MAP32:
                    return open(false, readBits(4));
                default:
                    // 0xC1 (never used) and the ext family
                    throw bad(String.format("unsupported msgpack type 0x%02x", b));
            }
        }

        private @Nullable JsonElement open(boolean isArray, long count) throws FrameException {
            if (stack.size() >= maxDepth) {
                throw new FrameException(Reason.NESTING_TOO_DEEP, "msgpack nests deeper than " + maxDepth + " levels");
            }
            // every element takes at least one byte, every map entry two
            long minBytes = isArray ? count : 2 * count;
            if (minBytes > end - pos) {
                throw bad("msgpack " + (isArray ? "array" : "map") + " declares more elements than there are bytes");
            }
            Container c = isArray
                    ? new Container(new JsonArray((int) Math.min(count, MAX_PRESIZED_ELEMENTS)), null, count)
                    : new Container(null, new JsonObject(), count);
            if (count == 0) {
                return c.element();
            }
            stack.add(c);
            return null;
        }

        private String readString(int len) throws FrameException {
            require(len);
            String s = Utf8.decode(data, pos, len);
            if (s == null) {
                throw bad("msgpack string is not valid UTF-8");
            }
            pos += len;
            return s;
        }

        private JsonPrimitive readBin(int len) throws FrameException {
            require(len);
            byte[] bytes = new byte[len];
            System.arraycopy(data, pos, bytes, 0, len);
            pos += len;
            return new JsonPrimitive(Base64.getEncoder().encodeToString(bytes));
        }

        private int readByte() throws FrameException {
            require(1);
            return data[pos++] & 0xFF;
        }

        private int readUnsigned(int bytes) throws FrameException {
            return (int) readBits(bytes);
        }

        /** A 32-bit length; lengths beyond the bytes left are caught by the caller's {@link #require}. */
        private int readLength32() throws FrameException {
            long len = readBits(4);
            if (len > end - pos) {
                throw bad("msgpack length exceeds the data");
            }
            return (int) len;
        }

        /** Big-endian unsigned value of the next {@code bytes} bytes (for 8 bytes: the raw 64 bits). */
        private long readBits(int bytes) throws FrameException {
            require(bytes);
            long v = 0;
            for (int i = 0; i < bytes; i++) {
                v = (v << 8) | (data[pos++] & 0xFF);
            }
            return v;
        }

        private void require(int n) throws FrameException {
            if (n > end - pos) {
                throw bad("msgpack data is truncated");
            }
        }

        private static FrameException bad(String message) {
            return new FrameException(Reason.BAD_BODY, message);
        }
    }
}
