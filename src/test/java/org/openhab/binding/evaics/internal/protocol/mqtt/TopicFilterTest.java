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

import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.evaics.test.Thrown.messageOf;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;

/**
 * Topic filter matching and validation per MQTT 3.1.1 §4.7.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class TopicFilterTest {

    private static boolean matches(String filter, String topic) {
        return TopicFilter.parse(filter).matches(topic);
    }

    @Test
    void exactFilterMatchesOnlyTheIdenticalTopic() {
        assertTrue(matches("a/b", "a/b"));
        assertFalse(matches("a/b", "a/bc"));
        assertFalse(matches("a/b", "a/b/"));
        assertFalse(matches("a/b", "a"));
        assertFalse(matches("a/b", "A/b"));
    }

    @Test
    void plusMatchesExactlyOneWholeLevel() {
        assertTrue(matches("a/+/c", "a/b/c"));
        assertFalse(matches("a/+/c", "a/c"));
        assertFalse(matches("a/+/c", "a/b/x/c"));
        assertFalse(matches("a/+/c", "a/b/cd"));
        assertFalse(matches("a/+", "a"));
        assertFalse(matches("a/+", "a/b/c"));
    }

    @Test
    void plusMatchesAnEmptyLevel() {
        assertTrue(matches("a/+/c", "a//c"));
        assertTrue(matches("a/+", "a/"));
        assertTrue(matches("+/+", "/"));
        assertTrue(matches("+/a", "/a"));
        assertFalse(matches("+", "/a"));
    }

    @Test
    void hashMatchesTheParentLevelAndEverythingBelow() {
        assertTrue(matches("a/#", "a"));
        assertTrue(matches("a/#", "a/"));
        assertTrue(matches("a/#", "a/b"));
        assertTrue(matches("a/#", "a/b/c/d"));
        assertFalse(matches("a/#", "ab"));
        assertFalse(matches("a/#", "b/a"));
        assertTrue(matches("a/+/#", "a/b"));
        assertTrue(matches("a/+/#", "a/b/c/d"));
        assertFalse(matches("a/+/#", "a"));
    }

    @Test
    void hashAloneMatchesEveryTopicNotStartingWithDollar() {
        assertTrue(matches("#", "a"));
        assertTrue(matches("#", "/"));
        assertTrue(matches("#", "a/b/c"));
        assertFalse(matches("#", "$SYS/broker/uptime"));
    }

    @Test
    void wildcardFirstLevelDoesNotMatchDollarTopics() {
        assertFalse(matches("+/broker/uptime", "$SYS/broker/uptime"));
        assertFalse(matches("+", "$SYS"));
        assertTrue(matches("$SYS/#", "$SYS/broker/uptime"));
        assertTrue(matches("$SYS/+/uptime", "$SYS/broker/uptime"));
        assertTrue(matches("$SYS/broker/uptime", "$SYS/broker/uptime"));
        assertTrue(matches("a/+", "a/$b"));
    }

    @Test
    void spacePrefixedFiltersOnlyMatchTheirSpace() {
        assertTrue(matches("plant1/unit/#", "plant1/unit/lights/floor1/lamp3"));
        assertFalse(matches("plant1/unit/#", "unit/lights/floor1/lamp3"));
        assertFalse(matches("plant1/unit/#", "plant2/unit/lights/lamp3"));
        assertFalse(matches("unit/#", "plant1/unit/lights/lamp3"));
        assertTrue(matches("+/unit/#", "plant2/unit/lights/lamp3"));
        assertTrue(matches("plant1/controller/uc/host1/api/response/+",
                "plant1/controller/uc/host1/api/response/0123456789abcdef0123456789abcdef"));
        assertFalse(matches("plant1/controller/uc/host1/api/response/+",
                "plant1/controller/uc/host1/api/response/abc/def"));
    }

    @Test
    void matchingAgreesWithALevelByLevelReferenceOnEverySmallCase() {
        List<String> topics = combinations(List.of("a", "b", "", "$s"), 3);
        List<String> filters = new ArrayList<>();
        for (String candidate : combinations(List.of("a", "", "+", "#"), 4)) {
            try {
                TopicFilter.parse(candidate);
                filters.add(candidate);
            } catch (IllegalArgumentException invalid) {
                // only valid filters are compared
            }
        }
        assertTrue(filters.size() > 100, "enough filters to compare");
        for (String filter : filters) {
            TopicFilter parsed = TopicFilter.parse(filter);
            for (String topic : topics) {
                assertEquals(reference(filter, topic), parsed.matches(topic), () -> filter + " vs " + topic);
            }
        }
    }

    @Test
    void misplacedHashIsRejected() {
        for (String filter : List.of("a/#/b", "a#", "#a", "a/b#", "##")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TopicFilter.parse(filter));
            assertTrue(messageOf(e).contains("'#'"), messageOf(e));
        }
    }

    @Test
    void plusSharingALevelIsRejected() {
        for (String filter : List.of("a+", "a/+b", "++", "+a/b")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TopicFilter.parse(filter));
            assertTrue(messageOf(e).contains("'+'"), messageOf(e));
        }
    }

    @Test
    void emptyNulAndOverlongFiltersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> TopicFilter.parse(""));
        assertThrows(IllegalArgumentException.class, () -> TopicFilter.parse("a/\u0000"));
        String tooLong = "a".repeat(TopicFilter.MAX_UTF8_BYTES + 1);
        assertThrows(IllegalArgumentException.class, () -> TopicFilter.parse(tooLong));
        assertEquals("a".repeat(TopicFilter.MAX_UTF8_BYTES),
                TopicFilter.parse("a".repeat(TopicFilter.MAX_UTF8_BYTES)).filter());
    }

    @Test
    void topicNamesMustNotContainWildcards() {
        TopicFilter.validateTopicName("plant1/controller/uc/host1/api/request");
        assertThrows(IllegalArgumentException.class, () -> TopicFilter.validateTopicName("a/+"));
        assertThrows(IllegalArgumentException.class, () -> TopicFilter.validateTopicName("a/#"));
        assertThrows(IllegalArgumentException.class, () -> TopicFilter.validateTopicName(""));
    }

    @Test
    void onlyFiltersWithWildcardsAreWildcards() {
        assertFalse(TopicFilter.parse("a/b").isWildcard());
        assertTrue(TopicFilter.parse("a/+").isWildcard());
        assertTrue(TopicFilter.parse("#").isWildcard());
    }

    /** MQTT 3.1.1 §4.7 stated directly on split levels. */
    private static boolean reference(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        if ((f[0].equals("+") || f[0].equals("#")) && topic.startsWith("$")) {
            return false;
        }
        return reference(f, 0, t, 0);
    }

    private static boolean reference(String[] filter, int i, String[] topic, int j) {
        if (i == filter.length) {
            return j == topic.length;
        }
        if (filter[i].equals("#")) {
            return true;
        }
        if (j == topic.length) {
            return false;
        }
        return (filter[i].equals("+") || filter[i].equals(topic[j])) && reference(filter, i + 1, topic, j + 1);
    }

    private static List<String> combinations(List<String> levels, int maxLevels) {
        List<String> result = new ArrayList<>();
        List<String> current = new ArrayList<>(levels);
        result.addAll(current);
        for (int depth = 2; depth <= maxLevels; depth++) {
            List<String> next = new ArrayList<>();
            for (String prefix : current) {
                for (String level : levels) {
                    next.add(prefix + "/" + level);
                }
            }
            result.addAll(next);
            current = next;
        }
        // an empty topic or filter is invalid, not a case to compare
        result.removeIf(String::isEmpty);
        return result;
    }
}
