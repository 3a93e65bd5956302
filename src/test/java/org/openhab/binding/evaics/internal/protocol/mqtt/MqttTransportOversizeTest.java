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
package org.openhab.binding.evaics.internal.protocol.mqtt;

import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.evaics.test.StdStreams.out;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openhab.binding.evaics.internal.protocol.mqtt.TransportProbe.Message;
import org.openhab.binding.evaics.test.broker.BrokerExtension;
import org.openhab.binding.evaics.test.broker.TestBroker;

/**
 * Oversize messages through a real MQTT broker (issue 6 item 3): a PUBLISH above the transport's maximum payload is
 * reported to the listeners of its topic as dropped, never as a message; the connection stays up, the messages
 * around it arrive in order, and Paho's receiver thread does not allocate the payload.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class MqttTransportOversizeTest {

    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(TestBroker.options().tcpNoDelay(true));

    private static final int SMALL_LIMIT = 64 * 1024;
    private static final int HUGE = 32 * 1024 * 1024;
    /**
     * What the receiver thread may allocate meanwhile, as a fraction of the payload: well below all of it, as with TLS
     * the JDK allocates a little per decrypted record (about a tenth of the payload over the whole message).
     */
    private static final int RECEIVER_ALLOCATION_DIVISOR = 4;
    private static final String PAHO_RECEIVER_THREAD_PREFIX = "MQTT Rec: ";

    private final List<MqttTransport> transports = new ArrayList<>();

    @AfterEach
    void closeTransports() {
        transports.forEach(MqttTransport::close);
    }

    static MqttTransport connected(String uri, TransportProbe probe, UnaryOperator<MqttSettings.Builder> options,
            List<MqttTransport> transports) {
        MqttTransport transport = new MqttTransport(options.apply(MqttSettings.builder(uri)).build());
        transports.add(transport);
        transport.addConnectionListener(probe);
        transport.start();
        probe.await("connected");
        return transport;
    }

    private static byte[] filled(int size) {
        byte[] payload = new byte[size];
        Arrays.fill(payload, (byte) 'x');
        return payload;
    }

    @Test
    void anOversizeMessageIsReportedAsDroppedAndTheConnectionStaysUp() {
        TransportProbe probe = new TransportProbe();
        MqttTransport receiver = connected(BROKER.uri(), probe, b -> b.maxPayloadBytes(SMALL_LIMIT), transports);
        TransportProbe.await(receiver.subscribe("big/#", 1, probe));
        MqttTransport sender = connected(BROKER.uri(), new TransportProbe(), b -> b, transports);

        TransportProbe.await(sender.publish("big/before", TransportProbe.bytes("before"), 1));
        TransportProbe.await(sender.publish("big/qos1", filled(SMALL_LIMIT + 1), 1));
        TransportProbe.await(sender.publish("big/qos0", filled(SMALL_LIMIT * 4), 0));
        TransportProbe.await(sender.publish("big/limit", filled(SMALL_LIMIT), 1));
        TransportProbe.await(sender.publish("big/after", TransportProbe.bytes("after"), 1));

        assertEquals(new Message("big/before", "before", false), probe.awaitMessage());
        assertEquals(new Message("big/limit", new String(filled(SMALL_LIMIT)), false), probe.awaitMessage());
        assertEquals(new Message("big/after", "after", false), probe.awaitMessage());
        assertEquals(new Message("big/qos1", Integer.toString(SMALL_LIMIT + 1), false), probe.awaitOversize());
        assertEquals(new Message("big/qos0", Integer.toString(SMALL_LIMIT * 4), false), probe.awaitOversize());
        assertEquals(2, receiver.oversizeDrops());
        assertTrue(receiver.isConnected());
        assertEquals(List.of(), probe.events.stream().filter(e -> !"connected".equals(e.kind())).toList(),
                "no connection event");
    }

    @Test
    void onlyTheListenersOfTheTopicHearOfADrop() {
        TransportProbe matching = new TransportProbe();
        TransportProbe other = new TransportProbe();
        MqttTransport receiver = connected(BROKER.uri(), new TransportProbe(), b -> b.maxPayloadBytes(SMALL_LIMIT),
                transports);
        TransportProbe.await(receiver.subscribe("drop/+/x", 1, matching));
        TransportProbe.await(receiver.subscribe("drop/other", 1, other));
        MqttTransport sender = connected(BROKER.uri(), new TransportProbe(), b -> b, transports);

        TransportProbe.await(sender.publish("drop/a/x", filled(SMALL_LIMIT + 10), 1));
        TransportProbe.await(sender.publish("drop/other", TransportProbe.bytes("fine"), 1));

        assertEquals(new Message("drop/a/x", Integer.toString(SMALL_LIMIT + 10), false), matching.awaitOversize());
        assertEquals(new Message("drop/other", "fine", false), other.awaitMessage());
        assertEquals(List.of(), TransportProbe.drain(other.oversize));
        assertEquals(List.of(), TransportProbe.drain(matching.messages));
    }

    @Test
    void theReceiverThreadDoesNotReadAnOversizePayloadIntoMemory() {
        TransportProbe probe = new TransportProbe();
        MqttTransport receiver = connected(BROKER.uri(), probe, b -> b.clientId("oversize-rx"), transports);
        TransportProbe.await(receiver.subscribe("huge/#", 1, probe));
        MqttTransport sender = connected(BROKER.uri(), new TransportProbe(), b -> b, transports);
        TransportProbe.await(sender.publish("huge/warm", TransportProbe.bytes("warm"), 1));
        probe.awaitMessage("huge/warm");

        assertReceiverAllocatesLittle("oversize-rx", HUGE, () -> {
            TransportProbe.await(sender.publish("huge/big", filled(HUGE), 1));
            TransportProbe.await(sender.publish("huge/after", TransportProbe.bytes("after"), 1));
            assertEquals(new Message("huge/big", Integer.toString(HUGE), false), probe.awaitOversize());
            probe.awaitMessage("huge/after");
        });
    }

    /**
     * Runs {@code action}, which sends and awaits a message of {@code payloadBytes}, and checks what Paho's receiver
     * thread of {@code clientId} allocated meanwhile.
     */
    static void assertReceiverAllocatesLittle(String clientId, int payloadBytes, Runnable action) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
                .getThreadMXBean();
        // the id as the management interface reports it (Thread.getId() is deprecated from Java 19 on)
        long receiverThread = Arrays.stream(threads.dumpAllThreads(false, false))
                .filter(t -> (PAHO_RECEIVER_THREAD_PREFIX + clientId).equals(t.getThreadName())).findFirst()
                .orElseThrow(() -> new AssertionError("no Paho receiver thread for " + clientId)).getThreadId();
        long before = threads.getThreadAllocatedBytes(receiverThread);
        action.run();
        long allocated = threads.getThreadAllocatedBytes(receiverThread) - before;
        out().println("Paho receiver thread allocated " + allocated + " bytes around a " + payloadBytes
                + "-byte message");
        assertTrue(allocated < payloadBytes / RECEIVER_ALLOCATION_DIVISOR,
                "the receiver thread allocated " + allocated + " bytes for a message of " + payloadBytes);
    }
}
