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
package org.openhab.binding.evaics.test.sim;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.cli.RequestFrame;
import org.openhab.binding.evaics.internal.cli.ServerFrameCodec;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.codec.FrameException;
import org.openhab.binding.evaics.internal.protocol.codec.FrameFormat;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttSettings;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttTransport;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;
import org.openhab.binding.evaics.internal.protocol.state.EvaTopics;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * A simulated EVA ICS v3 controller (UC or LM) on a real MQTT broker, for integration tests, the demo and the
 * benchmarks. It serves the controller side of protocol.md through its own {@link MqttTransport}:
 * <ul>
 * <li>the API (protocol.md §3 to §8): subscribes {@code {P}controller/{pc}/{sys}/api/request}, decodes frames with
 * {@link ServerFrameCodec} (silently dropping what the controller drops, protocol.md §4.4), dispatches JSON-RPC (see
 * {@link SimDispatcher}) and answers in the request's format and compression on {@code .../api/response/<call id>}
 * at the configured QoS (EVA uses 1);</li>
 * <li>item states (protocol.md §9): every change is announced retained on {@code {P}<type>/<group>/<id>} with {@code t}
 * and {@code c}; destroyed items get an empty retained message; unit actions announce the running state, then the final
 * state (protocol.md §14);</li>
 * <li>discovery and server events (protocol.md §2.1, §2.2) on demand, discovery optionally periodic.</li>
 * </ul>
 * Test hooks: item changes ({@link #setState}, {@link #setSensorValue}, {@link #destroy}), a request log
 * ({@link #requests()}, {@link #awaitRequest}), {@link #counters()}, and misbehaviour on demand
 * ({@link #misbehave(Misbehaviour)}, {@link #delayAnswers(Duration)}, {@link #publishGarbageStates(Oid, boolean)}).
 * <p>
 * Requests are answered on the MQTT client's thread without sleeping, so that benchmarks measure the client, unless
 * a {@link SimCost} is charged ({@link Builder#cost}, {@link #chargeCost}): then a modelled worker serves them as a real
 * controller would, one frame after the other.
 *
 * <pre>
 * EvaSimulator sim = EvaSimulator.builder(broker.uri()).controller("uc/sim1").key("default", "secret")
 *         .unit("lights/lamp1", 0, "").sensor("env/temp1", 1, "21.5").start();
 * ...
 * sim.close();
 * </pre>
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class EvaSimulator implements AutoCloseable {

    /** EVA publishes API answers, announcements and events with QoS 1 by default (protocol.md §1). */
    public static final int DEFAULT_QOS = 1;
    /** Default time a unit action runs: "about 20 ms" on a real UC (protocol.md §14); shorter keeps tests fast. */
    public static final Duration DEFAULT_ACTION_DURATION = Duration.ofMillis(5);
    /** Default number of requests kept in the request log; older ones are dropped. */
    public static final int DEFAULT_REQUEST_LOG_CAPACITY = 10_000;
    /** How long {@link #start()} waits for the request subscription. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final String THREAD_NAME_PREFIX = "eva-sim-";
    private static final long SCHEDULER_TERMINATION_MILLIS = 2000;
    /** How long {@link #close()} waits for publishes the broker has not acknowledged yet. */
    private static final long CLOSE_PUBLISH_WAIT_MILLIS = 2000;
    /** Offsets inside a binary answer: marker, status, then IV (16), ciphertext, MAC (32) (protocol.md §4.3, §7.1). */
    private static final int BINARY_STATUS_OFFSET = 1;
    private static final int BINARY_BLOCK_OFFSET = 2;
    private static final int IV_BYTES = 16;
    private static final int MAC_BYTES = 32;
    /** Fernet token: version (1), timestamp (8), IV (16), ciphertext, HMAC (32) (protocol.md §7.2). */
    private static final int FERNET_IV_OFFSET = 9;
    private static final byte[] TEXT_OK_PREFIX = "200|".getBytes(StandardCharsets.US_ASCII);
    private static final byte TAMPERED_BINARY_STATUS = (byte) 0xC9;
    private static final byte[] TAMPERED_TEXT_STATUS = "201|".getBytes(StandardCharsets.US_ASCII);
    private static final int GARBAGE_NESTING = 100;

    private final Logger logger = LoggerFactory.getLogger(EvaSimulator.class);
    private final ControllerId controller;
    private final EvaTopics topics;
    private final Map<String, String> keys;
    private final int responseQos;
    private final int stateQos;
    private final @Nullable Duration discoveryInterval;
    private final int requestLogCapacity;
    private final boolean announceOnStart;
    private final MqttTransport transport;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ServerFrameCodec codec;
    private final ServerFrameCodec wrongKeyCodec;
    private final SimModel model;
    private final SimDispatcher dispatcher;
    private final String requestTopic;
    private final Map<String, String> initialKeys;
    private final List<Builder.ItemSpec> initialItems;
    private final Duration initialActionDuration;

    private final AtomicLong requestsDecoded = new AtomicLong();
    private final AtomicLong requestsUndecodable = new AtomicLong();
    private final AtomicLong answersSent = new AtomicLong();
    private final AtomicLong dispatchFailuresSent = new AtomicLong();
    /** The last valid answer per format and key id, for {@link Misbehaviour#REPLAY}. */
    private final Map<String, byte[]> lastAnswers = new ConcurrentHashMap<>();

    private volatile Rule rule = new Rule(Misbehaviour.NONE, -1, Set.of());
    private volatile Duration answerDelay = Duration.ZERO;
    private volatile @Nullable UnaryOperator<JsonElement> answerRewriter;
    private volatile SimCost cost;
    private final Object workerLock = new Object();
    /** When the modelled worker is free again ({@link SimCost}), in {@link System#nanoTime()}; guarded by workerLock. */
    private long workerFreeAt = System.nanoTime();
    private final SimCost initialCost;
    private volatile FrameException.@Nullable Reason lastUndecodableReason;

    private final Object logLock = new Object();
    // guarded by logLock
    private final ArrayDeque<LoggedRequest> requestLog = new ArrayDeque<>();
    private long requestsLogged;

    private final Object lifecycleLock = new Object();
    private final Set<CompletableFuture<?>> unfinishedPublishes = ConcurrentHashMap.newKeySet();
    // guarded by lifecycleLock
    private boolean started;
    private boolean closed;
    private @Nullable ScheduledFuture<?> discoveryTask;

    /** Misbehaviour for the next {@code remaining} requests (-1: all) of the given methods (empty: all). */
    private record Rule(Misbehaviour misbehaviour, int remainingAtStart, Set<String> methods, AtomicInteger remaining) {
        Rule(Misbehaviour misbehaviour, int times, Set<String> methods) {
            this(misbehaviour, times, methods, new AtomicInteger(times));
        }
    }

    private EvaSimulator(Builder builder) {
        this.controller = builder.controller;
        this.topics = new EvaTopics(builder.space);
        this.keys = new ConcurrentHashMap<>(builder.keys);
        this.initialKeys = Map.copyOf(builder.keys);
        this.initialItems = List.copyOf(builder.items);
        this.initialActionDuration = builder.actionDuration;
        this.responseQos = builder.responseQos;
        this.stateQos = builder.stateQos;
        this.discoveryInterval = builder.discoveryInterval;
        this.requestLogCapacity = builder.requestLogCapacity;
        this.announceOnStart = builder.announceOnStart;
        this.cost = builder.cost;
        this.initialCost = builder.cost;
        this.requestTopic = topics.requestTopic(controller);
        this.transport = new MqttTransport(builder.mqtt.build());
        String threadName = THREAD_NAME_PREFIX + controller;
        this.scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        ProtocolLimits limits = ProtocolLimits.defaults();
        this.codec = new ServerFrameCodec(keys::get, limits);
        this.wrongKeyCodec = new ServerFrameCodec(keyId -> {
            String key = keys.get(keyId);
            return key == null ? null : "not-" + key;
        }, limits);
        this.model = new SimModel(controller, topics, scheduler, this::publishQuietly, stateQos, builder.bootId,
                builder.actionDuration);
        model.setAnnounce(false);
        for (Builder.ItemSpec item : builder.items) {
            model.add(item.oid(), item.status(), item.value(), item.expires(), item.simpleLogic());
        }
        this.dispatcher = new SimDispatcher(model, this::keyIdOf);
    }

    /** A simulator on the broker at {@code serverUri} (e.g. {@code tcp://127.0.0.1:1883}). */
    public static Builder builder(String serverUri) {
        return new Builder(MqttSettings.builder(serverUri));
    }

    /** A simulator with full MQTT settings (credentials, TLS). */
    public static Builder builder(MqttSettings.Builder mqtt) {
        return new Builder(mqtt);
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Connects, subscribes the request topic (waiting for the SUBACK), then announces every item (retained) as a
     * controller does when it starts, and starts periodic discovery announces if configured.
     *
     * @return this
     * @throws IllegalStateException if the broker does not acknowledge the subscription within {@link #START_TIMEOUT}
     */
    public EvaSimulator start() {
        synchronized (lifecycleLock) {
            if (closed) {
                throw new IllegalStateException("simulator is closed");
            }
            if (started) {
                return this;
            }
            started = true;
        }
        transport.start();
        try {
            transport.subscribe(requestTopic, DEFAULT_QOS, this::onRequest).get(START_TIMEOUT.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the simulator", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("simulator " + controller + " could not subscribe its request topic", e);
        }
        // the transport acknowledges subscriptions just before it reports itself connected; publishes need the latter
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!transport.isConnected()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("simulator " + controller + " not connected within " + START_TIMEOUT);
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the simulator", e);
            }
        }
        model.setAnnounce(true);
        if (announceOnStart) {
            model.announceAll();
        }
        Duration interval = discoveryInterval;
        if (interval != null) {
            synchronized (lifecycleLock) {
                discoveryTask = scheduler.scheduleAtFixedRate(this::announceDiscovery, 0, interval.toNanos(),
                        TimeUnit.NANOSECONDS);
            }
        }
        return this;
    }

    /** Disconnects and releases all threads. Idempotent. */
    @Override
    public void close() {
        synchronized (lifecycleLock) {
            if (closed) {
                return;
            }
            closed = true;
            ScheduledFuture<?> task = discoveryTask;
            if (task != null) {
                task.cancel(false);
            }
        }
        finishPublishes();
        transport.close();
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(SCHEDULER_TERMINATION_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Back to the configured state, for tests sharing one simulator: the configured keys and items (announced again,
     * retained; items added later are dropped without announcement), normal behaviour, no denied keys or result
     * overrides, the configured action duration and cost, an empty request log and no recorded answers.
     */
    public void reset() {
        behave();
        cost = initialCost;
        dispatcher.reset();
        keys.clear();
        keys.putAll(initialKeys);
        lastAnswers.clear();
        model.clear();
        model.setActionDuration(initialActionDuration);
        for (Builder.ItemSpec item : initialItems) {
            model.add(item.oid(), item.status(), item.value(), item.expires(), item.simpleLogic());
        }
        clearRequests();
    }

    /** Whether the simulator's broker connection is up. */
    public boolean isConnected() {
        return transport.isConnected();
    }

    public ControllerId controller() {
        return controller;
    }

    public EvaTopics topics() {
        return topics;
    }

    /** Adds or replaces an API key; requests naming {@code keyId} are decrypted with it, and it is valid as k. */
    public void setKey(String keyId, String apiKey) {
        keys.put(keyId, apiKey);
    }

    /** Removes a key: requests naming it are dropped silently, and it is no longer valid as k. */
    public void removeKey(String keyId) {
        keys.remove(keyId);
    }

    /** Refuses every call authorised by this key id's key with error 2 (a key without the rights), or stops it. */
    public void denyAccess(String keyId, boolean deny) {
        dispatcher.denyAccess(keyId, deny);
    }

    /**
     * Answers {@code method} with {@code result} (after the key and params checks) instead of running it, e.g. to
     * send results of the wrong shape; null restores the method.
     */
    public void overrideResult(String method, @Nullable JsonElement result) {
        dispatcher.overrideResult(method, result);
    }

    private @Nullable String keyIdOf(String apiKey) {
        for (Map.Entry<String, String> key : keys.entrySet()) {
            if (key.getValue().equals(apiKey)) {
                return key.getKey();
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ items

    /** Adds (or replaces) a unit, sensor, lvar or macro and announces it. */
    public void addItem(Oid oid, int status, String value) {
        model.add(oid, status, value, 0, false);
    }

    /** Adds (or replaces) an lvar with a timer of {@code expires} seconds (0 = none) and announces it. */
    public void addLvar(Oid oid, int status, String value, double expires) {
        model.add(oid, status, value, expires, false);
    }

    /**
     * Sets an item's status and/or value (null = unchanged), as a driver or {@code update} would; announces the state
     * if something changed.
     *
     * @throws IllegalArgumentException if the item does not exist
     */
    public void setState(Oid oid, @Nullable Integer status, @Nullable String value) {
        if (!model.set(oid, status, value)) {
            throw new IllegalArgumentException("no item " + oid);
        }
    }

    /** Sets a sensor's value (status unchanged) and announces it. */
    public void setSensorValue(Oid sensor, String value) {
        setState(sensor, null, value);
    }

    /** Enables or disables actions of a unit ({@code action_enabled}); announces the change. */
    public void setActionEnabled(Oid unit, boolean enabled) {
        try {
            model.setActionEnabled(unit, enabled);
        } catch (SimError e) {
            throw new IllegalArgumentException("no unit " + unit, e);
        }
    }

    /** How long unit actions run (between the running and the final state announcement). */
    public void setActionDuration(Duration duration) {
        model.setActionDuration(duration);
    }

    /** The item's state object as the {@code state} method returns it, or null if there is no such item. */
    public @Nullable JsonObject state(Oid oid) {
        return model.stateObject(oid);
    }

    /** Every item's OID, sorted. */
    public List<Oid> items() {
        return model.oids();
    }

    /** Removes an item and publishes the empty retained payload (protocol.md §9.5). */
    public boolean destroy(Oid oid) {
        return model.destroy(oid);
    }

    /** Publishes the item's current state again (retained). */
    public void announceState(Oid oid) {
        model.announce(oid);
    }

    /** Publishes every item's state again (retained). */
    public void announceAll() {
        model.announceAll();
    }

    // ------------------------------------------------------------------ announces and events

    /**
     * Publishes the discovery announce: the plain controller id on {@code {P}controller/discovery} (protocol.md §2.1).
     */
    public void announceDiscovery() {
        publishQuietly(topics.discoveryTopic(), controller.toString().getBytes(StandardCharsets.UTF_8),
                DEFAULT_QOS, false);
    }

    /** Publishes a server event, {@code restart} or {@code leaving} (protocol.md §2.2). */
    public void serverEvent(String event) {
        JsonObject payload = new JsonObject();
        payload.addProperty("e", event);
        payload.add("t", SimModel.time(SimModel.now()));
        payload.addProperty("c", controller.toString());
        publishQuietly(topics.eventsTopic(controller), payload.toString().getBytes(StandardCharsets.UTF_8),
                DEFAULT_QOS, false);
    }

    /**
     * Simulates a controller restart without dropping the connection: a {@code restart} event, a new boot id for
     * later changes (items keep their ieid until they change, protocol.md §14), and a discovery announce.
     */
    public void restart() {
        serverEvent("restart");
        model.newBoot();
        announceDiscovery();
    }

    /** The current boot id (first member of new ieids). */
    public long bootId() {
        return model.bootId();
    }

    /** Publishes any payload, e.g. forged states or answers. */
    public void publishRaw(String topic, byte[] payload, int qos, boolean retained) {
        publishQuietly(topic, payload, qos, retained);
    }

    /**
     * Publishes garbage on the item's state topic (protocol.md §10 step 6: clients must ignore it): invalid JSON, a
     * JSON array, members of the wrong types, a wrong ieid, a foreign controller id that is not an id, invalid UTF-8,
     * JSON {@code null}, and JSON nested {@value #GARBAGE_NESTING} levels deep.
     *
     * @return the payloads, in the order published
     */
    public List<byte[]> publishGarbageStates(Oid oid, boolean retained) {
        List<byte[]> payloads = new ArrayList<>();
        String c = "\"c\":\"" + controller + "\"";
        payloads.add(utf8("{not json"));
        payloads.add(utf8("[1,2,3]"));
        payloads.add(utf8("{" + c + ",\"status\":\"abc\",\"value\":1,\"set_time\":\"yesterday\"}"));
        payloads.add(utf8("{" + c + ",\"status\":1,\"value\":\"x\",\"ieid\":\"nope\"}"));
        payloads.add(utf8("{\"c\":\"not a controller id!\",\"status\":1,\"value\":\"1\"}"));
        payloads.add(new byte[] { '{', '"', 'c', '"', ':', '"', (byte) 0xFF, (byte) 0xFE, '"', '}' });
        payloads.add(utf8("null"));
        payloads.add(utf8("[".repeat(GARBAGE_NESTING) + "]".repeat(GARBAGE_NESTING)));
        String topic = topics.itemTopic(oid);
        for (byte[] payload : payloads) {
            publishQuietly(topic, payload, stateQos, retained);
        }
        return payloads;
    }

    // ------------------------------------------------------------------ misbehaviour

    /** Misbehaves on every following request until {@link #behave()}. */
    public void misbehave(Misbehaviour misbehaviour) {
        rule = new Rule(misbehaviour, -1, Set.of());
    }

    /** Misbehaves on the next {@code times} requests, then answers normally. */
    public void misbehave(Misbehaviour misbehaviour, int times) {
        rule = new Rule(misbehaviour, times, Set.of());
    }

    /** Misbehaves on every following request of the given methods until {@link #behave()}. */
    public void misbehaveOn(Misbehaviour misbehaviour, String... methods) {
        rule = new Rule(misbehaviour, -1, Set.of(methods));
    }

    /** Delays every answer by {@code delay} (zero: none); combines with {@link #misbehave}. */
    public void delayAnswers(Duration delay) {
        answerDelay = delay;
    }

    /**
     * Rewrites every answer body before it is encrypted (null: none), e.g. to drop, duplicate or change entries of a
     * batch answer; the result is still a valid, authentic frame. Until {@link #behave()}.
     */
    public void rewriteAnswers(@Nullable UnaryOperator<JsonElement> rewriter) {
        answerRewriter = rewriter;
    }

    /** Charges {@code cost} for every following request frame ({@link SimCost}). */
    public void chargeCost(SimCost cost) {
        this.cost = cost;
    }

    /** Answers normally and without delay again, with no answer rewriting (the cost model stays). */
    public void behave() {
        rule = new Rule(Misbehaviour.NONE, -1, Set.of());
        answerDelay = Duration.ZERO;
        answerRewriter = null;
    }

    // ------------------------------------------------------------------ request log and counters

    /** The logged requests, oldest first (at most the configured capacity). */
    public List<LoggedRequest> requests() {
        synchronized (logLock) {
            return List.copyOf(requestLog);
        }
    }

    /** The logged requests of one method, oldest first. */
    public List<LoggedRequest> requests(String method) {
        return requests().stream().filter(r -> method.equals(r.method())).toList();
    }

    public void clearRequests() {
        synchronized (logLock) {
            requestLog.clear();
        }
    }

    /**
     * Waits for a logged request matching {@code condition} (already logged ones count).
     *
     * @throws AssertionError if none arrives within {@code timeout}
     */
    public LoggedRequest awaitRequest(Predicate<LoggedRequest> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (logLock) {
            while (true) {
                for (LoggedRequest request : requestLog) {
                    if (condition.test(request)) {
                        return request;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching request within " + timeout + "; got " + requestLog);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(logLock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /** Waits for the first logged request of {@code method}. */
    public LoggedRequest awaitRequest(String method, Duration timeout) {
        return awaitRequest(r -> method.equals(r.method()), timeout);
    }

    /** Requests logged since start (including ones the log no longer holds). */
    public long requestsLogged() {
        synchronized (logLock) {
            return requestsLogged;
        }
    }

    public SimCounters counters() {
        return new SimCounters(requestsDecoded.get(), requestsUndecodable.get(), answersSent.get(),
                dispatchFailuresSent.get(), model.statesPublished(), model.actionsStarted());
    }

    /** Why the last undecodable request was dropped, or null. */
    public FrameException.@Nullable Reason lastUndecodableReason() {
        return lastUndecodableReason;
    }

    @Override
    public String toString() {
        return "EvaSimulator[" + controller + ", space=" + topics.space() + "]";
    }

    // ------------------------------------------------------------------ serving requests

    /** The MQTT callback: never throws. */
    private void onRequest(String topic, byte[] payload, boolean retained) {
        try {
            serve(payload);
        } catch (RuntimeException e) {
            logger.warn("Simulator {} failed to serve a request: {}", controller, e.toString(), e);
        }
    }

    private void serve(byte[] payload) {
        RequestFrame frame;
        try {
            frame = codec.decodeRequest(payload);
        } catch (FrameException e) {
            // the controller only logs these and stays silent (protocol.md §4.4)
            requestsUndecodable.incrementAndGet();
            lastUndecodableReason = e.reason();
            logger.debug("Simulator {} drops a request: {}", controller, e.getMessage());
            return;
        }
        requestsDecoded.incrementAndGet();
        logRequest(frame);
        Misbehaviour misbehaviour = misbehaviourFor(frame.body());
        if (misbehaviour == Misbehaviour.SILENT) {
            return;
        }
        SimCost charge = cost;
        if (charge.isFree()) {
            dispatchAndAnswer(frame, misbehaviour);
        } else {
            scheduler.schedule(() -> dispatchAndAnswer(frame, misbehaviour), reserveWorker(charge, frame.body()),
                    TimeUnit.NANOSECONDS);
        }
    }

    /** Books the worker for a frame ({@link SimCost}); returns the nanoseconds until its answer is due. */
    private long reserveWorker(SimCost charge, JsonElement body) {
        int calls = body instanceof JsonArray batch ? Math.max(1, batch.size()) : 1;
        long now = System.nanoTime();
        long done;
        synchronized (workerLock) {
            long start = workerFreeAt - now > 0 ? workerFreeAt : now;
            done = start + charge.workNanos(calls);
            workerFreeAt = done;
        }
        return done - now + charge.latency().toNanos();
    }

    private void dispatchAndAnswer(RequestFrame frame, Misbehaviour misbehaviour) {
        String responseTopic = topics.responseTopic(controller, frame.callId());
        try {
            dispatcher.dispatch(frame.body()).whenComplete((body, error) -> {
                if (error != null) {
                    logger.warn("Simulator {} failed to answer: {}", controller, error.toString());
                } else {
                    answerLater(() -> answer(frame, responseTopic, body, misbehaviour));
                }
            });
        } catch (SimDispatcher.BadEnvelope e) {
            answerLater(() -> sendDispatchFailure(responseTopic));
        }
    }

    private void answerLater(Runnable answer) {
        Duration delay = answerDelay;
        if (delay.isZero()) {
            answer.run();
        } else {
            scheduler.schedule(answer, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private Misbehaviour misbehaviourFor(JsonElement body) {
        Rule current = rule;
        if (current.misbehaviour() == Misbehaviour.NONE) {
            return Misbehaviour.NONE;
        }
        if (!current.methods().isEmpty()) {
            String method = body instanceof JsonObject request && request.get("method") instanceof JsonPrimitive m
                    && m.isString() ? m.getAsString() : "";
            if (!current.methods().contains(method)) {
                return Misbehaviour.NONE;
            }
        }
        if (current.remainingAtStart() < 0) {
            return current.misbehaviour();
        }
        return current.remaining().getAndDecrement() > 0 ? current.misbehaviour() : Misbehaviour.NONE;
    }

    private void answer(RequestFrame frame, String topic, JsonElement dispatched, Misbehaviour misbehaviour) {
        UnaryOperator<JsonElement> rewriter = answerRewriter;
        JsonElement body = rewriter == null ? dispatched : rewriter.apply(dispatched);
        byte[] answer = codec.encodeResponse(frame, body);
        String replayKey = frame.format() + "|" + frame.keyId();
        switch (misbehaviour) {
            case NONE -> sendAnswer(topic, answer);
            case WRONG_KEY -> sendAnswer(topic, wrongKeyCodec.encodeResponse(frame, body));
            case TAMPER_MAC, TAMPER_CIPHERTEXT, TAMPER_IV, TAMPER_STATUS ->
                sendAnswer(topic, tamper(answer, frame.format(), misbehaviour));
            case REPLAY, REPLAY_THEN_ANSWER -> {
                byte[] old = lastAnswers.get(replayKey);
                if (old != null) {
                    sendAnswer(topic, old);
                }
                if (misbehaviour == Misbehaviour.REPLAY_THEN_ANSWER) {
                    sendAnswer(topic, answer);
                }
            }
            case ANSWER_500 -> sendDispatchFailure(topic);
            case INJECT_500_THEN_ANSWER -> {
                sendDispatchFailure(topic);
                sendAnswer(topic, answer);
            }
            case DUPLICATE -> {
                sendAnswer(topic, answer);
                sendAnswer(topic, answer);
            }
            case SILENT -> {
                // nothing is answered
            }
        }
        if (misbehaviour != Misbehaviour.REPLAY) {
            lastAnswers.put(replayKey, answer);
        }
    }

    /** Flips one bit (or changes the status) of a valid answer. */
    static byte[] tamper(byte[] answer, FrameFormat format, Misbehaviour how) {
        if (format == FrameFormat.TEXT) {
            if (how == Misbehaviour.TAMPER_STATUS) {
                byte[] out = answer.clone();
                System.arraycopy(TAMPERED_TEXT_STATUS, 0, out, 0, TAMPERED_TEXT_STATUS.length);
                return out;
            }
            byte[] token = Base64.getUrlDecoder().decode(new String(answer, TEXT_OK_PREFIX.length,
                    answer.length - TEXT_OK_PREFIX.length, StandardCharsets.US_ASCII));
            flip(token, how, FERNET_IV_OFFSET);
            byte[] encoded = Base64.getUrlEncoder().encode(token);
            byte[] out = new byte[TEXT_OK_PREFIX.length + encoded.length];
            System.arraycopy(TEXT_OK_PREFIX, 0, out, 0, TEXT_OK_PREFIX.length);
            System.arraycopy(encoded, 0, out, TEXT_OK_PREFIX.length, encoded.length);
            return out;
        }
        byte[] out = answer.clone();
        if (how == Misbehaviour.TAMPER_STATUS) {
            out[BINARY_STATUS_OFFSET] = TAMPERED_BINARY_STATUS;
        } else {
            flip(out, how, BINARY_BLOCK_OFFSET);
        }
        return out;
    }

    private static void flip(byte[] data, Misbehaviour how, int ivOffset) {
        int index = switch (how) {
            case TAMPER_IV -> ivOffset;
            case TAMPER_CIPHERTEXT -> ivOffset + IV_BYTES;
            default -> data.length - MAC_BYTES;
        };
        data[index] ^= 1;
    }

    private void sendAnswer(String topic, byte[] payload) {
        answersSent.incrementAndGet();
        publishQuietly(topic, payload, responseQos, false);
    }

    private void sendDispatchFailure(String topic) {
        dispatchFailuresSent.incrementAndGet();
        publishQuietly(topic, ServerFrameCodec.dispatchFailure(), responseQos, false);
    }

    private void logRequest(RequestFrame frame) {
        List<JsonElement> elements = new ArrayList<>();
        if (frame.body() instanceof JsonArray batch && !batch.isEmpty()) {
            batch.forEach(elements::add);
        } else {
            elements.add(frame.body());
        }
        synchronized (logLock) {
            for (JsonElement element : elements) {
                String method = null;
                JsonObject params = null;
                JsonElement id = null;
                if (element instanceof JsonObject request) {
                    if (request.get("method") instanceof JsonPrimitive m && m.isString()) {
                        method = m.getAsString();
                    }
                    if (request.get("params") instanceof JsonObject p) {
                        params = p;
                    }
                    JsonElement requestId = request.get("id");
                    id = requestId == null || requestId.isJsonNull() ? null : requestId;
                }
                requestLog.addLast(
                        new LoggedRequest(frame.format(), frame.keyId(), frame.callId(), method, params, id, element));
                requestsLogged++;
                while (requestLog.size() > requestLogCapacity) {
                    requestLog.removeFirst();
                }
            }
            logLock.notifyAll();
        }
    }

    private void publishQuietly(String topic, byte[] payload, int qos, boolean retained) {
        CompletableFuture<?> publish = transport.publish(topic, payload, qos, retained);
        unfinishedPublishes.add(publish);
        publish.whenComplete((ok, error) -> {
            unfinishedPublishes.remove(publish);
            if (error != null) {
                logger.debug("Simulator {} could not publish on '{}': {}", controller, topic, error.getMessage());
            }
        });
    }

    /**
     * Lets what was published reach the broker before the connection goes, as a controller that stops does: a test
     * that closes a simulator right after it announced (e.g. to leave retained states of a dead controller behind)
     * would otherwise race the announcements. Bounded, and skipped while the broker is away.
     */
    private void finishPublishes() {
        if (!transport.isConnected()) {
            return;
        }
        try {
            CompletableFuture.allOf(unfinishedPublishes.toArray(CompletableFuture[]::new))
                    .get(CLOSE_PUBLISH_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            logger.debug("Simulator {} closes with publishes unfinished: {}", controller, e.toString());
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Configures a simulator; items added here are announced on {@link EvaSimulator#start()}. */
    public static final class Builder {

        record ItemSpec(Oid oid, int status, String value, double expires, boolean simpleLogic) {
        }

        private final MqttSettings.Builder mqtt;
        private String space = "";
        private ControllerId controller = ControllerId.parse("uc/sim1");
        private final Map<String, String> keys = new LinkedHashMap<>();
        private int responseQos = DEFAULT_QOS;
        private int stateQos = DEFAULT_QOS;
        private long bootId = 1;
        private Duration actionDuration = DEFAULT_ACTION_DURATION;
        private @Nullable Duration discoveryInterval;
        private int requestLogCapacity = DEFAULT_REQUEST_LOG_CAPACITY;
        private boolean announceOnStart = true;
        private SimCost cost = SimCost.FREE;
        private final List<ItemSpec> items = new ArrayList<>();

        private Builder(MqttSettings.Builder mqtt) {
            this.mqtt = mqtt;
        }

        /** The space (topic prefix), {@code ""} for none (default). */
        public Builder space(String space) {
            this.space = space;
            return this;
        }

        /** The controller id, {@code uc/...} or {@code lm/...}; default {@code uc/sim1}. */
        public Builder controller(String controllerId) {
            this.controller = ControllerId.parse(controllerId);
            return this;
        }

        /** An API key; at least one is needed for calls to be answered. */
        public Builder key(String keyId, String apiKey) {
            keys.put(keyId, apiKey);
            return this;
        }

        /** QoS of API answers (default 1, as EVA). */
        public Builder responseQos(int qos) {
            this.responseQos = qos;
            return this;
        }

        /** QoS of state announcements (default 1, as EVA). */
        public Builder stateQos(int qos) {
            this.stateQos = qos;
            return this;
        }

        /** The boot id in ieids (default 1). */
        public Builder bootId(long bootId) {
            this.bootId = bootId;
            return this;
        }

        /** How long unit actions run (default {@link EvaSimulator#DEFAULT_ACTION_DURATION}; zero: at once). */
        public Builder actionDuration(Duration duration) {
            this.actionDuration = duration;
            return this;
        }

        /** Announces discovery at start and then periodically (default: only on demand). */
        public Builder discoveryInterval(Duration interval) {
            this.discoveryInterval = interval;
            return this;
        }

        public Builder requestLogCapacity(int capacity) {
            this.requestLogCapacity = capacity;
            return this;
        }

        /** Whether items are announced at start (default true, as a controller does). */
        /** What serving a request costs ({@link SimCost}); {@link SimCost#FREE} by default. */
        public Builder cost(SimCost requestCost) {
            this.cost = requestCost;
            return this;
        }

        public Builder announceOnStart(boolean announce) {
            this.announceOnStart = announce;
            return this;
        }

        /** A unit ({@code group/id}). */
        public Builder unit(String fullId, int status, String value) {
            return item(Oid.fromFullId(SimModel.UNIT, fullId), status, value, 0, false);
        }

        /** A sensor ({@code group/id}). */
        public Builder sensor(String fullId, int status, String value) {
            return item(Oid.fromFullId(SimModel.SENSOR, fullId), status, value, 0, false);
        }

        /** An lvar ({@code group/id}) with a timer of {@code expires} seconds (0 = none), normal logic. */
        public Builder lvar(String fullId, int status, String value, double expires) {
            return item(Oid.fromFullId(SimModel.LVAR, fullId), status, value, expires, false);
        }

        /** An lvar with "simple" logic (protocol.md §8.3). */
        public Builder simpleLvar(String fullId, int status, String value, double expires) {
            return item(Oid.fromFullId(SimModel.LVAR, fullId), status, value, expires, true);
        }

        /** An LM macro ({@code group/id}). */
        public Builder macro(String fullId) {
            return item(Oid.fromFullId(SimModel.LMACRO, fullId), 1, "", 0, false);
        }

        private Builder item(Oid oid, int status, String value, double expires, boolean simpleLogic) {
            items.add(new ItemSpec(oid, status, value, expires, simpleLogic));
            return this;
        }

        public EvaSimulator build() {
            return new EvaSimulator(this);
        }

        /** {@link #build()} and {@link EvaSimulator#start()}. */
        public EvaSimulator start() {
            EvaSimulator simulator = build();
            try {
                return simulator.start();
            } catch (RuntimeException e) {
                simulator.close();
                throw e;
            }
        }
    }
}
