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

import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests {@link EvaTopics}: every topic with and without a space, and space validation.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class EvaTopicsTest {

    private static final ControllerId UC = ControllerId.parse("uc/host1");
    private static final Oid LAMP = Oid.parse("unit:lights/floor1/lamp3");

    @Test
    void topicsWithoutSpaceHaveNoPrefix() {
        EvaTopics topics = new EvaTopics("");
        assertEquals("", topics.prefix());
        assertEquals("controller/discovery", topics.discoveryTopic());
        assertEquals("controller/uc/host1/api/request", topics.requestTopic(UC));
        assertEquals("controller/uc/host1/api/response/0123abcd", topics.responseTopic(UC, "0123abcd"));
        assertEquals("controller/uc/host1/api/response/+", topics.responseFilter(UC));
        assertEquals("controller/uc/host1/events", topics.eventsTopic(UC));
        assertEquals("controller/+/+/events", topics.allEventsFilter());
        assertEquals("unit/#", topics.stateFilter("unit"));
        assertEquals(List.of("unit/#", "sensor/#", "lvar/#"), topics.stateFilters());
        assertEquals("state/#", topics.bulkStateFilter());
        assertEquals("unit/lights/floor1/lamp3", topics.itemTopic(LAMP));
        assertEquals("unit/lights/floor1/lamp3/action", topics.actionTopic(LAMP));
        assertEquals("log", topics.logTopic());
    }

    @Test
    void spaceIsPrefixedToEveryTopicIncludingDiscovery() {
        EvaTopics topics = new EvaTopics("plant1");
        assertEquals("plant1/", topics.prefix());
        assertEquals("plant1/controller/discovery", topics.discoveryTopic());
        assertEquals("plant1/controller/uc/host1/api/request", topics.requestTopic(UC));
        assertEquals("plant1/controller/uc/host1/api/response/ab", topics.responseTopic(UC, "ab"));
        assertEquals("plant1/controller/uc/host1/api/response/+", topics.responseFilter(UC));
        assertEquals("plant1/controller/uc/host1/events", topics.eventsTopic(UC));
        assertEquals("plant1/controller/+/+/events", topics.allEventsFilter());
        assertEquals("plant1/sensor/#", topics.stateFilter("sensor"));
        assertEquals("plant1/state/#", topics.bulkStateFilter());
        assertEquals("plant1/unit/lights/floor1/lamp3", topics.itemTopic(LAMP));
        assertEquals("plant1/log", topics.logTopic());
    }

    @Test
    void spaceMayHaveSeveralLevels() {
        assertEquals("site/plant1/unit/#", new EvaTopics("site/plant1").stateFilter("unit"));
    }

    @Test
    void stripPrefixRemovesTheSpaceOrReturnsNull() {
        EvaTopics topics = new EvaTopics("plant1");
        assertEquals("unit/a/b", topics.stripPrefix("plant1/unit/a/b"));
        assertNull(topics.stripPrefix("plant2/unit/a/b"));
        assertNull(topics.stripPrefix("plant1"));
        assertEquals("plant1/unit/a/b", new EvaTopics("").stripPrefix("plant1/unit/a/b"));
    }

    @Test
    void leadingSlashInSpaceIsRejected() {
        assertSpaceMessage("/plant1", "The space '/plant1' must not start with '/'");
    }

    @Test
    void trailingSlashInSpaceIsRejected() {
        assertSpaceMessage("plant1/", "The space 'plant1/' must not end with '/'");
    }

    @Test
    void emptyLevelInSpaceIsRejected() {
        assertSpaceMessage("a//b", "The space 'a//b' must not contain an empty level ('//')");
    }

    @ParameterizedTest
    @ValueSource(strings = { "+", "#" })
    void wildcardInSpaceIsRejected(String wildcard) {
        assertSpaceMessage("p" + wildcard, "The space 'p" + wildcard + "' must not contain the MQTT wildcard '"
                + wildcard + "'");
    }

    @Test
    void nulInSpaceIsRejected() {
        assertSpaceMessage("p\0", "The space 'p\\u0000' must not contain control characters (such as NUL)");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "a/b", "+", "#", "a\0" })
    void responseTopicRejectsCallIdsThatAreNotOneLevel(String callId) {
        assertThrows(IllegalArgumentException.class, () -> new EvaTopics("").responseTopic(UC, callId));
    }

    @Test
    void stateFilterRejectsInvalidType() {
        assertThrows(IllegalArgumentException.class, () -> new EvaTopics("").stateFilter("#"));
    }

    private static void assertSpaceMessage(String space, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EvaTopics(space));
        assertEquals(expected, e.getMessage());
    }
}
