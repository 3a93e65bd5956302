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

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.internal.cli.ServerFrameCodec;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.crypto.AesHmacCipher;
import org.openhab.binding.evaics.internal.protocol.crypto.EvaKey;

import com.google.gson.JsonObject;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Hostile input properties: random and mutated payloads, and garbage bodies behind a valid MAC, fed to every decoder.
 * Each decoder may succeed or throw {@link FrameException}; anything else (a RuntimeException, OutOfMemoryError,
 * StackOverflowError) fails the property. Limits are kept small so that no try can allocate much.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class RobustnessPropertiesTest {

    private static final String KEY_ID = "k1";
    private static final String API_KEY = "robustness-key";
    private static final ProtocolLimits LIMITS = ProtocolLimits.defaults().withMaxInflatedBytes(64 * 1024);
    private static final int MAX_INFLATED = 64 * 1024;
    private static final int DEPTH = 64;

    private final ServerFrameCodec server = new ServerFrameCodec(id -> KEY_ID.equals(id) ? API_KEY : null, LIMITS);
    private final List<FrameCodec> clients = List.of(new FrameCodec(KEY_ID, API_KEY, FrameFormat.BINARY, LIMITS),
            new FrameCodec(KEY_ID, API_KEY, FrameFormat.BINARY_COMPRESSED, LIMITS),
            new FrameCodec(KEY_ID, API_KEY, FrameFormat.TEXT, LIMITS));
    private final EvaKey key = EvaKey.derive(API_KEY);

    @FunctionalInterface
    interface Decoding {
        void run() throws Exception;
    }

    private static void onlyFrameException(Decoding d) {
        try {
            d.run();
        } catch (FrameException e) {
            assertNotNull(e.reason());
        } catch (Throwable t) {
            fail("decoder threw " + t.getClass().getName() + " instead of FrameException", t);
        }
    }

    private void allDecoders(byte[] payload) {
        onlyFrameException(() -> server.decodeRequest(payload));
        for (FrameCodec c : clients) {
            onlyFrameException(() -> c.decodeResponse(payload));
        }
        onlyFrameException(() -> MsgPackJson.decode(payload, DEPTH));
        onlyFrameException(() -> Zlib.inflate(payload, MAX_INFLATED));
    }

    // ------------------------------------------------------------------ generators

    /** Bytes that msgpack, zlib and the frame parsers find interesting, mixed with arbitrary ones. */
    @Provide
    Arbitrary<byte[]> structuredBytes() {
        Arbitrary<Byte> interesting = Arbitraries.of((byte) 0x00, (byte) 0x02, (byte) 0x03, (byte) 0x7C, (byte) 0x78,
                (byte) 0x9C, (byte) 0xC8, (byte) 0x80, (byte) 0x8F, (byte) 0x90, (byte) 0x9F, (byte) 0xA5, (byte) 0xC0,
                (byte) 0xC1, (byte) 0xC4, (byte) 0xC6, (byte) 0xC7, (byte) 0xCA, (byte) 0xCB, (byte) 0xCF, (byte) 0xD3,
                (byte) 0xD4, (byte) 0xD9, (byte) 0xDB, (byte) 0xDC, (byte) 0xDD, (byte) 0xDE, (byte) 0xDF, (byte) 0xFF,
                (byte) 0xED, (byte) 0xF4);
        Arbitrary<Byte> any = Arbitraries.bytes();
        return Arbitraries.frequencyOf(Tuple.of(1, interesting), Tuple.of(1, any)).list()
                .ofMaxSize(200).map(RobustnessPropertiesTest::toArray);
    }

    private static byte[] toArray(List<Byte> list) {
        byte[] b = new byte[list.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = list.get(i);
        }
        return b;
    }

    /** A list of edits: each flips, replaces, inserts or deletes a byte at a relative position, or truncates. */
    @Provide
    Arbitrary<List<int[]>> mutations() {
        Arbitrary<int[]> edit = Combinators.combine(Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 9999), Arbitraries.integers().between(0, 255))
                .as((op, pos, value) -> new int[] { op, pos, value });
        return edit.list().ofMinSize(1).ofMaxSize(4);
    }

    private static byte[] mutate(byte[] data, List<int[]> edits) {
        byte[] b = data;
        for (int[] e : edits) {
            int pos = b.length == 0 ? 0 : e[1] % b.length;
            switch (e[0]) {
                case 0 -> {
                    if (b.length > 0) {
                        b[pos] ^= (byte) (1 << (e[2] % 8));
                    }
                }
                case 1 -> {
                    if (b.length > 0) {
                        b[pos] = (byte) e[2];
                    }
                }
                case 2 -> {
                    byte[] n = new byte[b.length + 1];
                    System.arraycopy(b, 0, n, 0, pos);
                    n[pos] = (byte) e[2];
                    System.arraycopy(b, pos, n, pos + 1, b.length - pos);
                    b = n;
                }
                case 3 -> {
                    if (b.length > 0) {
                        byte[] n = new byte[b.length - 1];
                        System.arraycopy(b, 0, n, 0, pos);
                        System.arraycopy(b, pos + 1, n, pos, b.length - pos - 1);
                        b = n;
                    }
                }
                default -> b = Arrays.copyOf(b, pos);
            }
        }
        return b;
    }

    @Provide
    Arbitrary<byte[]> validMsgpack() {
        return JsonArbitraries.json(3).map(MsgPackJson::encode);
    }

    private List<byte[]> validFrames(JsonObject request) throws FrameException {
        List<byte[]> frames = new ArrayList<>();
        byte[] id = new byte[16];
        for (FrameCodec c : clients) {
            byte[] payload = c.encodeRequest(id, request);
            frames.add(payload);
            frames.add(server.encodeResponse(server.decodeRequest(payload), request));
        }
        return frames;
    }

    @Provide
    Arbitrary<JsonObject> requests() {
        return JsonArbitraries.object(2);
    }

    // ------------------------------------------------------------------ properties

    @Property(tries = 300)
    void randomBytesOnlyRaiseFrameException(@ForAll @Size(max = 300) byte[] payload) {
        allDecoders(payload);
    }

    @Property(tries = 300)
    void structuredBytesOnlyRaiseFrameException(@ForAll("structuredBytes") byte[] payload) {
        allDecoders(payload);
    }

    @Property(tries = 200)
    void randomBytesBehindFrameHeadersOnlyRaiseFrameException(@ForAll("structuredBytes") byte[] tail) {
        byte[][] heads = { { 0, 2, 'k', '1', 0 }, { 0, 3, 'k', '1', 0 }, { 0, (byte) 0xC8 },
                "|k1|".getBytes(StandardCharsets.US_ASCII), "200|".getBytes(StandardCharsets.US_ASCII),
                "|k1|gAAAAA".getBytes(StandardCharsets.US_ASCII) };
        for (byte[] head : heads) {
            byte[] payload = Arrays.copyOf(head, head.length + tail.length);
            System.arraycopy(tail, 0, payload, head.length, tail.length);
            allDecoders(payload);
        }
    }

    @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
    void mutatedFramesOnlyRaiseFrameException(@ForAll("requests") JsonObject request,
            @ForAll("mutations") List<int[]> edits) throws FrameException {
        for (byte[] frame : validFrames(request)) {
            allDecoders(mutate(frame, edits));
        }
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void mutatedMsgpackOnlyRaisesFrameException(@ForAll("validMsgpack") byte[] msgpack,
            @ForAll("mutations") List<int[]> edits) {
        byte[] mutated = mutate(msgpack, edits);
        onlyFrameException(() -> MsgPackJson.decode(mutated, DEPTH));
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void mutatedZlibOnlyRaisesFrameException(@ForAll("validMsgpack") byte[] msgpack,
            @ForAll("mutations") List<int[]> edits) {
        byte[] mutated = mutate(Zlib.deflate(msgpack), edits);
        onlyFrameException(() -> Zlib.inflate(mutated, MAX_INFLATED));
    }

    /** Garbage that passes the MAC reaches the body decoders: the strongest test of inflate and msgpack. */
    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void authenticGarbageBodiesOnlyRaiseFrameException(@ForAll("validMsgpack") byte[] msgpack,
            @ForAll("mutations") List<int[]> edits, @ForAll("structuredBytes") byte[] random) {
        for (byte[] body : List.of(mutate(msgpack, edits), random, mutate(Zlib.deflate(msgpack), edits))) {
            byte[] plaintext = new byte[16 + body.length];
            System.arraycopy(body, 0, plaintext, 16, body.length);
            for (byte encoding : new byte[] { 2, 3 }) {
                byte[] header = { 0, encoding, 'k', '1', 0 };
                onlyFrameException(() -> server.decodeRequest(seal(header, plaintext)));
            }
            byte[] responseHeader = { 0, (byte) 0xC8 };
            for (FrameCodec c : clients.subList(0, 2)) {
                onlyFrameException(() -> c.decodeResponse(seal(responseHeader, body)));
            }
            byte[] token = key.fernet().encrypt(body, 0, body.length);
            byte[] textAnswer = concat("200|".getBytes(StandardCharsets.US_ASCII), token);
            onlyFrameException(() -> clients.get(2).decodeResponse(textAnswer));
            byte[] inner = concat("c|".getBytes(StandardCharsets.US_ASCII), body);
            byte[] requestToken = key.fernet().encrypt(inner, 0, inner.length);
            onlyFrameException(
                    () -> server.decodeRequest(concat("|k1|".getBytes(StandardCharsets.US_ASCII), requestToken)));
        }
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void mutatedJsonTextOnlyRaisesFrameException(@ForAll("requests") JsonObject json,
            @ForAll("mutations") List<int[]> edits) {
        byte[] text = mutate(EvaJson.write(json).getBytes(StandardCharsets.UTF_8), edits);
        String s = new String(text, StandardCharsets.UTF_8);
        onlyFrameException(() -> EvaJson.read(s, DEPTH));
    }

    private byte[] seal(byte[] header, byte[] plaintext) {
        byte[] frame = Arrays.copyOf(header, header.length + AesHmacCipher.blockLength(plaintext.length));
        key.binary().encrypt(plaintext, 0, plaintext.length, frame, header.length);
        return frame;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Property(tries = 20)
    void deepNestingBehindAValidMacIsRefusedAsTooDeep(@ForAll @IntRange(min = DEPTH + 1, max = 5000) int depth) {
        byte[] msgpack = new byte[16 + depth];
        Arrays.fill(msgpack, 16, msgpack.length, (byte) 0x91);
        byte[] payload = seal(new byte[] { 0, 2, 'k', '1', 0 }, msgpack);
        assertEquals(FrameException.Reason.NESTING_TOO_DEEP,
                assertThrows(FrameException.class, () -> server.decodeRequest(payload)).reason());
        String json = "[".repeat(depth) + "]".repeat(depth);
        assertEquals(FrameException.Reason.NESTING_TOO_DEEP,
                assertThrows(FrameException.class, () -> EvaJson.read(json, DEPTH)).reason());
    }
}
