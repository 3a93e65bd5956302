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
package org.openhab.binding.evaics.internal.handler;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.protocol.rpc.ActionResult;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaApi;
import org.openhab.binding.evaics.internal.protocol.state.ItemState;
import org.openhab.binding.evaics.internal.protocol.state.Oid;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * An {@link EvaApi} whose {@code state} calls are recorded and answered by the test; every other method fails the
 * test.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class FakeEvaApi implements EvaApi {

    final List<Oid> stateCalls = new CopyOnWriteArrayList<>();
    final List<CompletableFuture<ItemState>> pending = new CopyOnWriteArrayList<>();
    private volatile Function<Oid, CompletableFuture<ItemState>> stateAnswer = oid -> {
        CompletableFuture<ItemState> future = new CompletableFuture<>();
        pending.add(future);
        return future;
    };

    /** From now on, answer {@code state} calls with this function. */
    void answerStates(Function<Oid, CompletableFuture<ItemState>> answer) {
        this.stateAnswer = answer;
    }

    /** The items of every {@link #states} call (one batch frame each), in order. */
    final List<List<Oid>> batches = new CopyOnWriteArrayList<>();

    /** Records the batch, then answers each item as {@link #state} does. */
    @Override
    public List<CompletableFuture<ItemState>> states(List<Oid> oids) {
        batches.add(List.copyOf(oids));
        return EvaApi.super.states(oids);
    }

    @Override
    public CompletableFuture<ItemState> state(Oid oid) {
        stateCalls.add(oid);
        return stateAnswer.apply(oid);
    }

    private static <T> CompletableFuture<T> unexpected(String method) {
        throw new AssertionError("unexpected call of " + method);
    }

    @Override
    public CompletableFuture<JsonElement> call(String method, JsonObject params) {
        return unexpected(method);
    }

    @Override
    public CompletableFuture<JsonObject> test() {
        return unexpected("test");
    }

    @Override
    public CompletableFuture<List<ItemState>> stateAll(String type) {
        return unexpected("stateAll");
    }

    @Override
    public CompletableFuture<ActionResult> action(Oid unit, int status, @Nullable String value) {
        return unexpected("action");
    }

    @Override
    public CompletableFuture<ActionResult> actionToggle(Oid unit) {
        return unexpected("actionToggle");
    }

    @Override
    public CompletableFuture<ActionResult> result(String uuid) {
        return unexpected("result");
    }

    @Override
    public CompletableFuture<JsonObject> terminate(Oid unit) {
        return unexpected("terminate");
    }

    @Override
    public CompletableFuture<JsonObject> kill(Oid unit) {
        return unexpected("kill");
    }

    @Override
    public CompletableFuture<JsonObject> set(Oid lvar, @Nullable Integer status, @Nullable String value) {
        return unexpected("set");
    }

    @Override
    public CompletableFuture<JsonObject> reset(Oid lvar) {
        return unexpected("reset");
    }

    @Override
    public CompletableFuture<JsonObject> clear(Oid lvar) {
        return unexpected("clear");
    }

    @Override
    public CompletableFuture<JsonObject> toggle(Oid lvar) {
        return unexpected("toggle");
    }

    @Override
    public CompletableFuture<ActionResult> run(Oid macro, @Nullable JsonArray args, @Nullable JsonObject kwargs) {
        return unexpected("run");
    }
}
