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

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.codec.FrameFormat;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttSettings;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttTransport;
import org.openhab.binding.evaics.internal.protocol.rpc.RpcClient;
import org.openhab.binding.evaics.internal.protocol.rpc.RpcEvaApi;
import org.openhab.binding.evaics.internal.protocol.rpc.RpcSettings;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;
import org.openhab.binding.evaics.internal.protocol.state.EvaTopics;
import org.openhab.core.common.ThreadPoolManager;

import com.google.gson.JsonObject;

/**
 * The binding's own call stack as the controller bridge uses it: {@link MqttTransport} (TCP_NODELAY, its default)
 * carrying an {@link RpcClient} with its default settings (QoS 0, binary frames, one wildcard response subscription)
 * and the typed {@link RpcEvaApi} on top; call timeouts on openHAB's shared {@code thingHandler} pool, as the
 * controller bridge schedules them.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class OurRpcClient implements AutoCloseable {

    private static final Duration CONNECT_WAIT = Duration.ofSeconds(15);
    private static final long CONNECT_POLL_MILLIS = 10;
    /** The pool BaseThingHandler's {@code scheduler} comes from. */
    private static final String TIMER_POOL = "thingHandler";

    private final MqttTransport transport;
    private final ScheduledExecutorService timer;
    private final RpcClient rpc;
    private final RpcEvaApi api;

    OurRpcClient(String serverUri, EvaTopics topics, ControllerId controller, String keyId, String apiKey)
            throws Exception {
        transport = new MqttTransport(MqttSettings.builder(serverUri).build());
        // the call timeouts run where the controller bridge runs them: openHAB's shared scheduled pool
        timer = ThreadPoolManager.getScheduledPool(TIMER_POOL);
        transport.start();
        awaitConnected(transport);
        rpc = new RpcClient(transport, topics, controller, keyId, apiKey, FrameFormat.BINARY, RpcSettings.defaults(),
                ProtocolLimits.defaults(), timer);
        rpc.start().get(CONNECT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        api = new RpcEvaApi(rpc);
    }

    static void awaitConnected(MqttTransport transport) throws InterruptedException {
        long deadline = System.nanoTime() + CONNECT_WAIT.toNanos();
        while (!transport.isConnected()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("transport did not connect within " + CONNECT_WAIT);
            }
            Thread.sleep(CONNECT_POLL_MILLIS);
        }
    }

    /** The {@code test} call (protocol.md §8.1), the binding's ping. */
    CompletableFuture<JsonObject> test() {
        return api.test();
    }

    @Override
    public void close() {
        rpc.close();
        transport.close();
        // the shared pool outlives its users
    }
}
