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
import static org.openhab.binding.evaics.internal.EndToEndFixture.*;
import static org.openhab.binding.evaics.internal.handler.EvaItemConstants.*;
import static org.openhab.binding.evaics.test.StdStreams.out;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.openhab.binding.evaics.internal.handler.EvaBrokerHandler;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.codec.MsgPackJson;
import org.openhab.binding.evaics.internal.protocol.codec.Zlib;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttSettings;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttTransport;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.binding.evaics.test.broker.TestBroker;
import org.openhab.binding.evaics.test.host.ThingHost;
import org.openhab.binding.evaics.test.sim.EvaSimulator;
import org.openhab.core.library.types.DecimalType;
import org.openhab.core.library.types.StringType;
import org.openhab.core.thing.ThingStatusInfo;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The compatibility matrix's own scenarios (issue 14, docs/brokers.md), beside the end-to-end tests that the
 * {@code brokers} profile runs on each broker: bulk state batches (protocol.md §9.5) on one-level and deeper bulk
 * topics, an announcement above the binding's size limit, and the call latency with the broker's Nagle setting on and
 * off. The broker is the one {@code -Devaics.test.broker} names ({@link TestBroker#start}); every figure is printed
 * with the broker's version, prefixed {@code [matrix]}. What the broker itself does with retained messages, QoS,
 * wildcards, sizes and client ids is {@link BrokerMatrixProbesTest}.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class BrokerMatrixTest extends EndToEndTestBase {

    static final String TAG = "[matrix] ";
    /** Later than every boot of the simulator: the batches' states order after its own (protocol.md §9.4). */
    private static final long BATCH_BOOT_OFFSET = 1;
    private static final int OVERSIZE = ProtocolLimits.DEFAULT_MAX_PAYLOAD_BYTES + 1;
    private static final long WAIT_SECONDS = LIMIT.toSeconds();

    static String broker() {
        return BROKER.broker().version();
    }

    @Test
    void jsonBulkBatchOnAOneLevelBulkTopicReachesTheChannels() {
        EndToEndFixture e2e = start(Map.of());

        uc().publishRaw("state/plant", utf8(batch("31.5", "json-bulk").toString()), 1, false);

        e2e.awaitLastState(e2e.temp, CHANNEL_VALUE_STRING, new StringType("31.5"));
        e2e.awaitLastState(e2e.lamp, CHANNEL_VALUE, new StringType("json-bulk"));
        e2e.awaitLastState(e2e.lamp, CHANNEL_STATUS, new DecimalType(1));
    }

    @Test
    void compressedBulkBatchOnADeeperBulkTopicReachesTheChannels() {
        EndToEndFixture e2e = start(Map.of());
        byte[] compressed = Zlib.deflate(MsgPackJson.encode(batch("32.25", "zlib-bulk")));
        byte[] payload = new byte[compressed.length + 2];
        payload[1] = 0x03;
        System.arraycopy(compressed, 0, payload, 2, compressed.length);

        uc().publishRaw("state/site/plant/all", payload, 1, false);

        e2e.awaitLastState(e2e.temp, CHANNEL_VALUE_STRING, new StringType("32.25"));
        e2e.awaitLastState(e2e.lamp, CHANNEL_VALUE, new StringType("zlib-bulk"));
    }

    /** A batch of the UC with a state of the thermometer and one of the lamp (protocol.md §9.5). */
    private static JsonObject batch(String temperature, String lampValue) {
        JsonArray entries = new JsonArray();
        entries.add(entry(TEMP, 1, temperature, 1));
        entries.add(entry(LAMP, 1, lampValue, 2));
        JsonObject batch = new JsonObject();
        batch.addProperty("t", System.currentTimeMillis() / 1000.0);
        batch.addProperty("c", UC);
        batch.add("d", entries);
        return batch;
    }

    private static JsonObject entry(Oid oid, int status, String value, long counter) {
        JsonObject state = new JsonObject();
        state.addProperty("oid", oid.toString());
        state.addProperty("status", status);
        state.addProperty("value", value);
        JsonArray ieid = new JsonArray();
        ieid.add(uc().bootId() + BATCH_BOOT_OFFSET);
        ieid.add(counter);
        state.add("ieid", ieid);
        return state;
    }

    /**
     * An announcement one byte above the binding's limit (1 MiB) through the broker: whatever the broker does with it,
     * no channel shows it, the broker bridge stays ONLINE, and the next announcement arrives. A plain client without
     * that limit shows whether the broker forwarded it.
     */
    @Test
    void announcementAboveTheBindingsLimitIsDroppedAndTheBindingStaysOnline() throws Exception {
        EndToEndFixture e2e = start(Map.of());
        MqttTransport transport = e2e.handler(e2e.broker.getUID(), EvaBrokerHandler.class).transport();
        assertNotNull(transport);
        long dropsBefore = transport.oversizeDrops();
        List<ThingStatusInfo> before = List.copyOf(e2e.host.statuses(e2e.broker.getUID()));
        String topic = uc().topics().itemTopic(TEMP);
        String head = "{\"c\":\"" + UC + "\",\"status\":1,\"value\":\"oversize\",\"pad\":\"";
        byte[] oversize = utf8(head + "x".repeat(OVERSIZE - head.length() - 2) + "\"}");
        assertEquals(OVERSIZE, oversize.length);
        List<Integer> observed = new CopyOnWriteArrayList<>();

        String outcome;
        try (MqttTransport observer = new MqttTransport(
                MqttSettings.builder(BROKER.uri()).maxPayloadBytes(MqttSettings.MAX_PAYLOAD_LIMIT).build());
                MqttTransport publisher = new MqttTransport(MqttSettings.builder(BROKER.uri()).build())) {
            observer.start();
            publisher.start();
            observer.subscribe(topic, 1, (t, payload, retained) -> observed.add(payload.length)).get(WAIT_SECONDS,
                    TimeUnit.SECONDS);
            assertTrue(ThingHost.waitFor(() -> observer.isConnected() && publisher.isConnected(), LIMIT),
                    "observer and publisher connected");
            try {
                publisher.publish(topic, oversize, 1, false).get(WAIT_SECONDS, TimeUnit.SECONDS);
                outcome = "acknowledged";
            } catch (ExecutionException | TimeoutException e) {
                outcome = "not acknowledged (" + e + ")";
            }
            uc().setSensorValue(TEMP, "after-oversize");
            e2e.awaitLastState(e2e.temp, CHANNEL_VALUE_STRING, new StringType("after-oversize"));
            boolean forwarded = ThingHost.waitFor(() -> observed.contains(OVERSIZE), LIMIT);
            out().printf("%s%s | %,d B announcement: %s by the broker, %s; the binding %s it%n", TAG, broker(),
                    OVERSIZE, outcome, forwarded ? "forwarded" : "not forwarded",
                    transport.oversizeDrops() > dropsBefore ? "dropped" : "never saw");
            if (forwarded) {
                assertTrue(ThingHost.waitFor(() -> transport.oversizeDrops() > dropsBefore, LIMIT),
                        "the binding dropped it unread");
            }
        }
        assertFalse(e2e.host.states(EndToEndFixture.channel(e2e.temp, CHANNEL_VALUE_STRING))
                .contains(new StringType("oversize")));
        assertEquals(before, e2e.host.statuses(e2e.broker.getUID()), "the broker bridge never left ONLINE");
        assertTrue(transport.isConnected());
    }

    /**
     * p50 and p99 of encrypted {@code test} calls through the binding's RPC client, on the test broker (TCP_NODELAY
     * on) and on a second broker of the same kind with it off, where the broker has such a setting.
     */
    @Test
    void callLatencyWithTheBrokersNagleSettingOnAndOff() throws Exception {
        assertTrue(BROKER.broker().tcpNoDelay());
        CallLatency.Result on = CallLatency.measure(BROKER.uri(), UC, KEY_ID, KEY);
        out().printf("%s%s | test call, TCP_NODELAY on: %s%n", TAG, broker(), on);
        try (TestBroker off = TestBroker.options().tcpNoDelay(false).start()) {
            if (off.tcpNoDelay()) {
                out().printf("%s%s | test call, TCP_NODELAY off: no such setting (always on)%n", TAG, broker());
                return;
            }
            try (EvaSimulator controller = EvaSimulator.builder(off.uri()).controller(UC).key(KEY_ID, KEY).start()) {
                CallLatency.Result result = CallLatency.measure(off.uri(), UC, KEY_ID, KEY);
                out().printf("%s%s | test call, TCP_NODELAY off: %s%n", TAG, broker(), result);
            }
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
