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

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/**
 * The floor of the announcement benchmark: a bare Paho subscriber (TCP_NODELAY, QoS 1 like the binding's state
 * subscriptions) on the same filter, that only counts. In latency runs it also reads the send time from the leading
 * {@code "t"} member, the least work that gives a broker-to-callback latency to compare with the binding's.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class FloorSubscriber implements AutoCloseable {

    /** The payloads of {@link AnnouncePublisher} start with <code>{"t":</code>. */
    private static final int T_VALUE_OFFSET = 5;

    private final MqttAsyncClient client;

    FloorSubscriber(String serverUri, String filter, ArrivalCounter counter) throws MqttException {
        client = PahoClients.connect(serverUri, "floor-subscriber", new MqttCallback() {
            @Override
            public void messageArrived(@Nullable String topic, @Nullable MqttMessage message) {
                counter.arrived(counter.recordsLatency() && message != null ? sendMicros(message.getPayload()) : -1);
            }

            @Override
            public void connectionLost(@Nullable Throwable cause) {
            }

            @Override
            public void deliveryComplete(@Nullable IMqttDeliveryToken token) {
            }
        });
        client.subscribe(filter, AnnouncePublisher.QOS).waitForCompletion();
    }

    static long sendMicros(byte[] payload) {
        int end = T_VALUE_OFFSET;
        while (end < payload.length && payload[end] != ',') {
            end++;
        }
        return BenchClock.parseSeconds(new String(payload, T_VALUE_OFFSET, end - T_VALUE_OFFSET,
                StandardCharsets.US_ASCII), 0, end - T_VALUE_OFFSET);
    }

    @Override
    public void close() {
        PahoClients.close(client);
    }
}
