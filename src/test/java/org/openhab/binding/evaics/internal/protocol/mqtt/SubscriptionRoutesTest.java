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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;

/**
 * Routing of incoming messages to listeners by topic filter.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class SubscriptionRoutesTest {

    private final Map<TopicFilter, List<MqttMessageListener>> registrations = new LinkedHashMap<>();

    private void register(String filter, MqttMessageListener... listeners) {
        List<MqttMessageListener> registered = registrations.computeIfAbsent(TopicFilter.parse(filter),
                f -> new ArrayList<>());
        Objects.requireNonNull(registered).addAll(List.of(listeners));
    }

    private static final class Recorder implements MqttMessageListener {
        final List<String> topics = new ArrayList<>();
        final List<String> oversize = new ArrayList<>();

        @Override
        public void onMessage(String topic, byte[] payload, boolean retained) {
            topics.add(topic);
        }

        @Override
        public void onOversize(String topic, long payloadBytes) {
            oversize.add(topic + "=" + payloadBytes);
        }
    }

    @Test
    void aDropForItsSizeGoesToTheMatchingListenersOnly() {
        Recorder hash = new Recorder();
        Recorder exact = new Recorder();
        Recorder other = new Recorder();
        MqttMessageListener throwing = new MqttMessageListener() {
            @Override
            public void onMessage(String topic, byte[] payload, boolean retained) {
            }

            @Override
            public void onOversize(String topic, long payloadBytes) {
                throw new IllegalStateException("listener bug");
            }
        };
        MqttMessageListener lambda = (topic, payload, retained) -> fail("a drop is not a message");
        register("p/#", hash, throwing, lambda);
        register("p/a/b", exact);
        register("q/+", other);
        SubscriptionRoutes routes = SubscriptionRoutes.of(registrations);

        assertEquals(4, routes.deliverOversize("p/a/b", 2_000_000));

        assertEquals(List.of("p/a/b=2000000"), hash.oversize);
        assertEquals(List.of("p/a/b=2000000"), exact.oversize);
        assertEquals(List.of(), other.oversize);
        assertEquals(List.of(), hash.topics);
    }

    @Test
    void overlappingFiltersEachDeliverTheMessageToTheirListeners() {
        Recorder hash = new Recorder();
        Recorder plus = new Recorder();
        Recorder exact = new Recorder();
        register("p/unit/#", hash);
        register("p/unit/+", plus);
        register("p/unit/lamp", exact);
        SubscriptionRoutes routes = SubscriptionRoutes.of(registrations);

        assertEquals(3, routes.deliver("p/unit/lamp", new byte[0], false));
        assertEquals(1, routes.deliver("p/unit/g/lamp", new byte[0], false));
        assertEquals(1, routes.deliver("p/unit", new byte[0], false));
        assertEquals(0, routes.deliver("q/unit/lamp", new byte[0], false));

        assertEquals(List.of("p/unit/lamp", "p/unit/g/lamp", "p/unit"), hash.topics);
        assertEquals(List.of("p/unit/lamp"), plus.topics);
        assertEquals(List.of("p/unit/lamp"), exact.topics);
    }

    @Test
    void listenersSharingAFilterAllReceiveTheMessage() {
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        register("a/+", first, second);
        SubscriptionRoutes routes = SubscriptionRoutes.of(registrations);

        routes.deliver("a/b", new byte[0], false);

        assertEquals(List.of("a/b"), first.topics);
        assertEquals(List.of("a/b"), second.topics);
    }

    @Test
    void aListenerUnderTwoMatchingFiltersIsCalledOncePerFilter() {
        Recorder listener = new Recorder();
        register("a/#", listener);
        register("a/b", listener);

        SubscriptionRoutes.of(registrations).deliver("a/b", new byte[0], false);

        assertEquals(List.of("a/b", "a/b"), listener.topics);
    }

    @Test
    void aThrowingListenerDoesNotStopTheOthersAndNothingEscapes() {
        Recorder after = new Recorder();
        register("a/b", (topic, payload, retained) -> {
            throw new IllegalStateException("listener bug");
        });
        register("a/+", (topic, payload, retained) -> {
            throw new AssertionError("listener assertion");
        });
        register("#", after);

        int calls = assertDoesNotThrow(() -> SubscriptionRoutes.of(registrations).deliver("a/b", new byte[0], false));

        assertEquals(3, calls);
        assertEquals(List.of("a/b"), after.topics);
    }

    @Test
    void payloadAndRetainFlagArePassedThrough() {
        byte[] payload = { 1, 2, 3 };
        List<Object> seen = new ArrayList<>();
        register("t", (topic, p, retained) -> {
            seen.add(p);
            seen.add(retained);
        });

        SubscriptionRoutes.of(registrations).deliver("t", payload, true);

        assertSame(payload, seen.get(0));
        assertEquals(true, seen.get(1));
    }

    @Test
    void filtersWithoutListenersAreLeftOut() {
        registrations.put(TopicFilter.parse("a/#"), List.of());
        assertEquals(0, SubscriptionRoutes.of(registrations).size());
        assertEquals(0, SubscriptionRoutes.EMPTY.deliver("a/b", new byte[0], false));
    }
}
