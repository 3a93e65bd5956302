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

import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.openhab.binding.evaics.internal.protocol.mqtt.BufferedInputSocketFactory;

/**
 * Bare Paho clients for the reference measurements (the floor echo, the EVA-style client, the announcement
 * publisher and the counting subscriber): clean session, MQTT 3.1.1, in-memory persistence and, like the binding's
 * transport, TCP_NODELAY on the socket and its input read through a buffer ({@link BufferedInputSocketFactory}), so
 * that they differ from the binding's clients only in what they measure.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class PahoClients {

    /** QoS 1 messages a bench client may have unacknowledged; far above what any benchmark keeps in flight. */
    static final int MAX_INFLIGHT = 2_000;
    private static final int KEEP_ALIVE_SECONDS = 60;
    private static final int CONNECT_TIMEOUT_SECONDS = 10;
    private static final long CONNECT_WAIT_MILLIS = 15_000;
    private static final long DISCONNECT_WAIT_MILLIS = 2_000;
    private static final AtomicInteger CLIENT_NUMBER = new AtomicInteger();

    private PahoClients() {
    }

    /** Connects a new client and waits for the CONNACK. */
    static MqttAsyncClient connect(String serverUri, String name, MqttCallback callback) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(serverUri,
                "bench-" + name + "-" + CLIENT_NUMBER.incrementAndGet(), new MemoryPersistence());
        client.setCallback(callback);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(KEEP_ALIVE_SECONDS);
        options.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS);
        options.setMaxInflight(MAX_INFLIGHT);
        // TCP_NODELAY on every socket and buffered input, as the binding's transport has them
        options.setSocketFactory(BufferedInputSocketFactory.withNoDelay());
        client.connect(options).waitForCompletion(CONNECT_WAIT_MILLIS);
        return client;
    }

    /** Disconnects and releases the client's threads; never throws. */
    static void close(@Nullable MqttAsyncClient client) {
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnect(0).waitForCompletion(DISCONNECT_WAIT_MILLIS);
            }
        } catch (MqttException e) {
            // forced below
        }
        try {
            client.disconnectForcibly(0, DISCONNECT_WAIT_MILLIS, false);
        } catch (MqttException e) {
            // already disconnected
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // nothing left to release
        }
    }
}
