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
import static org.openhab.binding.evaics.internal.protocol.rpc.RpcFixture.*;
import static org.openhab.binding.evaics.test.StdStreams.out;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openhab.binding.evaics.internal.protocol.codec.FrameFormat;
import org.openhab.binding.evaics.internal.protocol.state.ItemState;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.binding.evaics.test.broker.BrokerExtension;
import org.openhab.binding.evaics.test.broker.TestBroker;

import com.google.gson.JsonObject;

/**
 * Many calls at once: every call gets its own answer (the JSON-RPC id check binds them, protocol.md §11) and none is
 * left behind. One test prints serial latency and pipelined throughput; the figures are informational only.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class RpcClientLoadTest {

    @RegisterExtension
    @Order(1)
    static final BrokerExtension BROKER = new BrokerExtension(TestBroker.options().tcpNoDelay(true));
    @RegisterExtension
    @Order(2)
    static final RpcFixtureExtension RPC = new RpcFixtureExtension(BROKER);

    private static final int CONCURRENT_CALLS = 100;
    private static final int SERIAL_CALLS = 300;
    private static final int PIPELINED_CALLS = 3000;
    private static final int IN_FLIGHT = 64;
    private static final int WARM_UP_CALLS = 200;
    private static final double NANOS_PER_MICRO = 1e3;
    private static final double NANOS_PER_SECOND = 1e9;
    private static final int PERCENT = 100;
    private static final int P99 = 99;

    private final RpcFixture f = RPC.fixture();

    @ParameterizedTest
    @EnumSource(FrameFormat.class)
    void hundredConcurrentCallsEachGetTheirOwnAnswer(FrameFormat format) {
        List<Oid> sensors = new ArrayList<>();
        for (int i = 0; i < CONCURRENT_CALLS; i++) {
            Oid oid = Oid.parse("sensor:load/s" + i);
            f.uc.addItem(oid, 1, Integer.toString(i));
            sensors.add(oid);
        }
        RpcEvaApi api = new RpcEvaApi(f.client(UC, format, RpcSettings.defaults()));
        List<CompletableFuture<ItemState>> calls = new ArrayList<>();
        for (Oid oid : sensors) {
            calls.add(api.state(oid));
        }
        for (int i = 0; i < CONCURRENT_CALLS; i++) {
            ItemState state = await(calls.get(i));
            assertEquals(sensors.get(i), state.oid());
            assertEquals(Integer.toString(i), state.value());
        }
        assertEquals(0, api.rpc().pendingCalls());
        assertEquals(0, api.rpc().droppedAnswers());
    }

    @Test
    void printsSerialLatencyAndPipelinedThroughput() throws InterruptedException {
        // a first round lets the JIT compile the whole path for every format before anything is measured
        for (FrameFormat format : FrameFormat.values()) {
            measure(format, WARM_UP_CALLS, WARM_UP_CALLS);
        }
        StringBuilder report = new StringBuilder(
                "RPC over " + BROKER.broker().kind() + ", simulator answering at QoS 1, requests at QoS 0:");
        for (FrameFormat format : FrameFormat.values()) {
            report.append(measure(format, SERIAL_CALLS, PIPELINED_CALLS));
        }
        out().println(report);
    }

    private String measure(FrameFormat format, int serialCalls, int pipelinedCalls) throws InterruptedException {
        RpcClient client = f.client(UC, format, RpcSettings.defaults());
        JsonObject params = new JsonObject();
        params.addProperty("i", LAMP1.toString());
        long[] latencies = new long[serialCalls];
        for (int i = 0; i < serialCalls; i++) {
            long start = System.nanoTime();
            await(client.call("state", params));
            latencies[i] = System.nanoTime() - start;
        }
        Arrays.sort(latencies);
        Semaphore window = new Semaphore(IN_FLIGHT);
        AtomicInteger failures = new AtomicInteger();
        long start = System.nanoTime();
        for (int i = 0; i < pipelinedCalls; i++) {
            assertTrue(window.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS), "a call never completed");
            client.call("state", params).whenComplete((result, error) -> {
                if (error != null) {
                    failures.incrementAndGet();
                }
                window.release();
            });
        }
        assertTrue(window.tryAcquire(IN_FLIGHT, WAIT.toMillis(), TimeUnit.MILLISECONDS), "calls never completed");
        long elapsed = System.nanoTime() - start;
        assertEquals(0, failures.get(), "failed calls");
        assertEquals(0, client.pendingCalls());
        return String.format(Locale.ROOT, "%n  %-17s serial: median %.0f us, p99 %.0f us; %d in flight: %.0f calls/s",
                format, latencies[serialCalls / 2] / NANOS_PER_MICRO,
                latencies[serialCalls * P99 / PERCENT] / NANOS_PER_MICRO, IN_FLIGHT,
                pipelinedCalls / (elapsed / NANOS_PER_SECOND));
    }
}
