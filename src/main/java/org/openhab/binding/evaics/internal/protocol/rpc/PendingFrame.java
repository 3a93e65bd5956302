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

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaRpcException.Kind;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * One request frame of an {@link RpcClient}, from publish to its single completion: one call, or a batch of calls
 * (protocol.md §6.3) answered by one frame holding an array with one response object per call.
 * <p>
 * Binding of answers (protocol.md §4.4, §10 step 4, §11): a single call takes only a response object with its own
 * JSON-RPC id. A batch takes only an array that holds the id of at least one of its calls (an old batch answer replayed
 * holds none, as every call has a fresh random id); each call then gets the one entry with its id: an entry that is
 * missing or comes twice fails that call with {@link Kind#BAD_DATA}, not the others, and entries with foreign ids
 * complete nothing. Whoever removes the frame from the client's pending map completes it, so it completes once.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class PendingFrame {

    /** Most distinct rejection reasons remembered per frame for the timeout message. */
    private static final int MAX_REJECTION_REASONS = 8;

    /** One call in the frame: its JSON-RPC id and method, and the future its caller holds. */
    record Call(String jsonRpcId, String method, CompletableFuture<JsonElement> future) {
    }

    private final Logger logger = LoggerFactory.getLogger(PendingFrame.class);
    /** The call id of the frame's response topic (protocol.md §4.2). */
    final String callId;
    private final List<Call> calls;
    private final boolean batch;
    private final Duration timeout;
    private final ControllerId controller;
    private final Map<String, PendingFrame> pending;
    private final AtomicInteger slots;
    volatile @Nullable ScheduledFuture<?> timeoutTask;
    /** A {@code 500|} came; reported only if nothing valid follows. */
    volatile boolean dispatchFailed;
    // guarded by this; rejections are rare, so a lock here costs nothing on the hot path
    private final Map<String, Integer> rejections = new LinkedHashMap<>();
    private int rejected;

    /**
     * @param batch whether the request body is an array (then the answer must be one too)
     * @param pending the client's frames by call id; this frame must be put there before it is published
     * @param slots the client's count of admitted calls; the frame releases {@code calls.size()} of them
     */
    PendingFrame(String callId, List<Call> calls, boolean batch, Duration timeout, ControllerId controller,
            Map<String, PendingFrame> pending, AtomicInteger slots) {
        this.callId = callId;
        this.calls = List.copyOf(calls);
        this.batch = batch;
        this.timeout = timeout;
        this.controller = controller;
        this.pending = pending;
        this.slots = slots;
    }

    /** The callers' futures, in the order of the calls. */
    List<CompletableFuture<JsonElement>> futures() {
        List<CompletableFuture<JsonElement>> futures = new ArrayList<>(calls.size());
        for (Call call : calls) {
            futures.add(call.future());
        }
        return futures;
    }

    boolean isDone() {
        return calls.stream().allMatch(call -> call.future().isDone());
    }

    /** What the frame asks, for messages: {@code 'test'}, or {@code a batch of 3 calls ('state')}. */
    String what() {
        if (!batch) {
            return "'" + calls.get(0).method() + "'";
        }
        Set<String> methods = new LinkedHashSet<>();
        for (Call call : calls) {
            methods.add("'" + call.method() + "'");
        }
        return "a batch of " + calls.size() + " calls (" + String.join(", ", methods) + ")";
    }

    /**
     * An authentic answer body for this frame's call id.
     *
     * @return null if it completed the frame (or the frame was already complete), otherwise why it was rejected: then
     *         nothing completed and the frame keeps waiting
     */
    @Nullable
    String accept(@Nullable JsonElement body) {
        if (!batch) {
            if (!(body instanceof JsonObject response)) {
                return "not a JSON-RPC response object";
            }
            Call call = calls.get(0);
            if (!call.jsonRpcId().equals(idOf(response))) {
                return "JSON-RPC id mismatch";
            }
            if (claim()) {
                settle(call, response);
            }
            return null;
        }
        if (!(body instanceof JsonArray answers)) {
            return "not a JSON-RPC batch answer";
        }
        Map<String, List<JsonObject>> byId = new HashMap<>();
        for (JsonElement answer : answers) {
            if (answer instanceof JsonObject response) {
                String id = idOf(response);
                if (id != null) {
                    List<JsonObject> same = byId.get(id);
                    if (same == null) {
                        same = new ArrayList<>(1);
                        byId.put(id, same);
                    }
                    same.add(response);
                }
            }
        }
        if (calls.stream().noneMatch(call -> byId.containsKey(call.jsonRpcId()))) {
            return "JSON-RPC id mismatch";
        }
        if (claim()) {
            for (Call call : calls) {
                List<JsonObject> responses = byId.get(call.jsonRpcId());
                if (responses == null) {
                    fail(call, Kind.BAD_DATA, EvaRpcException.CODE_BAD_DATA,
                            controller + " answered " + what() + " without an answer to '" + call.method() + "'");
                } else if (responses.size() > 1) {
                    fail(call, Kind.BAD_DATA, EvaRpcException.CODE_BAD_DATA, controller + " answered '"
                            + call.method() + "' " + responses.size() + " times in one batch answer");
                } else {
                    settle(call, responses.get(0));
                }
            }
        }
        return null;
    }

    private static @Nullable String idOf(JsonObject response) {
        return response.get("id") instanceof JsonPrimitive id && id.isString() ? id.getAsString() : null;
    }

    /** One call's response object (protocol.md §6.4): its error, or its result. */
    private void settle(Call call, JsonObject response) {
        JsonElement error = response.get("error");
        if (error != null && !error.isJsonNull()) {
            failRemote(call, error);
            return;
        }
        JsonElement result = response.get("result");
        if (result == null) {
            fail(call, Kind.BAD_DATA, EvaRpcException.CODE_BAD_DATA,
                    controller + " answered '" + call.method() + "' with neither result nor error");
            return;
        }
        call.future().complete(result);
    }

    /** Fails every call of the frame, unless it completed already. */
    void fail(Kind kind, int code, String message) {
        if (claim()) {
            for (Call call : calls) {
                fail(call, kind, code, message);
            }
        }
    }

    private static void fail(Call call, Kind kind, int code, String message) {
        call.future().completeExceptionally(new EvaRpcException(kind, code, message));
    }

    private void failRemote(Call call, JsonElement error) {
        int code = EvaRpcException.CODE_UNKNOWN_ERROR;
        String message = "no message";
        JsonObject errorObject = null;
        if (error instanceof JsonObject object) {
            errorObject = object;
            if (object.get("code") instanceof JsonPrimitive c && c.isNumber()) {
                code = c.getAsNumber().intValue();
            }
            if (object.get("message") instanceof JsonPrimitive m && m.isString()) {
                message = m.getAsString();
            }
        }
        call.future().completeExceptionally(new EvaRpcException(Kind.REMOTE_ERROR, code,
                controller + " refused '" + call.method() + "': " + message + " (EVA error " + code + ")",
                errorObject));
    }

    /** Wins the one completion: whoever removes the frame from the map completes it. */
    private boolean claim() {
        if (!pending.remove(callId, this)) {
            return false;
        }
        slots.addAndGet(-calls.size());
        ScheduledFuture<?> task = timeoutTask;
        if (task != null) {
            task.cancel(false);
        }
        return true;
    }

    synchronized void reject(String reason) {
        rejected++;
        if (rejections.containsKey(reason) || rejections.size() < MAX_REJECTION_REASONS) {
            rejections.merge(reason, 1, Integer::sum);
        }
    }

    void onTimeout() {
        try {
            if (dispatchFailed) {
                fail(Kind.DISPATCH_FAILED, EvaRpcException.CODE_API_ERROR, controller + " answered " + what()
                        + " only with 500| (it could not dispatch the request, or the answer was forged)"
                        + rejectionNote());
            } else {
                fail(Kind.TIMEOUT, EvaRpcException.CODE_TIMEOUT,
                        "no answer from " + controller + " to " + what() + " within " + timeout.toMillis()
                                + " ms: wrong API key, unknown key id, API disabled on the controller's"
                                + " notifier, or controller down" + rejectionNote());
            }
        } catch (RuntimeException e) {
            logger.debug("Timeout handling of {} to {} failed: {}", what(), controller, e.toString());
        }
    }

    private synchronized String rejectionNote() {
        if (rejected == 0) {
            return "";
        }
        StringBuilder note = new StringBuilder("; ").append(rejected)
                .append(rejected == 1 ? " answer rejected: " : " answers rejected: ");
        boolean first = true;
        for (Map.Entry<String, Integer> reason : rejections.entrySet()) {
            if (!first) {
                note.append(", ");
            }
            first = false;
            if (rejected > 1) {
                note.append(reason.getValue()).append(' ');
            }
            note.append(reason.getKey());
        }
        return note.toString();
    }
}
