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
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Access to the EVA golden vectors in {@code src/test/resources/vectors} (format: {@code vectors/README.md}).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class VectorFiles {

    private static final String DIR = "/vectors";

    private VectorFiles() {
    }

    /** All API vector files (everything except the plain announcement files {@code state-topics-*}). */
    public static List<String> apiVectorNames() {
        try {
            URL url = VectorFiles.class.getResource(DIR);
            if (url == null) {
                throw new IllegalStateException("vectors directory missing from the test classpath");
            }
            List<String> names = new ArrayList<>();
            try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                        .filter(n -> !n.startsWith("state-topics-")).sorted()
                        .forEach(n -> names.add(n.substring(0, n.length() - ".json".length())));
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Vector load(String name) {
        try (var in = VectorFiles.class.getResourceAsStream(DIR + "/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no vector " + name);
            }
            return new Vector(name,
                    JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /** One vector file. */
    public record Vector(String name, JsonObject json) {

        public String keyId() {
            return json.get("key_id").getAsString();
        }

        public String apiKey() {
            return json.get("api_key").getAsString();
        }

        public @Nullable JsonObject keyMaterial() {
            JsonElement km = json.get("key_material");
            return km == null ? null : km.getAsJsonObject();
        }

        public List<Message> messages() {
            List<Message> list = new ArrayList<>();
            json.getAsJsonArray("messages").forEach(m -> list.add(new Message(m.getAsJsonObject())));
            return list;
        }

        public JsonObject expected() {
            return json.getAsJsonObject("expected");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** One message of a vector. */
    public record Message(JsonObject json) {

        public String role() {
            return json.get("role").getAsString();
        }

        public byte[] payload() {
            return Base64.getDecoder().decode(json.get("payload_b64").getAsString());
        }

        public @Nullable JsonObject frame() {
            JsonElement f = json.get("frame");
            return f == null ? null : f.getAsJsonObject();
        }

        public String frameString(String member) {
            return frameMember(member).getAsString();
        }

        public long frameLong(String member) {
            return frameMember(member).getAsLong();
        }

        private JsonElement frameMember(String member) {
            JsonObject f = frame();
            if (f == null || !f.has(member)) {
                throw new IllegalStateException("message has no frame." + member);
            }
            return f.get(member);
        }

        public boolean hasFrameMember(String member) {
            JsonObject f = frame();
            return f != null && f.has(member);
        }

        public @Nullable JsonElement decoded() {
            return json.get("decoded");
        }

        public boolean isText() {
            return hasFrameMember("format") && "text".equals(frameString("format"));
        }

        public boolean isCompressed() {
            JsonObject f = frame();
            return f != null && f.has("compressed") && f.get("compressed").getAsBoolean();
        }

        public @Nullable String tampering() {
            JsonElement t = json.get("tampering");
            return t == null ? null : t.getAsString();
        }

        public @Nullable String replayedFrom() {
            JsonElement t = json.get("replayed_from");
            return t == null ? null : t.getAsString();
        }
    }
}
