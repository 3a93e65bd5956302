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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * An EVA ICS item OID, {@code <type>:<group>/<id>} such as {@code unit:lights/floor1/lamp3} (protocol.md §2 notes, §8).
 * The group may contain {@code /} (nested groups); the id is the last level. The full id is {@code <group>/<id>}.
 * <p>
 * Validation keeps every OID usable as MQTT topic levels: the type is a lowercase word ({@code unit}, {@code sensor},
 * {@code lvar}, {@code lmacro}, ...), group and id are not empty, the group has no empty level (no leading, trailing
 * or double {@code /}), the id has no {@code /}, and neither contains the MQTT wildcards {@code +} {@code #} or
 * control characters (including NUL). Error messages are meant for users (configuration errors).
 * <p>
 * {@link #uidSegment()} gives a form usable as an openHAB UID segment, see there.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public record Oid(String type, String group, String id) {

    /** Item types are short words; the limit only keeps junk from being accepted. */
    public static final int MAX_TYPE_LENGTH = 32;

    /** Hex digits of the hash appended by {@link #uidSegment()} (32 bits). */
    public static final int UID_HASH_HEX_DIGITS = 8;

    /** Separates the readable part of a {@link #uidSegment()} from its hash; never produced by '/' alone. */
    public static final String UID_HASH_SEPARATOR = "__";

    private static final String EXAMPLE = "expected <type>:<group>/<id>, e.g. unit:lights/lamp1";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    public Oid {
        String error = typeError(type);
        if (error == null) {
            error = groupError(group);
        }
        if (error == null) {
            error = idError(id);
        }
        if (error != null) {
            throw new IllegalArgumentException(error);
        }
    }

    /**
     * Parses {@code <type>:<group>/<id>}; the type ends at the first {@code :}, the id starts after the last
     * {@code /}.
     *
     * @throws IllegalArgumentException with a user-readable message
     */
    public static Oid parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("OID " + Texts.quote(text) + " has no ':'; " + EXAMPLE);
        }
        try {
            return fromFullId(text.substring(0, colon), text.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("OID " + Texts.quote(text) + " is invalid: " + e.getMessage(), e);
        }
    }

    /**
     * Builds an OID from an item type and a full id {@code <group>/<id>}.
     *
     * @throws IllegalArgumentException with a user-readable message
     */
    public static Oid fromFullId(String type, String fullId) {
        int slash = fullId.lastIndexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("the full id " + Texts.quote(fullId) + " has no group; " + EXAMPLE);
        }
        if (fullId.charAt(0) == '/' || fullId.contains("//")) {
            throw new IllegalArgumentException(
                    "the full id " + Texts.quote(fullId) + " has an empty level (leading or double '/')");
        }
        return new Oid(type, fullId.substring(0, slash), fullId.substring(slash + 1));
    }

    /** Like {@link #parse(String)}, but returns {@code null} instead of throwing. */
    public static @Nullable Oid tryParse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            return null;
        }
        int slash = text.lastIndexOf('/');
        if (slash < colon) {
            return null;
        }
        String type = text.substring(0, colon);
        String group = text.substring(colon + 1, slash);
        String id = text.substring(slash + 1);
        if (typeError(type) != null || groupError(group) != null || idError(id) != null) {
            return null;
        }
        return new Oid(type, group, id);
    }

    /** {@code <group>/<id>}. */
    public String fullId() {
        return group + "/" + id;
    }

    /** {@code <type>:<group>/<id>}. */
    @Override
    public String toString() {
        return type + ":" + group + "/" + id;
    }

    /**
     * The full id as an openHAB UID segment (only {@code [A-Za-z0-9_-]}); the type is not included because it is
     * part of the thing type.
     * <p>
     * Every character other than {@code A-Z a-z 0-9 -} becomes {@code _}. If the full id contained any character
     * other than those and {@code /}, the result gets {@code "__"} plus 8 hex digits of SHA-256(full id) appended.
     * So {@code lights/floor1/lamp3} gives {@code lights_floor1_lamp3} and {@code lights/floor_1/lamp3} gives
     * {@code lights_floor_1_lamp3__<hash>}. Results without hash are one-to-one with their full ids (the only
     * replacement is {@code /}, and group levels are never empty, so they never contain {@code "__"}); results with
     * hash always end in {@code "__"} plus the hash, so the two kinds never meet, and two hashed results collide only
     * if both the readable part and a 32-bit hash collide.
     */
    public String uidSegment() {
        return uidSegment("", fullId(), '/');
    }

    /**
     * {@code prefix} (already UID-safe) followed by {@code text} with every character other than {@code A-Z a-z
     * 0-9 -} replaced by {@code _}; if anything other than {@code lossless} was replaced, {@code "__"} and 8 hex
     * digits of SHA-256({@code text}) are appended. Shared with {@link ControllerId#uidSegment()}.
     *
     * @param lossless the one character that may become {@code _} without a hash: {@code /} in a full id (whose
     *            levels are never empty, so {@code "__"} cannot come from it), {@code _} itself in a system name
     */
    static String uidSegment(String prefix, String text, char lossless) {
        StringBuilder sb = new StringBuilder(
                prefix.length() + text.length() + UID_HASH_SEPARATOR.length() + UID_HASH_HEX_DIGITS).append(prefix);
        boolean lossy = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-') {
                sb.append(c);
            } else {
                sb.append('_');
                lossy |= c != lossless;
            }
        }
        if (lossy) {
            byte[] digest = sha256(text.getBytes(StandardCharsets.UTF_8));
            sb.append(UID_HASH_SEPARATOR);
            for (int i = 0; i < UID_HASH_HEX_DIGITS / 2; i++) {
                sb.append(HEX[(digest[i] >> 4) & 0xf]).append(HEX[digest[i] & 0xf]);
            }
        }
        return sb.toString();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide SHA-256
            throw new IllegalStateException(e);
        }
    }

    static @Nullable String typeError(String type) {
        if (type.isEmpty()) {
            return "the item type is empty (expected unit, sensor or lvar)";
        }
        if (type.length() > MAX_TYPE_LENGTH) {
            return "the item type is longer than " + MAX_TYPE_LENGTH + " characters";
        }
        char first = type.charAt(0);
        if (first < 'a' || first > 'z') {
            return "the item type " + Texts.quote(type) + " must start with a lowercase letter";
        }
        for (int i = 1; i < type.length(); i++) {
            char c = type.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return "the item type " + Texts.quote(type)
                        + " may only contain lowercase letters, digits and '_' (e.g. unit, sensor, lvar)";
            }
        }
        return null;
    }

    static @Nullable String groupError(String group) {
        if (group.isEmpty()) {
            return "the group is empty";
        }
        boolean levelStart = true;
        for (int i = 0; i < group.length(); i++) {
            char c = group.charAt(i);
            if (c == '/') {
                if (levelStart) {
                    return "the group " + Texts.quote(group) + " has an empty level (leading or double '/')";
                }
                levelStart = true;
                continue;
            }
            levelStart = false;
            String error = charError("group", group, c);
            if (error != null) {
                return error;
            }
        }
        if (levelStart) {
            return "the group " + Texts.quote(group) + " ends with '/'";
        }
        return null;
    }

    static @Nullable String idError(String id) {
        if (id.isEmpty()) {
            return "the item id is empty";
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '/') {
                return "the item id " + Texts.quote(id) + " must not contain '/'";
            }
            String error = charError("item id", id, c);
            if (error != null) {
                return error;
            }
        }
        return null;
    }

    private static @Nullable String charError(String what, String text, char c) {
        if (c == '+' || c == '#') {
            return "the " + what + " " + Texts.quote(text) + " must not contain the MQTT wildcard '" + c + "'";
        }
        if (Character.isISOControl(c)) {
            return "the " + what + " " + Texts.quote(text) + " must not contain control characters (such as NUL)";
        }
        return null;
    }
}
