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

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An immutable routing table from topic filters to message listeners, rebuilt whenever a subscription changes
 * and read without locks for every incoming message.
 * <p>
 * A message goes to every listener of every filter that matches its topic (MQTT 3.1.1 §4.7); a listener
 * registered under two matching filters gets it twice. Filters without wildcards are looked up in a hash map,
 * so exact response-topic subscriptions cost the same however many there are; only wildcard filters are
 * matched one by one. Routing is by topic because an MQTT 3.1.1 PUBLISH does not say which subscription it
 * was sent for: a broker may send one copy for overlapping subscriptions (mosquitto does) or one per
 * subscription (§3.3.5 allows both).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class SubscriptionRoutes {

    static final SubscriptionRoutes EMPTY = new SubscriptionRoutes(Map.of(), new TopicFilter[0],
            new MqttMessageListener[0][]);

    private final Logger logger = LoggerFactory.getLogger(SubscriptionRoutes.class);
    private final Map<String, MqttMessageListener[]> exact;
    private final TopicFilter[] wildcardFilters;
    private final MqttMessageListener[][] wildcardListeners;

    private SubscriptionRoutes(Map<String, MqttMessageListener[]> exact, TopicFilter[] wildcardFilters,
            MqttMessageListener[][] wildcardListeners) {
        this.exact = exact;
        this.wildcardFilters = wildcardFilters;
        this.wildcardListeners = wildcardListeners;
    }

    /** A table for these filters and their listeners; filters without listeners are left out. */
    static SubscriptionRoutes of(Map<TopicFilter, ? extends Collection<MqttMessageListener>> registrations) {
        Map<String, MqttMessageListener[]> exact = new HashMap<>();
        List<TopicFilter> filters = new ArrayList<>();
        List<MqttMessageListener[]> listeners = new ArrayList<>();
        registrations.forEach((filter, registered) -> {
            if (registered.isEmpty()) {
                return;
            }
            MqttMessageListener[] array = registered.toArray(new MqttMessageListener[0]);
            if (filter.isWildcard()) {
                filters.add(filter);
                listeners.add(array);
            } else {
                exact.put(filter.filter(), array);
            }
        });
        return new SubscriptionRoutes(exact, filters.toArray(new TopicFilter[0]),
                listeners.toArray(new MqttMessageListener[0][]));
    }

    /**
     * Calls every matching listener; a listener that throws is logged and skipped, and nothing is thrown.
     *
     * @return the number of listener calls
     */
    int deliver(String topic, byte[] payload, boolean retained) {
        int calls = 0;
        MqttMessageListener[] exactListeners = exact.get(topic);
        if (exactListeners != null) {
            calls += call(exactListeners, topic, payload, retained);
        }
        TopicFilter[] filters = wildcardFilters;
        for (int i = 0; i < filters.length; i++) {
            if (filters[i].matches(topic)) {
                calls += call(wildcardListeners[i], topic, payload, retained);
            }
        }
        return calls;
    }

    /**
     * Tells every matching listener that a message on {@code topic} was dropped for its size; like
     * {@link #deliver}, nothing is thrown.
     *
     * @return the number of listener calls
     */
    int deliverOversize(String topic, long payloadBytes) {
        // a cold path: the matching arrays are collected first, unlike deliver()
        List<MqttMessageListener[]> matching = new ArrayList<>();
        MqttMessageListener[] exactListeners = exact.get(topic);
        if (exactListeners != null) {
            matching.add(exactListeners);
        }
        for (int i = 0; i < wildcardFilters.length; i++) {
            if (wildcardFilters[i].matches(topic)) {
                matching.add(wildcardListeners[i]);
            }
        }
        int calls = 0;
        for (MqttMessageListener[] listeners : matching) {
            for (MqttMessageListener listener : listeners) {
                calls++;
                try {
                    listener.onOversize(topic, payloadBytes);
                } catch (Throwable e) {
                    logger.debug("Message listener {} failed on an oversize message on '{}': {}", listener, topic,
                            e.toString(), e);
                }
            }
        }
        return calls;
    }

    private int call(MqttMessageListener[] listeners, String topic, byte[] payload, boolean retained) {
        for (MqttMessageListener listener : listeners) {
            try {
                listener.onMessage(topic, payload, retained);
            } catch (Throwable e) {
                // an exception reaching Paho would drop the connection for everyone
                logger.debug("Message listener {} failed on topic '{}': {}", listener, topic, e.toString(), e);
            }
        }
        return listeners.length;
    }

    /** The number of registered filters, for diagnostics. */
    int size() {
        return exact.size() + wildcardFilters.length;
    }
}
