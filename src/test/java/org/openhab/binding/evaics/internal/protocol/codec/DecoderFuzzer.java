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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.cli.ServerFrameCodec;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.crypto.AesHmacCipher;
import org.openhab.binding.evaics.internal.protocol.crypto.EvaKey;
import org.openhab.binding.evaics.internal.protocol.state.Announcement;
import org.openhab.binding.evaics.internal.protocol.state.AnnouncementParser;
import org.openhab.binding.evaics.internal.protocol.state.ZlibMsgPackBodyDecoder;

import com.google.gson.JsonElement;

/**
 * A seeded mutation fuzzer for everything that decodes bytes from the broker: {@link FrameCodec#decodeResponse}
 * (binary, compressed, text), {@link ServerFrameCodec#decodeRequest}, {@link MsgPackJson#decode}, {@link Zlib#inflate}
 * and {@link AnnouncementParser#parse} (with the production bulk decoder).
 * <p>
 * Inputs come from the golden vectors (every message of {@code src/test/resources/vectors}, mutated: bit flips,
 * interesting bytes and length prefixes, insertions, deletions, truncations, duplicated ranges, splices of two
 * messages), from random bytes, and from "authentic garbage": mutated msgpack, zlib and JSON bodies sealed with the
 * vectors' key, so that they pass the MAC and reach the body decoders, where an attacker without the key never gets.
 * Every input goes to every decoder. The rule: a frame decoder returns or throws {@link FrameException}, the
 * announcement parser returns an announcement and never throws; anything else (a runtime exception, a
 * StackOverflowError, an OutOfMemoryError) is a finding. Inflation is capped lower than in production (the same
 * code, a smaller number) so that a million inputs stay fast.
 * <p>
 * Deterministic for a seed: the same seed replays the same inputs.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class DecoderFuzzer {

    /** One rule violation: what was fed where, and what came out. */
    record Finding(String decoder, String input, Throwable failure) {
    }

    /** The outcome of a run. */
    record Report(long seed, long inputs, long executions, long nanos, Map<String, Long> outcomes,
            List<Finding> findings) {

        String summary() {
            return String.format(
                    "fuzzing: %,d inputs, %,d decoder executions in %.1f s (%,.0f inputs/s), seed %d, %d findings%n  %s",
                    inputs, executions, nanos / 1e9, inputs / (nanos / 1e9), seed, findings.size(), outcomes);
        }
    }

    private static final String KEY_ID = "default";
    private static final int MAX_INFLATED = 256 * 1024;
    private static final int DEPTH = ProtocolLimits.DEFAULT_MAX_NESTING_DEPTH;
    private static final int MAX_RANDOM_LENGTH = 300;
    private static final int MAX_EDITS = 6;
    private static final int MAX_FINDINGS = 20;
    private static final int REQUEST_ID_BYTES = 16;
    private static final int INPUT_HEX_LIMIT = 4096;
    private static final byte[] INTERESTING = { 0x00, 0x01, 0x02, 0x03, 0x7C, 0x78, (byte) 0x9C, (byte) 0xDA,
            (byte) 0xC8, (byte) 0x80, (byte) 0x8F, (byte) 0x90, (byte) 0x9F, (byte) 0xA0, (byte) 0xBF, (byte) 0xC0,
            (byte) 0xC1, (byte) 0xC2, (byte) 0xC3, (byte) 0xC4, (byte) 0xC5, (byte) 0xC6, (byte) 0xC7, (byte) 0xCA,
            (byte) 0xCB, (byte) 0xCF, (byte) 0xD3, (byte) 0xD4, (byte) 0xD9, (byte) 0xDA, (byte) 0xDB, (byte) 0xDC,
            (byte) 0xDD, (byte) 0xDE, (byte) 0xDF, (byte) 0xE0, (byte) 0xFF, (byte) 0xED, (byte) 0xF4, (byte) 0xF0,
            '{', '}', '[', ']', '"', '\\', ':', ',', '|', '/', '+', '#' };
    /** Length prefixes and markers that ask for huge allocations or deep recursion. */
    private static final byte[][] INTERESTING_RUNS = { { (byte) 0xDB, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF },
            { (byte) 0xDD, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF },
            { (byte) 0xDF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF },
            { (byte) 0xC6, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF }, { (byte) 0xC9, 0, 0, 0, 0x10, 0x01 },
            { (byte) 0x91, (byte) 0x91, (byte) 0x91, (byte) 0x91, (byte) 0x91, (byte) 0x91, (byte) 0x91 },
            { (byte) 0x81, (byte) 0x81, (byte) 0x81, (byte) 0x81, (byte) 0x81 }, { 0x78, (byte) 0x9C },
            { 0x00, (byte) 0xC8 }, { 0x00, 0x02 }, { 0x00, 0x03 }, "200|".getBytes(StandardCharsets.US_ASCII),
            "500|".getBytes(StandardCharsets.US_ASCII), "[[[[[[[[".getBytes(StandardCharsets.US_ASCII),
            "\\ud800".getBytes(StandardCharsets.US_ASCII), "1e999999".getBytes(StandardCharsets.US_ASCII) };
    private static final List<String> TOPICS = List.of("unit/lights/lamp1", "sensor/env/temp1", "lvar/flags/away",
            "unit/lights/floor1/lamp3", "unit/lights/lamp1/action", "unit/lights/lamp1/status", "state/host1",
            "state/all", "action/all", "log", "controller/discovery", "controller/uc/host1/events",
            "controller/uc/host1/api/response/00", "controller/uc/host1/test-1", "plant1/unit/a/b",
            "plant1/state/x", "plant1/controller/discovery", "unit/+/x", "unit/#", "/", "", "unit//x");

    private final ProtocolLimits limits = ProtocolLimits.defaults().withMaxInflatedBytes(MAX_INFLATED);
    private final EvaKey key;
    private final List<FrameCodec> clients;
    private final ServerFrameCodec server;
    private final List<AnnouncementParser> parsers;
    private final List<byte[]> seeds = new ArrayList<>();
    private final List<String> seedTopics = new ArrayList<>();
    private final List<byte[]> bodies = new ArrayList<>();

    DecoderFuzzer() {
        String apiKey = "";
        for (String name : vectorNames()) {
            VectorFiles.Vector vector = VectorFiles.load(name);
            apiKey = vector.apiKey();
            for (VectorFiles.Message message : vector.messages()) {
                seeds.add(message.payload());
                seedTopics.add(message.json().get("topic").getAsString());
                JsonElement decoded = message.decoded();
                if (decoded != null && !decoded.isJsonNull()) {
                    bodies.add(MsgPackJson.encode(decoded));
                }
            }
        }
        key = EvaKey.derive(apiKey);
        clients = List.of(new FrameCodec(KEY_ID, apiKey, FrameFormat.BINARY, limits),
                new FrameCodec(KEY_ID, apiKey, FrameFormat.BINARY_COMPRESSED, limits),
                new FrameCodec(KEY_ID, apiKey, FrameFormat.TEXT, limits));
        String secret = apiKey;
        server = new ServerFrameCodec(id -> KEY_ID.equals(id) ? secret : null, limits);
        parsers = List.of(new AnnouncementParser("", new ZlibMsgPackBodyDecoder(limits), limits),
                new AnnouncementParser("plant1", new ZlibMsgPackBodyDecoder(limits), limits));
    }

    private static List<String> vectorNames() {
        List<String> names = new ArrayList<>(VectorFiles.apiVectorNames());
        names.add("state-topics-uc");
        names.add("state-topics-lm");
        return names;
    }

    /** Feeds {@code inputs} generated inputs to every decoder. */
    Report run(long seed, long inputs) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Long> outcomes = new TreeMap<>();
        List<Finding> findings = new ArrayList<>();
        long executions = 0;
        long start = System.nanoTime();
        for (long i = 0; i < inputs; i++) {
            int seedIndex = random.nextInt(seeds.size());
            byte[] input = next(random, seedIndex);
            // a payload goes with its own topic half of the time, so that the parser gets past the topic rules
            String topic = random.nextBoolean() ? seedTopics.get(seedIndex) : topic(random);
            executions += feed(input, topic, outcomes, findings);
            if (findings.size() >= MAX_FINDINGS) {
                break;
            }
        }
        return new Report(seed, inputs, executions, System.nanoTime() - start, outcomes, findings);
    }

    private int feed(byte[] input, String topic, Map<String, Long> outcomes, List<Finding> findings) {
        int executions = 0;
        for (FrameCodec client : clients) {
            executions++;
            frameDecoder("FrameCodec.decodeResponse/" + client.format(), input, () -> client.decodeResponse(input),
                    outcomes, findings);
        }
        executions++;
        frameDecoder("ServerFrameCodec.decodeRequest", input, () -> server.decodeRequest(input), outcomes, findings);
        executions++;
        frameDecoder("MsgPackJson.decode", input, () -> MsgPackJson.decode(input, DEPTH), outcomes, findings);
        executions++;
        frameDecoder("Zlib.inflate", input, () -> Zlib.inflate(input, MAX_INFLATED), outcomes, findings);
        for (AnnouncementParser parser : parsers) {
            executions++;
            try {
                Announcement result = untrusted(parser.parse(topic, input));
                if (result == null) {
                    findings.add(new Finding("AnnouncementParser.parse", describe(topic, input),
                            new NullPointerException("null announcement")));
                } else {
                    count(outcomes, "AnnouncementParser " + result.getClass().getSimpleName());
                }
            } catch (Throwable e) {
                findings.add(new Finding("AnnouncementParser.parse", describe(topic, input), e));
            }
        }
        return executions;
    }

    /**
     * A result as the fuzzer sees it: typed nullable on purpose, because the fuzzer checks a decoder's non-null
     * promise at run time instead of trusting it.
     */
    private static <T> @Nullable T untrusted(T result) {
        return result;
    }

    @FunctionalInterface
    private interface Decoding {
        Object decode() throws FrameException;
    }

    private static void frameDecoder(String name, byte[] input, Decoding decoding, Map<String, Long> outcomes,
            List<Finding> findings) {
        try {
            decoding.decode();
            count(outcomes, name + " decoded");
        } catch (FrameException e) {
            count(outcomes, name + " " + e.reason());
        } catch (Throwable e) {
            findings.add(new Finding(name, describe("", input), e));
        }
    }

    private static void count(Map<String, Long> outcomes, String what) {
        outcomes.merge(what, 1L, Long::sum);
    }

    private static String describe(String topic, byte[] input) {
        String hex = HexFormat.of().formatHex(input, 0, Math.min(input.length, INPUT_HEX_LIMIT));
        return "topic '" + topic + "', " + input.length + " bytes: " + hex + (input.length > INPUT_HEX_LIMIT ? "..."
                : "");
    }

    // ---- generators ----

    private byte[] next(SplittableRandom random, int seedIndex) {
        return switch (random.nextInt(10)) {
            case 0, 1, 2, 3 -> mutate(random, seeds.get(seedIndex));
            case 4 -> mutate(random, splice(random, seeds.get(seedIndex), pick(random, seeds)));
            case 5 -> randomBytes(random);
            case 6 -> sealedResponse(random);
            case 7 -> sealedRequest(random);
            case 8 -> sealedText(random);
            default -> random.nextBoolean() ? mutate(random, pick(random, bodies))
                    : mutate(random, Zlib.deflate(pick(random, bodies)));
        };
    }

    private String topic(SplittableRandom random) {
        String topic = random.nextBoolean() ? seedTopics.get(random.nextInt(seedTopics.size()))
                : TOPICS.get(random.nextInt(TOPICS.size()));
        if (random.nextInt(8) == 0) {
            byte[] mutated = mutate(random, topic.getBytes(StandardCharsets.UTF_8));
            return new String(mutated, StandardCharsets.UTF_8);
        }
        return topic;
    }

    private static byte[] pick(SplittableRandom random, List<byte[]> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static byte[] randomBytes(SplittableRandom random) {
        byte[] bytes = new byte[random.nextInt(MAX_RANDOM_LENGTH + 1)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = random.nextBoolean() ? INTERESTING[random.nextInt(INTERESTING.length)]
                    : (byte) random.nextInt(256);
        }
        return bytes;
    }

    /** A binary answer whose body is garbage but whose MAC is right: compressed or not. */
    private byte[] sealedResponse(SplittableRandom random) {
        byte[] body = garbageBody(random);
        return seal(random, new byte[] { 0x00, (byte) 0xC8 }, body);
    }

    /** A binary request with a valid MAC around a request id and a garbage body. */
    private byte[] sealedRequest(SplittableRandom random) {
        byte[] body = garbageBody(random);
        byte[] plaintext = new byte[REQUEST_ID_BYTES + body.length];
        System.arraycopy(body, 0, plaintext, REQUEST_ID_BYTES, body.length);
        byte encoding = random.nextBoolean() ? (byte) 0x02 : (byte) 0x03;
        byte[] header = { 0x00, encoding, 'd', 'e', 'f', 'a', 'u', 'l', 't', 0x00 };
        return seal(random, header, plaintext);
    }

    /** A text answer or request whose Fernet token is right around mutated JSON. */
    private byte[] sealedText(SplittableRandom random) {
        byte[] json = mutate(random, jsonOf(pick(random, bodies)));
        byte[] iv = new byte[AesHmacCipher.IV_BYTES];
        random.nextBytes(iv);
        if (random.nextBoolean()) {
            byte[] token = key.fernet().encrypt(json, 0, json.length, random.nextLong(), iv);
            return concat("200|".getBytes(StandardCharsets.US_ASCII), token);
        }
        byte[] inner = concat("c0ffee|".getBytes(StandardCharsets.US_ASCII), json);
        byte[] token = key.fernet().encrypt(inner, 0, inner.length, random.nextLong(), iv);
        return concat("|default|".getBytes(StandardCharsets.US_ASCII), token);
    }

    private static byte[] jsonOf(byte[] msgpack) {
        try {
            return EvaJson.write(MsgPackJson.decode(msgpack, DEPTH)).getBytes(StandardCharsets.UTF_8);
        } catch (FrameException e) {
            return msgpack;
        }
    }

    private byte[] garbageBody(SplittableRandom random) {
        byte[] body = switch (random.nextInt(3)) {
            case 0 -> mutate(random, pick(random, bodies));
            case 1 -> mutate(random, Zlib.deflate(pick(random, bodies)));
            default -> randomBytes(random);
        };
        return random.nextInt(4) == 0 ? Zlib.deflate(body) : body;
    }

    private byte[] seal(SplittableRandom random, byte[] header, byte[] plaintext) {
        byte[] iv = new byte[AesHmacCipher.IV_BYTES];
        random.nextBytes(iv);
        byte[] frame = Arrays.copyOf(header, header.length + AesHmacCipher.blockLength(plaintext.length));
        key.binary().encrypt(plaintext, 0, plaintext.length, frame, header.length, iv);
        return frame;
    }

    /** 1 to {@value #MAX_EDITS} edits of a copy. */
    static byte[] mutate(SplittableRandom random, byte[] original) {
        byte[] b = original.clone();
        int edits = 1 + random.nextInt(MAX_EDITS);
        for (int e = 0; e < edits; e++) {
            int pos = b.length == 0 ? 0 : random.nextInt(b.length);
            switch (random.nextInt(9)) {
                case 0 -> {
                    if (b.length > 0) {
                        b[pos] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 1 -> {
                    if (b.length > 0) {
                        b[pos] = INTERESTING[random.nextInt(INTERESTING.length)];
                    }
                }
                case 2 -> b = insert(b, pos, new byte[] { (byte) random.nextInt(256) });
                case 3 -> b = insert(b, pos, INTERESTING_RUNS[random.nextInt(INTERESTING_RUNS.length)]);
                case 4 -> {
                    if (b.length > 0) {
                        int len = 1 + random.nextInt(Math.min(16, b.length - pos));
                        byte[] n = new byte[b.length - len];
                        System.arraycopy(b, 0, n, 0, pos);
                        System.arraycopy(b, pos + len, n, pos, b.length - pos - len);
                        b = n;
                    }
                }
                case 5 -> b = Arrays.copyOf(b, pos);
                case 6 -> {
                    if (b.length > 0) {
                        int len = 1 + random.nextInt(Math.min(32, b.length - pos));
                        b = insert(b, pos, Arrays.copyOfRange(b, pos, pos + len));
                    }
                }
                case 7 -> {
                    if (b.length > 0) {
                        int len = 1 + random.nextInt(Math.min(8, b.length - pos));
                        Arrays.fill(b, pos, pos + len, random.nextBoolean() ? (byte) 0 : (byte) 0xFF);
                    }
                }
                default -> {
                    // keep a valid frame as it is now and then: the decoders' success path counts too
                }
            }
        }
        return b;
    }

    private static byte[] splice(SplittableRandom random, byte[] a, byte[] b) {
        int cutA = a.length == 0 ? 0 : random.nextInt(a.length);
        int cutB = b.length == 0 ? 0 : random.nextInt(b.length);
        byte[] out = Arrays.copyOf(a, cutA + b.length - cutB);
        System.arraycopy(b, cutB, out, cutA, b.length - cutB);
        return out;
    }

    private static byte[] insert(byte[] b, int pos, byte[] what) {
        byte[] n = new byte[b.length + what.length];
        System.arraycopy(b, 0, n, 0, pos);
        System.arraycopy(what, 0, n, pos, what.length);
        System.arraycopy(b, pos, n, pos + what.length, b.length - pos);
        return n;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
