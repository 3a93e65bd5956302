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
package org.openhab.binding.evaics.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
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

/**
 * The call latency of the compatibility matrix (docs/brokers.md): encrypted {@code test} calls, one at a time, through
 * the binding's own {@link RpcClient} (binary frames, its default settings, its transport with TCP_NODELAY) to a
 * simulated controller that answers at QoS 1, as EVA ICS does by default. A bounded warm-up, then at most
 * {@link #CALLS} calls or {@link #BUDGET}, whichever ends first (on a broker that stalls every call on Nagle's
 * algorithm, about 40 ms each, the budget ends it).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class CallLatency {

    static final int CALLS = 3000;
    static final Duration BUDGET = Duration.ofSeconds(3);
    private static final int WARM_UP_CALLS = 500;
    private static final Duration WARM_UP = Duration.ofSeconds(1);
    private static final Duration CALL_LIMIT = Duration.ofSeconds(5);
    private static final double P99 = 0.99;

    /** The calls measured and their latency percentiles. */
    record Result(int calls, double p50Millis, double p99Millis) {
        @Override
        public String toString() {
            return String.format("p50 %.2f ms, p99 %.2f ms (%d calls)", p50Millis, p99Millis, calls);
        }
    }

    private CallLatency() {
    }

    /** Measures calls to {@code controller} on the broker at {@code uri}. */
    static Result measure(String uri, String controller, String keyId, String key) throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (MqttTransport transport = new MqttTransport(MqttSettings.builder(uri).build())) {
            transport.start();
            RpcClient client = new RpcClient(transport, new EvaTopics(""), ControllerId.parse(controller), keyId, key,
                    FrameFormat.BINARY, RpcSettings.defaults(), ProtocolLimits.defaults(), timer);
            try {
                client.start().get(CALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                RpcEvaApi api = new RpcEvaApi(client);
                long warmUpEnd = System.nanoTime() + WARM_UP.toNanos();
                for (int i = 0; i < WARM_UP_CALLS && System.nanoTime() - warmUpEnd < 0; i++) {
                    api.test().get(CALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                }
                long[] nanos = new long[CALLS];
                int calls = 0;
                long end = System.nanoTime() + BUDGET.toNanos();
                while (calls < CALLS && System.nanoTime() - end < 0) {
                    long start = System.nanoTime();
                    assertNotNull(api.test().get(CALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS));
                    nanos[calls++] = System.nanoTime() - start;
                }
                long[] sorted = Arrays.copyOf(nanos, calls);
                Arrays.sort(sorted);
                assertTrue(calls > 0, "no call within " + BUDGET);
                return new Result(calls, millis(sorted[calls / 2]),
                        millis(sorted[Math.max(0, (int) Math.ceil(P99 * calls) - 1)]));
            } finally {
                client.close();
            }
        } finally {
            timer.shutdownNow();
        }
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
