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
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/**
 * The physical floor of a call: a raw Paho request/response echo through the same broker, with the QoS, topic shape
 * and payload sizes of the binding's RPC frames, but no cryptography and no JSON. A requester keeps one wildcard
 * subscription to the response topics (as the binding's RPC client does) and publishes requests that carry a
 * 32-character call id in their first bytes; an echo responder publishes a response of the answer frame's size to
 * {@code .../response/<call id>}. Both sockets have TCP_NODELAY.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class FloorEcho implements AutoCloseable {

    static final String REQUEST_TOPIC = "floor/uc/bench/api/request";
    static final String RESPONSE_PREFIX = "floor/uc/bench/api/response/";
    /** Length of a call id: 32 hex digits, as in EVA's response topics (protocol.md §4.2). */
    static final int CALL_ID_CHARS = 32;
    private static final int QOS = 0;
    private static final long PAYLOAD_SEED = 42;

    private final MqttAsyncClient responder;
    private final MqttAsyncClient requester;
    private final byte[] requestTemplate;
    private final byte[] response;
    private final Map<String, CompletableFuture<@Nullable Void>> pending = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();

    /**
     * @param requestBytes size of each request payload (the binding's request frame size)
     * @param responseBytes size of each response payload (the controller's answer frame size)
     */
    FloorEcho(String serverUri, int requestBytes, int responseBytes) throws MqttException {
        Random random = new Random(PAYLOAD_SEED);
        requestTemplate = new byte[Math.max(CALL_ID_CHARS, requestBytes)];
        random.nextBytes(requestTemplate);
        response = new byte[responseBytes];
        random.nextBytes(response);
        MqttAsyncClient echo = PahoClients.connect(serverUri, "floor-echo", new Callback() {
            @Override
            public void messageArrived(@Nullable String topic, @Nullable MqttMessage message) throws Exception {
                if (message != null) {
                    echo(message.getPayload());
                }
            }
        });
        responder = echo;
        MqttAsyncClient client = PahoClients.connect(serverUri, "floor-requester", new Callback() {
            @Override
            public void messageArrived(@Nullable String topic, @Nullable MqttMessage message) {
                if (topic != null) {
                    CompletableFuture<@Nullable Void> call = pending.remove(topic.substring(RESPONSE_PREFIX.length()));
                    if (call != null) {
                        call.complete(null);
                    }
                }
            }
        });
        requester = client;
        responder.subscribe(REQUEST_TOPIC, QOS).waitForCompletion();
        requester.subscribe(RESPONSE_PREFIX + "+", QOS).waitForCompletion();
    }

    private void echo(byte[] request) throws MqttException {
        String callId = new String(request, 0, CALL_ID_CHARS, StandardCharsets.US_ASCII);
        responder.publish(RESPONSE_PREFIX + callId, response, QOS, false);
    }

    /** One echo round trip. */
    CompletableFuture<@Nullable Void> call() throws MqttException {
        String callId = callId(counter.incrementAndGet());
        byte[] payload = requestTemplate.clone();
        byte[] id = callId.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(id, 0, payload, 0, CALL_ID_CHARS);
        CompletableFuture<@Nullable Void> call = new CompletableFuture<>();
        pending.put(callId, call);
        try {
            requester.publish(REQUEST_TOPIC, payload, QOS, false);
        } catch (MqttException | RuntimeException e) {
            pending.remove(callId);
            throw e;
        }
        return call;
    }

    /** 32 hex digits, zero-padded; cheaper than String.format on a path that is measured. */
    static String callId(long number) {
        String hex = Long.toHexString(number);
        StringBuilder id = new StringBuilder(CALL_ID_CHARS);
        for (int i = hex.length(); i < CALL_ID_CHARS; i++) {
            id.append('0');
        }
        return id.append(hex).toString();
    }

    @Override
    public void close() {
        PahoClients.close(requester);
        PahoClients.close(responder);
    }

    /** Paho callback whose only job is {@link #messageArrived}. */
    private abstract static class Callback implements MqttCallback {
        @Override
        public void connectionLost(@Nullable Throwable cause) {
            // the measurement sees the missing answers
        }

        @Override
        public void deliveryComplete(@Nullable IMqttDeliveryToken token) {
        }
    }
}
