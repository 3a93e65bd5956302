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

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;
import org.openhab.binding.evaics.internal.protocol.state.EvaTopics;

/**
 * Sizes of the RPC frames as they cross the broker: a bare subscriber on the controller's API topics records the
 * request and answer payloads of a few real {@code test} calls of the binding's client. The floor echo then uses
 * exactly these sizes.
 *
 * @param requestBytes payload size of a {@code test} request frame
 * @param responseBytes payload size of the controller's answer frame
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
record FrameSizes(int requestBytes, int responseBytes) {

    private static final int CALLS = 3;
    private static final long CALL_WAIT_SECONDS = 5;

    static FrameSizes measure(String serverUri, EvaTopics topics, ControllerId controller, String keyId,
            String apiKey) throws Exception {
        AtomicInteger request = new AtomicInteger();
        AtomicInteger response = new AtomicInteger();
        String requestTopic = topics.requestTopic(controller);
        MqttAsyncClient sniffer = PahoClients.connect(serverUri, "sniffer", new MqttCallback() {
            @Override
            public void messageArrived(@Nullable String topic, @Nullable MqttMessage message) {
                if (topic != null && message != null) {
                    (requestTopic.equals(topic) ? request : response).set(message.getPayload().length);
                }
            }

            @Override
            public void connectionLost(@Nullable Throwable cause) {
            }

            @Override
            public void deliveryComplete(@Nullable IMqttDeliveryToken token) {
            }
        });
        try {
            String apiTopics = requestTopic.substring(0, requestTopic.lastIndexOf('/')) + "/#";
            sniffer.subscribe(apiTopics, 0).waitForCompletion();
            try (OurRpcClient rpc = new OurRpcClient(serverUri, topics, controller, keyId, apiKey)) {
                for (int i = 0; i < CALLS; i++) {
                    rpc.test().get(CALL_WAIT_SECONDS, TimeUnit.SECONDS);
                }
            }
            // the sniffer's copy of the last answer may trail the client's
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CALL_WAIT_SECONDS);
            while ((request.get() == 0 || response.get() == 0) && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            if (request.get() == 0 || response.get() == 0) {
                throw new IllegalStateException("no request/answer seen on " + apiTopics);
            }
            return new FrameSizes(request.get(), response.get());
        } finally {
            PahoClients.close(sniffer);
        }
    }
}
