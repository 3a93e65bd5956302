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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.protocol.state.ItemState;
import org.openhab.binding.evaics.internal.protocol.state.Oid;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The typed EVA ICS API methods the binding uses (protocol.md §8), each one encrypted JSON-RPC call to one controller.
 * <p>
 * Every future completes exactly once: with the controller's decoded result, or exceptionally with an
 * {@link EvaRpcException} (possibly wrapped in a {@link java.util.concurrent.CompletionException}) that carries EVA's
 * error code. Nothing is queued: a call while the broker is disconnected fails at once.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public interface EvaApi {

    /** Any method with the given params (without {@code k}, which the client adds); the JSON-RPC result. */
    CompletableFuture<JsonElement> call(String method, JsonObject params);

    /** {@code test} (protocol.md §8.1): a ping that also reports the controller's product and version. */
    CompletableFuture<JsonObject> test();

    /** {@code state} with {@code i} (protocol.md §8.2, §8.3). */
    CompletableFuture<ItemState> state(Oid oid);

    /**
     * {@code state} with {@code i} for many items, in as few frames as the client allows (protocol.md §6.3: JSON-RPC
     * batches of {@link RpcClient#maxBatchCalls()}); each future completes on its own, as {@link #state(Oid)} would.
     * This default makes one call per item.
     *
     * @return one future per item, in the order of {@code oids}
     */
    default List<CompletableFuture<ItemState>> states(List<Oid> oids) {
        List<CompletableFuture<ItemState>> futures = new ArrayList<>(oids.size());
        for (Oid oid : oids) {
            futures.add(state(oid));
        }
        return futures;
    }

    /** {@code state} with {@code p} = {@code unit}, {@code sensor} or {@code lvar}: every item of that type. */
    CompletableFuture<List<ItemState>> stateAll(String type);

    /** {@code action} (protocol.md §8.2): {@code s} is required by the controller, {@code v} optional. */
    CompletableFuture<ActionResult> action(Oid unit, int status, @Nullable String value);

    /** {@code action_toggle} (protocol.md §8.2). */
    CompletableFuture<ActionResult> actionToggle(Oid unit);

    /** {@code result} with {@code u} (protocol.md §8.2). */
    CompletableFuture<ActionResult> result(String uuid);

    /** {@code terminate} with {@code i} (protocol.md §8.2). */
    CompletableFuture<JsonObject> terminate(Oid unit);

    /** {@code kill} (protocol.md §8.2). */
    CompletableFuture<JsonObject> kill(Oid unit);

    /** {@code set} (protocol.md §8.3); either may be null (not sent). */
    CompletableFuture<JsonObject> set(Oid lvar, @Nullable Integer status, @Nullable String value);

    /** {@code reset} (protocol.md §8.3). */
    CompletableFuture<JsonObject> reset(Oid lvar);

    /** {@code clear} (protocol.md §8.3). */
    CompletableFuture<JsonObject> clear(Oid lvar);

    /** {@code toggle} (protocol.md §8.3). */
    CompletableFuture<JsonObject> toggle(Oid lvar);

    /** {@code run} (protocol.md §8.3): an LM PLC macro; args and kwargs may be null (not sent). */
    CompletableFuture<ActionResult> run(Oid macro, @Nullable JsonArray args, @Nullable JsonObject kwargs);
}
