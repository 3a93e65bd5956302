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
package org.openhab.binding.evaics.test.broker;

import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.evaics.test.StdStreams.out;

import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;
import org.openhab.binding.evaics.internal.protocol.state.EvaTopics;

/**
 * What the broker of the compatibility matrix ({@code -Devaics.test.broker}, docs/brokers.md) does with the MQTT
 * features that EVA ICS and the binding use, seen by plain clients ({@link BrokerProbes}). Each observation is
 * printed, prefixed {@code [matrix]} with the broker's version; what the binding relies on is asserted: {@code #}
 * matches every level below (the state and bulk filters), {@code +} exactly one (the response filter), QoS 1 is
 * granted, a message of the binding's default limit (1 MiB) is forwarded, and a client id of the binding's form is
 * taken. The rest (retained messages, QoS 2, larger messages, other client ids) only goes into the table.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class BrokerMatrixProbesTest {

    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(TestBroker.options().tcpNoDelay(true));

    private static final String TAG = "[matrix] ";
    private static final EvaTopics TOPICS = new EvaTopics("");
    private static final ControllerId UC = ControllerId.parse("uc/probe");
    private static final int SIXTEEN_MIB = 16 * 1024 * 1024;
    /** Above Netty's default write buffer high water mark (64 KiB). */
    private static final int SELF_PUBLISHED = 100_000;

    private @Nullable BrokerProbes probes;

    @BeforeEach
    void connect() {
        probes = new BrokerProbes(BROKER.uri());
    }

    @AfterEach
    void close() {
        BrokerProbes current = probes;
        if (current != null) {
            current.close();
        }
    }

    private BrokerProbes probes() {
        BrokerProbes current = probes;
        assertNotNull(current);
        return current;
    }

    private static void report(String what, String observed) {
        out().printf("%s%s | %s | %s%n", TAG, BROKER.broker().version(), what, observed);
    }

    @Test
    void retainedMessages() throws Exception {
        String topic = "unit/probe/retained";
        report("retained, exact filter", probes().retained(topic, topic));
        report("retained, filter unit/#", probes().retained("unit/#", topic + "2"));
    }

    @Test
    void qualityOfService() throws Exception {
        assertEquals(1, probes().grantedQos(BrokerProbes.topic("qos1"), 1), "QoS 1 granted");
        report("QoS", probes().qos2());
    }

    @Test
    void multiLevelWildcardMatchesEveryLevelBelowOnStateAndBulkTopics() throws Exception {
        List<String> bulk = probes().matches(TOPICS.bulkStateFilter(),
                List.of("state/plant", "state/site/plant/all", "statex/plant", "unit/lights/lamp1", "state"));
        assertTrue(bulk.containsAll(List.of("state/plant", "state/site/plant/all")), bulk.toString());
        assertFalse(bulk.contains("statex/plant") || bulk.contains("unit/lights/lamp1"), bulk.toString());
        report("'state/#' matches", bulk + (bulk.contains("state") ? " (the parent level too, as MQTT 3.1.1 says)"
                : " (NOT the parent level 'state')"));
        List<String> units = probes().matches(TOPICS.stateFilter("unit"),
                List.of("unit/lights/lamp1", "unit/a/b/c/d/e", "unit/lights/lamp1/action", "sensor/env/t1"));
        assertEquals(List.of("unit/lights/lamp1", "unit/a/b/c/d/e", "unit/lights/lamp1/action"), units);
        report("'unit/#' matches", units.toString());
    }

    @Test
    void singleLevelWildcardMatchesOneLevelOnResponseTopics() throws Exception {
        String filter = TOPICS.responseFilter(UC);
        String response = TOPICS.responseTopic(UC, "0123abcd");
        String base = response.substring(0, response.lastIndexOf('/'));
        List<String> seen = probes().matches(filter, List.of(response, response + "/deeper", base));
        assertEquals(List.of(response), seen);
        report("'" + filter + "' matches", "one level only: " + seen);
        List<String> events = probes().matches(TOPICS.allEventsFilter(),
                List.of(TOPICS.eventsTopic(UC), "controller/uc/probe/x/events"));
        assertEquals(List.of(TOPICS.eventsTopic(UC)), events);
    }

    @Test
    void messageSizes() throws Exception {
        String limit = probes().size(ProtocolLimits.DEFAULT_MAX_PAYLOAD_BYTES);
        report("size", limit);
        assertTrue(limit.endsWith(": acknowledged, forwarded"), limit);
        report("size", probes().size(ProtocolLimits.DEFAULT_MAX_PAYLOAD_BYTES + 1));
        report("size", probes().size(SIXTEEN_MIB + 1));
        report("size", probes().sizeToItself(SELF_PUBLISHED));
    }

    @Test
    void clientIds() {
        String binding = probes().clientId("evaics0123456789abcdef", true);
        assertTrue(binding.endsWith("accepted"), binding);
        report("client id", binding + " (the binding's form)");
        report("client id", probes().clientId("", true));
        report("client id", probes().clientId("", false));
        report("client id", probes().clientId("x".repeat(24), true));
        report("client id", probes().clientId("x".repeat(256), true));
        report("client id", probes().clientId("open/hab evaics+#", true));
    }
}
