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

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openhab.binding.evaics.internal.protocol.mqtt.TransportProbe.Message;
import org.openhab.binding.evaics.test.broker.BrokerExtension;
import org.openhab.binding.evaics.test.broker.TestBroker;

/**
 * {@link MqttTransport} on executors it is given, as in openHAB (pools of openHAB's {@code ThreadPoolManager}, built
 * here the way it builds them: a {@link ScheduledThreadPoolExecutor} of fixed size whose cancelled tasks leave the
 * queue, and whose shutdown a binding must never call).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class MqttTransportSharedPoolTest {

    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(TestBroker.options().tcpNoDelay(true));

    private static final AtomicInteger IDS = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int TRANSPORTS = 3;

    /** Counts the calls a binding must never make, and otherwise works on. */
    private static final class SharedPool extends ScheduledThreadPoolExecutor {
        final AtomicInteger shutdownCalls = new AtomicInteger();

        SharedPool(String name, int threads) {
            super(threads, new NamedThreads(name));
            setRemoveOnCancelPolicy(true);
            setKeepAliveTime(65, TimeUnit.SECONDS);
            allowCoreThreadTimeOut(true);
        }

        @Override
        public void shutdown() {
            shutdownCalls.incrementAndGet();
        }

        @Override
        @NonNullByDefault({})
        public List<Runnable> shutdownNow() {
            shutdownCalls.incrementAndGet();
            return List.of();
        }

        void reallyShutdown() {
            super.shutdownNow();
        }
    }

    private static final class NamedThreads implements java.util.concurrent.ThreadFactory {
        private final String name;
        private final AtomicInteger count = new AtomicInteger();

        NamedThreads(String name) {
            this.name = name;
        }

        @Override
        @NonNullByDefault({})
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }

    /** Like openHAB's thingHandler pool, shared with other bindings. */
    private final SharedPool scheduler = new SharedPool("shared-scheduler", 2);
    /** Like this binding's MQTT pool: four threads per connection and one to spare. */
    private final SharedPool pahoPool = new SharedPool("shared-paho",
            TRANSPORTS * MqttTransport.PAHO_THREADS_PER_CONNECTION + 1);
    private final List<MqttTransport> transports = new ArrayList<>();

    @AfterEach
    void tearDown() {
        transports.forEach(MqttTransport::close);
        scheduler.reallyShutdown();
        pahoPool.reallyShutdown();
    }

    private MqttTransport transport(String clientId, String uri, TransportProbe probe) {
        MqttTransport transport = new MqttTransport(MqttSettings.builder(uri).clientId(clientId).build(), scheduler,
                pahoPool);
        transports.add(transport);
        transport.addConnectionListener(probe);
        return transport;
    }

    @Test
    void closeNeverShutsTheSharedPoolsDownAndLeavesNoTaskOfItsOwn() throws Exception {
        String prefix = "shared" + IDS.incrementAndGet() + "x";
        TransportProbe probe = new TransportProbe();
        MqttTransport connected = transport(prefix + "up", BROKER.uri(), probe);
        connected.start();
        probe.await("connected");
        TransportProbe.await(connected.subscribe(prefix + "/echo", 1, probe));
        TransportProbe.await(connected.publish(prefix + "/echo", bytes("hello"), 1));
        assertEquals(new Message(prefix + "/echo", "hello", false), probe.awaitMessage());
        // and one that keeps failing: a reconnect, the attempt deadline and the reachability probe are timed
        TransportProbe failing = new TransportProbe();
        MqttTransport retrying = transport(prefix + "down", "tcp://127.0.0.1:" + freePort(), failing);
        retrying.start();
        failing.await("connectFailed");
        assertTrue(retrying.scheduledTasks() > 0, "a reconnect is timed");

        connected.close();
        retrying.close();
        failing.events.clear(); // heard before close() returned

        assertEquals(0, scheduler.shutdownCalls.get(), "shutdown calls on the scheduler");
        assertEquals(0, pahoPool.shutdownCalls.get(), "shutdown calls on the Paho pool");
        assertEquals(0, connected.scheduledTasks());
        assertEquals(0, retrying.scheduledTasks());
        awaitTrue("the scheduler's queue is empty", () -> scheduler.getQueue().isEmpty());
        awaitTrue("the Paho pool is idle", () -> pahoPool.getActiveCount() == 0 && pahoPool.getQueue().isEmpty());
        // Paho renamed the threads it ran on; their names are the pool's again
        MqttTransportTest.awaitNoThreads(prefix);
        assertEquals("still works", scheduler.submit(() -> "still works").get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals("still works", pahoPool.submit(() -> "still works").get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        Thread.sleep(TransportProbe.QUIET.toMillis());
        assertEquals(0, scheduler.getQueue().size(), "nothing scheduled after close");
        assertNull(failing.events.poll(), "nothing heard after close");
    }

    @Test
    void severalTransportsOnOnePoolConnectExchangeMessagesAndReconnect() throws Exception {
        String prefix = "pool" + IDS.incrementAndGet() + "x";
        List<TransportProbe> probes = new ArrayList<>();
        List<MqttTransport> started = new ArrayList<>();
        for (int i = 0; i < TRANSPORTS; i++) {
            TransportProbe probe = new TransportProbe();
            MqttTransport transport = transport(prefix + i, BROKER.uri(), probe);
            transport.subscribe(prefix + "/to/" + i, 1, probe);
            transport.start();
            probes.add(probe);
            started.add(transport);
        }
        for (TransportProbe probe : probes) {
            assertFalse(probe.await("connected").flag());
        }
        exchange(prefix, started, probes, "before");

        BROKER.restart();
        for (TransportProbe probe : probes) {
            assertTrue(probe.await("connected").flag(), "reconnected");
        }
        exchange(prefix, started, probes, "after");

        started.forEach(MqttTransport::close);
        assertEquals(0, scheduler.shutdownCalls.get() + pahoPool.shutdownCalls.get(), "shutdown calls");
        awaitTrue("the Paho pool is idle", () -> pahoPool.getActiveCount() == 0 && pahoPool.getQueue().isEmpty());
        MqttTransportTest.awaitNoThreads(prefix);
    }

    /**
     * openHAB's {@code ThreadPoolManager} makes a named scheduled pool of 5 threads; a broker bridge that is
     * re-initialised (configuration change) starts its new transport on the same pool while the old one, connected,
     * is closed in the background. The new client must connect all the same.
     */
    @Test
    void aReplacementConnectsOnAFiveThreadPoolWhileTheConnectedOneIsClosedInTheBackground() throws Exception {
        String prefix = "replace" + IDS.incrementAndGet() + "x";
        SharedPool openHabSized = new SharedPool("oh-sized-paho", 5);
        try {
            TransportProbe oldProbe = new TransportProbe();
            MqttTransport old = new MqttTransport(MqttSettings.builder(BROKER.uri()).clientId(prefix + "old").build(),
                    scheduler, openHabSized);
            transports.add(old);
            old.addConnectionListener(oldProbe);
            old.start();
            oldProbe.await("connected");

            TransportProbe newProbe = new TransportProbe();
            MqttTransport replacement = new MqttTransport(
                    MqttSettings.builder(BROKER.uri()).clientId(prefix + "new").build(), scheduler, openHabSized);
            transports.add(replacement);
            replacement.addConnectionListener(newProbe);
            replacement.start();
            // as EvaBrokerHandler.dispose does: the old transport is closed on the scheduler, after the new start
            scheduler.execute(old::close);

            assertFalse(newProbe.await("connected").flag(), "the replacement connected");
            TransportProbe.await(replacement.subscribe(prefix + "/echo", 1, newProbe));
            TransportProbe.await(replacement.publish(prefix + "/echo", bytes("hello"), 1));
            assertEquals(new Message(prefix + "/echo", "hello", false), newProbe.awaitMessage());
        } finally {
            transports.forEach(MqttTransport::close);
            openHabSized.reallyShutdown();
        }
    }

    /** Each transport sends to the next one, and each hears its message. */
    private static void exchange(String prefix, List<MqttTransport> transports, List<TransportProbe> probes,
            String text) {
        for (int i = 0; i < transports.size(); i++) {
            int to = (i + 1) % transports.size();
            TransportProbe.await(transports.get(i).publish(prefix + "/to/" + to, bytes(text + " from " + i), 1));
        }
        for (int i = 0; i < transports.size(); i++) {
            int from = (i + transports.size() - 1) % transports.size();
            assertEquals(new Message(prefix + "/to/" + i, text + " from " + from, false), probes.get(i).awaitMessage());
        }
    }

    private static void awaitTrue(String what, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not within " + WAIT + ": " + what);
            }
            Thread.sleep(20);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(TestBroker.HOST))) {
            return socket.getLocalPort();
        }
    }
}
