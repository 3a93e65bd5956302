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

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttSettings;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttTransport;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttTransportException;

/**
 * What anyone with read access to the broker sees: a plain MQTT client subscribed to a topic filter that records
 * every message (topic, payload, retained flag). Used to show that API calls cross the broker only as ciphertext.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class Wiretap implements AutoCloseable {

    /** QoS of the wiretap's subscription: it must see every message the broker delivers. */
    private static final int QOS = 1;
    private static final long POLL_MILLIS = 5;

    /** One message seen on the broker. */
    public record Message(String topic, byte[] payload, boolean retained) {
    }

    private final MqttTransport transport;
    private final List<Message> messages = new CopyOnWriteArrayList<>();

    private Wiretap(MqttTransport transport) {
        this.transport = transport;
    }

    /**
     * Connects to the broker and subscribes {@code filter}, waiting for the SUBACK.
     *
     * @throws IllegalStateException if the subscription is not acknowledged within {@code limit}
     */
    public static Wiretap start(String serverUri, String filter, Duration limit) {
        Wiretap tap = new Wiretap(new MqttTransport(MqttSettings.builder(serverUri).build()));
        tap.transport.start();
        try {
            tap.transport.subscribe(filter, QOS, (topic, payload, retained) -> tap.messages
                    .add(new Message(topic, payload.clone(), retained))).get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tap.close();
            throw new IllegalStateException("interrupted while starting the wiretap", e);
        } catch (ExecutionException e) {
            // the connection dropped while subscribing: the subscription stays registered and the transport restores
            // it on its next connect, after which it reports itself connected
            if (!(e.getCause() instanceof MqttTransportException) || !awaitConnected(tap.transport, limit)) {
                tap.close();
                throw new IllegalStateException("the wiretap could not subscribe " + filter, e);
            }
        } catch (TimeoutException e) {
            tap.close();
            throw new IllegalStateException("the wiretap could not subscribe " + filter, e);
        }
        return tap;
    }

    private static boolean awaitConnected(MqttTransport transport, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!transport.isConnected()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Every message seen, oldest first. */
    public List<Message> messages() {
        return List.copyOf(messages);
    }

    /** The messages seen on topics matching the condition. */
    public List<Message> messages(Predicate<String> topic) {
        return messages.stream().filter(m -> topic.test(m.topic())).toList();
    }

    /** How many messages were seen so far: a mark for {@link #since(int)}. */
    public int mark() {
        return messages.size();
    }

    /** The messages seen after the mark, oldest first. */
    public List<Message> since(int mark) {
        List<Message> all = messages();
        return all.subList(Math.min(mark, all.size()), all.size());
    }

    /** Forgets what was seen. */
    public void clear() {
        messages.clear();
    }

    /** Waits until at least {@code count} messages matching the condition were seen; returns all of them. */
    public List<Message> await(Predicate<Message> condition, int count, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            List<Message> seen = messages.stream().filter(condition).toList();
            if (seen.size() >= count || System.nanoTime() - deadline > 0) {
                return seen;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return seen;
            }
        }
    }

    @Override
    public void close() {
        transport.close();
    }
}
