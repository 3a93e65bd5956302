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
package org.openhab.binding.evaics.internal.protocol.mqtt;

import java.nio.charset.StandardCharsets;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A validated MQTT 3.1.1 topic filter and its matching against topic names, exactly as the broker applies it
 * (MQTT 3.1.1 §4.7): {@code +} matches one whole level (also an empty one), {@code #} matches its parent level
 * and any number of levels below, and filters starting with a wildcard do not match topics starting with
 * {@code $} (§4.7.2). Matching is allocation-free because it runs for every incoming message.
 * <p>
 * Also validates topic names for publishing (§4.7.1, §4.7.3, §1.5.3).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class TopicFilter {

    /** Topic names and filters are UTF-8 strings with a 16-bit length prefix (§1.5.3). */
    public static final int MAX_UTF8_BYTES = 65535;

    private static final char LEVEL_SEPARATOR = '/';
    private static final char SINGLE_LEVEL = '+';
    private static final char MULTI_LEVEL = '#';
    private static final char SYSTEM_PREFIX = '$';

    private static final byte LITERAL = 0;
    private static final byte PLUS = 1;
    private static final byte HASH = 2;

    private final String filter;
    private final String[] levels;
    private final byte[] kinds;
    private final boolean wildcard;

    private TopicFilter(String filter, String[] levels, byte[] kinds, boolean wildcard) {
        this.filter = filter;
        this.levels = levels;
        this.kinds = kinds;
        this.wildcard = wildcard;
    }

    /**
     * Parses and validates a topic filter.
     *
     * @throws IllegalArgumentException with the rule that the filter breaks
     */
    public static TopicFilter parse(String filter) {
        checkString("topic filter", filter);
        String[] levels = filter.split(String.valueOf(LEVEL_SEPARATOR), -1);
        byte[] kinds = new byte[levels.length];
        boolean wildcard = false;
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.indexOf(MULTI_LEVEL) >= 0) {
                if (level.length() != 1 || i != levels.length - 1) {
                    throw new IllegalArgumentException("invalid topic filter '" + filter
                            + "': '#' must be the last level and stand alone (MQTT 3.1.1 §4.7.1.2)");
                }
                kinds[i] = HASH;
                wildcard = true;
            } else if (level.indexOf(SINGLE_LEVEL) >= 0) {
                if (level.length() != 1) {
                    throw new IllegalArgumentException("invalid topic filter '" + filter
                            + "': '+' must occupy a whole level (MQTT 3.1.1 §4.7.1.3)");
                }
                kinds[i] = PLUS;
                wildcard = true;
            }
        }
        return new TopicFilter(filter, levels, kinds, wildcard);
    }

    /**
     * Validates a topic name for publishing: not empty, no wildcards, no U+0000, at most 65535 UTF-8 bytes.
     *
     * @throws IllegalArgumentException with the rule that the name breaks
     */
    public static void validateTopicName(String topic) {
        checkString("topic", topic);
        if (topic.indexOf(SINGLE_LEVEL) >= 0 || topic.indexOf(MULTI_LEVEL) >= 0) {
            throw new IllegalArgumentException(
                    "invalid topic '" + topic + "': wildcards are not allowed in topic names (MQTT 3.1.1 §4.7.1)");
        }
    }

    private static void checkString(String what, String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty (MQTT 3.1.1 §4.7.3)");
        }
        if (value.indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException(what + " must not contain U+0000 (MQTT 3.1.1 §1.5.3)");
        }
        // a UTF-8 encoding is at most 3 bytes per UTF-16 char, so only long strings need encoding
        if (value.length() * 3 > MAX_UTF8_BYTES && value.getBytes(StandardCharsets.UTF_8).length > MAX_UTF8_BYTES) {
            throw new IllegalArgumentException(what + " is longer than " + MAX_UTF8_BYTES + " UTF-8 bytes");
        }
    }

    /** The filter as given. */
    public String filter() {
        return filter;
    }

    /** Whether the filter contains {@code +} or {@code #}; without them it only matches the identical topic. */
    public boolean isWildcard() {
        return wildcard;
    }

    /** Whether the broker would deliver a message published to {@code topic} for this filter. */
    public boolean matches(String topic) {
        if (!wildcard) {
            return filter.equals(topic);
        }
        if (kinds[0] != LITERAL && !topic.isEmpty() && topic.charAt(0) == SYSTEM_PREFIX) {
            return false;
        }
        int length = topic.length();
        int start = 0; // start of the current topic level; length + 1 once all levels are consumed
        for (int i = 0; i < levels.length; i++) {
            byte kind = kinds[i];
            if (kind == HASH) {
                return true;
            }
            if (start > length) {
                return false;
            }
            int end = topic.indexOf(LEVEL_SEPARATOR, start);
            if (end < 0) {
                end = length;
            }
            if (kind == LITERAL) {
                String level = levels[i];
                if (end - start != level.length() || !topic.regionMatches(start, level, 0, level.length())) {
                    return false;
                }
            }
            start = end + 1;
        }
        return start > length;
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return obj instanceof TopicFilter other && filter.equals(other.filter);
    }

    @Override
    public int hashCode() {
        return filter.hashCode();
    }

    @Override
    public String toString() {
        return filter;
    }
}
