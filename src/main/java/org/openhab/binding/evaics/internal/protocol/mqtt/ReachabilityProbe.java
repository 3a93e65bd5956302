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
import java.net.URI;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * While it runs, the host and port of every broker address ({@link BrokerAddresses}: one, or the nodes of a cluster)
 * are tried with a plain TCP connect (no TLS, no MQTT) every interval, less up to {@link #JITTER_FRACTION} at random,
 * each given {@link #CONNECT_TIMEOUT_MILLIS} at most and closed at once. The connects are non-blocking and looked at
 * by the transport's scheduler (its {@link SerialExecutor}, one task at a time) every {@link #POLL_MILLIS}: no thread
 * waits on one, and there is never more than one per address at a time. When one connects, the transport is told
 * which address answered (the first in list order if several did) and the run ends.
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

        /** The port of the broker address at {@code index} answered: make the waiting attempt now, to it. */
        void reachableLocked(int index);
    }

    /** One broker address: its server URI (for the log), host without IPv6 brackets, and port. */
    record Target(String serverUri, String host, int port) {

        /** The host and port of a normalised server URI ({@code scheme://host:port}). */
        static Target of(String serverUri) {
            URI server = URI.create(serverUri);
            String host = String.valueOf(server.getHost());
            String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            return new Target(serverUri, bare, server.getPort());
        }
    }

    private final Logger logger = LoggerFactory.getLogger(ReachabilityProbe.class);
    private final String clientId;
    private final List<Target> targets;
    private final long intervalMillis;
    private final SerialExecutor scheduler;
    private final Object lock;
    private final Owner owner;

    // guarded by lock
    private boolean probing;
    private int run;
    private @Nullable Future<?> task;
    /** The probe in flight per address, if any, and when the round started. */
    private final @Nullable SocketChannel[] channels;
    private long startedNanos;
    /** The addresses for the current run, looked up at its first step; null while unresolved. */
    private final @Nullable InetSocketAddress[] resolved;
    private int probesStarted;
    private final List<SocketChannel> lastChannels = new ArrayList<>();

    /**
     * @param targets the broker addresses, at least one
     * @param interval zero turns probing off
     * @param lock the transport's lock
     */
    ReachabilityProbe(String clientId, List<Target> targets, Duration interval, SerialExecutor scheduler, Object lock,
            Owner owner) {
        this.clientId = clientId;
        this.targets = List.copyOf(targets);
        this.intervalMillis = interval.toMillis();
        this.scheduler = scheduler;
        this.lock = lock;
        this.owner = owner;
        this.channels = new @Nullable SocketChannel[targets.size()];
        this.resolved = new @Nullable InetSocketAddress[targets.size()];
    }

    /** Probes the brokers' ports while the next attempt waits {@code delayMillis}, if longer than an interval. */
    void startLocked(long delayMillis) {
        if (intervalMillis == 0 || delayMillis <= intervalMillis || !owner.waitingLocked()) {
            return;
        }
        stopLocked();
        probing = true;
        logger.debug("MQTT client {}: {}; probing every {} ms until the next attempt in {} ms", clientId,
                targets.size() == 1 ? targets.get(0).serverUri() + " is not there" : "no broker is there",
                intervalMillis, delayMillis);
        scheduleStepLocked(run, jitteredInterval());
    }

    /** Ends the current run, if any, and closes its probes. */
    void stopLocked() {
        probing = false;
        run++;
        Future<?> current = task;
        if (current != null) {
            current.cancel(false);
        }
        task = null;
        Arrays.fill(resolved, null);
        closeChannelsLocked();
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
        @Nullable
        InetSocketAddress[] addresses;
        synchronized (lock) {
            if (!runCurrentLocked(thisRun)) {
                return;
            }
            addresses = resolved.clone();
        }
        boolean anyResolved = false;
        for (int i = 0; i < addresses.length; i++) {
            if (addresses[i] == null) {
                // outside the lock; Paho has just looked the same name up, so the JVM's cache normally answers
                Target target = targets.get(i);
                InetSocketAddress lookedUp = new InetSocketAddress(target.host(), target.port());
                if (lookedUp.isUnresolved()) {
                    logger.debug("MQTT client {}: {} cannot be resolved; not probing it", clientId, target.host());
                } else {
                    addresses[i] = lookedUp;
                }
            }
            anyResolved |= addresses[i] != null;
        }
        int reachable;
        synchronized (lock) {
            if (!runCurrentLocked(thisRun)) {
                return;
            }
            if (!anyResolved) {
                stopLocked();
                return;
            }
            System.arraycopy(addresses, 0, resolved, 0, addresses.length);
            reachable = probeLocked(thisRun);
            if (reachable >= 0) {
                stopLocked();
                owner.reachableLocked(reachable);
            }
        }
        if (reachable >= 0) {
            logger.debug("MQTT client {}: {} accepts connections; connecting now", clientId,
                    targets.get(reachable).serverUri());
        }
    }

    /**
     * Starts a round of probes, or looks at the ones in flight; schedules the next step unless a port answered.
     * Only non-blocking calls, so holding the lock is fine.
     *
     * @return the index of the first address whose port accepted the connection, or -1
     */
    private int probeLocked(int thisRun) {
        boolean newRound = Arrays.stream(channels).allMatch(channel -> channel == null);
        if (newRound) {
            startedNanos = System.nanoTime();
            lastChannels.clear();
        }
        boolean pending = false;
        for (int i = 0; i < channels.length; i++) {
            InetSocketAddress address = resolved[i];
            if (address == null || (!newRound && channels[i] == null)) {
                continue; // unresolved, or failed already in this round
            }
            if (probeOneLocked(i, address, newRound)) {
                closeChannelsLocked();
                return i;
            }
            pending |= channels[i] != null;
        }
        if (pending && elapsedMillis() < CONNECT_TIMEOUT_MILLIS) {
            scheduleStepLocked(thisRun, POLL_MILLIS);
            return -1;
        }
        if (pending) {
            logger.trace("MQTT client {}: probes timed out", clientId);
        }
        closeChannelsLocked();
        scheduleStepLocked(thisRun, Math.max(0, jitteredInterval() - elapsedMillis()));
        return -1;
    }

    /** Starts or finishes the probe of one address; a failed one is closed (its slot becomes null). */
    private boolean probeOneLocked(int index, InetSocketAddress address, boolean start) {
        SocketChannel current = channels[index];
        try {
            boolean connected;
            if (start || current == null) {
                probesStarted++;
                current = SocketChannel.open();
                channels[index] = current;
                lastChannels.add(current);
                current.configureBlocking(false);
                connected = current.connect(address);
            } else {
                connected = current.finishConnect();
            }
            return connected;
        } catch (IOException | RuntimeException e) {
            logger.trace("MQTT client {}: probe of {} failed: {}", clientId, address, e.toString());
            closeChannelLocked(index);
            return false;
        }
    }

    private long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    private void closeChannelsLocked() {
        for (int i = 0; i < channels.length; i++) {
            closeChannelLocked(i);
        }
    }

    private void closeChannelLocked(int index) {
        SocketChannel current = channels[index];
        channels[index] = null;
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
        return Arrays.stream(channels).anyMatch(channel -> channel != null);
    }

    /** Whether a socket of the latest round is still open (tests: none may be left open). */
    boolean socketOpenLocked() {
        return lastChannels.stream().anyMatch(SocketChannel::isOpen);
    }
}
