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
package org.openhab.binding.evaics.internal.protocol.rpc;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.codec.FrameCodec;
import org.openhab.binding.evaics.internal.protocol.codec.FrameException;
import org.openhab.binding.evaics.internal.protocol.codec.FrameFormat;
import org.openhab.binding.evaics.internal.protocol.codec.ResponseFrame;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttConnectionListener;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttMessageListener;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttTransport;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttTransportException;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttTransportException.Reason;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaRpcException.Kind;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;
import org.openhab.binding.evaics.internal.protocol.state.EvaTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The encrypted JSON-RPC client for one EVA controller over MQTT (protocol.md §3, §4, §5, §6.1, §6.5, §10 steps 2 to 5,
 * §11).
 * <p>
 * It holds one wildcard subscription {@code {P}controller/{pc}/{sys}/api/response/+} for its whole lifetime
 * (protocol.md §6.5, last paragraph) instead of subscribing per call, so a call costs one publish. Per call it picks a
 * fresh random 16-byte request id with the UUID version 4 bits set; the JSON-RPC id is the canonical UUID string of
 * those bytes, as EVA's own client does (protocol.md §4.2). The request object has the members {@code jsonrpc}, {@code
 * method}, {@code params}, {@code id} in this order, and {@code k} is the last param (protocol.md §6.1).
 * <p>
 * Answer rules (protocol.md §4.4, §10 step 4, §11): only an authentic answer (the codec decodes it) whose JSON-RPC id
 * equals the id sent completes a call, and only the first one. Late, duplicate, foreign (other clients' calls seen
 * through the wildcard), undecodable and replayed answers are dropped with a debug log. A plain {@code 500|} can be
 * forged by anyone on the broker, so it does not end the call: it is remembered, and the call fails with
 * {@link Kind#DISPATCH_FAILED} only if no valid answer came before the timeout.
 * <p>
 * Batches ({@link #callBatch}, protocol.md §6.3): several calls in one frame, each with its own JSON-RPC id, at most
 * {@link #maxBatchCalls()} per frame (fewer than {@link #MAX_BATCH_CALLS} with a small payload limit); the answer's
 * entries are bound to the calls by id as single answers are, and every call completes on its own
 * ({@link PendingFrame}).
 * <p>
 * Nothing is queued: a call while the broker is disconnected fails at once with {@link Kind#NOT_CONNECTED}, and
 * calls still waiting when the connection drops fail the same way (their answers would be lost with the clean
 * session). Pending calls are bounded by {@link RpcSettings#maxPendingCalls()}.
 * <p>
 * Calls can be made once the future of {@link #start()} has completed; before that they fail with
 * {@link Kind#NOT_CONNECTED}.
 * <p>
 * Threads: answers are decoded on the MQTT client's thread; futures complete there (answers), on the timer
 * (timeouts) or on the caller's thread (immediate failures). Dependent stages must not block; use the
 * {@code ...Async} variants for slow work. Every call schedules its timeout on the given timer and cancels it on
 * completion: a {@link java.util.concurrent.ScheduledThreadPoolExecutor} with
 * {@code setRemoveOnCancelPolicy(true)} keeps cancelled timeouts from piling up at high call rates. Thread-safe; the
 * hot path takes no lock besides the pending-call map.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class RpcClient implements AutoCloseable {

    /** Length of the raw request id (protocol.md §4.2). */
    public static final int REQUEST_ID_BYTES = 16;
    /**
     * Most calls in one batch frame: 125 {@code state} calls make a request of about 15 KB and an answer of about
     * 25 KB, far below the payload limit, and a controller's worker is busy with one frame for about 10 ms (EVA ICS
     * 3.4.2 answers about 3,000 single calls/s); the refresh of 10,000 items thus takes 80 frames.
     */
    public static final int MAX_BATCH_CALLS = 125;
    /**
     * Bytes of answer allowed per call of a batch when the payload limit bounds the batch ({@link #maxBatchCalls()}):
     * a {@code state} answer entry is about 250 bytes of JSON (protocol.md §9.1), less as msgpack; four times that
     * leaves room for long values, the text format's base64 and the frame.
     */
    static final int ANSWER_BYTES_PER_CALL = 1024;
    private static final int UUID_VERSION_INDEX = 6;
    private static final int UUID_VARIANT_INDEX = 8;
    private static final int UUID_VERSION_MASK = 0x0f;
    private static final int UUID_VERSION_4 = 0x40;
    private static final int UUID_VARIANT_MASK = 0x3f;
    private static final int UUID_VARIANT_RFC4122 = 0x80;
    /** Length of the canonical UUID text, 32 hex digits and 4 dashes. */
    private static final int UUID_TEXT_LENGTH = 36;
    /** The canonical UUID text has a dash before these byte positions (8-4-4-4-12 hex digits). */
    private static final int[] UUID_DASH_BEFORE_BYTE = { 4, 6, 8, 10 };
    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();
    private static final int NIBBLE_BITS = 4;
    private static final int NIBBLE_MASK = 0xf;
    private static final String JSONRPC_VERSION = "2.0";
    private static final String KEY_PARAM = "k";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Logger logger = LoggerFactory.getLogger(RpcClient.class);
    private final MqttTransport transport;
    private final ControllerId controller;
    private final String apiKey;
    private final FrameCodec codec;
    private final RpcSettings settings;
    private final ScheduledExecutorService timer;
    private final String requestTopic;
    private final String responseFilter;
    private final int maxBatchCalls;
    private final Map<String, PendingFrame> pending = new ConcurrentHashMap<>();
    /** Calls admitted and not yet completed; admission reserves a slot first, so the bound is exact. */
    private final AtomicInteger slots = new AtomicInteger();
    /** Answers that completed no call: late, duplicate, foreign, replayed, forged or undecodable. */
    private final AtomicLong droppedAnswers = new AtomicLong();
    private final MqttMessageListener responseListener = new MqttMessageListener() {
        @Override
        public void onMessage(String topic, byte[] payload, boolean retained) {
            onResponse(topic, payload, retained);
        }

        @Override
        public void onOversize(String topic, long payloadBytes) {
            onOversizeResponse(topic, payloadBytes);
        }
    };
    /** {@link #start()} futures waiting for the transport to be ready after the SUBACK. */
    private final Set<CompletableFuture<@Nullable Void>> readyWaiters = ConcurrentHashMap.newKeySet();
    private final MqttConnectionListener connectionListener = new MqttConnectionListener() {
        @Override
        public void connected(boolean reconnect) {
            completeReadyWaiters();
        }

        @Override
        public void connectionLost(String reason) {
            failAll(Kind.NOT_CONNECTED, EvaRpcException.CODE_NOT_READY, "connection to the broker lost (" + reason
                    + ") before the answer came; the request may or may not have been executed");
        }
    };

    private final Object lifecycleLock = new Object();
    // guarded by lifecycleLock
    private @Nullable CompletableFuture<@Nullable Void> subscribed;
    /** The broker acknowledged the response subscription: answers can reach us. */
    private volatile boolean subscriptionAcked;
    private volatile boolean closed;

    /**
     * @param transport the broker connection, shared with other clients and started by its owner
     * @param keyId the key id sent in clear in every frame
     * @param apiKey the API key: encrypts the frames and travels as {@code k} inside them
     * @param timer runs the call timeouts; owned by the caller
     * @throws IllegalArgumentException if the key id or API key cannot be used with {@code format}
     */
    public RpcClient(MqttTransport transport, EvaTopics topics, ControllerId controller, String keyId, String apiKey,
            FrameFormat format, RpcSettings settings, ProtocolLimits limits, ScheduledExecutorService timer) {
        this.transport = transport;
        this.controller = controller;
        this.apiKey = apiKey;
        this.codec = new FrameCodec(keyId, apiKey, format, limits);
        this.settings = settings;
        this.timer = timer;
        this.requestTopic = topics.requestTopic(controller);
        this.responseFilter = topics.responseFilter(controller);
        this.maxBatchCalls = Math.max(1, Math.min(MAX_BATCH_CALLS, limits.maxPayloadBytes() / ANSWER_BYTES_PER_CALL));
    }

    /**
     * Subscribes the response filter (once; later calls return the same outcome).
     *
     * @return completes when the broker has acknowledged the subscription (SUBACK) and the transport reports itself
     *         connected, so that calls can be sent; waits for the next connect when disconnected; fails if the broker
     *         refuses the subscription or the client is closed
     */
    public CompletableFuture<@Nullable Void> start() {
        synchronized (lifecycleLock) {
            if (closed) {
                return CompletableFuture.failedFuture(closedException());
            }
            CompletableFuture<@Nullable Void> future = subscribed;
            if (future == null) {
                transport.addConnectionListener(connectionListener);
                CompletableFuture<@Nullable Void> ready = new CompletableFuture<>();
                transport.subscribe(responseFilter, settings.qos(), responseListener).whenComplete((ok, error) -> {
                    if (error != null) {
                        ready.completeExceptionally(error);
                    } else {
                        awaitReady(ready);
                    }
                });
                future = ready;
                subscribed = future;
            }
            return future.copy();
        }
    }

    /**
     * The transport completes a SUBACK before it marks itself connected; calls sent in between would fail, so
     * {@link #start()} also waits for the connected state.
     */
    private void awaitReady(CompletableFuture<@Nullable Void> ready) {
        if (transport.isConnected()) {
            // set before completing: callers may call() from the completion itself
            subscriptionAcked = true;
            ready.complete(null);
            return;
        }
        readyWaiters.add(ready);
        // the connected event may have passed between the check and the registration
        if (transport.isConnected() || closed) {
            completeReadyWaiters();
        }
    }

    private void completeReadyWaiters() {
        for (CompletableFuture<@Nullable Void> waiter : readyWaiters) {
            readyWaiters.remove(waiter);
            if (closed) {
                waiter.completeExceptionally(closedException());
            } else {
                subscriptionAcked = true;
                waiter.complete(null);
            }
        }
    }

    /** {@link #call(String, JsonObject, Duration)} with the configured timeout. */
    public CompletableFuture<JsonElement> call(String method, JsonObject params) {
        return call(method, params, settings.callTimeout());
    }

    /**
     * Sends one JSON-RPC request.
     *
     * @param params the params without {@code k} (a {@code k} given here is replaced); not modified
     * @return the JSON-RPC {@code result}, or fails with an {@link EvaRpcException}
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public CompletableFuture<JsonElement> call(String method, JsonObject params, Duration timeout) {
        return send(List.of(new RpcCall(method, params)), false, timeout).get(0);
    }

    /** {@link #callBatch(List, Duration)} with the configured timeout. */
    public List<CompletableFuture<JsonElement>> callBatch(List<RpcCall> calls) {
        return callBatch(calls, settings.callTimeout());
    }

    /**
     * Sends several JSON-RPC requests as batches (protocol.md §6.3): one frame per {@link #maxBatchCalls()} calls,
     * each call with its own JSON-RPC id, answered by one frame each. Every call completes on its own, as
     * {@link #call(String, JsonObject, Duration)} would: with its result, or with its error (an EVA error, or
     * {@link Kind#BAD_DATA} when the batch answer holds no entry or two entries with its id), so that one bad entry
     * does not fail the others. A timeout, {@code 500|}, a lost connection or the pending-call bound
     * ({@link RpcSettings#maxPendingCalls()} counts every call of a batch) fail all calls of that frame. A single call
     * is sent as a plain request.
     *
     * @return one future per call, in the order of {@code calls}
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public List<CompletableFuture<JsonElement>> callBatch(List<RpcCall> calls, Duration timeout) {
        if (calls.size() <= 1) {
            return calls.isEmpty() ? List.of() : send(calls, false, timeout);
        }
        List<CompletableFuture<JsonElement>> futures = new ArrayList<>(calls.size());
        for (int from = 0; from < calls.size(); from += maxBatchCalls) {
            futures.addAll(send(calls.subList(from, Math.min(calls.size(), from + maxBatchCalls)), true, timeout));
        }
        return futures;
    }

    /** One frame: a single request ({@code batch} false, one call) or an array of them. */
    private List<CompletableFuture<JsonElement>> send(List<RpcCall> calls, boolean batch, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        String what = batch ? "a batch of " + calls.size() + " calls" : "'" + calls.get(0).method() + "'";
        if (closed) {
            return failed(calls.size(), Kind.CLOSED, closedMessage());
        }
        if (!subscriptionAcked) {
            // an answer could come back before the broker routes the response topic to us
            return failed(calls.size(), Kind.NOT_CONNECTED, "RPC client for " + controller
                    + " is not started or its response subscription is not acknowledged yet; " + what + " not sent");
        }
        if (!transport.isConnected()) {
            return failed(calls.size(), Kind.NOT_CONNECTED,
                    "not connected to the broker; " + what + " to " + controller + " not sent");
        }
        if (slots.addAndGet(calls.size()) > settings.maxPendingCalls()) {
            slots.addAndGet(-calls.size());
            return failed(calls.size(), Kind.TOO_MANY_PENDING, settings.maxPendingCalls() + " calls to " + controller
                    + " are already waiting for an answer; " + what + " not sent");
        }
        byte[] requestId = newRequestId();
        List<PendingFrame.Call> entries = new ArrayList<>(calls.size());
        JsonArray requests = new JsonArray(calls.size());
        for (RpcCall call : calls) {
            // one fresh id per call, as for single calls (protocol.md §4.2)
            String jsonRpcId = batch ? uuidString(newRequestId()) : uuidString(requestId);
            entries.add(new PendingFrame.Call(jsonRpcId, call.method(), new CompletableFuture<>()));
            requests.add(buildRequest(call.method(), call.params(), apiKey, jsonRpcId));
        }
        byte[] frame;
        try {
            frame = codec.encodeRequest(requestId, batch ? requests : requests.get(0));
        } catch (IllegalArgumentException e) {
            slots.addAndGet(-calls.size());
            return failed(calls.size(), Kind.BAD_DATA, EvaRpcException.CODE_BAD_DATA,
                    what + " cannot be encoded: " + e.getMessage());
        }
        PendingFrame call = new PendingFrame(FrameCodec.callId(requestId), entries, batch, timeout, controller,
                pending, slots);
        if (pending.putIfAbsent(call.callId, call) != null) {
            // 122 random bits: only a broken random source gets here
            slots.addAndGet(-calls.size());
            return failed(calls.size(), Kind.BAD_DATA, EvaRpcException.CODE_UNKNOWN_ERROR, "request id collision");
        }
        try {
            ScheduledFuture<?> task = timer.schedule(call::onTimeout, timeout.toNanos(), TimeUnit.NANOSECONDS);
            call.timeoutTask = task;
            if (call.isDone()) {
                task.cancel(false);
            }
        } catch (RejectedExecutionException e) {
            call.fail(Kind.CLOSED, EvaRpcException.CODE_NOT_READY,
                    "the call timer is shut down; " + what + " to " + controller + " not sent");
            return call.futures();
        }
        if (closed) {
            call.fail(Kind.CLOSED, EvaRpcException.CODE_NOT_READY, closedMessage());
            return call.futures();
        }
        if (logger.isTraceEnabled()) {
            // never the request itself: its params carry the API key
            logger.trace("Sending {} to {}: {} bytes, call id {}", what, controller, frame.length, call.callId);
        }
        transport.publish(requestTopic, frame, settings.qos(), false).whenComplete((ok, error) -> {
            if (error == null) {
                return;
            }
            Throwable cause = error instanceof CompletionException ? Objects.requireNonNullElse(error.getCause(), error)
                    : error;
            if (cause instanceof MqttTransportException e && e.reason() == Reason.CONNECTION_LOST) {
                // handed to Paho, and the connection dropped before Paho confirmed it: the bytes may have left
                call.fail(Kind.NOT_CONNECTED, EvaRpcException.CODE_NOT_READY, "connection to the broker lost while "
                        + what + " to " + controller + " was being sent (" + cause.getMessage()
                        + "); the request may or may not have been executed");
            } else {
                call.fail(Kind.NOT_CONNECTED, EvaRpcException.CODE_NOT_READY,
                        what + " to " + controller + " not sent: " + cause.getMessage());
            }
        });
        return call.futures();
    }

    /**
     * Answers seen on the response topics that completed no call (late, duplicate, other clients', replayed, forged
     * or undecodable), since the client was created; for diagnostics and tests.
     */
    public long droppedAnswers() {
        return droppedAnswers.get();
    }

    /** Calls waiting for an answer now. */
    public int pendingCalls() {
        return pending.size();
    }

    /**
     * Most calls {@link #callBatch} puts in one frame: {@link #MAX_BATCH_CALLS}, fewer when the payload limit is so
     * small that their answer might not fit ({@link #ANSWER_BYTES_PER_CALL} per call); at least 1.
     */
    public int maxBatchCalls() {
        return maxBatchCalls;
    }

    public ControllerId controller() {
        return controller;
    }

    public RpcSettings settings() {
        return settings;
    }

    public FrameFormat format() {
        return codec.format();
    }

    /** Fails pending calls with {@link Kind#CLOSED} and unsubscribes the response filter. Idempotent. */
    @Override
    public void close() {
        synchronized (lifecycleLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        transport.removeConnectionListener(connectionListener);
        transport.unsubscribe(responseFilter, responseListener);
        completeReadyWaiters();
        // a pending call was sent (or is being sent): whether it ran is unknown, as with a lost connection (the owner
        // may close this client on the broker's loss before the transport tells it so)
        failAll(Kind.CLOSED, EvaRpcException.CODE_NOT_READY, "RPC client for " + controller
                + " closed before the answer came; the request may or may not have been executed");
    }

    @Override
    public String toString() {
        return "RpcClient[" + controller + ", " + codec + ", pending=" + pending.size() + "]";
    }

    private void failAll(Kind kind, int code, String message) {
        for (PendingFrame call : pending.values()) {
            call.fail(kind, code, message);
        }
    }

    /**
     * The JSON-RPC request object as EVA's client builds it (protocol.md §6.1): members {@code jsonrpc}, {@code
     * method}, {@code params}, {@code id} in this order, {@code k} the last param. {@code params} is not modified.
     */
    static JsonObject buildRequest(String method, JsonObject params, String apiKey, String jsonRpcId) {
        JsonObject withKey = new JsonObject();
        for (Map.Entry<String, JsonElement> param : params.entrySet()) {
            if (!KEY_PARAM.equals(param.getKey())) {
                withKey.add(param.getKey(), param.getValue());
            }
        }
        withKey.addProperty(KEY_PARAM, apiKey);
        JsonObject request = new JsonObject();
        request.addProperty("jsonrpc", JSONRPC_VERSION);
        request.addProperty("method", method);
        request.add("params", withKey);
        request.addProperty("id", jsonRpcId);
        return request;
    }

    /** The MQTT callback: never throws (protocol.md §10 step 4: drop and keep waiting). */
    private void onResponse(String topic, byte[] payload, boolean retained) {
        try {
            handleResponse(topic, payload);
        } catch (RuntimeException e) {
            droppedAnswers.incrementAndGet();
            logger.debug("Dropping answer on '{}' from {}: {}", topic, controller, e.toString());
        }
    }

    /** The call id at the end of a response topic ({@code .../api/response/<call id>}, protocol.md §3). */
    private static String callIdOf(String topic) {
        return topic.substring(topic.lastIndexOf('/') + 1);
    }

    /**
     * An answer the transport dropped unread for its size: it cannot be checked, so like any other bad answer it
     * completes nothing, and the call's timeout message names it (a forged one must not end a call early).
     */
    private void onOversizeResponse(String topic, long payloadBytes) {
        droppedAnswers.incrementAndGet();
        PendingFrame call = pending.get(callIdOf(topic));
        if (call != null) {
            call.reject("too large to be read (" + (payloadBytes < 0 ? "unknown size" : payloadBytes + " bytes")
                    + ", above the payload limit)");
        }
    }

    private void handleResponse(String topic, byte[] payload) {
        String callId = callIdOf(topic);
        PendingFrame call = pending.get(callId);
        if (call == null) {
            droppedAnswers.incrementAndGet();
            logger.debug("Dropping answer on '{}': no call waiting for it (late, duplicate or another client's)",
                    topic);
            return;
        }
        ResponseFrame frame;
        try {
            frame = codec.decodeResponse(payload);
        } catch (FrameException e) {
            droppedAnswers.incrementAndGet();
            call.reject(rejectionReason(e.reason()));
            logger.debug("Dropping answer to {} from {}: {}", call.what(), controller, e.getMessage());
            return;
        }
        if (frame.dispatchFailed()) {
            droppedAnswers.incrementAndGet();
            call.dispatchFailed = true;
            logger.debug("{} answered {} with 500| (dispatch failed, or forged); waiting for a valid answer",
                    controller, call.what());
            return;
        }
        String rejection = call.accept(frame.body());
        if (rejection != null) {
            droppedAnswers.incrementAndGet();
            call.reject(rejection);
            logger.debug("Dropping answer to {} from {}: {} (replayed or misrouted answer?)", call.what(), controller,
                    rejection);
            return;
        }
        logger.trace("Answer to {} from {} accepted (call id {})", call.what(), controller, callId);
    }

    private static String rejectionReason(FrameException.Reason reason) {
        return switch (reason) {
            case NOT_AUTHENTIC -> "not authentic";
            case BAD_STATUS -> "bad status";
            case BAD_HEADER -> "not a frame of the request's format";
            case MALFORMED -> "malformed frame";
            case TOO_LARGE -> "too large";
            case DECOMPRESSION_LIMIT -> "inflates beyond the limit";
            case BAD_BODY -> "undecodable body";
            case NESTING_TOO_DEEP -> "nested too deep";
            case UNKNOWN_KEY_ID -> "unknown key id";
        };
    }

    /** A fresh random request id with the UUID version 4 and RFC 4122 variant bits set (protocol.md §4.2). */
    static byte[] newRequestId() {
        byte[] id = new byte[REQUEST_ID_BYTES];
        RANDOM.nextBytes(id);
        id[UUID_VERSION_INDEX] = (byte) ((id[UUID_VERSION_INDEX] & UUID_VERSION_MASK) | UUID_VERSION_4);
        id[UUID_VARIANT_INDEX] = (byte) ((id[UUID_VARIANT_INDEX] & UUID_VARIANT_MASK) | UUID_VARIANT_RFC4122);
        return id;
    }

    /** The canonical UUID text of 16 bytes: lowercase hex in groups 8-4-4-4-12. */
    static String uuidString(byte[] id) {
        if (id.length != REQUEST_ID_BYTES) {
            throw new IllegalArgumentException("a UUID has " + REQUEST_ID_BYTES + " bytes, not " + id.length);
        }
        char[] text = new char[UUID_TEXT_LENGTH];
        int pos = 0;
        int dash = 0;
        for (int i = 0; i < REQUEST_ID_BYTES; i++) {
            if (dash < UUID_DASH_BEFORE_BYTE.length && i == UUID_DASH_BEFORE_BYTE[dash]) {
                text[pos++] = '-';
                dash++;
            }
            text[pos++] = HEX_DIGITS[(id[i] >> NIBBLE_BITS) & NIBBLE_MASK];
            text[pos++] = HEX_DIGITS[id[i] & NIBBLE_MASK];
        }
        return new String(text);
    }

    private EvaRpcException closedException() {
        return new EvaRpcException(Kind.CLOSED, EvaRpcException.CODE_NOT_READY, closedMessage());
    }

    private String closedMessage() {
        return "RPC client for " + controller + " is closed";
    }

    private static List<CompletableFuture<JsonElement>> failed(int calls, Kind kind, String message) {
        return failed(calls, kind, EvaRpcException.CODE_NOT_READY, message);
    }

    private static List<CompletableFuture<JsonElement>> failed(int calls, Kind kind, int code, String message) {
        List<CompletableFuture<JsonElement>> futures = new ArrayList<>(calls);
        for (int i = 0; i < calls; i++) {
            futures.add(CompletableFuture.failedFuture(new EvaRpcException(kind, code, message)));
        }
        return futures;
    }
}
