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
package org.openhab.binding.evaics.internal.protocol.rpc;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.codec.FrameFormat;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttSettings;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttTransport;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;
import org.openhab.binding.evaics.internal.protocol.state.EvaTopics;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.binding.evaics.test.sim.EvaSimulator;

/**
 * A UC and an LM simulator and RPC clients for them on one broker, for the RPC integration tests.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class RpcFixture implements AutoCloseable {

    static final String KEY_ID = "default";
    static final String API_KEY = "Xb7pQ2mK9vL4sT8wR1zN6cY3hJ5fD0gA";
    /** Generous: only reached when something is broken. */
    static final Duration WAIT = Duration.ofSeconds(10);
    /** Call timeout for tests that expect a timeout. */
    static final Duration SHORT_TIMEOUT = Duration.ofMillis(400);
    private static final long POLL_MILLIS = 10;

    static final ControllerId UC = ControllerId.parse("uc/sim1");
    static final ControllerId LM = ControllerId.parse("lm/sim1");
    static final Oid LAMP1 = Oid.parse("unit:lights/lamp1");
    static final Oid LAMP2 = Oid.parse("unit:lights/lamp2");
    static final Oid FAN1 = Oid.parse("unit:hvac/fan1");
    static final Oid TEMP1 = Oid.parse("sensor:env/temp1");
    static final Oid HUM1 = Oid.parse("sensor:env/hum1");
    static final Oid AWAY = Oid.parse("lvar:flags/away");
    static final Oid TIMER1 = Oid.parse("lvar:timers/t1");
    static final Oid ALL_OFF = Oid.parse("lmacro:scenes/all_off");

    final EvaTopics topics = new EvaTopics("");
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "rpc-test-timer");
        thread.setDaemon(true);
        return thread;
    });
    final EvaSimulator uc;
    final EvaSimulator lm;
    /** Shared by the clients of all tests: connecting costs about 300 ms with Paho. */
    final MqttTransport transport;
    private final String uri;
    private final List<AutoCloseable> resources = new ArrayList<>();
    /** Closed after each test. */
    private final List<RpcClient> clients = new ArrayList<>();

    RpcFixture(String uri) {
        this.uri = uri;
        uc = track(EvaSimulator.builder(uri).controller(UC.toString()).key(KEY_ID, API_KEY)
                .unit("lights/lamp1", 0, "").unit("lights/lamp2", 1, "").unit("hvac/fan1", 1, "55")
                .sensor("env/temp1", 1, "21.5").sensor("env/hum1", -1, "").start());
        lm = track(EvaSimulator.builder(uri).controller(LM.toString()).key(KEY_ID, API_KEY)
                .lvar("flags/away", 1, "0", 0).lvar("timers/t1", 1, "", 30).macro("scenes/all_off").start());
        transport = newTransport();
    }

    /** Before each test: simulators back to their configured state. */
    void reset() {
        uc.reset();
        lm.reset();
    }

    /** After each test: closes its clients, checking that none left a call behind. */
    void closeClients() {
        List<RpcClient> open = List.copyOf(clients);
        clients.clear();
        for (RpcClient client : open) {
            int pending = client.pendingCalls();
            client.close();
            assertEquals(0, pending, () -> client + " left calls pending");
        }
    }

    /** A new transport, closed with the fixture. */
    MqttTransport newTransport() {
        MqttTransport t = track(new MqttTransport(MqttSettings.builder(uri).build()));
        t.start();
        return t;
    }

    RpcEvaApi ucApi(FrameFormat format) {
        return new RpcEvaApi(client(UC, format, RpcSettings.defaults()));
    }

    RpcEvaApi lmApi(FrameFormat format) {
        return new RpcEvaApi(client(LM, format, RpcSettings.defaults()));
    }

    /** A started client on the shared transport, closed after the test. */
    RpcClient client(ControllerId controller, FrameFormat format, RpcSettings settings) {
        return client(transport, controller, KEY_ID, API_KEY, format, settings);
    }

    RpcClient client(MqttTransport on, ControllerId controller, String keyId, String apiKey, FrameFormat format,
            RpcSettings settings) {
        RpcClient client = new RpcClient(on, topics, controller, keyId, apiKey, format, settings,
                ProtocolLimits.defaults(), timer);
        clients.add(client);
        await(client.start());
        return client;
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError("call failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no completion within " + WAIT, e);
        }
    }

    /** The EvaRpcException the future fails with (waiting up to {@link #WAIT}). */
    static EvaRpcException failure(CompletableFuture<?> future) {
        try {
            Object value = future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected a failure, got " + value);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof EvaRpcException rpc) {
                return rpc;
            }
            throw new AssertionError("expected an EvaRpcException, got " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no completion within " + WAIT, e);
        }
    }

    /** Polls {@code condition} until it holds, at most {@link #WAIT}. */
    static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(what + " not within " + WAIT);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    @Override
    public void close() {
        for (RpcClient client : clients) {
            client.close();
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                // closing the rest matters more
            }
        }
        timer.shutdownNow();
    }
}
