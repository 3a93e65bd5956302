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
import static org.openhab.binding.evaics.internal.protocol.mqtt.TransportProbe.bytes;
import static org.openhab.binding.evaics.test.StdStreams.out;
import static org.openhab.binding.evaics.test.Thrown.messageOf;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttTransportException.Reason;
import org.openhab.binding.evaics.internal.protocol.mqtt.TransportProbe.Message;
import org.openhab.binding.evaics.test.broker.BrokerExtension;
import org.openhab.binding.evaics.test.broker.NeedsMosquitto;
import org.openhab.binding.evaics.test.broker.TestBroker;

/**
 * {@link MqttTransport} against a real MQTT broker: publishing and subscribing, routing, reconnects with
 * subscription restore, failure reporting, socket options and resource release.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class MqttTransportTest {

    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(TestBroker.options().tcpNoDelay(true));

    private static final int CYCLES = 20;
    private static final int CONCURRENT_PUBLISHES = 200;
    private static final Duration THREAD_EXIT_WAIT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(20);
    private static final AtomicInteger IDS = new AtomicInteger();

    private final List<MqttTransport> transports = new ArrayList<>();
    private String prefix = "";

    @BeforeEach
    void uniquePrefix(TestInfo info) {
        prefix = "t" + IDS.incrementAndGet() + "-" + info.getTestMethod().map(m -> m.getName()).orElse("");
    }

    @AfterEach
    void closeTransports() {
        transports.forEach(MqttTransport::close);
    }

    private MqttTransport transport(UnaryOperator<MqttSettings.Builder> options, TransportProbe probe) {
        MqttTransport transport = new MqttTransport(options.apply(MqttSettings.builder(BROKER.uri())).build());
        transports.add(transport);
        transport.addConnectionListener(probe);
        return transport;
    }

    private MqttTransport connected(TransportProbe probe) {
        MqttTransport transport = transport(b -> b, probe);
        transport.start();
        assertFalse(probe.await("connected").flag(), "first connection is not a reconnect");
        assertTrue(transport.isConnected());
        return transport;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(TestBroker.HOST))) {
            return socket.getLocalPort();
        }
    }

    @Test
    void messageRoundTripAtQos0() {
        TransportProbe probe = new TransportProbe();
        MqttTransport transport = connected(probe);
        TransportProbe.await(transport.subscribe(prefix + "/a", 0, probe));

        TransportProbe.await(transport.publish(prefix + "/a", bytes("zero"), 0));

        assertEquals(new Message(prefix + "/a", "zero", false), probe.awaitMessage());
    }

    @Test
    void messageRoundTripAtQos1() {
        TransportProbe probe = new TransportProbe();
        MqttTransport transport = connected(probe);
        TransportProbe.await(transport.subscribe(prefix + "/a", 1, probe));

        TransportProbe.await(transport.publish(prefix + "/a", bytes("one"), 1, false));

        assertEquals(new Message(prefix + "/a", "one", false), probe.awaitMessage());
    }

    @Test
    @NeedsMosquitto(NeedsMosquitto.RETAIN_FLAG)
    void retainedMessageReachesALaterSubscriberFlaggedRetained() {
        MqttTransport publisher = connected(new TransportProbe());
        TransportProbe.await(publisher.publish(prefix + "/state", bytes("on"), 1, true));

        TransportProbe probe = new TransportProbe();
        MqttTransport subscriber = connected(probe);
        TransportProbe.await(subscriber.subscribe(prefix + "/state", 1, probe));

        assertEquals(new Message(prefix + "/state", "on", true), probe.awaitMessage());
        TransportProbe.await(publisher.publish(prefix + "/state", new byte[0], 1, true)); // clears it
    }

    @Test
    void publishWithoutRetainFlagIsNotRetained() {
        MqttTransport publisher = connected(new TransportProbe());
        TransportProbe.await(publisher.publish(prefix + "/request", bytes("call"), 1));

        TransportProbe probe = new TransportProbe();
        MqttTransport subscriber = connected(probe);
        TransportProbe.await(subscriber.subscribe(prefix + "/#", 1, probe));
        TransportProbe.await(publisher.publish(prefix + "/sentinel", bytes("live"), 1));

        assertEquals(new Message(prefix + "/sentinel", "live", false), probe.awaitMessage());
    }

    @Test
    void wildcardAndOverlappingFiltersRouteToEveryMatchingListener() {
        TransportProbe all = new TransportProbe();
        TransportProbe unitPlus = new TransportProbe();
        TransportProbe exact = new TransportProbe();
        TransportProbe anySpace = new TransportProbe();
        MqttTransport transport = connected(new TransportProbe());
        TransportProbe.await(transport.subscribe(prefix + "/#", 1, all));
        TransportProbe.await(transport.subscribe(prefix + "/unit/+", 1, unitPlus));
        TransportProbe.await(transport.subscribe(prefix + "/unit/lamp", 1, exact));
        TransportProbe.await(transport.subscribe("+/unit/g/#", 1, anySpace));

        for (String topic : List.of("/unit/lamp", "/unit/g/lamp", "/unit/switch", "/sensor/t", "/unit", "/end")) {
            TransportProbe.await(transport.publish(prefix + topic, bytes(topic), 1));
        }
        all.awaitMessage(prefix + "/unit/lamp");
        all.awaitMessage(prefix + "/unit/g/lamp");
        all.awaitMessage(prefix + "/unit/switch");
        all.awaitMessage(prefix + "/sensor/t");
        all.awaitMessage(prefix + "/unit");
        all.awaitMessage(prefix + "/end");

        // every listener of a message is called before the next message is routed
        assertEquals(List.of(prefix + "/unit/lamp", prefix + "/unit/switch"), topics(unitPlus));
        assertEquals(List.of(prefix + "/unit/lamp"), topics(exact));
        assertEquals(List.of(prefix + "/unit/g/lamp"), topics(anySpace));
    }

    private static List<String> topics(TransportProbe probe) {
        return TransportProbe.drain(probe.messages).stream().map(Message::topic).collect(Collectors.toList());
    }

    @Test
    void spacePrefixedSubscriptionsSeeOnlyTheirSpace() {
        String space = prefix + "-plant1";
        TransportProbe spaced = new TransportProbe();
        TransportProbe unspaced = new TransportProbe();
        MqttTransport transport = connected(new TransportProbe());
        TransportProbe.await(transport.subscribe(space + "/unit/#", 1, spaced));
        TransportProbe.await(transport.subscribe("unit/" + prefix + "/#", 1, unspaced));

        TransportProbe.await(transport.publish("unit/" + prefix + "/lamp", bytes("no space"), 1));
        TransportProbe.await(transport.publish(space + "/unit/" + prefix + "/lamp", bytes("space"), 1));

        assertEquals(new Message(space + "/unit/" + prefix + "/lamp", "space", false), spaced.awaitMessage());
        assertEquals(new Message("unit/" + prefix + "/lamp", "no space", false), unspaced.awaitMessage());
        spaced.assertNoMoreMessages();
        unspaced.assertNoMoreMessages();
    }

    @Test
    void listenersSharingAFilterAreUnsubscribedOneByOne() {
        TransportProbe first = new TransportProbe();
        TransportProbe second = new TransportProbe();
        TransportProbe sentinel = new TransportProbe();
        MqttTransport transport = connected(new TransportProbe());
        TransportProbe.await(transport.subscribe(prefix + "/x", 1, first));
        TransportProbe.await(transport.subscribe(prefix + "/x", 1, second));
        TransportProbe.await(transport.subscribe(prefix + "/sentinel", 1, sentinel));

        TransportProbe.await(transport.publish(prefix + "/x", bytes("1"), 1));
        first.awaitMessage(prefix + "/x");
        second.awaitMessage(prefix + "/x");

        TransportProbe.await(transport.unsubscribe(prefix + "/x", first));
        TransportProbe.await(transport.publish(prefix + "/x", bytes("2"), 1));
        assertEquals("2", second.awaitMessage(prefix + "/x").payload());

        TransportProbe.await(transport.unsubscribe(prefix + "/x", second));
        TransportProbe.await(transport.publish(prefix + "/x", bytes("3"), 1));
        TransportProbe.await(transport.publish(prefix + "/sentinel", bytes("after"), 1));
        sentinel.awaitMessage(prefix + "/sentinel");
        assertEquals(List.of(), TransportProbe.drain(first.messages));
        assertEquals(List.of(), TransportProbe.drain(second.messages));
    }

    @Test
    void aThrowingListenerNeitherDropsTheConnectionNorStopsOtherListeners() {
        TransportProbe probe = new TransportProbe();
        TransportProbe good = new TransportProbe();
        MqttTransport transport = connected(probe);
        TransportProbe.await(transport.subscribe(prefix + "/t", 1, (topic, payload, retained) -> {
            throw new IllegalStateException("listener bug");
        }));
        TransportProbe.await(transport.subscribe(prefix + "/t", 1, good));

        TransportProbe.await(transport.publish(prefix + "/t", bytes("1"), 1));
        TransportProbe.await(transport.publish(prefix + "/t", bytes("2"), 1));

        assertEquals("1", good.awaitMessage().payload());
        assertEquals("2", good.awaitMessage().payload());
        assertTrue(transport.isConnected());
        assertTrue(probe.events.stream().noneMatch(e -> e.kind().equals("connectionLost")), probe.events::toString);
    }

    @Test
    void publishWhileDisconnectedFailsAtOnceWithoutQueueing() throws IOException {
        TransportProbe probe = new TransportProbe();
        MqttTransport transport = new MqttTransport(
                MqttSettings.builder("tcp://127.0.0.1:" + freePort()).build());
        transports.add(transport);
        assertEquals(Reason.NOT_CONNECTED, TransportProbe.failure(transport.publish("a/b", bytes("x"), 1), true)
                .reason(), "before start");

        transport.addConnectionListener(probe);
        transport.start();
        probe.await("connectFailed");
        MqttTransportException failure = TransportProbe.failure(transport.publish("a/b", bytes("x"), 1), true);
        assertEquals(Reason.NOT_CONNECTED, failure.reason());
        assertTrue(messageOf(failure).contains("not connected"), messageOf(failure));
        assertFalse(transport.isConnected());
    }

    @Test
    void publishAndSubscribeAfterCloseFailAtOnce() {
        MqttTransport transport = connected(new TransportProbe());
        transport.close();
        assertFalse(transport.isConnected());
        assertEquals(Reason.CLOSED, TransportProbe.failure(transport.publish("a/b", bytes("x"), 1), true).reason());
        assertEquals(Reason.CLOSED,
                TransportProbe.failure(transport.subscribe("a/b", 1, new TransportProbe()), true).reason());
        assertThrows(IllegalStateException.class, transport::start);
        transport.close(); // idempotent
    }

    @Test
    void closeFailsSubscriptionsStillWaitingForABroker() throws IOException {
        TransportProbe probe = new TransportProbe();
        MqttTransport transport = new MqttTransport(
                MqttSettings.builder("tcp://127.0.0.1:" + freePort()).build());
        transports.add(transport);
        transport.addConnectionListener(probe);
        transport.start();
        CompletableFuture<@Nullable Void> subscription = transport.subscribe("a/#", 1, probe);
        probe.await("connectFailed");
        assertFalse(subscription.isDone());

        transport.close();

        assertEquals(Reason.CLOSED, TransportProbe.failure(subscription, true).reason());
    }

    @Test
    void invalidArgumentsAreRejectedAtOnce() {
        MqttTransport transport = connected(new TransportProbe());
        TransportProbe listener = new TransportProbe();
        assertThrows(IllegalArgumentException.class, () -> transport.subscribe("a/#/b", 1, listener));
        assertThrows(IllegalArgumentException.class, () -> transport.subscribe("a/b", 3, listener));
        assertThrows(IllegalArgumentException.class, () -> transport.publish("a/+", bytes("x"), 1));
        assertThrows(IllegalArgumentException.class, () -> transport.publish("a/b", bytes("x"), -1));
    }

    @Test
    void connectFailuresAreReportedWithAReasonAndRetried() throws IOException {
        TransportProbe probe = new TransportProbe();
        MqttTransport transport = new MqttTransport(
                MqttSettings.builder("tcp://127.0.0.1:" + freePort()).build());
        transports.add(transport);
        transport.addConnectionListener(probe);
        transport.start();

        TransportProbe.Event first = probe.await("connectFailed");
        TransportProbe.Event second = probe.await("connectFailed");

        out().println("connect failure reason: " + first.detail());
        assertFalse(first.flag(), "not an authentication problem");
        assertFalse(second.flag());
        assertTrue(first.detail().toLowerCase().contains("connect"), first.detail());
    }

    @Test
    void subscriptionsAreRestoredWhenTheBrokerComesBackOnTheSamePort() {
        TransportProbe probe = new TransportProbe();
        MqttTransport transport = connected(probe);
        TransportProbe.await(transport.subscribe(prefix + "/kept/#", 1, probe));

        BROKER.stop();
        assertFalse(probe.await("connectionLost").detail().isEmpty());
        assertFalse(transport.isConnected());
        assertEquals(Reason.NOT_CONNECTED,
                TransportProbe.failure(transport.publish(prefix + "/kept/x", bytes("lost"), 1), true).reason());
        CompletableFuture<@Nullable Void> addedWhileDown = transport.subscribe(prefix + "/added", 1, probe);
        probe.await("connectFailed"); // retrying while the broker is away
        assertFalse(addedWhileDown.isDone());

        BROKER.start();
        long brokerBack = System.nanoTime();
        assertTrue(probe.await("connected").flag(), "reported as reconnect");
        long reconnectMillis = (System.nanoTime() - brokerBack) / 1_000_000;
        out().println("reconnected and restored subscriptions " + reconnectMillis
                + " ms after the broker listened again");
        assertTrue(transport.isConnected());
        TransportProbe.await(addedWhileDown);

        MqttTransport other = connected(new TransportProbe());
        TransportProbe.await(other.publish(prefix + "/kept/x", bytes("restored"), 1));
        TransportProbe.await(other.publish(prefix + "/added", bytes("new"), 1));
        assertEquals(new Message(prefix + "/kept/x", "restored", false), probe.awaitMessage());
        assertEquals(new Message(prefix + "/added", "new", false), probe.awaitMessage());
    }

    @Test
    void manyConcurrentQos1PublishesAllComplete() {
        TransportProbe probe = new TransportProbe();
        MqttTransport transport = connected(probe);
        TransportProbe.await(transport.subscribe(prefix + "/n", 1, probe));

        List<CompletableFuture<@Nullable Void>> publishes = new ArrayList<>();
        for (int i = 0; i < CONCURRENT_PUBLISHES; i++) {
            publishes.add(transport.publish(prefix + "/n", bytes(Integer.toString(i)), 1));
        }

        TransportProbe.await(CompletableFuture.allOf(publishes.toArray(new CompletableFuture<?>[0])));
        for (int i = 0; i < CONCURRENT_PUBLISHES; i++) {
            assertEquals(Integer.toString(i), probe.awaitMessage().payload());
        }
    }

    @Test
    void tcpNoDelayIsSetOnTheClientSocket() {
        MqttTransport transport = connected(new TransportProbe());
        assertTrue(tcpNoDelay(transport));
    }

    @Test
    void plainTcpInputIsReadThroughABufferedSocket() {
        MqttTransport transport = connected(new TransportProbe());
        assertInstanceOf(BufferedInputSocketFactory.BufferedInputSocket.class,
                ((SocketTracker) transport.socketFactory()).lastSocket());
    }

    @Test
    void tcpNoDelayStaysOffWhenDisabled() {
        TransportProbe probe = new TransportProbe();
        MqttTransport transport = transport(b -> b.tcpNoDelay(false), probe);
        transport.start();
        probe.await("connected");
        assertFalse(tcpNoDelay(transport));
    }

    static boolean tcpNoDelay(MqttTransport transport) {
        Socket socket = ((SocketTracker) transport.socketFactory()).lastSocket();
        assertNotNull(socket, "the transport's factory made the socket");
        assertTrue(socket.isConnected() && !socket.isClosed());
        try {
            return socket.getTcpNoDelay();
        } catch (IOException e) {
            return fail(e);
        }
    }

    @Test
    void twentyStartCloseCyclesLeaveNoThreadsBehind() throws InterruptedException {
        String clientPrefix = "leakcheck" + IDS.incrementAndGet() + "x";
        assertEquals(Set.of(), threadsOf(clientPrefix));
        for (int i = 0; i < CYCLES; i++) {
            TransportProbe probe = new TransportProbe();
            MqttTransport transport = transport(b -> b.clientId(clientPrefix + "c" + probe.hashCode()), probe);
            transport.start();
            TransportProbe.await(transport.subscribe(prefix + "/cycle", 1, probe));
            if (i % 2 == 0) {
                probe.await("connected"); // odd cycles close while connecting or just connected
            }
            transport.close();
        }
        awaitNoThreads(clientPrefix);
    }

    @Test
    void closeFromAMessageListenerReleasesEverything() throws InterruptedException {
        String clientId = "closeinlistener" + IDS.incrementAndGet();
        TransportProbe probe = new TransportProbe();
        MqttTransport transport = transport(b -> b.clientId(clientId), probe);
        transport.start();
        probe.await("connected");
        MqttMessageListener closer = (topic, payload, retained) -> transport.close();
        TransportProbe.await(transport.subscribe(prefix + "/close", 1, closer));

        // not awaited: the PUBACK may come after the close, which then fails the future
        transport.publish(prefix + "/close", bytes("bye"), 1);

        awaitNoThreads(clientId);
        assertFalse(transport.isConnected());
    }

    @Test
    void closeFromAConnectionListenerReleasesEverything() throws InterruptedException, IOException {
        String clientId = "closeinevent" + IDS.incrementAndGet();
        MqttTransport transport = new MqttTransport(
                MqttSettings.builder("tcp://127.0.0.1:" + freePort()).clientId(clientId).build());
        transports.add(transport);
        List<Boolean> interrupted = new java.util.concurrent.CopyOnWriteArrayList<>();
        transport.addConnectionListener(new MqttConnectionListener() {
            @Override
            public void connectFailed(String reason, boolean authenticationRefused) {
                transport.close();
                interrupted.add(Thread.currentThread().isInterrupted());
            }
        });
        transport.start();

        awaitNoThreads(clientId);
        assertEquals(List.of(false), interrupted, "closed once, without interrupting the listener");
    }

    static void awaitNoThreads(String clientPrefix) throws InterruptedException {
        long deadline = System.nanoTime() + THREAD_EXIT_WAIT.toNanos();
        Set<String> left = threadsOf(clientPrefix);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
            left = threadsOf(clientPrefix);
        }
        assertEquals(Set.of(), left, "threads left behind");
    }

    /** Live threads of transports whose client id starts with the prefix (Paho's and ours carry the id). */
    private static Set<String> threadsOf(String clientPrefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.contains(clientPrefix)).collect(Collectors.toSet());
    }
}
