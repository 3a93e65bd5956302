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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * What a broker does with the MQTT features the binding and EVA ICS use, seen by plain Paho clients (MQTT 3.1.1, clean
 * sessions, as the binding connects): retained messages for exact and wildcard subscriptions, the QoS granted and
 * delivered, what {@code #} and {@code +} match, which sizes it forwards, which client ids it takes. Each probe waits
 * a bounded time and returns what it saw in words; the compatibility matrix (docs/brokers.md) prints them and asserts
 * what the binding relies on.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class BrokerProbes implements AutoCloseable {

    /** How long a probe waits for a message that should come. */
    public static final Duration ARRIVAL = Duration.ofSeconds(3);
    /** How long a probe waits for a large message (16 MiB take about a second on a busy machine). */
    private static final Duration LARGE_ARRIVAL = Duration.ofSeconds(10);
    /** How long a probe waits for a message that might not come. */
    private static final Duration ABSENCE = Duration.ofMillis(500);
    private static final int TIMEOUT_SECONDS = 30;
    private static final String ROOT = "matrix-probe/";

    /** One message as a subscriber saw it. */
    public record Seen(String topic, int bytes, int qos, boolean retained) {
    }

    private final String uri;
    private final List<MqttClient> clients = new ArrayList<>();
    private int next;

    public BrokerProbes(String uri) {
        this.uri = uri;
    }

    /** A connected client with a client id of the binding's form (22 characters). */
    public MqttClient client() throws MqttException {
        return connect(String.format("evaicsprobe%011d", next++), true);
    }

    /** Connects a client with this id; the caller closes it through {@link #close()}. */
    public MqttClient connect(String clientId, boolean cleanSession) throws MqttException {
        return connect(clientId, cleanSession, Duration.ofSeconds(TIMEOUT_SECONDS));
    }

    private MqttClient connect(String clientId, boolean cleanSession, Duration wait) throws MqttException {
        MqttClient client = new MqttClient(uri, clientId, new MemoryPersistence());
        clients.add(client);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(cleanSession);
        options.setConnectionTimeout(TIMEOUT_SECONDS);
        options.setAutomaticReconnect(false);
        options.setMaxInflight(100);
        client.setTimeToWait(wait.toMillis());
        client.connect(options);
        return client;
    }

    /** Subscribes and collects what arrives. */
    public LinkedBlockingQueue<Seen> subscribe(MqttClient client, String filter, int qos) throws MqttException {
        LinkedBlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
        subscribe(client, filter, qos, seen);
        return seen;
    }

    /** The QoS the broker grants a new client's subscription at {@code qos} (128: refused). */
    public int grantedQos(String filter, int qos) throws MqttException {
        return subscribe(client(), filter, qos, new LinkedBlockingQueue<>());
    }

    /** Subscribes, collects what arrives into {@code seen}, and returns the QoS granted (128: refused). */
    private static int subscribe(MqttClient client, String filter, int qos, LinkedBlockingQueue<Seen> seen)
            throws MqttException {
        IMqttToken token = client.subscribeWithResponse(filter, qos, (topic, message) -> seen.add(
                new Seen(String.valueOf(topic), message.getPayload().length, message.getQos(), message.isRetained())));
        token.waitForCompletion(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        int[] granted = token.getGrantedQos();
        return granted.length == 0 ? -1 : granted[0];
    }

    public static @Nullable Seen poll(LinkedBlockingQueue<Seen> seen, Duration wait) throws InterruptedException {
        return seen.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A retained message, then a new subscriber with {@code filter}: what it got. */
    public String retained(String filter, String topic) throws Exception {
        MqttClient publisher = client();
        publisher.publish(topic, "retained".getBytes(StandardCharsets.UTF_8), 1, true);
        MqttClient subscriber = client();
        Seen first = poll(subscribe(subscriber, filter, 1), ARRIVAL);
        // removes it again (an empty retained message)
        publisher.publish(topic, new byte[0], 1, true);
        if (first == null) {
            return "not delivered to a new subscriber of '" + filter + "'";
        }
        return "delivered to a new subscriber of '" + filter + "', retain flag " + (first.retained() ? "set" : "NOT set");
    }

    /** A QoS 2 subscription and a QoS 2 message: what was granted and delivered. */
    public String qos2() throws Exception {
        String topic = ROOT + "qos";
        LinkedBlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
        int granted = subscribe(client(), topic, 2, seen);
        client().publish(topic, new byte[] { 1 }, 2, false);
        Seen got = poll(seen, ARRIVAL);
        return "a subscription at QoS 2 is granted QoS " + granted + "; a QoS 2 message is "
                + (got == null ? "not delivered" : "delivered at QoS " + got.qos());
    }

    /**
     * Which of {@code topics} reach a subscriber of {@code filter}, each published once (QoS 1, not retained).
     *
     * @return the topics that arrived, in arrival order
     */
    public List<String> matches(String filter, List<String> topics) throws Exception {
        MqttClient subscriber = client();
        LinkedBlockingQueue<Seen> seen = subscribe(subscriber, filter, 1);
        MqttClient publisher = client();
        for (String topic : topics) {
            publisher.publish(topic, new byte[] { 1 }, 1, false);
        }
        List<String> arrived = new ArrayList<>();
        Seen got;
        while ((got = poll(seen, ABSENCE)) != null) {
            arrived.add(got.topic());
        }
        return arrived;
    }

    /** A QoS 1 message of {@code bytes}: whether the broker acknowledged and forwarded it. */
    public String size(int bytes) throws Exception {
        String topic = ROOT + "size/" + bytes;
        MqttClient subscriber = client();
        LinkedBlockingQueue<Seen> seen = subscribe(subscriber, topic, 1);
        MqttClient publisher = client();
        String published;
        try {
            publisher.publish(topic, new byte[bytes], 1, false);
            published = "acknowledged";
        } catch (MqttException e) {
            published = "refused (" + e.getMessage() + (publisher.isConnected() ? "" : "; publisher disconnected")
                    + ")";
        }
        Seen got = poll(seen, LARGE_ARRIVAL);
        return String.format("%,d B: %s, %s", bytes, published,
                got == null ? "not forwarded" + (subscriber.isConnected() ? "" : " (subscriber disconnected)")
                        : "forwarded");
    }

    /**
     * A QoS 1 message of {@code bytes} published by a client that is itself subscribed to the topic: whether the
     * broker acknowledges it within {@link #ARRIVAL} (Moquette 0.17 does not above about 64 KiB).
     */
    public String sizeToItself(int bytes) throws Exception {
        String topic = ROOT + "self/" + bytes;
        // waits for each answer at most ARRIVAL
        MqttClient client = connect(String.format("evaicsself%012d", next++), true, ARRIVAL);
        LinkedBlockingQueue<Seen> seen = subscribe(client, topic, 1);
        String published;
        try {
            client.publish(topic, new byte[bytes], 1, false);
            published = "acknowledged";
        } catch (MqttException e) {
            published = "NOT acknowledged (" + e.getMessage() + ")";
        }
        Seen got = poll(seen, LARGE_ARRIVAL);
        return String.format("%,d B to a topic the publisher subscribes to: %s, %s", bytes, published,
                got == null ? "not delivered back" : "delivered back");
    }

    /** Whether the broker takes this client id. */
    public String clientId(String id, boolean cleanSession) {
        String shown = id.length() > 24 ? id.length() + " characters" : "'" + id + "'";
        try {
            MqttClient client = connect(id, cleanSession);
            client.disconnect();
            return shown + (cleanSession ? "" : " (persistent session)") + ": accepted";
        } catch (MqttException e) {
            return shown + (cleanSession ? "" : " (persistent session)") + ": refused (" + e.getReasonCode() + " "
                    + e.getMessage() + ")";
        } catch (IllegalArgumentException e) {
            return shown + ": Paho refuses it (" + e.getMessage() + ")";
        }
    }

    /** A topic under the probes' own root. */
    public static String topic(String name) {
        return ROOT + name;
    }

    @Override
    public void close() {
        for (MqttClient client : clients) {
            try {
                if (client.isConnected()) {
                    client.disconnectForcibly(0, 10);
                }
                client.close(true);
            } catch (MqttException e) {
                // closing the others matters more
            }
        }
        clients.clear();
    }
}
