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
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaRpcException.Kind;
import org.openhab.binding.evaics.internal.protocol.state.ItemState;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.binding.evaics.internal.protocol.state.StateFormatException;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * {@link EvaApi} over an {@link RpcClient}: builds the params of each method exactly as protocol.md §8.1 to §8.3 name
 * them (the controller refuses unknown params with error 11, protocol.md §6.3), and checks the shape of the results:
 * state objects (protocol.md §9.1) become {@link ItemState}s, action objects (protocol.md §8.5) {@link ActionResult}s;
 * anything else fails with {@link Kind#BAD_DATA}. Thread-safe.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class RpcEvaApi implements EvaApi {

    private static final String ITEM = "i";
    private static final String STATUS = "s";
    private static final String VALUE = "v";
    private static final String TYPE = "p";
    private static final String UUID = "u";
    private static final String ARGS = "a";
    private static final String KWARGS = "kw";

    private final RpcClient rpc;

    public RpcEvaApi(RpcClient rpc) {
        this.rpc = rpc;
    }

    public RpcClient rpc() {
        return rpc;
    }

    @Override
    public CompletableFuture<JsonElement> call(String method, JsonObject params) {
        return rpc.call(method, params);
    }

    @Override
    public CompletableFuture<JsonObject> test() {
        return map("test", rpc.call("test", new JsonObject()), RpcEvaApi::object);
    }

    @Override
    public CompletableFuture<ItemState> state(Oid oid) {
        return map("state", rpc.call("state", item(oid)), result -> state(object(result)));
    }

    /** One batch frame per {@link RpcClient#maxBatchCalls()} items ({@link RpcClient#callBatch}). */
    @Override
    public List<CompletableFuture<ItemState>> states(List<Oid> oids) {
        List<RpcCall> calls = new ArrayList<>(oids.size());
        for (Oid oid : oids) {
            calls.add(new RpcCall("state", item(oid)));
        }
        List<CompletableFuture<JsonElement>> answers = rpc.callBatch(calls);
        List<CompletableFuture<ItemState>> states = new ArrayList<>(answers.size());
        for (CompletableFuture<JsonElement> answer : answers) {
            states.add(map("state", answer, result -> state(object(result))));
        }
        return states;
    }

    @Override
    public CompletableFuture<List<ItemState>> stateAll(String type) {
        JsonObject params = new JsonObject();
        params.addProperty(TYPE, type);
        return map("state", rpc.call("state", params), result -> {
            if (!(result instanceof JsonArray array)) {
                throw new BadShape("a list of states", result);
            }
            List<ItemState> states = new ArrayList<>(array.size());
            for (JsonElement element : array) {
                states.add(state(object(element)));
            }
            return states;
        });
    }

    @Override
    public CompletableFuture<ActionResult> action(Oid unit, int status, @Nullable String value) {
        JsonObject params = item(unit);
        params.addProperty(STATUS, status);
        if (value != null) {
            params.addProperty(VALUE, value);
        }
        return map("action", rpc.call("action", params), RpcEvaApi::actionResult);
    }

    @Override
    public CompletableFuture<ActionResult> actionToggle(Oid unit) {
        return map("action_toggle", rpc.call("action_toggle", item(unit)), RpcEvaApi::actionResult);
    }

    @Override
    public CompletableFuture<ActionResult> result(String uuid) {
        JsonObject params = new JsonObject();
        params.addProperty(UUID, uuid);
        return map("result", rpc.call("result", params), RpcEvaApi::actionResult);
    }

    @Override
    public CompletableFuture<JsonObject> terminate(Oid unit) {
        return map("terminate", rpc.call("terminate", item(unit)), RpcEvaApi::object);
    }

    @Override
    public CompletableFuture<JsonObject> kill(Oid unit) {
        return map("kill", rpc.call("kill", item(unit)), RpcEvaApi::object);
    }

    @Override
    public CompletableFuture<JsonObject> set(Oid lvar, @Nullable Integer status, @Nullable String value) {
        JsonObject params = item(lvar);
        if (status != null) {
            params.addProperty(STATUS, status);
        }
        if (value != null) {
            params.addProperty(VALUE, value);
        }
        return map("set", rpc.call("set", params), RpcEvaApi::object);
    }

    @Override
    public CompletableFuture<JsonObject> reset(Oid lvar) {
        return map("reset", rpc.call("reset", item(lvar)), RpcEvaApi::object);
    }

    @Override
    public CompletableFuture<JsonObject> clear(Oid lvar) {
        return map("clear", rpc.call("clear", item(lvar)), RpcEvaApi::object);
    }

    @Override
    public CompletableFuture<JsonObject> toggle(Oid lvar) {
        return map("toggle", rpc.call("toggle", item(lvar)), RpcEvaApi::object);
    }

    @Override
    public CompletableFuture<ActionResult> run(Oid macro, @Nullable JsonArray args, @Nullable JsonObject kwargs) {
        JsonObject params = item(macro);
        if (args != null) {
            params.add(ARGS, args);
        }
        if (kwargs != null) {
            params.add(KWARGS, kwargs);
        }
        return map("run", rpc.call("run", params), RpcEvaApi::actionResult);
    }

    private static JsonObject item(Oid oid) {
        JsonObject params = new JsonObject();
        params.addProperty(ITEM, oid.toString());
        return params;
    }

    private ItemState state(JsonObject object) throws BadShape {
        try {
            return ItemState.fromStateObject(object, rpc.controller());
        } catch (StateFormatException e) {
            throw new BadShape("invalid state: " + e.getMessage());
        }
    }

    /** An action object (protocol.md §8.5): uuid and status strings, finished boolean, exitcode integer or null. */
    static ActionResult actionResult(JsonElement result) throws BadShape {
        JsonObject object = object(result);
        String uuid = string(object, "uuid");
        String status = string(object, "status");
        if (!(object.get("finished") instanceof JsonPrimitive finished && finished.isBoolean())) {
            throw new BadShape("action object without boolean 'finished'");
        }
        Integer exitcode = null;
        JsonElement code = object.get("exitcode");
        if (code != null && !code.isJsonNull()) {
            if (!(code instanceof JsonPrimitive number && number.isNumber())) {
                throw new BadShape("action object with non-numeric 'exitcode'");
            }
            double value = number.getAsDouble();
            if (value != Math.rint(value) || value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                throw new BadShape("action object with non-integer 'exitcode'");
            }
            exitcode = (int) value;
        }
        return new ActionResult(uuid, status, finished.getAsBoolean(), exitcode, object);
    }

    private static String string(JsonObject object, String name) throws BadShape {
        if (object.get(name) instanceof JsonPrimitive p && p.isString()) {
            return p.getAsString();
        }
        throw new BadShape("action object without string '" + name + "'");
    }

    private static JsonObject object(JsonElement result) throws BadShape {
        if (result instanceof JsonObject object) {
            return object;
        }
        throw new BadShape("an object", result);
    }

    private <T> CompletableFuture<T> map(String method, CompletableFuture<JsonElement> call, Parser<T> parser) {
        CompletableFuture<T> mapped = new CompletableFuture<>();
        call.whenComplete((result, error) -> {
            if (error != null) {
                mapped.completeExceptionally(
                        error instanceof CompletionException ? Objects.requireNonNullElse(error.getCause(), error)
                                : error);
                return;
            }
            try {
                mapped.complete(parser.parse(result));
            } catch (BadShape e) {
                mapped.completeExceptionally(new EvaRpcException(Kind.BAD_DATA, EvaRpcException.CODE_BAD_DATA,
                        rpc.controller() + " answered '" + method + "' with " + e.getMessage()));
            } catch (RuntimeException e) {
                mapped.completeExceptionally(new EvaRpcException(Kind.BAD_DATA, EvaRpcException.CODE_BAD_DATA,
                        rpc.controller() + " answered '" + method + "' with an unusable result: " + e));
            }
        });
        return mapped;
    }

    @FunctionalInterface
    private interface Parser<T> {
        T parse(JsonElement result) throws BadShape;
    }

    /** A result that is not what the method returns. */
    static final class BadShape extends Exception {
        private static final long serialVersionUID = 1L;

        BadShape(String message) {
            super(message, null, false, false);
        }

        BadShape(String expected, JsonElement actual) {
            this("something other than " + expected + " (" + kind(actual) + ")");
        }

        private static String kind(JsonElement element) {
            if (element.isJsonNull()) {
                return "null";
            }
            if (element.isJsonArray()) {
                return "an array";
            }
            if (element.isJsonObject()) {
                return "an object";
            }
            return "a primitive";
        }
    }
}
