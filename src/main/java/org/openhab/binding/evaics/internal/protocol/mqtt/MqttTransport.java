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

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.net.SocketFactory;
import javax.net.ssl.SSLException;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.TimerPingSender;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttTransportException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT 3.1.1 connection (protocol.md §1) over Paho's {@link MqttAsyncClient}, with what the binding needs on top:
 * <ul>
 * <li>its own reconnect loop with capped exponential backoff and jitter ({@link ReconnectBackoff}); Paho's
 * automatic reconnect is off so that every attempt and failure is visible, with the reason and whether the
 * broker refused the credentials (CONNACK 4/5, MQTT 3.1.1 §3.2.2.3);</li>
 * <li>failover over several brokers ({@link MqttSettings#serverUris()}, issue 14): one broker per attempt, the
 * current one of a {@link BrokerAddresses} rotation, which moves on after a failed attempt or a lost connection
 * (Paho's own URI list would start at the first URI on every connect); {@link #currentServerUri()} names it;</li>
 * <li>subscriptions registered for the transport's lifetime and restored on every connect before listeners
 * hear {@code connected}; several listeners may share a filter and incoming messages are routed by topic to
 * every matching filter ({@link SubscriptionRoutes}, MQTT 3.1.1 §4.7);</li>
 * <li>publishing that fails at once when not connected and never queues (no Paho offline buffer);</li>
 * <li>TCP_NODELAY on the socket (plain and TLS), TLS with a CA file or the JVM trust store, client
 * certificates and host name verification ({@link TlsContexts}), and optional certificate and public-key pinning
 * ({@link PinningTrustManager}): a pin learned on the first successful connection is reported through
 * {@link MqttConnectionListener#pinLearned} and in force from then on; a handshake refused for a pin is reported
 * through {@link MqttConnectionListener#pinRefused};</li>
 * <li>incoming PUBLISH payloads above {@link MqttSettings#maxPayloadBytes()} skipped before Paho reads them into
 * memory ({@link PacketSizeGuard}, issue 6 item 3): the listeners of the topic hear
 * {@link MqttMessageListener#onOversize}, and a warning is logged (at most one per
 * {@link OversizeLog#WARNING_INTERVAL_NANOS}, with the count since the last one; the others at debug);</li>
 * <li>in-memory Paho persistence and a high in-flight window for concurrent QoS 1 calls;</li>
 * <li>a fresh Paho client, with an executor of its own ({@link PahoExecutor}), for every connect attempt, and a watch
 * on every attempt until its subscriptions are restored: Paho 1.2.5 can lose an attempt when the broker closes the
 * socket during the handshake (no outcome is ever reported, and its connect thread may wait forever, see
 * {@link PahoWorkarounds}). An attempt whose socket is closed without an outcome, or that is not ready within the
 * connect timeout (plus {@link #CONNECT_SETTLE_MARGIN_MILLIS}), is abandoned and the next one starts with the usual
 * backoff.</li>
 * <li>a reachability probe, so that the reconnect comes within about a second of the broker's return even after a
 * long outage, when the backoff has grown towards its cap (issue 6: "reconnects within 2 s of the broker's return").
 * It runs only while the next attempt waits after one that failed at TCP level, i.e. the broker was not there at all:
 * Paho 1.2.5 reports a refused connection as {@link MqttException#REASON_CODE_SERVER_CONNECT_ERROR} with a
 * {@link ConnectException} cause, and an unreachable host or a TCP connect timeout as a wrapped
 * {@link NoRouteToHostException} or {@link SocketTimeoutException} (a timeout only counts if the attempt's socket
 * never connected: a TLS handshake can time out too). When that wait is longer than the probe interval
 * ({@link MqttSettings#reachabilityProbeInterval()}, default 1 s), every broker's host and port are tried with a
 * plain TCP connect about once an interval ({@link ReachabilityProbe}). As soon as one connects, the waiting attempt
 * is made at once, to that broker; the backoff is not reset (only a successful connect does that). A broker that accepts TCP but refuses
 * the MQTT connection (credentials, TLS, handshake) is never probed, so the normal backoff keeps it from being
 * hammered. Probing stops when an attempt starts, on connect and on {@link #close()}.</li>
 * </ul>
 * Threads: the transport makes none when its owner gives it executors
 * ({@link #MqttTransport(MqttSettings, ScheduledExecutorService, Executor)}; in openHAB, pools of openHAB's
 * {@code ThreadPoolManager}). Its own work (reconnect timing, connection events, the reachability probe, attempt
 * deadlines, watching retired Paho clients) runs one task at a time on the scheduler ({@link SerialExecutor}); each
 * Paho client runs on the Paho pool through a {@link PahoExecutor} of its own (Paho renames the thread while its
 * task runs: {@code MQTT Rec: <client id>} and so on). {@link #close()} cancels the transport's tasks and waits for
 * its Paho clients' tasks to end, and never shuts a given executor down. Paho's ping timer is a thread of Paho's
 * own ({@code MQTT Ping: <client id>}, while connected). Made with {@link #MqttTransport(MqttSettings)}, the
 * transport owns a daemon scheduler thread {@code evaics-mqtt-<client id>} and a cached pool of daemon threads
 * {@code evaics-paho-<client id>} instead, and shuts them down on {@link #close()}.
 * <p>
 * Futures returned by {@link #publish} complete on Paho's threads: dependent actions must not block.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class MqttTransport implements AutoCloseable {

    /** Prefix of the name of the scheduler thread a transport owns; followed by the client id. */
    public static final String THREAD_NAME_PREFIX = "evaics-mqtt-";

    /** Paho's thread names start with this ("MQTT Rec: ", "MQTT Call: " ...). */
    private static final String PAHO_THREAD_PREFIX = "MQTT ";
    private static final String CLIENT_ID_PREFIX = "evaics";
    /** 16 hex chars after the prefix: 22 alphanumerics, within the 23 every broker must accept (§3.1.3.1). */
    private static final int CLIENT_ID_RANDOM_BYTES = 8;
    /** Pending work is failed on close, so there is nothing to wait for before the DISCONNECT. */
    private static final long DISCONNECT_QUIESCE_MILLIS = 0;
    private static final long DISCONNECT_TIMEOUT_MILLIS = 1000;
    /** Extra wait beyond the connect timeout for an attempt still running at close. */
    private static final long CONNECT_SETTLE_MARGIN_MILLIS = 1000;
    private static final long SCHEDULER_TERMINATION_MILLIS = 2000;
    /** SUBACK return code for a refused subscription (MQTT 3.1.1 §3.9.3). */
    private static final int SUBACK_FAILURE = 0x80;
    private static final int MAX_QOS = 2;
    private static final int MAX_CAUSE_DEPTH = 5;
    /** How often the threads of retired Paho clients are looked at until they have all ended. */
    private static final long REAP_INTERVAL_MILLIS = 100;
    /** A retired client's threads are watched this long at most; then they are left (and logged). */
    private static final long REAP_LIMIT_MILLIS = 60_000;
    /** How long {@link #close()} waits for the threads of its Paho clients to end. */
    private static final long CLOSE_REAP_MILLIS = 2000;
    private static final long PAHO_IDLE_THREAD_SECONDS = 1;
    /** Paho's tasks that run at once for as long as a connect attempt lasts: connect, receiver, sender, callback. */
    static final int PAHO_THREADS_PER_CONNECTION = 4;
    private static final String PAHO_POOL_THREAD_PREFIX = "evaics-paho-";
    /** How often a connect attempt is checked until it is ready. */
    private static final long ATTEMPT_CHECK_MILLIS = 250;
    /** Paho reports a refused or failed connection well within this many checks of the socket closing. */
    private static final int LOST_SOCKET_CHECKS = 2;
    private static final String CLOSED_AFTER_CONNECT = "the broker closed the connection right after accepting it";

    private enum State {
        NEW,
        STARTED,
        CLOSED
    }

    private final Logger logger = LoggerFactory.getLogger(MqttTransport.class);
    private final MqttSettings settings;
    private final String clientId;
    private final SocketFactory socketFactory;
    /** Present when the settings pin the broker's certificate or public key. */
    private final @Nullable PinningTrustManager pinning;
    private final MqttConnectOptions options;
    private final ReconnectBackoff backoff;
    /** The transport's own tasks, one at a time. */
    private final SerialExecutor scheduler;
    /** Where the Paho clients' threads come from. */
    private final Executor pahoPool;
    /** The executors made by {@link #MqttTransport(MqttSettings)}, shut down on close; null when given. */
    private final @Nullable ScheduledThreadPoolExecutor ownedScheduler;
    private final @Nullable ExecutorService ownedPahoPool;
    private final ReachabilityProbe probe;
    /** The brokers, and the one connected to or tried next (issue 14, failover). */
    private final BrokerAddresses addresses;
    private final List<MqttConnectionListener> connectionListeners = new CopyOnWriteArrayList<>();
    private final Set<CompletableFuture<@Nullable Void>> pendingPublishes = ConcurrentHashMap.newKeySet();
    private final OversizeLog oversizeLog;

    private final Object lock = new Object();
    // guarded by lock
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private boolean connecting;
    private boolean sessionUp;
    private int generation;
    private boolean everConnected;
    private @Nullable IMqttToken connectToken;
    private @Nullable Future<?> reconnectTask;
    /** Counts connect attempts; the deadline of an attempt only acts while it is the latest. */
    private int attempt;
    private @Nullable Future<?> attemptDeadline;
    /** Whether the current Paho client has made a connect attempt; the next attempt then takes a fresh one. */
    private boolean clientUsed;
    /** The executor of every Paho client in use (the current one, normally). */
    private final Map<MqttAsyncClient, PahoPool> pahoPools = new ConcurrentHashMap<>();
    /** Retired Paho clients whose threads have not all ended yet, see {@link #reapRetired()}. */
    private final Map<MqttAsyncClient, PahoPool> retiredPools = new ConcurrentHashMap<>();
    private @Nullable Future<?> reaper;
    /** The last socket the factory made before the current attempt started; a newer one is the attempt's. */
    private @Nullable Socket attemptSocketBefore;
    // written under lock, read anywhere
    private volatile State state = State.NEW;
    private volatile @Nullable MqttAsyncClient client;
    private volatile boolean ready;
    private volatile SubscriptionRoutes routes = SubscriptionRoutes.EMPTY;

    /**
     * Prepares a transport with threads of its own (a scheduler thread and a pool for Paho, both shut down on
     * {@link #close()}): for use outside openHAB. Nothing connects before {@link #start()}.
     *
     * @throws IllegalArgumentException if the TLS files cannot be used (the message names file and problem)
     */
    public MqttTransport(MqttSettings settings) {
        this(null, null, settings);
    }

    /**
     * Prepares a transport that makes no thread of its own; nothing connects before {@link #start()}. Neither
     * executor is ever shut down by the transport.
     *
     * @param scheduler runs the transport's own short tasks, one at a time (it may be shared with others)
     * @param pahoPool runs the Paho clients' tasks: per client up to four at once that last as long as the
     *            connection or the connect attempt (connect, receiver, sender, callback) plus short ones, so it must
     *            never make them wait for a thread: a pool that can run at least four of this transport's tasks
     *            besides whatever else it runs (see docs/architecture.md)
     * @throws IllegalArgumentException if the TLS files cannot be used (the message names file and problem)
     */
    public MqttTransport(MqttSettings settings, ScheduledExecutorService scheduler, Executor pahoPool) {
        this(scheduler, pahoPool, settings);
    }

    private MqttTransport(@Nullable ScheduledExecutorService givenScheduler, @Nullable Executor givenPahoPool,
            MqttSettings settings) {
        this.settings = settings;
        this.clientId = settings.clientId().isEmpty() ? randomClientId() : settings.clientId();
        this.oversizeLog = new OversizeLog(clientId, settings.maxPayloadBytes());
        if (settings.isTls()) {
            TlsContexts.Tls tls = TlsContexts.create(settings);
            this.pinning = tls.pinning();
            this.socketFactory = new NoDelaySslSocketFactory(tls.socketFactory(), settings.tcpNoDelay(),
                    settings.maxPayloadBytes());
        } else {
            this.pinning = null;
            this.socketFactory = new NoDelaySocketFactory(
                    BufferedInputSocketFactory.guarded(settings.maxPayloadBytes()), settings.tcpNoDelay());
        }
        this.options = connectOptions(settings, socketFactory);
        this.backoff = new ReconnectBackoff(settings.reconnectMinDelay(), settings.reconnectMaxDelay());
        if (givenScheduler == null) {
            ScheduledThreadPoolExecutor own = new ScheduledThreadPoolExecutor(1,
                    daemonThreads(THREAD_NAME_PREFIX + clientId));
            own.setRemoveOnCancelPolicy(true);
            own.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            this.ownedScheduler = own;
            this.scheduler = new SerialExecutor(own, "MQTT client " + clientId);
        } else {
            this.ownedScheduler = null;
            this.scheduler = new SerialExecutor(givenScheduler, "MQTT client " + clientId);
        }
        if (givenPahoPool == null) {
            // a cached pool: a thread for every task, so that Paho's long tasks never wait for one another
            ExecutorService own = new ThreadPoolExecutor(0, Integer.MAX_VALUE, PAHO_IDLE_THREAD_SECONDS,
                    TimeUnit.SECONDS, new SynchronousQueue<>(), daemonThreads(PAHO_POOL_THREAD_PREFIX + clientId));
            this.ownedPahoPool = own;
            this.pahoPool = own;
        } else {
            this.ownedPahoPool = null;
            this.pahoPool = givenPahoPool;
        }
        this.addresses = new BrokerAddresses(settings.serverUris());
        this.probe = new ReachabilityProbe(clientId, settings.serverUris().stream().map(ReachabilityProbe.Target::of)
                .toList(), settings.reachabilityProbeInterval(), scheduler, lock, new ReachabilityProbe.Owner() {
                    @Override
                    public boolean waitingLocked() {
                        return state == State.STARTED && !connecting && !sessionUp;
                    }

                    @Override
                    public void reachableLocked(int index) {
                        addresses.select(index);
                        scheduleConnectLocked(0);
                    }
                });
    }

    private static ThreadFactory daemonThreads(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static MqttConnectOptions connectOptions(MqttSettings settings, SocketFactory socketFactory) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(settings.cleanSession());
        options.setKeepAliveInterval(settings.keepAliveSeconds());
        options.setConnectionTimeout(settings.connectTimeoutSeconds());
        options.setAutomaticReconnect(false);
        options.setMaxInflight(settings.maxInflight());
        options.setSocketFactory(socketFactory);
        options.setHttpsHostnameVerificationEnabled(settings.verifyHostname());
        String username = settings.username();
        if (username != null) {
            options.setUserName(username);
        }
        String password = settings.password();
        if (password != null) {
            options.setPassword(password.toCharArray());
        }
        return options;
    }

    private static String randomClientId() {
        byte[] random = new byte[CLIENT_ID_RANDOM_BYTES];
        new SecureRandom().nextBytes(random);
        return CLIENT_ID_PREFIX + HexFormat.of().formatHex(random);
    }

    public MqttSettings settings() {
        return settings;
    }

    /** The server URI of the broker connected to, or, while not connected, of the next attempt. */
    public String currentServerUri() {
        return addresses.current();
    }

    /**
     * The pin of that kind the broker must match now: the configured one, or the one learned on the first
     * successful connection; null when that kind is not pinned or nothing has been learned yet.
     */
    public @Nullable ServerPin pin(ServerPin.Kind kind) {
        PinningTrustManager trust = pinning;
        return trust == null ? null : trust.pin(kind);
    }

    /** The client id in use: the configured one, or the random one chosen for this transport. */
    public String clientId() {
        return clientId;
    }

    /** Listeners added while connected hear about the next change only; check {@link #isConnected()}. */
    public void addConnectionListener(MqttConnectionListener listener) {
        connectionListeners.add(listener);
    }

    public void removeConnectionListener(MqttConnectionListener listener) {
        connectionListeners.remove(listener);
    }

    /**
     * Starts connecting in the background and keeps the connection up until {@link #close()}. Calling it again
     * has no effect.
     *
     * @throws IllegalStateException if the transport is closed
     */
    public void start() {
        synchronized (lock) {
            if (state == State.CLOSED) {
                throw new IllegalStateException("MQTT transport for " + settings.serverUri() + " is closed");
            }
            if (state == State.STARTED) {
                return;
            }
            MqttAsyncClient paho;
            try {
                paho = newPahoClient();
            } catch (MqttException | IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "cannot create an MQTT client for " + settings.serverUri() + ": " + describe(e), e);
            }
            client = paho;
            state = State.STARTED;
            scheduleConnectLocked(0);
        }
    }

    /**
     * A Paho client with an executor of its own over the Paho pool, so that every thread running its tasks can be
     * accounted for and nothing of a replaced client can start after its executor was shut down.
     */
    private MqttAsyncClient newPahoClient() throws MqttException {
        PahoExecutor threads = new PahoExecutor(pahoPool);
        MqttAsyncClient paho;
        try {
            paho = new MqttAsyncClient(settings.serverUri(), clientId, new MemoryPersistence(), new TimerPingSender(),
                    threads);
        } catch (MqttException | RuntimeException e) {
            threads.shutdownNow();
            throw e;
        }
        paho.setCallback(new PahoCallback(paho));
        pahoPools.put(paho, new PahoPool(threads));
        return paho;
    }

    /**
     * Shuts the executor of a Paho client that is no longer used down (nothing new can start on it) and watches its
     * tasks until they have ended, releasing any connect thread that Paho left stuck (see {@link PahoWorkarounds}).
     */
    private void stopPahoThreads(MqttAsyncClient paho) {
        PahoPool pool = pahoPools.remove(paho);
        if (pool == null) {
            return;
        }
        pool.executor().shutdown();
        if (pool.executor().isTerminated()) {
            return;
        }
        retiredPools.put(paho, new PahoPool(pool.executor()));
        synchronized (lock) {
            Future<?> running = reaper;
            if (state != State.CLOSED && (running == null || running.isDone())) {
                try {
                    reaper = scheduler.scheduleWithFixedDelay(this::reapRetired, REAP_INTERVAL_MILLIS,
                            REAP_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    reaper = null; // closing: close() reaps
                }
            }
        }
    }

    /** Watches the threads of retired Paho clients until they have ended, at most {@link #CLOSE_REAP_MILLIS}. */
    private void reapUntilEnded() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_REAP_MILLIS);
        while (!retiredPools.isEmpty() && System.nanoTime() - deadline < 0) {
            reapRetired();
            if (!retiredPools.isEmpty()) {
                sleepQuietly(REAP_INTERVAL_MILLIS);
            }
        }
        if (!retiredPools.isEmpty()) {
            logger.debug("Threads of closed Paho clients of {} did not end: {}", clientId, retiredPools.values());
            retiredPools.keySet().forEach(this::closeQuietly);
            retiredPools.clear();
        }
    }

    /** One look at the threads of retired Paho clients; stops itself when none is left. */
    private void reapRetired() {
        long now = System.nanoTime();
        retiredPools.forEach((paho, pool) -> {
            if (pool.executor().isTerminated()) {
                retiredPools.remove(paho);
                closeQuietly(paho);
            } else if (now - pool.retiredAt() > TimeUnit.MILLISECONDS.toNanos(REAP_LIMIT_MILLIS)) {
                retiredPools.remove(paho);
                logger.debug("Threads of a retired Paho client of {} did not end: {}", clientId, pool.executor());
                closeQuietly(paho);
            } else {
                PahoWorkarounds.releaseStuckConnects(paho, pool.executor().threads());
            }
        });
        if (retiredPools.isEmpty()) {
            synchronized (lock) {
                Future<?> running = reaper;
                if (running != null && retiredPools.isEmpty()) {
                    running.cancel(false);
                    reaper = null;
                }
            }
        }
    }

    /** Whether the connection is up and all registered subscriptions have been restored on it. */
    public boolean isConnected() {
        return ready;
    }

    /**
     * Registers {@code listener} for messages matching {@code topicFilter} for the transport's lifetime (until
     * {@link #unsubscribe}); the filter is subscribed again on every connect. A listener added to a filter that
     * is already subscribed does not cause a new SUBSCRIBE, so it does not receive retained messages again
     * (MQTT 3.1.1 §3.8.4), unless it asks for a higher QoS.
     *
     * @return completes when the broker has acknowledged the subscription (SUBACK), which waits for the next
     *         connect if not connected now; fails if the broker refuses it (the filter stays registered and is
     *         tried again on the next connect) or if the transport is closed first
     * @throws IllegalArgumentException for an invalid filter or QoS
     */
    public CompletableFuture<@Nullable Void> subscribe(String topicFilter, int qos, MqttMessageListener listener) {
        TopicFilter filter = TopicFilter.parse(topicFilter);
        checkQos(qos);
        CompletableFuture<@Nullable Void> future = new CompletableFuture<>();
        boolean completeNow = false;
        synchronized (lock) {
            if (state == State.CLOSED) {
                return failed(Reason.CLOSED, "MQTT transport is closed; not subscribing to '" + topicFilter + "'");
            }
            Subscription subscription = subscriptions.get(topicFilter);
            boolean created = subscription == null;
            if (subscription == null) {
                subscription = new Subscription(filter, qos);
                subscriptions.put(topicFilter, subscription);
            }
            if (!subscription.listeners.contains(listener)) {
                subscription.listeners.add(listener);
            }
            boolean raised = qos > subscription.qos;
            subscription.qos = Math.max(qos, subscription.qos);
            rebuildRoutesLocked();
            MqttAsyncClient paho = client;
            if (!sessionUp || paho == null) {
                subscription.waiters.add(future);
            } else if (!created && !raised && subscription.sentGeneration == generation) {
                if (subscription.ackedGeneration == generation) {
                    completeNow = true;
                } else {
                    subscription.waiters.add(future);
                }
            } else {
                subscription.waiters.add(future);
                sendSubscribeLocked(paho, List.of(subscription), false, false);
            }
        }
        if (completeNow) {
            future.complete(null);
        }
        return future;
    }

    /**
     * Removes {@code listener} from {@code topicFilter}; when it was the filter's last listener, the filter is
     * unsubscribed at the broker. Unknown filter/listener pairs are ignored.
     *
     * @return completes when nothing more is to be done: at once, or on the broker's UNSUBACK
     */
    public CompletableFuture<@Nullable Void> unsubscribe(String topicFilter, MqttMessageListener listener) {
        CompletableFuture<@Nullable Void> future = new CompletableFuture<>();
        List<CompletableFuture<@Nullable Void>> orphans = List.of();
        boolean completeNow = true;
        synchronized (lock) {
            Subscription subscription = subscriptions.get(topicFilter);
            if (subscription != null && subscription.listeners.remove(listener)) {
                if (subscription.listeners.isEmpty()) {
                    subscriptions.remove(topicFilter);
                    orphans = subscription.drainWaiters();
                    MqttAsyncClient paho = client;
                    if (sessionUp && paho != null && subscription.sentGeneration == generation) {
                        completeNow = !sendUnsubscribeLocked(paho, topicFilter, future);
                    }
                }
                rebuildRoutesLocked();
            }
        }
        for (CompletableFuture<@Nullable Void> orphan : orphans) {
            orphan.completeExceptionally(new MqttTransportException(Reason.UNSUBSCRIBED,
                    "'" + topicFilter + "' was unsubscribed before the broker acknowledged the subscription"));
        }
        if (completeNow) {
            future.complete(null);
        }
        return future;
    }

    /** {@link #publish(String, byte[], int, boolean)} without the retain flag: the default for API requests. */
    public CompletableFuture<@Nullable Void> publish(String topic, byte[] payload, int qos) {
        return publish(topic, payload, qos, false);
    }

    /**
     * Publishes a message. Fails at once when not connected (nothing is queued for later); otherwise
     * completes when Paho reports delivery: for QoS 0 once written to the socket, for QoS 1 on PUBACK, for
     * QoS 2 on PUBCOMP. Fails if the connection is lost first.
     *
     * @param payload sent as is; must not be modified until the future completes
     * @throws IllegalArgumentException for an invalid topic or QoS
     */
    public CompletableFuture<@Nullable Void> publish(String topic, byte[] payload, int qos, boolean retain) {
        TopicFilter.validateTopicName(topic);
        checkQos(qos);
        MqttAsyncClient paho = client;
        if (state == State.CLOSED) {
            return failed(Reason.CLOSED, "MQTT transport is closed; message to '" + topic + "' not sent");
        }
        if (!ready || paho == null) {
            return failed(Reason.NOT_CONNECTED,
                    "not connected to " + addresses.current() + "; message to '" + topic + "' not sent");
        }
        CompletableFuture<@Nullable Void> future = new CompletableFuture<>();
        pendingPublishes.add(future);
        try {
            paho.publish(topic, payload, qos, retain, null, new IMqttActionListener() {
                @Override
                public void onSuccess(@Nullable IMqttToken token) {
                    pendingPublishes.remove(future);
                    future.complete(null);
                }

                @Override
                public void onFailure(@Nullable IMqttToken token, @Nullable Throwable exception) {
                    pendingPublishes.remove(future);
                    future.completeExceptionally(new MqttTransportException(Reason.CONNECTION_LOST,
                            "message to '" + topic + "' not acknowledged: " + describe(exception), exception));
                }
            });
        } catch (MqttException | RuntimeException e) {
            pendingPublishes.remove(future);
            Reason reason = e instanceof MqttException me && isDisconnection(me) ? Reason.NOT_CONNECTED
                    : Reason.FAILED;
            future.completeExceptionally(new MqttTransportException(reason,
                    "message to '" + topic + "' not sent: " + describe(e), e));
        }
        return future;
    }

    /**
     * Disconnects, stops reconnecting and releases all threads. Pending publishes and subscriptions fail with
     * {@link Reason#CLOSED}. Idempotent. Must not be called from an {@link MqttMessageListener}; if it is
     * anyway (or from a future completed on a Paho thread), the disconnect finishes in the background.
     */
    @Override
    public void close() {
        MqttAsyncClient paho;
        IMqttToken connectAttempt;
        List<CompletableFuture<@Nullable Void>> waiters = new ArrayList<>();
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            ready = false;
            sessionUp = false;
            paho = client;
            client = null;
            connectAttempt = connectToken;
            Future<?> task = reconnectTask;
            if (task != null) {
                task.cancel(false);
            }
            reconnectTask = null;
            cancelAttemptDeadlineLocked();
            probe.stopLocked();
            Future<?> running = reaper;
            if (running != null) {
                running.cancel(false);
            }
            reaper = null;
            subscriptions.values().forEach(subscription -> waiters.addAll(subscription.drainWaiters()));
            subscriptions.clear();
            routes = SubscriptionRoutes.EMPTY;
        }
        failPendingPublishes(Reason.CLOSED, "MQTT transport closed before the message was acknowledged");
        for (CompletableFuture<@Nullable Void> waiter : waiters) {
            waiter.completeExceptionally(new MqttTransportException(Reason.CLOSED,
                    "MQTT transport closed before the broker acknowledged the subscription"));
        }
        if (paho != null && onPahoThread()) {
            // Paho refuses to disconnect from its own callback thread: let the scheduler finish the job
            try {
                scheduler.execute(() -> {
                    disconnectAndClose(paho, connectAttempt);
                    reapUntilEnded();
                    shutdownOwnedExecutors();
                });
            } catch (RejectedExecutionException e) {
                logger.debug("Scheduler already stopped; MQTT client {} not disconnected cleanly", clientId);
                shutdownOwnedExecutors();
            }
            // the job above is due, so it still runs; the delayed tasks are cancelled
            scheduler.shutdown();
            return;
        }
        if (paho != null) {
            disconnectAndClose(paho, connectAttempt);
        }
        reapUntilEnded();
        // queued notifications see CLOSED and return; delayed tasks are cancelled
        scheduler.shutdown();
        if (!scheduler.inTask()) {
            try {
                if (!scheduler.awaitIdle(SCHEDULER_TERMINATION_MILLIS, TimeUnit.MILLISECONDS)) {
                    logger.debug("A connection listener of MQTT client {} is still running after close", clientId);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        shutdownOwnedExecutors();
        logger.debug("MQTT transport {} for {} closed", clientId, settings.serverUri());
    }

    /** Whether the calling thread runs a task of Paho's (of any client: Paho names its threads "MQTT ..."). */
    private boolean onPahoThread() {
        if (Thread.currentThread().getName().startsWith(PAHO_THREAD_PREFIX)) {
            return true;
        }
        return pahoPools.values().stream().anyMatch(pool -> pool.executor().inTask())
                || retiredPools.values().stream().anyMatch(pool -> pool.executor().inTask());
    }

    /** Shuts down the executors made by {@link #MqttTransport(MqttSettings)}; given ones are left alone. */
    private void shutdownOwnedExecutors() {
        ExecutorService paho = ownedPahoPool;
        if (paho != null) {
            paho.shutdown();
        }
        ScheduledThreadPoolExecutor own = ownedScheduler;
        if (own != null) {
            own.shutdown();
        }
    }

    /** The transport's tasks still timed in the scheduler (tests: none after close). */
    int scheduledTasks() {
        return scheduler.timedTasks();
    }

    private void disconnectAndClose(MqttAsyncClient paho, @Nullable IMqttToken connectAttempt) {
        if (connectAttempt != null && !connectAttempt.isComplete()) {
            // let a running attempt finish: tearing Paho down mid-connect can leave its threads behind. Paho may
            // have left its connect thread waiting forever (see PahoWorkarounds): release it while waiting
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.connectTimeoutSeconds())
                    + TimeUnit.MILLISECONDS.toNanos(CONNECT_SETTLE_MARGIN_MILLIS);
            while (!connectAttempt.isComplete() && System.nanoTime() - deadline < 0) {
                try {
                    connectAttempt.waitForCompletion(REAP_INTERVAL_MILLIS);
                } catch (MqttException e) {
                    if (e.getReasonCode() != MqttException.REASON_CODE_CLIENT_TIMEOUT) {
                        break; // the attempt failed; nothing to disconnect
                    }
                }
                PahoPool pool = pahoPools.get(paho);
                if (pool != null && !connectAttempt.isComplete()) {
                    PahoWorkarounds.releaseStuckConnects(paho, pool.executor().threads());
                }
            }
        }
        boolean disconnected = false;
        if (paho.isConnected()) {
            try {
                paho.disconnect(DISCONNECT_QUIESCE_MILLIS).waitForCompletion(DISCONNECT_TIMEOUT_MILLIS);
                disconnected = true;
            } catch (MqttException e) {
                logger.debug("MQTT disconnect of {} failed: {}", clientId, describe(e));
            }
        }
        if (!disconnected) {
            // no DISCONNECT packet: either there is no connection or it did not take one in time
            try {
                paho.disconnectForcibly(DISCONNECT_QUIESCE_MILLIS, DISCONNECT_TIMEOUT_MILLIS, false);
            } catch (MqttException e) {
                logger.debug("MQTT client {} shutdown failed: {}", clientId, describe(e));
            }
        }
        // closed once its threads have ended: closing clears what a stuck Paho thread must be released from
        stopPahoThreads(paho);
    }

    /** The socket factory handed to Paho (tests check the sockets it made). */
    SocketFactory socketFactory() {
        return socketFactory;
    }

    // ---- connection handling ----

    private void scheduleConnectLocked(long delayMillis) {
        if (state != State.STARTED) {
            return;
        }
        Future<?> previous = reconnectTask;
        if (previous != null) {
            previous.cancel(false);
        }
        try {
            reconnectTask = scheduler.schedule(this::connectAttempt, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            reconnectTask = null;
        }
    }

    private void connectAttempt() {
        MqttAsyncClient paho;
        MqttAsyncClient retired = null;
        synchronized (lock) {
            reconnectTask = null;
            probe.stopLocked();
            paho = client;
            if (state != State.STARTED || connecting || sessionUp || paho == null) {
                return;
            }
            if (clientUsed) {
                // a fresh Paho client per attempt: a connect thread Paho left behind can then only touch its own
                try {
                    MqttAsyncClient fresh = newPahoClient();
                    retired = paho;
                    paho = fresh;
                    client = fresh;
                } catch (MqttException | IllegalArgumentException e) {
                    logger.debug("MQTT client {} reuses its Paho client: {}", clientId, describe(e));
                }
            }
            clientUsed = true;
            connecting = true;
            int thisAttempt = ++attempt;
            attemptSocketBefore = socketFactory instanceof SocketTracker tracker ? tracker.lastSocket() : null;
            scheduleAttemptDeadlineLocked(paho, thisAttempt);
            logger.debug("Connecting MQTT client {} to {}", clientId, addresses.current());
            try {
                MqttAsyncClient attempting = paho;
                // one broker per attempt, the rotation's current one (Paho's own list would restart at the first)
                options.setServerURIs(new String[] { addresses.current() });
                connectToken = paho.connect(options, null, new IMqttActionListener() {
                    @Override
                    public void onSuccess(@Nullable IMqttToken token) {
                        onConnected(attempting);
                    }

                    @Override
                    public void onFailure(@Nullable IMqttToken token, @Nullable Throwable exception) {
                        onConnectFailed(attempting, exception);
                    }
                });
            } catch (MqttException | RuntimeException e) {
                connecting = false;
                cancelAttemptDeadlineLocked();
                scheduleConnectLocked(backoff.nextDelayMillis());
                String reason = describe(e);
                logger.debug("MQTT client {} cannot connect to {}: {}", clientId, addresses.current(), reason);
                addresses.advance();
                notifyListeners(listener -> listener.connectFailed(reason, false));
            }
        }
        if (retired != null) {
            retire(retired);
        }
    }

    /**
     * Disconnects a Paho client that is no longer used; its threads are watched until they have ended, and then it is
     * closed.
     */
    private void retire(MqttAsyncClient paho) {
        abandon(paho);
        stopPahoThreads(paho);
    }

    private void onConnected(MqttAsyncClient paho) {
        boolean reconnect;
        int connectedGeneration;
        boolean nothingToRestore;
        List<ServerPin> learned = List.of();
        synchronized (lock) {
            connecting = false;
            connectToken = null;
            if (state != State.STARTED || client != paho) {
                return;
            }
            if (!paho.isConnected()) {
                // the connection dropped before this callback ran, and Paho may have reported that loss first, when
                // it did not count as up: only a new attempt gets us back, to the next broker
                addresses.advance();
                cancelAttemptDeadlineLocked();
                scheduleConnectLocked(backoff.nextDelayMillis());
                reconnect = false;
                connectedGeneration = 0;
                nothingToRestore = false;
            } else {
                PinningTrustManager trust = pinning;
                if (trust != null) {
                    learned = trust.learnAfterSuccess();
                }
                generation++;
                connectedGeneration = generation;
                sessionUp = true;
                reconnect = everConnected;
                everConnected = true;
                List<Subscription> all = new ArrayList<>(subscriptions.values());
                nothingToRestore = all.isEmpty();
                if (!nothingToRestore) {
                    sendSubscribeLocked(paho, all, true, reconnect);
                }
            }
        }
        if (connectedGeneration == 0) {
            logger.debug("MQTT client {} lost the connection to {} right after connecting", clientId,
                    settings.serverUri());
            notifyListeners(listener -> listener.connectFailed(CLOSED_AFTER_CONNECT, false));
            return;
        }
        logger.debug("MQTT client {} connected to {} (reconnect: {})", clientId, addresses.current(), reconnect);
        for (ServerPin pin : learned) {
            logger.debug("MQTT client {} pinned the {} of {}: {}", clientId, pin.kind().text(), addresses.current(),
                    pin);
            notifyListeners(listener -> listener.pinLearned(pin));
        }
        if (nothingToRestore) {
            markReady(connectedGeneration, reconnect);
        }
    }

    private void onConnectFailed(MqttAsyncClient paho, @Nullable Throwable exception) {
        String failedUri;
        synchronized (lock) {
            connecting = false;
            connectToken = null;
            if (state != State.STARTED || client != paho) {
                return;
            }
            cancelAttemptDeadlineLocked();
            failedUri = addresses.current();
            addresses.advance();
            long delayMillis = backoff.nextDelayMillis();
            scheduleConnectLocked(delayMillis);
            if (isTcpConnectFailure(exception) && !attemptSocketConnectedLocked()) {
                probe.startLocked(delayMillis);
            }
        }
        String reason = describe(exception);
        logger.debug("MQTT client {} cannot connect to {}: {}", clientId, failedUri, reason);
        PinMismatchException mismatch = pinMismatch(exception);
        if (mismatch != null) {
            notifyListeners(listener -> listener.pinRefused(mismatch));
            return;
        }
        boolean authenticationRefused = exception instanceof MqttException me
                && (me.getReasonCode() == MqttException.REASON_CODE_FAILED_AUTHENTICATION
                        || me.getReasonCode() == MqttException.REASON_CODE_NOT_AUTHORIZED);
        notifyListeners(listener -> listener.connectFailed(reason, authenticationRefused));
    }

    /**
     * The pin refusal behind a failed attempt: found among the causes, or, for a failed TLS handshake whose cause
     * the Java runtime did not keep, the refusal the trust manager recorded for the last handshake.
     */
    private @Nullable PinMismatchException pinMismatch(@Nullable Throwable exception) {
        PinningTrustManager trust = pinning;
        if (trust == null) {
            return null;
        }
        boolean tlsFailure = false;
        Throwable current = exception;
        for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH; depth++) {
            if (current instanceof PinMismatchException mismatch) {
                return mismatch;
            }
            tlsFailure |= current instanceof SSLException;
            current = current.getCause() == current ? null : current.getCause();
        }
        return tlsFailure ? trust.lastMismatch() : null;
    }

    private void onConnectionLost(MqttAsyncClient paho, @Nullable Throwable cause) {
        String reason = describe(cause);
        String lostUri;
        synchronized (lock) {
            if (client != paho) {
                return; // an abandoned client
            }
            boolean wasUp = sessionUp;
            ready = false;
            sessionUp = false;
            if (state != State.STARTED || !wasUp) {
                return;
            }
            cancelAttemptDeadlineLocked();
            // failover: the next attempt goes to the next broker (the same one if there is only one)
            lostUri = addresses.current();
            addresses.advance();
            scheduleConnectLocked(backoff.nextDelayMillis());
        }
        logger.debug("MQTT client {} lost the connection to {}: {}", clientId, lostUri, reason);
        failPendingPublishes(Reason.CONNECTION_LOST, "connection lost before the message was acknowledged: " + reason);
        notifyListeners(listener -> listener.connectionLost(reason));
    }

    private void markReady(int connectedGeneration, boolean reconnect) {
        synchronized (lock) {
            if (state != State.STARTED || !sessionUp || generation != connectedGeneration || ready) {
                return;
            }
            ready = true;
            // only a connection that got as far as its subscriptions counts as a success for the backoff
            backoff.reset();
            cancelAttemptDeadlineLocked();
        }
        notifyListeners(listener -> listener.connected(reconnect));
    }

    private void notifyListeners(Consumer<MqttConnectionListener> event) {
        try {
            scheduler.execute(() -> {
                for (MqttConnectionListener listener : connectionListeners) {
                    if (state == State.CLOSED) {
                        return;
                    }
                    try {
                        event.accept(listener);
                    } catch (RuntimeException e) {
                        logger.debug("MQTT connection listener {} failed: {}", listener, e.toString(), e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            // closed meanwhile: nobody is to be told anything any more
        }
    }

    /**
     * Watches an attempt until it is ready: it is lost when its socket was closed without Paho reporting an outcome
     * (for {@link #LOST_SOCKET_CHECKS} checks in a row), or when it is not ready by the connect timeout plus
     * {@link #CONNECT_SETTLE_MARGIN_MILLIS}.
     */
    private void scheduleAttemptDeadlineLocked(MqttAsyncClient paho, int thisAttempt) {
        cancelAttemptDeadlineLocked();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.connectTimeoutSeconds())
                + TimeUnit.MILLISECONDS.toNanos(CONNECT_SETTLE_MARGIN_MILLIS);
        Socket socketBefore = socketFactory instanceof SocketTracker tracker ? tracker.lastSocket() : null;
        int[] closedChecks = { 0 };
        try {
            attemptDeadline = scheduler.scheduleWithFixedDelay(() -> {
                String lost = null;
                if (System.nanoTime() - deadline >= 0) {
                    lost = "no connection within " + settings.connectTimeoutSeconds() + " s";
                } else if (attemptSocketClosed(socketBefore)) {
                    closedChecks[0]++;
                    if (closedChecks[0] >= LOST_SOCKET_CHECKS) {
                        lost = "the broker closed the connection during the handshake";
                    }
                } else {
                    closedChecks[0] = 0;
                }
                if (lost != null) {
                    attemptLost(paho, thisAttempt, lost);
                }
            }, ATTEMPT_CHECK_MILLIS, ATTEMPT_CHECK_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            attemptDeadline = null;
        }
    }

    /** Whether the attempt made a socket that is closed while Paho has not reported the attempt's outcome. */
    private boolean attemptSocketClosed(@Nullable Socket socketBefore) {
        Socket socket = socketFactory instanceof SocketTracker tracker ? tracker.lastSocket() : null;
        synchronized (lock) {
            return connecting && socket != null && socket != socketBefore && socket.isClosed();
        }
    }

    private void cancelAttemptDeadlineLocked() {
        Future<?> deadline = attemptDeadline;
        if (deadline != null) {
            deadline.cancel(false);
        }
        attemptDeadline = null;
    }

    /**
     * An attempt that is neither ready nor failed was lost inside Paho: its client is abandoned (it may hold a
     * half-open session) and a fresh one connects. Runs as a task of the scheduler.
     */
    private void attemptLost(MqttAsyncClient paho, int thisAttempt, String why) {
        boolean wasUp;
        synchronized (lock) {
            if (state != State.STARTED || client != paho || attempt != thisAttempt || ready) {
                cancelAttemptDeadlineLocked();
                return;
            }
            cancelAttemptDeadlineLocked();
            MqttAsyncClient fresh;
            try {
                fresh = newPahoClient();
            } catch (MqttException | IllegalArgumentException e) {
                // cannot happen with settings that made the first client; keep trying with the old one
                logger.warn("MQTT client {} cannot replace a stuck connection to {}: {}", clientId,
                        settings.serverUri(), describe(e));
                return;
            }
            wasUp = sessionUp;
            client = fresh;
            clientUsed = false;
            connecting = false;
            connectToken = null;
            sessionUp = false;
            subscriptions.values().forEach(subscription -> subscription.sentGeneration = 0);
            addresses.advance();
            scheduleConnectLocked(backoff.nextDelayMillis());
        }
        String reason = why + " (attempt abandoned)";
        logger.debug("MQTT client {} to {}: {}", clientId, settings.serverUri(), reason);
        PahoPool pool = pahoPools.get(paho);
        if (pool != null && pool.executor().waitingTasks() > 0) {
            // Paho's connect thread waits for its receiver, sender and callback to run: they never got a thread
            logger.warn("MQTT client {}: the connect attempt to {} waited for a thread of its pool; the pool is too"
                    + " small (it needs at least {} threads for each connection)", clientId, settings.serverUri(),
                    PAHO_THREADS_PER_CONNECTION);
        }
        retire(paho);
        if (wasUp) {
            failPendingPublishes(Reason.CONNECTION_LOST, "connection replaced before the message was acknowledged");
        }
        notifyListeners(listener -> listener.connectFailed(reason, false));
    }

    /** Shuts a replaced Paho client's connection down without waiting for its connect attempt. */
    private void abandon(MqttAsyncClient paho) {
        try {
            paho.disconnectForcibly(DISCONNECT_QUIESCE_MILLIS, DISCONNECT_TIMEOUT_MILLIS, false);
        } catch (MqttException | RuntimeException e) {
            logger.debug("Abandoned MQTT client {} did not disconnect: {}", clientId, describe(e));
        }
    }

    private void closeQuietly(MqttAsyncClient paho) {
        try {
            paho.close(true);
        } catch (MqttException | RuntimeException e) {
            logger.debug("Closing MQTT client {} failed: {}", clientId, describe(e));
        }
    }

    private void failPendingPublishes(Reason reason, String message) {
        for (CompletableFuture<@Nullable Void> future : List.copyOf(pendingPublishes)) {
            pendingPublishes.remove(future);
            future.completeExceptionally(new MqttTransportException(reason, message));
        }
    }

    // ---- reachability probe ----

    /**
     * Whether a connect attempt failed because the broker was not there at all: refused (Paho's
     * {@link MqttException#REASON_CODE_SERVER_CONNECT_ERROR} around a {@link ConnectException}), no route to the
     * host, or no answer within the connect timeout. Failures after TCP was accepted (authentication, TLS, a
     * closed or reset connection) are not.
     */
    static boolean isTcpConnectFailure(@Nullable Throwable exception) {
        Throwable current = exception;
        for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH; depth++) {
            if (current instanceof ConnectException || current instanceof NoRouteToHostException
                    || current instanceof SocketTimeoutException) {
                return true;
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return false;
    }

    /**
     * Whether the current attempt's socket got as far as a TCP connection: then a timeout was the TLS or MQTT
     * handshake's, and the broker is there.
     */
    private boolean attemptSocketConnectedLocked() {
        Socket socket = socketFactory instanceof SocketTracker tracker ? tracker.lastSocket() : null;
        return socket != null && socket != attemptSocketBefore && socket.isConnected();
    }

    /** Connect attempts made so far (tests). */
    int connectAttempts() {
        synchronized (lock) {
            return attempt;
        }
    }

    /** Reachability probes started so far (tests). */
    int probesStarted() {
        synchronized (lock) {
            return probe.probesStartedLocked();
        }
    }

    /** Whether reachability probing is on (tests). */
    boolean isProbing() {
        synchronized (lock) {
            return probe.probingLocked();
        }
    }

    /** Whether a probe is connecting right now (tests). */
    boolean probeInFlight() {
        synchronized (lock) {
            return probe.inFlightLocked();
        }
    }

    /** Whether the socket of the latest probe is still open (tests: none may be left open). */
    boolean probeSocketOpen() {
        synchronized (lock) {
            return probe.socketOpenLocked();
        }
    }

    // ---- subscriptions ----

    /**
     * Sends one SUBSCRIBE for these subscriptions. A restore (after connect) makes the transport ready once
     * the SUBACK is in, whatever it says: a refused filter must not keep the other traffic down.
     */
    private void sendSubscribeLocked(MqttAsyncClient paho, List<Subscription> batch, boolean restore,
            boolean reconnect) {
        int sentGeneration = generation;
        String[] filters = new String[batch.size()];
        int[] qos = new int[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            Subscription subscription = batch.get(i);
            subscription.sentGeneration = sentGeneration;
            filters[i] = subscription.filter.filter();
            qos[i] = subscription.qos;
        }
        try {
            paho.subscribe(filters, qos, null, new IMqttActionListener() {
                @Override
                public void onSuccess(@Nullable IMqttToken token) {
                    onSubscribeResult(batch, sentGeneration, token == null ? null : token.getGrantedQos(), null,
                            restore, reconnect);
                }

                @Override
                public void onFailure(@Nullable IMqttToken token, @Nullable Throwable exception) {
                    onSubscribeResult(batch, sentGeneration, null, exception, restore, reconnect);
                }
            });
        } catch (MqttException | RuntimeException e) {
            // the connection is going down; the waiters are served by the restore on the next connect
            logger.debug("MQTT client {} cannot subscribe to {}: {}", clientId, List.of(filters), describe(e));
            batch.forEach(subscription -> subscription.sentGeneration = 0);
        }
    }

    private void onSubscribeResult(List<Subscription> batch, int sentGeneration, int @Nullable [] granted,
            @Nullable Throwable exception, boolean restore, boolean reconnect) {
        List<CompletableFuture<@Nullable Void>> acknowledged = new ArrayList<>();
        List<Map.Entry<CompletableFuture<@Nullable Void>, MqttTransportException>> refused = new ArrayList<>();
        boolean current;
        synchronized (lock) {
            current = state == State.STARTED && sessionUp && generation == sentGeneration;
            for (int i = 0; i < batch.size(); i++) {
                Subscription subscription = batch.get(i);
                String filter = subscription.filter.filter();
                if (subscriptions.get(filter) != subscription) {
                    continue; // unsubscribed meanwhile; its waiters were failed then
                }
                if (exception == null && granted != null && i < granted.length && granted[i] != SUBACK_FAILURE) {
                    if (current) {
                        subscription.ackedGeneration = sentGeneration;
                        acknowledged.addAll(subscription.drainWaiters());
                    }
                } else if (exception == null) {
                    logger.warn("The MQTT broker {} refused the subscription to '{}'", addresses.current(), filter);
                    MqttTransportException refusal = new MqttTransportException(Reason.SUBSCRIPTION_REFUSED,
                            "the broker refused the subscription to '" + filter + "'");
                    subscription.drainWaiters().forEach(waiter -> refused.add(Map.entry(waiter, refusal)));
                } else if (current) {
                    MqttTransportException failure = new MqttTransportException(Reason.FAILED,
                            "subscription to '" + filter + "' failed: " + describe(exception), exception);
                    subscription.drainWaiters().forEach(waiter -> refused.add(Map.entry(waiter, failure)));
                }
                // otherwise the connection dropped: the next restore serves the waiters
            }
        }
        acknowledged.forEach(waiter -> waiter.complete(null));
        refused.forEach(entry -> entry.getKey().completeExceptionally(entry.getValue()));
        if (restore && current) {
            markReady(sentGeneration, reconnect);
        }
    }

    /** @return whether an UNSUBSCRIBE was sent, i.e. whether the future is completed later */
    private boolean sendUnsubscribeLocked(MqttAsyncClient paho, String topicFilter, CompletableFuture<@Nullable Void> future) {
        try {
            paho.unsubscribe(topicFilter, null, new IMqttActionListener() {
                @Override
                public void onSuccess(@Nullable IMqttToken token) {
                    future.complete(null);
                }

                @Override
                public void onFailure(@Nullable IMqttToken token, @Nullable Throwable exception) {
                    // a lost connection ends a clean session and its subscriptions with it
                    future.complete(null);
                    logger.debug("MQTT client {} unsubscribe from '{}' failed: {}", clientId, topicFilter,
                            describe(exception));
                }
            });
            return true;
        } catch (MqttException | RuntimeException e) {
            logger.debug("MQTT client {} cannot unsubscribe from '{}': {}", clientId, topicFilter, describe(e));
            return false;
        }
    }

    private void rebuildRoutesLocked() {
        Map<TopicFilter, List<MqttMessageListener>> registrations = new LinkedHashMap<>();
        subscriptions.values()
                .forEach(subscription -> registrations.put(subscription.filter, subscription.listeners));
        routes = SubscriptionRoutes.of(registrations);
    }

    // ---- helpers ----

    private static void checkQos(int qos) {
        if (qos < 0 || qos > MAX_QOS) {
            throw new IllegalArgumentException("QoS must be 0, 1 or 2, got " + qos);
        }
    }

    private static CompletableFuture<@Nullable Void> failed(Reason reason, String message) {
        return CompletableFuture.failedFuture(new MqttTransportException(reason, message));
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isDisconnection(MqttException e) {
        int code = e.getReasonCode();
        return code == MqttException.REASON_CODE_CLIENT_NOT_CONNECTED
                || code == MqttException.REASON_CODE_CLIENT_DISCONNECTING
                || code == MqttException.REASON_CODE_CONNECTION_LOST;
    }

    /** A one-line reason from an exception and its causes, e.g. "Unable to connect to server (32103): ...". */
    static String describe(@Nullable Throwable exception) {
        if (exception == null) {
            return "unknown reason";
        }
        StringBuilder text = new StringBuilder();
        Throwable current = exception;
        for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH; depth++) {
            if (current instanceof MqttException wrapper
                    && wrapper.getReasonCode() == MqttException.REASON_CODE_CLIENT_EXCEPTION
                    && wrapper.getCause() != null) {
                // Paho's wrapper for a plain exception says nothing beyond its cause
                current = current.getCause();
                continue;
            }
            String message = current.getMessage();
            boolean hasMessage = message != null && !message.isBlank();
            String part = message != null && hasMessage ? message : current.getClass().getSimpleName();
            if (current instanceof MqttException mqtt) {
                part += " (" + mqtt.getReasonCode() + ")";
            }
            // Paho repeats its cause's message in its own; say it once
            if (!hasMessage || text.indexOf(part) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(part);
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "MqttTransport[" + clientId + " -> " + addresses.current() + ", " + state
                + (ready ? ", connected" : "") + "]";
    }

    /** The executor of one Paho client, and when it was retired (or made). */
    private record PahoPool(PahoExecutor executor, long retiredAt) {
        PahoPool(PahoExecutor executor) {
            this(executor, System.nanoTime());
        }
    }

    /** A filter's registration; mutable, guarded by the transport's lock. */
    private static final class Subscription {
        final TopicFilter filter;
        final List<MqttMessageListener> listeners = new ArrayList<>(1);
        final List<CompletableFuture<@Nullable Void>> waiters = new ArrayList<>(1);
        int qos;
        /** The connection generation on which the last SUBSCRIBE was sent / acknowledged; 0 = never. */
        int sentGeneration;
        int ackedGeneration;

        Subscription(TopicFilter filter, int qos) {
            this.filter = filter;
            this.qos = qos;
        }

        List<CompletableFuture<@Nullable Void>> drainWaiters() {
            List<CompletableFuture<@Nullable Void>> drained = List.copyOf(waiters);
            waiters.clear();
            return drained;
        }
    }

    /** How many messages were dropped unread for their size since the transport was created. */
    public long oversizeDrops() {
        return oversizeLog.drops();
    }

    /**
     * Paho's callbacks for one Paho client; those of an abandoned client are ignored. Nothing may escape from them,
     * or Paho drops the connection.
     */
    private final class PahoCallback implements MqttCallback {
        private final MqttAsyncClient owner;

        PahoCallback(MqttAsyncClient owner) {
            this.owner = owner;
        }

        @Override
        public void connectionLost(@Nullable Throwable cause) {
            onConnectionLost(owner, cause);
        }

        @Override
        public void messageArrived(@Nullable String topic, @Nullable MqttMessage message) {
            if (topic != null && message != null && client == owner) {
                if (topic.startsWith(PacketSizeGuard.OVERSIZE_TOPIC_PREFIX)) {
                    String dropped = topic.substring(PacketSizeGuard.OVERSIZE_TOPIC_PREFIX.length());
                    routes.deliverOversize(dropped, oversizeLog.dropped(dropped, message.getPayload()));
                } else {
                    routes.deliver(topic, message.getPayload(), message.isRetained());
                }
            }
        }

        @Override
        public void deliveryComplete(@Nullable IMqttDeliveryToken token) {
            // publish futures complete through their action listeners
        }
    }
}
