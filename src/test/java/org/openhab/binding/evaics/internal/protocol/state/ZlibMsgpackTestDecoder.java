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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * Test-only stand-in for the production bulk body decoder (zlib + msgpack, protocol.md §9.5): just enough msgpack to
 * read EVA's bulk batches, with the inflated size and nesting bounded so that it can be fed random bytes.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class ZlibMsgpackTestDecoder implements BinaryBodyDecoder {

    static final int MAX_INFLATED_BYTES = 1024 * 1024;
    static final int MAX_DEPTH = 64;
    private static final int BUFFER_BYTES = 4096;

    @Override
    public JsonElement decode(byte[] zlibMsgpack) throws IOException, DataFormatException {
        byte[] msgpack = inflate(zlibMsgpack);
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(msgpack)) {
            JsonElement value = read(unpacker, 0);
            if (unpacker.hasNext()) {
                throw new IOException("data after the msgpack value");
            }
            return value;
        }
    }

    // Deflater and Inflater are released with end(): they are AutoCloseable only from Java 25
    @SuppressWarnings("resource")
    static byte[] inflate(byte[] data) throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[BUFFER_BYTES];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("truncated zlib stream");
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_INFLATED_BYTES) {
                    throw new DataFormatException("inflates to more than " + MAX_INFLATED_BYTES + " bytes");
                }
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }

    private static JsonElement read(MessageUnpacker unpacker, int depth) throws IOException {
        MessageFormat format = unpacker.getNextFormat();
        switch (format.getValueType()) {
            case NIL:
                unpacker.unpackNil();
                return JsonNull.INSTANCE;
            case BOOLEAN:
                return new JsonPrimitive(unpacker.unpackBoolean());
            case INTEGER:
                if (format == MessageFormat.UINT64) {
                    BigInteger big = unpacker.unpackBigInteger();
                    return new JsonPrimitive(big.bitLength() < Long.SIZE ? (Number) big.longValue() : big);
                }
                return new JsonPrimitive(unpacker.unpackLong());
            case FLOAT:
                return new JsonPrimitive(unpacker.unpackDouble());
            case STRING:
                return new JsonPrimitive(unpacker.unpackString());
            case ARRAY: {
                checkDepth(depth);
                int size = unpacker.unpackArrayHeader();
                JsonArray array = new JsonArray();
                for (int i = 0; i < size; i++) {
                    array.add(read(unpacker, depth + 1));
                }
                return array;
            }
            case MAP: {
                checkDepth(depth);
                int size = unpacker.unpackMapHeader();
                JsonObject object = new JsonObject();
                for (int i = 0; i < size; i++) {
                    if (unpacker.getNextFormat().getValueType() != org.msgpack.value.ValueType.STRING) {
                        throw new IOException("map key is not a string");
                    }
                    String key = unpacker.unpackString();
                    object.add(key, read(unpacker, depth + 1));
                }
                return object;
            }
            default:
                throw new IOException("unsupported msgpack type " + format.getValueType());
        }
    }

    private static void checkDepth(int depth) throws IOException {
        if (depth >= MAX_DEPTH) {
            throw new IOException("msgpack nests deeper than " + MAX_DEPTH);
        }
    }
}
