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

import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.codec.FrameException;
import org.openhab.binding.evaics.internal.protocol.codec.RequestFrame;
import org.openhab.binding.evaics.internal.protocol.codec.ServerFrameCodec;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;
import org.openhab.binding.evaics.internal.protocol.state.EvaTopics;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * The server side of the RPC benchmarks: an EVA UC stand-in on the broker that decodes binary requests with
 * {@link ServerFrameCodec}, checks {@code k}, answers {@code test} with a result shaped like EVA ICS 3.4.2's (spec
 * §8.1, vector {@code bin-plain-test}) and {@code state} with one unit state (§9.1), and publishes the answer to the
 * call's response topic (spec §4.3). It answers on the Paho callback thread, in arrival order, at the QoS it is given:
 * EVA's default is 1 (spec §1), and that matters on a broker without {@code set_tcp_nodelay}: the broker's PUBACK
 * to the controller is then still unacknowledged (delayed ACK) when the next request is due, and Nagle holds that
 * request back for about 40 ms (issue 5).
 * <p>
 * Used until the project's EVA controller simulator is available to the harness; it does exactly the frame work a
 * controller does per call and nothing else, so it never is the bottleneck of a measurement by accident.
 */
@NonNullByDefault
final class BenchController implements AutoCloseable {

    /** EVA's notifier subscribes to its request topic at its QoS, 1 by default (spec §1). */
    private static final int REQUEST_QOS = 1;
    private static final int ERROR_ACCESS_DENIED = 2;
    private static final int ERROR_METHOD_NOT_FOUND = 6;
    private static final long START_SECONDS = 1_700_000_000L;

    private final MqttAsyncClient client;
    private final EvaTopics topics;
    private final ControllerId controller;
    private final String apiKey;
    private final ServerFrameCodec codec;
    private final int responseQos;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    BenchController(String serverUri, EvaTopics topics, ControllerId controller, String keyId, String apiKey,
            int responseQos) throws MqttException {
        this.topics = topics;
        this.responseQos = responseQos;
        this.controller = controller;
        this.apiKey = apiKey;
        this.codec = new ServerFrameCodec(id -> keyId.equals(id) ? apiKey : null, ProtocolLimits.defaults());
        this.client = PahoClients.connect(serverUri, "controller", new MqttCallback() {
            @Override
            public void messageArrived(@Nullable String topic, @Nullable MqttMessage message) {
                if (message != null) {
                    answer(message.getPayload());
                }
            }

            @Override
            public void connectionLost(@Nullable Throwable cause) {
            }

            @Override
            public void deliveryComplete(@Nullable IMqttDeliveryToken token) {
            }
        });
        client.subscribe(topics.requestTopic(controller), REQUEST_QOS).waitForCompletion();
    }

    long answered() {
        return answered.get();
    }

    long rejected() {
        return rejected.get();
    }

    /** The answer this controller gives to one request frame (also used to size the floor's payloads). */
    byte[] respond(RequestFrame request) {
        JsonObject body = request.body().getAsJsonObject();
        JsonObject response = new JsonObject();
        response.addProperty("jsonrpc", "2.0");
        JsonObject params = body.get("params") instanceof JsonObject p ? p : new JsonObject();
        String method = body.get("method") instanceof JsonPrimitive m ? m.getAsString() : "";
        if (!(params.get("k") instanceof JsonPrimitive k && apiKey.equals(k.getAsString()))) {
            response.add("error", error(ERROR_ACCESS_DENIED, "Access to resource is denied"));
        } else if ("test".equals(method)) {
            response.add("result", testResult());
        } else if ("state".equals(method) && params.get("i") instanceof JsonPrimitive oid) {
            response.add("result", unitState(oid.getAsString()));
        } else {
            response.add("error", error(ERROR_METHOD_NOT_FOUND, "API method not found"));
        }
        JsonElement id = body.get("id");
        response.add("id", id);
        return codec.encodeResponse(request, response);
    }

    private void answer(byte[] payload) {
        try {
            RequestFrame request = codec.decodeRequest(payload);
            byte[] frame = respond(request);
            client.publish(topics.responseTopic(controller, request.callId()), frame, responseQos, false);
            answered.incrementAndGet();
        } catch (FrameException | MqttException | RuntimeException e) {
            // like EVA: a request that does not decode gets no answer
            rejected.incrementAndGet();
        }
    }

    RequestFrame decode(byte[] payload) throws FrameException {
        return codec.decodeRequest(payload);
    }

    private JsonObject testResult() {
        JsonObject acl = new JsonObject();
        acl.addProperty("key_id", "default");
        acl.addProperty("master", false);
        acl.add("cdata", new JsonArray());
        acl.addProperty("sysfunc", false);
        acl.add("items", new JsonArray());
        JsonArray groups = new JsonArray();
        groups.add("#");
        acl.add("groups", groups);
        acl.add("items_ro", new JsonArray());
        acl.add("groups_ro", new JsonArray());
        acl.add("items_deny", new JsonArray());
        acl.add("groups_deny", new JsonArray());
        JsonObject allow = new JsonObject();
        allow.addProperty("cmd", false);
        allow.addProperty("lock", false);
        allow.addProperty("device", false);
        allow.addProperty("supervisor", false);
        acl.add("allow", allow);
        acl.addProperty("dynamic", false);
        JsonObject aci = new JsonObject();
        aci.addProperty("gw", "mqtt:eva_1");
        aci.addProperty("key_id", "default");
        JsonObject result = new JsonObject();
        result.addProperty("ok", true);
        result.add("acl", acl);
        result.add("aci", aci);
        result.addProperty("system", controller.systemName());
        result.addProperty("controller", controller.toString());
        result.addProperty("time", BenchClock.micros() / 1e6);
        result.addProperty("log_level", 20);
        result.addProperty("version", "3.4.2");
        result.addProperty("product_name", "EVA Universal Controller");
        result.addProperty("product_code", controller.productCode());
        result.addProperty("product_build", 2021112401);
        result.addProperty("uptime", (BenchClock.micros() / 1_000_000L) - START_SECONDS);
        return result;
    }

    /** A unit state object as the {@code state} method returns it (spec §9.1). */
    static JsonObject unitState(String oid) {
        int colon = oid.indexOf(':');
        int slash = oid.lastIndexOf('/');
        String type = colon > 0 ? oid.substring(0, colon) : "unit";
        String fullId = oid.substring(colon + 1);
        JsonObject state = new JsonObject();
        state.addProperty("oid", oid);
        state.addProperty("full_id", fullId);
        state.addProperty("group", slash > colon ? oid.substring(colon + 1, slash) : "");
        state.addProperty("id", oid.substring(slash + 1));
        state.addProperty("type", type);
        state.addProperty("status", 1);
        state.addProperty("value", "22.5");
        state.addProperty("nstatus", 1);
        state.addProperty("nvalue", "22.5");
        state.addProperty("action_enabled", true);
        state.addProperty("set_time", 1_700_000_001.133756);
        JsonArray ieid = new JsonArray();
        ieid.add(7);
        ieid.add(5_000_000_001_006L);
        state.add("ieid", ieid);
        return state;
    }

    private static JsonObject error(int code, String message) {
        JsonObject error = new JsonObject();
        error.addProperty("code", code);
        error.addProperty("message", message);
        return error;
    }

    @Override
    public void close() {
        PahoClients.close(client);
    }
}
