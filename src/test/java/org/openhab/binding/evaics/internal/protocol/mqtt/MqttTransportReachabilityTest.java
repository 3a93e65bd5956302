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

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

import javax.net.ssl.SSLHandshakeException;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openhab.binding.evaics.test.broker.BrokerExtension;
import org.openhab.binding.evaics.test.broker.TestBroker;

/**
 * The reachability probe of {@link MqttTransport} (issue 6 item 1: back within 2 s of the broker's return, also
 * after a long outage) against real MQTT brokers on 127.0.0.1: a broker that was away long enough for the
 * backoff to grow is reconnected to about a second after it listens again; a broker that accepts TCP but refuses
 * the MQTT connection is not probed and not tried faster than the backoff; probing ends with {@link
 * MqttTransport#close()}.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class MqttTransportReachabilityTest {

    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(TestBroker.options().tcpNoDelay(true));

    @RegisterExtension
    static final BrokerExtension PASSWORD_BROKER = new BrokerExtension(
            TestBroker.options().allowAnonymous(false).user("openhab", "right"));

    /** Issue 6: the reconnect comes within 2 s of the broker's return. */
    private static final Duration RECONNECT_PROMISE = Duration.ofSeconds(2);
    /** The backoff of the long-outage test: from 1 s up to the binding's default cap. */
    private static final Duration MIN_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_DELAY = Duration.ofSeconds(30);
    /**
     * Failed attempts while the broker is away: after the fourth the next delay is 8 to 16 s (1, 2, 4, 8 s doubling,
     * up to half cut off), so without the probe the reconnect comes at least 8 s after the failure.
     */
    private static final int FAILED_ATTEMPTS_IN_OUTAGE = 4;
    /**
     * How long attempts against a refusing broker are counted. With 1 s doubling and at most half of each delay cut
     * off, attempts come at the earliest at 0, 1, 2, 4 and 8 s: at most four fit into the window. Probing would
     * make one about every second.
     */
    private static final Duration REFUSAL_WINDOW = Duration.ofMillis(6500);
    private static final int MAX_ATTEMPTS_IN_REFUSAL_WINDOW = 4;
    /** A long first delay keeps the probing going while the close test looks at it. */
    private static final Duration LONG_MIN_DELAY = Duration.ofSeconds(4);
    /** More than a probe interval: a probe still running after close would be seen. */
    private static final Duration AFTER_CLOSE = Duration.ofMillis(1500);
    /** Connections that fill a listener's accept queue so that further SYNs are dropped; bounded. */
    private static final int MAX_FILLER_CONNECTIONS = 8;
    private static final int FILLER_CONNECT_TIMEOUT_MILLIS = 300;
    private static final Duration WAIT = TransportProbe.TIMEOUT;
    private static final Duration POLL = Duration.ofMillis(20);
    private static final AtomicInteger IDS = new AtomicInteger();

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeResources() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private MqttTransport transport(String uri, UnaryOperator<MqttSettings.Builder> options, TransportProbe probe) {
        MqttTransport transport = new MqttTransport(options.apply(MqttSettings.builder(uri)).build());
        resources.add(transport);
        transport.addConnectionListener(probe);
        return transport;
    }

    @Test
    void reconnectsWithinTwoSecondsOfTheBrokersReturnAfterALongOutage() {
        TransportProbe probe = new TransportProbe();
        MqttTransport transport = transport(BROKER.uri(),
                b -> b.reconnectMinDelay(MIN_DELAY).reconnectMaxDelay(MAX_DELAY), probe);
        transport.start();
        probe.await("connected");

        BROKER.stop();
        long down = System.nanoTime();
        probe.await("connectionLost");
        for (int i = 0; i < FAILED_ATTEMPTS_IN_OUTAGE; i++) {
            probe.await("connectFailed");
        }
        assertTrue(transport.isProbing(), "the broker was not there: probing while the backoff waits");

        BROKER.start(); // returns once the broker accepts connections
        long back = System.nanoTime();
        assertTrue(probe.await("connected").flag());
        long reconnectMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back);
        out().printf("after a %d ms outage (%d failed attempts): connected again %d ms after the broker"
                + " listened%n", TimeUnit.NANOSECONDS.toMillis(back - down), FAILED_ATTEMPTS_IN_OUTAGE,
                reconnectMillis);
        assertTrue(reconnectMillis < RECONNECT_PROMISE.toMillis(), "reconnected after " + reconnectMillis + " ms");
        assertTrue(transport.isConnected());
        assertFalse(transport.isProbing());
        assertFalse(transport.probeSocketOpen());
    }

    @Test
    void aBrokerThatRefusesTheMqttConnectIsNotProbedNorTriedFasterThanTheBackoff() {
        TransportProbe probe = new TransportProbe();
        MqttTransport transport = transport(PASSWORD_BROKER.uri(), b -> b.username("openhab").password("wrong")
                .reconnectMinDelay(MIN_DELAY).reconnectMaxDelay(MAX_DELAY), probe);
        long start = System.nanoTime();
        transport.start();
        assertTrue(probe.await("connectFailed").flag(), "refused by the broker, not unreachable");

        sleepUntil(start + REFUSAL_WINDOW.toNanos());

        int attempts = transport.connectAttempts();
        out().println("attempts against a refusing broker within " + REFUSAL_WINDOW.toMillis() + " ms: "
                + attempts + ", probes: " + transport.probesStarted());
        assertEquals(0, transport.probesStarted(), "a broker that answers is not probed");
        assertTrue(attempts >= 2, "still retried: " + attempts);
        assertTrue(attempts <= MAX_ATTEMPTS_IN_REFUSAL_WINDOW, "attempts in the window: " + attempts);
    }

    @Test
    void aRefusedConnectionIsProbedWithoutExtraAttempts() throws IOException {
        TransportProbe probe = new TransportProbe();
        MqttTransport transport = transport(closedPortUri(),
                b -> b.reconnectMinDelay(LONG_MIN_DELAY).reconnectMaxDelay(MAX_DELAY), probe);
        transport.start();
        assertFalse(probe.await("connectFailed").flag());

        await("two probes", () -> transport.probesStarted() >= 2);

        assertEquals(1, transport.connectAttempts(), "a refused probe does not trigger an attempt");
        assertTrue(transport.isProbing());
    }

    @Test
    void aZeroProbeIntervalTurnsProbingOff() throws IOException {
        TransportProbe probe = new TransportProbe();
        MqttTransport transport = transport(closedPortUri(), b -> b.reconnectMinDelay(LONG_MIN_DELAY)
                .reconnectMaxDelay(MAX_DELAY).reachabilityProbeInterval(Duration.ZERO), probe);
        transport.start();
        probe.await("connectFailed");

        sleepUntil(System.nanoTime() + AFTER_CLOSE.toNanos());

        assertFalse(transport.isProbing());
        assertEquals(0, transport.probesStarted());
    }

    @Test
    void closeWhileProbingLeavesNoProbeSocketOrThreadBehind() throws Exception {
        // a listener whose accept queue is full drops every further SYN: connects time out, as to a lost host
        ServerSocket silent = new ServerSocket(0, 1, InetAddress.getByName(TestBroker.HOST));
        resources.add(silent);
        fillAcceptQueue(silent);
        String clientId = "probeclose" + IDS.incrementAndGet();
        TransportProbe probe = new TransportProbe();
        MqttTransport transport = transport("tcp://" + TestBroker.HOST + ":" + silent.getLocalPort(),
                b -> b.clientId(clientId).connectTimeoutSeconds(1).reconnectMinDelay(LONG_MIN_DELAY)
                        .reconnectMaxDelay(MAX_DELAY),
                probe);
        transport.start();
        String reason = probe.await("connectFailed").detail();
        out().println("connect to a port that does not answer: " + reason);
        await("a probe in flight", transport::probeInFlight);

        transport.close();

        assertFalse(transport.isProbing());
        assertFalse(transport.probeInFlight());
        assertFalse(transport.probeSocketOpen(), "the probe's socket is closed");
        int probes = transport.probesStarted();
        sleepUntil(System.nanoTime() + AFTER_CLOSE.toNanos());
        assertEquals(probes, transport.probesStarted(), "no probe after close");
        MqttTransportTest.awaitNoThreads(clientId);
    }

    @Test
    void onlyFailuresBeforeTcpConnectedCountAsTheBrokerBeingAway() {
        // what Paho 1.2.5 reports: a refused connection wrapped with its reason code, other I/O errors as a client
        // exception around the cause
        assertTrue(MqttTransport.isTcpConnectFailure(new MqttException(MqttException.REASON_CODE_SERVER_CONNECT_ERROR,
                new ConnectException("Connection refused"))));
        assertTrue(MqttTransport.isTcpConnectFailure(new MqttException(new NoRouteToHostException("No route"))));
        assertTrue(MqttTransport
                .isTcpConnectFailure(new MqttException(new SocketTimeoutException("Connect timed out"))));

        assertFalse(MqttTransport.isTcpConnectFailure(new MqttException(MqttException.REASON_CODE_NOT_AUTHORIZED)));
        assertFalse(MqttTransport.isTcpConnectFailure(
                new MqttException(MqttException.REASON_CODE_FAILED_AUTHENTICATION)));
        assertFalse(MqttTransport.isTcpConnectFailure(
                new MqttException(MqttException.REASON_CODE_CONNECTION_LOST, new EOFException())));
        assertFalse(MqttTransport.isTcpConnectFailure(new MqttException(new SSLHandshakeException("bad cert"))));
        assertFalse(MqttTransport.isTcpConnectFailure(new MqttException(new UnknownHostException("nohost"))));
        assertFalse(MqttTransport.isTcpConnectFailure(null));
    }

    /** A port on 127.0.0.1 where nothing listens: connects are refused. */
    private static String closedPortUri() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(TestBroker.HOST))) {
            return "tcp://" + TestBroker.HOST + ":" + socket.getLocalPort();
        }
    }

    /** Connects to the never accepting listener until a connect times out: its queue is full. */
    private void fillAcceptQueue(ServerSocket listener) throws IOException {
        for (int i = 0; i < MAX_FILLER_CONNECTIONS; i++) {
            Socket filler = new Socket();
            resources.add(filler);
            try {
                filler.connect(new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort()),
                        FILLER_CONNECT_TIMEOUT_MILLIS);
            } catch (SocketTimeoutException full) {
                return;
            }
        }
        fail("the accept queue of " + listener + " did not fill up");
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not within " + WAIT + ": " + what);
            }
            sleepUntil(System.nanoTime() + POLL.toNanos());
        }
    }

    private static void sleepUntil(long nanoTime) {
        long left = nanoTime - System.nanoTime();
        while (left > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
            left = nanoTime - System.nanoTime();
        }
    }
}
