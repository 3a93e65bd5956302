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

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.Ignored;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ItemStateChanged;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of {@link AnnouncementParser} over random input: it never throws, whatever the topic and payload
 * (protocol.md §11), ignore reasons stay short, and every valid OID survives the trip through its item topic.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class AnnouncementParserPropertyTest {

    /** Ignore reasons quote at most short fragments of the input; this bound catches unbounded quoting. */
    private static final int MAX_REASON_CHARS = 500;

    private static final String STATE = "{\"t\":1.5,\"c\":\"uc/host1\",\"status\":1,\"value\":\"\",\"ieid\":[1,2]}";
    private static final List<byte[]> VECTOR_PAYLOADS = loadVectorPayloads();

    private final AnnouncementParser plain = new AnnouncementParser("", new ZlibMsgpackTestDecoder(),
            ProtocolLimits.defaults());
    private final AnnouncementParser spaced = new AnnouncementParser("plant1", new ZlibMsgpackTestDecoder(),
            ProtocolLimits.defaults());

    @Property(tries = 2000)
    void parseNeverThrowsAndReasonsStayShort(@ForAll("topics") String topic, @ForAll("payloads") byte[] payload) {
        for (AnnouncementParser parser : List.of(plain, spaced)) {
            Announcement result = parser.parse(topic, payload);
            assertNotNull(result);
            if (result instanceof Ignored ignored) {
                assertTrue(ignored.reason().length() <= MAX_REASON_CHARS, ignored.reason());
            }
        }
    }

    @Property(tries = 500)
    void validOidSurvivesItsItemTopic(@ForAll("oids") Oid oid) {
        EvaTopics topics = spaced.topics();
        Announcement result = spaced.parse(topics.itemTopic(oid), STATE.getBytes(StandardCharsets.UTF_8));
        assertEquals(oid, assertInstanceOf(ItemStateChanged.class, result).state().oid());
        assertEquals(oid, Oid.parse(oid.toString()));
    }

    @Property(tries = 500)
    void uidSegmentUsesOnlyUidCharacters(@ForAll("oids") Oid oid) {
        assertTrue(oid.uidSegment().matches("[A-Za-z0-9_-]+"), oid.uidSegment());
    }

    @Provide
    Arbitrary<String> topics() {
        Arbitrary<String> noise = Arbitraries.strings().withChars("/+#:\0 aZ9_-.\u00e9\u20ac").ofMaxLength(40);
        Arbitrary<String> anyChars = Arbitraries.strings().all().ofMaxLength(30);
        Arbitrary<String> known = Arbitraries.of("", "plant1/", "controller/", "controller/discovery",
                "controller/uc/host1/", "controller/uc/host1/events", "controller/uc/host1/test-1", "state/",
                "state/all", "action/all", "log", "unit/", "unit/g/", "sensor/env/temp1", "lvar/a/b/c/", "unit/g/x/",
                "plant1/unit/lights/");
        Arbitrary<String> suffix = Arbitraries.of("", "action", "/action", "status", "/value", "/control", "set_time",
                "/", "//", "+", "#");
        return Arbitraries.oneOf(noise, anyChars,
                Combinators.combine(known, noise, suffix).as((a, b, c) -> a + b + c));
    }

    @Provide
    Arbitrary<byte[]> payloads() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> binaryBulk = random.map(body -> {
            byte[] payload = new byte[body.length + 2];
            payload[1] = AnnouncementParser.BULK_COMPRESSED_ENCODING;
            System.arraycopy(body, 0, payload, 2, body.length);
            return payload;
        });
        Arbitrary<byte[]> jsonish = Arbitraries.strings().withChars("{}[]\":,0123456789.-eE truefalsnu\\c")
                .ofMaxLength(80).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> mutatedVectors = Combinators
                .combine(Arbitraries.of(VECTOR_PAYLOADS), Arbitraries.integers().between(0, 1000), Arbitraries.bytes(),
                        Arbitraries.integers().between(0, 2))
                .as(AnnouncementParserPropertyTest::mutate);
        return Arbitraries.oneOf(random, binaryBulk, jsonish, mutatedVectors);
    }

    @Provide
    Arbitrary<Oid> oids() {
        Arbitrary<String> type = Arbitraries.of("unit", "sensor", "lvar", "lmacro");
        Arbitrary<String> level = Arbitraries.strings().withChars("aZ09_-. :\u00e9\u20ac").ofMinLength(1)
                .ofMaxLength(8);
        Arbitrary<String> group = level.list().ofMinSize(1).ofMaxSize(4).map(levels -> String.join("/", levels));
        Arbitrary<String> id = Arbitraries.oneOf(level, Arbitraries.of("action", "status", "value", "control"));
        return Combinators.combine(type, group, id).as(Oid::new);
    }

    /** Flips a byte, truncates, or appends garbage to a real payload. */
    private static byte[] mutate(byte[] original, int position, byte value, int mode) {
        if (original.length == 0) {
            return new byte[] { value };
        }
        int at = position % original.length;
        switch (mode) {
            case 0: {
                byte[] copy = original.clone();
                copy[at] ^= value == 0 ? 1 : value;
                return copy;
            }
            case 1:
                return Arrays.copyOf(original, at);
            default: {
                byte[] longer = Arrays.copyOf(original, original.length + 1);
                longer[original.length] = value;
                return longer;
            }
        }
    }

    private static List<byte[]> loadVectorPayloads() {
        List<byte[]> payloads = new ArrayList<>();
        for (String file : List.of("state-topics-uc.json", "state-topics-lm.json")) {
            try (InputStream in = AnnouncementParserPropertyTest.class.getResourceAsStream("/vectors/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("missing vector " + file);
                }
                JsonElement vector = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (JsonElement message : vector.getAsJsonObject().getAsJsonArray("messages")) {
                    payloads.add(Base64.getDecoder()
                            .decode(message.getAsJsonObject().get("payload_b64").getAsString()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return payloads;
    }
}
