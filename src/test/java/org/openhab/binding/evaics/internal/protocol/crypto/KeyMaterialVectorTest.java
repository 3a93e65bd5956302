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
package org.openhab.binding.evaics.internal.protocol.crypto;

import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.evaics.internal.protocol.codec.VectorFiles.hex;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openhab.binding.evaics.internal.protocol.codec.VectorFiles;
import org.openhab.binding.evaics.internal.protocol.codec.VectorFiles.Message;
import org.openhab.binding.evaics.internal.protocol.codec.VectorFiles.Vector;

import com.google.gson.JsonObject;

/**
 * Checks the key derivation (protocol.md §7.1, §7.2) against the key material recorded in every API vector, and that
 * the ciphers really use those keys: an independent JCA computation with the recorded keys gives the same bytes.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class KeyMaterialVectorTest {

    static List<String> apiVectors() {
        return VectorFiles.apiVectorNames();
    }

    private static JsonObject material(Vector v) {
        return Objects.requireNonNull(v.keyMaterial(), "key_material");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apiVectors")
    void sha512AndSha256OfTheApiKeyMatch(String name) {
        Vector v = VectorFiles.load(name);
        JsonObject km = material(v);
        assertArrayEquals(hex(km.get("api_key_utf8_hex").getAsString()), v.apiKey().getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(hex(km.get("sha512_hex").getAsString()), EvaKey.sha512(v.apiKey()));
        assertArrayEquals(hex(km.get("sha256_hex").getAsString()), EvaKey.sha256(v.apiKey()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apiVectors")
    void aesAndHmacKeysAreTheFirstHalfOfSha512(String name) {
        Vector v = VectorFiles.load(name);
        JsonObject km = material(v);
        byte[] firstHalf = Arrays.copyOf(EvaKey.sha512(v.apiKey()), AesHmacCipher.KEY_BYTES);
        assertArrayEquals(hex(km.get("aes256_key_hex").getAsString()), firstHalf);
        assertArrayEquals(hex(km.get("hmac_sha256_key_hex").getAsString()), firstHalf);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apiVectors")
    void fernetKeysAreTheHalvesOfSha256(String name) {
        Vector v = VectorFiles.load(name);
        JsonObject km = material(v);
        byte[] f = EvaKey.sha256(v.apiKey());
        assertArrayEquals(hex(km.get("fernet_signing_key_hex").getAsString()), Arrays.copyOf(f, 16));
        assertArrayEquals(hex(km.get("fernet_encryption_key_hex").getAsString()), Arrays.copyOfRange(f, 16, 32));
        // EVA hands Python the standard base64 of F (protocol.md §7.2)
        assertEquals(km.get("fernet_key_as_eva_builds_it").getAsString(), Base64.getEncoder().encodeToString(f));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apiVectors")
    void blockCipherMatchesPlainJcaWithTheRecordedKey(String name) throws Exception {
        Vector v = VectorFiles.load(name);
        byte[] key = hex(material(v).get("aes256_key_hex").getAsString());
        AesHmacCipher cipher = EvaKey.derive(v.apiKey()).binary();
        int checked = 0;
        for (Message m : v.messages()) {
            if (m.isText() || !m.hasFrameMember("plaintext_hex") || !m.hasFrameMember("iv_hex")) {
                continue;
            }
            byte[] plaintext = hex(m.frameString("plaintext_hex"));
            byte[] iv = hex(m.frameString("iv_hex"));
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            byte[] ct = aes.doFinal(plaintext);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(iv);
            byte[] tag = mac.doFinal(ct);
            assertEquals(m.frameString("hmac_hex"), java.util.HexFormat.of().formatHex(tag));

            byte[] block = new byte[AesHmacCipher.blockLength(plaintext.length)];
            assertEquals(block.length, cipher.encrypt(plaintext, 0, plaintext.length, block, 0, iv));
            assertArrayEquals(iv, Arrays.copyOf(block, 16));
            assertArrayEquals(ct, Arrays.copyOfRange(block, 16, 16 + ct.length));
            assertArrayEquals(tag, Arrays.copyOfRange(block, 16 + ct.length, block.length));
            checked++;
        }
        if (v.messages().stream().anyMatch(m -> m.hasFrameMember("plaintext_hex") && !m.isText())) {
            assertTrue(checked > 0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apiVectors")
    void fernetMatchesPlainJcaWithTheRecordedKeys(String name) throws Exception {
        Vector v = VectorFiles.load(name);
        JsonObject km = material(v);
        Fernet fernet = EvaKey.derive(v.apiKey()).fernet();
        for (Message m : v.messages()) {
            if (!m.isText()) {
                continue;
            }
            byte[] inner = m.frameString("inner_plaintext").getBytes(StandardCharsets.UTF_8);
            byte[] iv = hex(m.frameString("fernet_iv_hex"));
            long ts = m.frameLong("fernet_timestamp");
            byte[] token = fernet.encrypt(inner, 0, inner.length, ts, iv);
            byte[] raw = Base64.getUrlDecoder().decode(token);
            assertEquals((byte) 0x80, raw[0]);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hex(km.get("fernet_signing_key_hex").getAsString()), "HmacSHA256"));
            mac.update(raw, 0, raw.length - 32);
            byte[] tag = mac.doFinal();
            assertEquals(m.frameString("fernet_hmac_hex"), java.util.HexFormat.of().formatHex(tag));
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.DECRYPT_MODE,
                    new SecretKeySpec(hex(km.get("fernet_encryption_key_hex").getAsString()), "AES"),
                    new IvParameterSpec(iv));
            assertArrayEquals(inner, aes.doFinal(raw, 25, raw.length - 25 - 32));
            // the recorded token is the tail of the recorded payload
            String payload = new String(m.payload(), StandardCharsets.US_ASCII);
            assertTrue(payload.endsWith("|" + new String(token, StandardCharsets.US_ASCII)));
        }
    }
}
