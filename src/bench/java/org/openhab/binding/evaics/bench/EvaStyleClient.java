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

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.codec.FrameCodec;
import org.openhab.binding.evaics.internal.protocol.codec.FrameException;
import org.openhab.binding.evaics.internal.protocol.codec.FrameFormat;
import org.openhab.binding.evaics.internal.protocol.codec.ResponseFrame;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;
import org.openhab.binding.evaics.internal.protocol.state.EvaTopics;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * An RPC client that makes each call the way EVA ICS's own v3 client does (protocol.md §6.5): a fresh UUID request id,
 * the frame encrypted with {@link FrameCodec}, then <em>subscribe to the exact response topic, wait for the SUBACK,
 * publish the request</em>, and on the first message on that topic <em>unsubscribe, then decode</em> and check the
 * JSON-RPC id. This is the anchor the binding's client (one wildcard subscription for its lifetime) has to beat.
 * <p>
 * Built on bare Paho and the project's codec, so the only difference to the binding's client is the subscription
 * pattern: same frames, same crypto, same TCP_NODELAY socket (which only makes the anchor faster). The request QoS is
 * the caller's choice: the benchmark gives it the binding's QoS 0 (EVA's default is 1, which would only make it
 * slower); the subscriptions are QoS 1 as in protocol.md §6.5.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class EvaStyleClient implements AutoCloseable {

    private static final int REQUEST_ID_BYTES = 16;
    private static final int UUID_VERSION_INDEX = 6;
    private static final int UUID_VARIANT_INDEX = 8;
    private static final int UUID_VERSION_MASK = 0x0f;
    private static final int UUID_VERSION_4 = 0x40;
    private static final int UUID_VARIANT_MASK = 0x3f;
    private static final int UUID_VARIANT_RFC4122 = 0x80;
    private static final int UUID_LOW_HALF = 8;
    private static final String KEY_PARAM = "k";

    private final MqttAsyncClient client;
    private final EvaTopics topics;
    private final ControllerId controller;
    private final String apiKey;
    private final FrameCodec codec;
    private final String requestTopic;
    private final int subscribeQos;
    private final int publishQos;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Call> pending = new ConcurrentHashMap<>();

    EvaStyleClient(String serverUri, EvaTopics topics, ControllerId controller, String keyId, String apiKey,
            int subscribeQos, int publishQos) throws MqttException {
        this.topics = topics;
        this.controller = controller;
        this.apiKey = apiKey;
        this.codec = new FrameCodec(keyId, apiKey, FrameFormat.BINARY, ProtocolLimits.defaults());
        this.requestTopic = topics.requestTopic(controller);
        this.subscribeQos = subscribeQos;
        this.publishQos = publishQos;
        this.client = PahoClients.connect(serverUri, "eva-style", new MqttCallback() {
            @Override
            public void messageArrived(@Nullable String topic, @Nullable MqttMessage message) {
                if (topic != null && message != null) {
                    onAnswer(topic, message.getPayload());
                }
            }

            @Override
            public void connectionLost(@Nullable Throwable cause) {
            }

            @Override
            public void deliveryComplete(@Nullable IMqttDeliveryToken token) {
            }
        });
    }

    /** One call; completes with the JSON-RPC result. */
    CompletableFuture<JsonElement> call(String method, JsonObject params) throws MqttException {
        byte[] requestId = new byte[REQUEST_ID_BYTES];
        random.nextBytes(requestId);
        // uuid4: version and variant bits, as Python's uuid.uuid4() sets them
        requestId[UUID_VERSION_INDEX] = (byte) ((requestId[UUID_VERSION_INDEX] & UUID_VERSION_MASK) | UUID_VERSION_4);
        requestId[UUID_VARIANT_INDEX] = (byte) ((requestId[UUID_VARIANT_INDEX] & UUID_VARIANT_MASK)
                | UUID_VARIANT_RFC4122);
        ByteBuffer bits = ByteBuffer.wrap(requestId);
        String jsonRpcId = new UUID(bits.getLong(0), bits.getLong(UUID_LOW_HALF)).toString();
        JsonObject withKey = params.deepCopy();
        withKey.addProperty(KEY_PARAM, apiKey);
        JsonObject request = new JsonObject();
        request.addProperty("jsonrpc", "2.0");
        request.addProperty("method", method);
        request.add("params", withKey);
        request.addProperty("id", jsonRpcId);
        byte[] frame = codec.encodeRequest(requestId, request);
        String callId = FrameCodec.callId(requestId);
        String responseTopic = topics.responseTopic(controller, callId);
        Call call = new Call(jsonRpcId);
        pending.put(callId, call);
        try {
            client.subscribe(responseTopic, subscribeQos, null, new IMqttActionListener() {
                @Override
                public void onSuccess(@Nullable IMqttToken token) {
                    publish(call, callId, frame);
                }

                @Override
                public void onFailure(@Nullable IMqttToken token, @Nullable Throwable exception) {
                    // EVA logs the missing SUBACK and publishes anyway
                    publish(call, callId, frame);
                }
            });
        } catch (MqttException | RuntimeException e) {
            pending.remove(callId);
            throw e;
        }
        return call.future;
    }

    private void publish(Call call, String callId, byte[] frame) {
        try {
            client.publish(requestTopic, frame, publishQos, false);
        } catch (MqttException | RuntimeException e) {
            pending.remove(callId);
            call.future.completeExceptionally(e);
        }
    }

    private void onAnswer(String topic, byte[] payload) {
        String callId = topic.substring(topic.lastIndexOf('/') + 1);
        Call call = pending.remove(callId);
        if (call == null) {
            return;
        }
        try {
            client.unsubscribe(topic);
        } catch (MqttException e) {
            // the call is answered; a lingering subscription only costs the broker
        }
        try {
            ResponseFrame frame = codec.decodeResponse(payload);
            if (frame.body() instanceof JsonObject response && response.get("id") instanceof JsonPrimitive id
                    && call.jsonRpcId.equals(id.getAsString()) && response.has("result")) {
                call.future.complete(response.get("result"));
            } else {
                call.future.completeExceptionally(new IllegalStateException("bad answer (EVA code 9)"));
            }
        } catch (FrameException e) {
            call.future.completeExceptionally(e);
        }
    }

    @Override
    public void close() {
        PahoClients.close(client);
    }

    private static final class Call {
        final String jsonRpcId;
        final CompletableFuture<JsonElement> future = new CompletableFuture<>();

        Call(String jsonRpcId) {
            this.jsonRpcId = jsonRpcId;
        }
    }
}
