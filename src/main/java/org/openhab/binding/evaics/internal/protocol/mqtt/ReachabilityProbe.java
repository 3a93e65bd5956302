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

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reachability probe of an {@link MqttTransport} (issue 6 item 1: "reconnects within 2 s of the broker's
 * return", also after a long outage, when the reconnect backoff has grown towards its cap; see the transport's class
 * comment for when it runs).
 * <p>
 * While it runs, the broker's host and port are tried with a plain TCP connect (no TLS, no MQTT) every interval,
 * less up to {@link #JITTER_FRACTION} at random, each given {@link #CONNECT_TIMEOUT_MILLIS} at most and closed at
 * once. The connects are non-blocking and looked at by the transport's scheduler (its {@link SerialExecutor}, one
 * task at a time) every {@link #POLL_MILLIS}: no thread waits on one, and there is never more than one at a time.
 * When one connects, the transport is told and the run ends.
 * <p>
 * The probe shares the transport's lock: methods ending in {@code Locked} must be called holding it, and the
 * {@link Owner}'s methods are called holding it. A step of a run that has been stopped does nothing.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class ReachabilityProbe {

    /** Short: a probe to a host that drops packets takes all of it, and only one probe runs at a time. */
    static final long CONNECT_TIMEOUT_MILLIS = 1000;
    /** How often a probe's non-blocking connect is looked at until it has connected, failed or timed out. */
    private static final long POLL_MILLIS = 50;
    /** Up to this fraction of each probe interval is cut off at random, so that many clients do not probe together. */
    static final double JITTER_FRACTION = 0.2;

    /** What the probe needs from its transport; called holding the shared lock. */
    interface Owner {
        /** Whether the transport still waits for its next connect attempt (started, not connecting, not up). */
        boolean waitingLocked();

        /** The broker's port answered: make the waiting attempt now. */
        void reachableLocked();
    }

    private final Logger logger = LoggerFactory.getLogger(ReachabilityProbe.class);
    private final String clientId;
    private final String serverUri;
    private final String host;
    private final int port;
    private final long intervalMillis;
    private final SerialExecutor scheduler;
    private final Object lock;
    private final Owner owner;

    // guarded by lock
    private boolean probing;
    private int run;
    private @Nullable Future<?> task;
    /** The probe in flight, if any, and when it started. */
    private @Nullable SocketChannel channel;
    private long startedNanos;
    /** The broker's address for the current run, looked up at its first step. */
    private @Nullable InetSocketAddress target;
    private int probesStarted;
    private @Nullable SocketChannel lastChannel;

    /**
     * @param host the broker's host name or address, without IPv6 brackets
     * @param interval zero turns probing off
     * @param lock the transport's lock
     */
    ReachabilityProbe(String clientId, String serverUri, String host, int port, Duration interval,
            SerialExecutor scheduler, Object lock, Owner owner) {
        this.clientId = clientId;
        this.serverUri = serverUri;
        this.host = host;
        this.port = port;
        this.intervalMillis = interval.toMillis();
        this.scheduler = scheduler;
        this.lock = lock;
        this.owner = owner;
    }

    /** Probes the broker's port while the next attempt waits {@code delayMillis}, if longer than an interval. */
    void startLocked(long delayMillis) {
        if (intervalMillis == 0 || delayMillis <= intervalMillis || !owner.waitingLocked()) {
            return;
        }
        stopLocked();
        probing = true;
        logger.debug("MQTT client {}: {} is not there; probing it every {} ms until the next attempt in {} ms",
                clientId, serverUri, intervalMillis, delayMillis);
        scheduleStepLocked(run, jitteredInterval());
    }

    /** Ends the current run, if any, and closes its probe. */
    void stopLocked() {
        probing = false;
        run++;
        Future<?> current = task;
        if (current != null) {
            current.cancel(false);
        }
        task = null;
        target = null;
        closeChannelLocked();
    }

    private void scheduleStepLocked(int thisRun, long delayMillis) {
        try {
            task = scheduler.schedule(() -> step(thisRun), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            task = null; // closing
            probing = false;
        }
    }

    private long jitteredInterval() {
        return intervalMillis - (long) (intervalMillis * JITTER_FRACTION * ThreadLocalRandom.current().nextDouble());
    }

    private boolean runCurrentLocked(int thisRun) {
        return probing && thisRun == run && owner.waitingLocked();
    }

    /** One step of a run, on the transport's scheduler. */
    private void step(int thisRun) {
        InetSocketAddress address;
        synchronized (lock) {
            if (!runCurrentLocked(thisRun)) {
                return;
            }
            address = target;
        }
        if (address == null) {
            // outside the lock; Paho has just looked the same name up, so the JVM's cache normally answers
            InetSocketAddress resolved = new InetSocketAddress(host, port);
            if (resolved.isUnresolved()) {
                logger.debug("MQTT client {}: {} cannot be resolved; not probing it", clientId, host);
                synchronized (lock) {
                    if (runCurrentLocked(thisRun)) {
                        stopLocked();
                    }
                }
                return;
            }
            address = resolved;
        }
        boolean reachable;
        synchronized (lock) {
            if (!runCurrentLocked(thisRun)) {
                return;
            }
            target = address;
            reachable = probeLocked(thisRun, address);
            if (reachable) {
                stopLocked();
                owner.reachableLocked();
            }
        }
        if (reachable) {
            logger.debug("MQTT client {}: {} accepts connections again; connecting now", clientId, serverUri);
        }
    }

    /**
     * Starts a probe, or looks at the one in flight; schedules the next step unless the port answered. Only
     * non-blocking calls, so holding the lock is fine.
     *
     * @return whether the port accepted the connection
     */
    private boolean probeLocked(int thisRun, InetSocketAddress address) {
        SocketChannel current = channel;
        try {
            boolean connected;
            if (current == null) {
                probesStarted++;
                startedNanos = System.nanoTime();
                current = SocketChannel.open();
                channel = current;
                lastChannel = current;
                current.configureBlocking(false);
                connected = current.connect(address);
            } else {
                connected = current.finishConnect();
            }
            if (connected) {
                closeChannelLocked();
                return true;
            }
            if (elapsedMillis() < CONNECT_TIMEOUT_MILLIS) {
                scheduleStepLocked(thisRun, POLL_MILLIS);
                return false;
            }
            logger.trace("MQTT client {}: probe of {} timed out", clientId, address);
        } catch (IOException | RuntimeException e) {
            logger.trace("MQTT client {}: probe of {} failed: {}", clientId, address, e.toString());
        }
        closeChannelLocked();
        scheduleStepLocked(thisRun, Math.max(0, jitteredInterval() - elapsedMillis()));
        return false;
    }

    private long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    private void closeChannelLocked() {
        SocketChannel current = channel;
        channel = null;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                logger.trace("MQTT client {}: closing a probe failed: {}", clientId, e.toString());
            }
        }
    }

    /** Probes started so far (tests). */
    int probesStartedLocked() {
        return probesStarted;
    }

    /** Whether a run is on (tests). */
    boolean probingLocked() {
        return probing;
    }

    /** Whether a probe is connecting right now (tests). */
    boolean inFlightLocked() {
        return channel != null;
    }

    /** Whether the socket of the latest probe is still open (tests: none may be left open). */
    boolean socketOpenLocked() {
        SocketChannel latest = lastChannel;
        return latest != null && latest.isOpen();
    }
}
