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
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.CodingErrorAction;
import java.util.Base64;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageSizeException;
import org.msgpack.core.MessageTypeException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.core.buffer.MessageBuffer;
import org.msgpack.core.buffer.MessageBufferOutput;
import org.openhab.binding.evaics.internal.protocol.codec.FrameException.Reason;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * msgpack &lt;-&gt; Gson on top of msgpack-core, with the encoding EVA's Python side uses ({@code msgpack},
 * {@code use_bin_type=True}, decoding with {@code raw=False}; protocol.md §6.1), so that encoded bodies are
 * byte-identical to EVA's.
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
 * after the value are refused. Every failure, msgpack-core's own exceptions included, is a {@link FrameException}.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class MsgPackJson {

    /** Deepest tree the encoder writes (Python's msgpack packer refuses deeper ones too). */
    public static final int MAX_ENCODE_DEPTH = 511;

    private static final int INITIAL_ENCODE_BYTES = 256;
    /** Smallest write window handed to the packer, so that it does not come back for a new one every few bytes. */
    private static final int MIN_WINDOW_BYTES = 64;
    /** Arrays are allocated at their declared size up to this many elements (the count is checked against the data). */
    private static final int MAX_PRESIZED_ELEMENTS = 1024;

    /**
     * Strings always go through {@code String.getBytes(UTF_8)}: the JDK's encoder is vectorised for the common
     * ASCII/Latin-1 strings, and msgpack-core's alternative for long strings reserves six bytes per char in the
     * output first, which would grow our buffer far beyond the body for every long string.
     */
    private static final MessagePack.PackerConfig PACKER = new MessagePack.PackerConfig()
            .withSmallStringOptimizationThreshold(Integer.MAX_VALUE).withStr8FormatSupport(true);

    /**
     * A str is never read as bin nor bin as str: EVA keeps the two apart ({@code use_bin_type=True}) and a bin map key
     * must be refused. Strings are not read with {@link MessageUnpacker#unpackString()}: it gives no chance to check
     * the declared length before it reads, and in its strict mode it decodes through a {@code CharsetDecoder} with a
     * fresh 8 KiB char buffer per unpacker (measured 2.5 times slower for a request). They are read through
     * {@link MessageUnpacker#unpackRawStringHeader()} and validated in place by {@link Utf8}; REPORT only makes
     * sure that msgpack-core itself would never substitute U+FFFD either.
     */
    private static final MessagePack.UnpackerConfig UNPACKER = new MessagePack.UnpackerConfig()
            .withAllowReadingBinaryAsString(false).withAllowReadingStringAsBinary(false)
            .withActionOnMalformedString(CodingErrorAction.REPORT)
            .withActionOnUnmappableString(CodingErrorAction.REPORT);

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
        MessagePacker packer = PACKER.newPacker(new SinkOutput(sink));
        try {
            write(value, packer, 0);
            packer.flush();
        } catch (IOException e) {
            // SinkOutput never throws
            throw new UncheckedIOException(e);
        }
    }

    /** Recursion is bounded by {@value #MAX_ENCODE_DEPTH}, far below what the stack allows. */
    private static void write(JsonElement value, MessagePacker out, int depth) throws IOException {
        if (value instanceof JsonObject object) {
            checkDepth(depth);
            out.packMapHeader(object.size());
            for (Map.Entry<String, JsonElement> e : object.entrySet()) {
                out.packString(e.getKey());
                write(e.getValue(), out, depth + 1);
            }
        } else if (value instanceof JsonArray array) {
            checkDepth(depth);
            out.packArrayHeader(array.size());
            for (JsonElement e : array) {
                write(e, out, depth + 1);
            }
        } else if (value instanceof JsonPrimitive p) {
            if (p.isString()) {
                out.packString(p.getAsString());
            } else if (p.isBoolean()) {
                out.packBoolean(p.getAsBoolean());
            } else {
                writeNumber(p.getAsNumber(), out);
            }
        } else {
            out.packNil();
        }
    }

    private static void checkDepth(int depth) {
        if (depth >= MAX_ENCODE_DEPTH) {
            throw new IllegalArgumentException("JSON nests deeper than " + MAX_ENCODE_DEPTH + " levels");
        }
    }

    private static void writeNumber(Number n, MessagePacker out) throws IOException {
        switch (JsonNumbers.kind(n)) {
            case LONG -> out.packLong(JsonNumbers.longValue(n));
            case BIG_INTEGER -> {
                BigInteger b = JsonNumbers.bigIntegerValue(n);
                // packBigInteger refuses these too, but its message speaks of 2^64-1 for negative ones as well
                if (b.signum() < 0 || b.bitLength() > Long.SIZE) {
                    throw new IllegalArgumentException("integer outside the msgpack range (int64 min .. uint64 max)");
                }
                out.packBigInteger(b);
            }
            case DOUBLE -> out.packDouble(JsonNumbers.doubleValue(n));
        }
    }

    /**
     * Lets the packer write straight into the sink's array: each window it asks for is the sink's free space, and a
     * flushed window only advances the sink's size, so the body is built without intermediate copies.
     */
    private static final class SinkOutput implements MessageBufferOutput {
        private final ByteSink sink;

        SinkOutput(ByteSink sink) {
            this.sink = sink;
        }

        @Override
        public MessageBuffer next(int minimumSize) {
            sink.ensureFree(Math.max(minimumSize, MIN_WINDOW_BYTES));
            byte[] array = sink.array();
            return MessageBuffer.wrap(array, sink.size(), array.length - sink.size());
        }

        @Override
        public void writeBuffer(int length) {
            sink.advance(length);
        }

        @Override
        @NonNullByDefault({})
        public void write(byte[] buffer, int offset, int length) {
            sink.write(buffer, offset, length);
        }

        @Override
        @NonNullByDefault({})
        public void add(byte[] buffer, int offset, int length) {
            // the packer would let us keep a reference; a copy keeps the body in one array
            sink.write(buffer, offset, length);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
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
        try (MessageUnpacker unpacker = UNPACKER.newUnpacker(data, off, len)) {
            return new Decoder(unpacker, data, off, len, maxDepth).decode();
        } catch (MessageInsufficientBufferException e) {
            throw bad("msgpack data is truncated");
        } catch (MessageSizeException e) {
            throw bad("msgpack length exceeds the data");
        } catch (MessagePackException | IOException e) {
            // MessageTypeException, MessageFormatException and the like: the data is not what its format byte says
            throw bad("malformed msgpack (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static FrameException bad(String message) {
        return new FrameException(Reason.BAD_BODY, message);
    }

    /** An array or map being filled, linked to the one it belongs to. */
    private static final class Container {
        final @Nullable JsonArray array;
        final @Nullable JsonObject object;
        /** Where this container goes when it is full: its parent and, in a map, the key there. */
        final @Nullable Container parent;
        final @Nullable String keyInParent;
        int remaining;

        Container(@Nullable JsonArray array, @Nullable JsonObject object, int remaining, @Nullable Container parent,
                @Nullable String keyInParent) {
            this.array = array;
            this.object = object;
            this.remaining = remaining;
            this.parent = parent;
            this.keyInParent = keyInParent;
        }

        void add(@Nullable String key, JsonElement value) {
            JsonObject o = object;
            JsonArray a = array;
            if (o != null) {
                o.add(key == null ? "" : key, value);
            } else if (a != null) {
                a.add(value);
            }
        }

        JsonElement element() {
            JsonElement e = array != null ? array : object;
            if (e == null) {
                throw new IllegalStateException("container without element");
            }
            return e;
        }
    }

    /**
     * Walks the value with an explicit stack of open containers: msgpack-core reads each header and scalar, this class
     * only decides what is accepted and builds the tree.
     */
    private static final class Decoder {
        private final MessageUnpacker in;
        private final byte[] data;
        private final int off;
        private final int length;
        private final int maxDepth;

        Decoder(MessageUnpacker in, byte[] data, int off, int length, int maxDepth) {
            this.in = in;
            this.data = data;
            this.off = off;
            this.length = length;
            this.maxDepth = maxDepth;
        }

        JsonElement decode() throws FrameException, IOException {
            Container top = null;
            int depth = 0;
            while (true) {
                String key = top != null && top.object != null ? readKey() : null;
                JsonElement value;
                MessageFormat format = in.getNextFormat();
                switch (format) {
                    case POSFIXINT, NEGFIXINT, UINT8, UINT16, UINT32, INT8, INT16, INT32, INT64:
                        value = new JsonPrimitive(in.unpackLong());
                        break;
                    case UINT64:
                        // EVA's ieids and nanosecond times are uint64 but fit a long; only a set top bit (the first
                        // payload byte's) needs a BigInteger, which would otherwise cost an allocation for each
                        value = fitsLong() ? new JsonPrimitive(in.unpackLong())
                                : new JsonPrimitive(in.unpackBigInteger());
                        break;
                    case NIL:
                        in.unpackNil();
                        value = JsonNull.INSTANCE;
                        break;
                    case BOOLEAN:
                        value = new JsonPrimitive(in.unpackBoolean());
                        break;
                    case FLOAT32, FLOAT64:
                        // float32 widens exactly
                        value = new JsonPrimitive(Float64.of(in.unpackDouble()));
                        break;
                    case FIXSTR, STR8, STR16, STR32:
                        value = new JsonPrimitive(readString(in.unpackRawStringHeader()));
                        break;
                    case BIN8, BIN16, BIN32: {
                        int len = checkLength(in.unpackBinaryHeader(), 1);
                        value = new JsonPrimitive(Base64.getEncoder().encodeToString(in.readPayload(len)));
                        break;
                    }
                    case FIXARRAY, ARRAY16, ARRAY32: {
                        int count = in.unpackArrayHeader();
                        checkDepth(depth);
                        checkLength(count, 1);
                        JsonArray array = new JsonArray(Math.min(count, MAX_PRESIZED_ELEMENTS));
                        if (count > 0) {
                            top = new Container(array, null, count, top, key);
                            depth++;
                            continue;
                        }
                        value = array;
                        break;
                    }
                    case FIXMAP, MAP16, MAP32: {
                        int count = in.unpackMapHeader();
                        checkDepth(depth);
                        // every entry takes at least two bytes
                        checkLength(count, 2);
                        JsonObject object = new JsonObject();
                        if (count > 0) {
                            top = new Container(null, object, count, top, key);
                            depth++;
                            continue;
                        }
                        value = object;
                        break;
                    }
                    default:
                        // the ext family and 0xC1 (never used)
                        throw bad("unsupported msgpack format " + format);
                }
                // hand the value to its container, closing every container that becomes full
                while (true) {
                    if (top == null) {
                        if (in.hasNext()) {
                            throw bad("trailing bytes after the msgpack value");
                        }
                        return value;
                    }
                    top.add(key, value);
                    if (--top.remaining > 0) {
                        break;
                    }
                    value = top.element();
                    key = top.keyInParent;
                    top = top.parent;
                    depth--;
                }
            }
        }

        private String readKey() throws FrameException, IOException {
            int len;
            try {
                // refuses bin as well: UNPACKER does not read bin as str
                len = in.unpackRawStringHeader();
            } catch (MessageTypeException e) {
                throw bad("map key is not a string");
            }
            return readString(len);
        }

        /** The str payload of {@code len} bytes, validated in place and then skipped. */
        private String readString(int len) throws FrameException, IOException {
            checkLength(len, 1);
            String s = Utf8.decode(data, position(), len);
            if (s == null) {
                throw bad("msgpack string is not valid UTF-8");
            }
            in.readPayloadAsReference(len);
            return s;
        }

        /** Whether the uint64 at the current position is below 2^63 (if it is truncated, unpacking will say so). */
        private boolean fitsLong() {
            int firstPayloadByte = position() + 1;
            return firstPayloadByte < off + length && data[firstPayloadByte] >= 0;
        }

        private void checkDepth(int depth) throws FrameException {
            if (depth >= maxDepth) {
                throw new FrameException(Reason.NESTING_TOO_DEEP, "msgpack nests deeper than " + maxDepth + " levels");
            }
        }

        /** Refuses a declared count of items of at least {@code minBytes} each that the bytes left cannot hold. */
        private int checkLength(int count, int minBytes) throws FrameException {
            if ((long) count * minBytes > length - (position() - off)) {
                throw bad("msgpack length exceeds the data");
            }
            return count;
        }

        private int position() {
            return off + (int) in.getTotalReadBytes();
        }
    }
}
