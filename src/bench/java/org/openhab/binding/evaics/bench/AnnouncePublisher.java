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
package org.openhab.binding.evaics.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;
import org.openhab.binding.evaics.internal.protocol.state.Oid;

/**
 * One EVA-like controller publishing unit state announcements (protocol.md §9.1, §14): QoS 1 and retained as EVA
 * publishes them, one of {@code things} distinct item topics per message in turn, a ~200-byte compact JSON payload
 * whose {@code t} member carries the send time, and so do {@code value} and {@code nvalue} (a unit value is any string;
 * this one reaches the {@code value} channel, where the handler-path benchmark reads it back for the latency). The
 * {@code ieid} grows with every message, so the binding's ordering accepts each one.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class AnnouncePublisher implements AutoCloseable {

    static final ControllerId CONTROLLER = new ControllerId("uc", "bench-controller-01");
    static final String ITEM_TYPE = "unit";
    static final int QOS = 1;
    static final boolean RETAIN = true;
    /** Items are spread over this many groups, as a real installation would have them. */
    private static final int GROUPS = 100;
    /** Unacknowledged QoS 1 messages: enough that the publisher is limited by the broker, not by PUBACK latency. */
    private static final int WINDOW = 1_000;
    private static final Duration ACK_WAIT = Duration.ofSeconds(30);
    /** Outside every subscription of the benchmark: the broker drops what is published here. */
    private static final String WARMUP_TOPIC = "bench/publisher-warm-up";
    private static final long BOOT_ID = 7;
    /** ieid counters of EVA are nanosecond clock readings; any growing number orders the same way. */
    private static final long IEID_BASE = 5_000_000_000_000_000L;
    /** Shared by all publishers of a run, so that a later round never looks older to a reused consumer. */
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final MqttAsyncClient client;
    private final int things;
    private final String[] topics;
    private final Semaphore window = new Semaphore(WINDOW);
    private final AtomicLong failures = new AtomicLong();
    private final IMqttActionListener release = new IMqttActionListener() {
        @Override
        public void onSuccess(@Nullable IMqttToken token) {
            window.release();
        }

        @Override
        public void onFailure(@Nullable IMqttToken token, @Nullable Throwable exception) {
            failures.incrementAndGet();
            window.release();
        }
    };

    AnnouncePublisher(String serverUri, int things) throws MqttException {
        this.things = things;
        this.topics = new String[things];
        for (int i = 0; i < things; i++) {
            topics[i] = ITEM_TYPE + "/" + group(i) + "/" + itemId(i);
        }
        this.client = PahoClients.connect(serverUri, "announcer", new MqttCallback() {
            @Override
            public void connectionLost(@Nullable Throwable cause) {
            }

            @Override
            public void messageArrived(@Nullable String topic, @Nullable MqttMessage message) {
            }

            @Override
            public void deliveryComplete(@Nullable IMqttDeliveryToken token) {
            }
        });
    }

    static String group(int thing) {
        return String.format("bench/g%02d", thing % GROUPS);
    }

    static String itemId(int thing) {
        return String.format("u%05d", thing);
    }

    /** The OID announced on thing {@code thing}'s topic. */
    static Oid oid(int thing) {
        return new Oid(ITEM_TYPE, group(thing), itemId(thing));
    }

    /** A unit state as EVA announces it (protocol.md §9.1), sent now. */
    static byte[] payload(long sequence, long sendMicros) {
        StringBuilder sent = new StringBuilder();
        BenchClock.appendSeconds(sent, sendMicros);
        String value = sent.toString();
        StringBuilder json = new StringBuilder(256);
        json.append("{\"t\":");
        BenchClock.appendSeconds(json, sendMicros);
        json.append(",\"c\":\"").append(CONTROLLER).append("\",\"nstatus\":1,\"nvalue\":\"").append(value)
                .append("\",\"status\":1,\"value\":\"").append(value).append("\",\"set_time\":");
        BenchClock.appendSeconds(json, sendMicros);
        json.append(",\"ieid\":[").append(BOOT_ID).append(',').append(IEID_BASE + sequence)
                .append("],\"action_enabled\":true}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Size of a typical payload, for the report. */
    static int typicalPayloadBytes() {
        return payload(12_345, BenchClock.micros()).length;
    }

    /**
     * Publishes {@code messages} announcements of the same shape to a topic nobody subscribes to, so that a fresh
     * publisher process has compiled its sending code before it is measured.
     */
    void warmUp(int messages) throws MqttException, InterruptedException {
        for (int i = 0; i < messages; i++) {
            send(WARMUP_TOPIC, SEQUENCE.incrementAndGet());
        }
        awaitAcknowledged();
    }

    /** Publishes as fast as the broker acknowledges, with {@value #WINDOW} messages unacknowledged at most. */
    void publishBurst(int messages) throws MqttException, InterruptedException {
        for (int i = 0; i < messages; i++) {
            publishOne(i);
        }
    }

    /** Publishes at a fixed rate; a message that is due late goes out at once (the rate is kept on average). */
    void publishPaced(int messages, int perSecond) throws MqttException, InterruptedException {
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long start = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            long wait = start + i * intervalNanos - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            publishOne(i);
        }
    }

    private void publishOne(int index) throws MqttException, InterruptedException {
        send(topics[index % things], SEQUENCE.incrementAndGet());
    }

    private void send(String topic, long sequence) throws MqttException, InterruptedException {
        if (!window.tryAcquire(ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the broker acknowledged nothing for " + ACK_WAIT);
        }
        try {
            client.publish(topic, payload(sequence, BenchClock.micros()), QOS, RETAIN, null, release);
        } catch (MqttException | RuntimeException e) {
            window.release();
            throw e;
        }
    }

    /** Waits until every message is acknowledged by the broker. */
    void awaitAcknowledged() throws InterruptedException {
        if (!window.tryAcquire(WINDOW, ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("messages still unacknowledged after " + ACK_WAIT);
        }
        window.release(WINDOW);
    }

    long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        PahoClients.close(client);
    }
}
