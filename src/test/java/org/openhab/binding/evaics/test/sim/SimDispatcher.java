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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * The simulated controller's JSON-RPC layer (protocol.md §4.4, §6.1 to §6.4, §8): envelope checks ({@code 500|} for bad
 * envelopes, {@code null} for notifications and empty batches, batches), params rules (array params, unknown params
 * are error 11), the key check on {@code k} (error 2), unknown methods (error 6), and the UC or LM method set.
 * Thread-safe; synchronous methods answer on the calling thread.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class SimDispatcher {

    /** The request cannot be dispatched: the controller answers the plain {@code 500|} (protocol.md §4.4). */
    static final class BadEnvelope extends Exception {
        private static final long serialVersionUID = 1L;

        BadEnvelope(String message) {
            super(message, null, false, false);
        }
    }

    @FunctionalInterface
    private interface Handler {
        CompletableFuture<JsonElement> handle(Call call) throws SimError;
    }

    private record Method(Set<String> params, Handler handler) {
    }

    /** One request being served: its params and the key id that {@code k} belongs to. */
    private record Call(JsonObject params, String keyId) {
    }

    private static final String JSONRPC_VERSION = "2.0";
    private static final String PRODUCT_BUILD = "2021112401";
    private static final String VERSION = "3.4.2";
    private static final int LOG_LEVEL_INFO = 20;
    private static final Set<String> UC_STATE_TYPES = Set.of(SimModel.UNIT, SimModel.SENSOR);
    private static final Set<String> LVAR_TYPES = Set.of(SimModel.LVAR);
    private static final Set<String> NO_PARAMS = Set.of();
    private static final Set<String> ITEM_ONLY = Set.of("i");

    private final SimModel model;
    private final Function<String, @Nullable String> keyIdOfKey;
    private final Map<String, Method> methods = new HashMap<>();
    private final long startMillis = System.currentTimeMillis();
    private final Set<String> deniedKeyIds = ConcurrentHashMap.newKeySet();
    private final Map<String, JsonElement> resultOverrides = new ConcurrentHashMap<>();

    /**
     * @param keyIdOfKey gives the key id of an API key value, or null if the value is no valid key
     */
    SimDispatcher(SimModel model, Function<String, @Nullable String> keyIdOfKey) {
        this.model = model;
        this.keyIdOfKey = keyIdOfKey;
        methods.put("test", new Method(NO_PARAMS, this::test));
        if (model.isLm()) {
            methods.put("state", new Method(Set.of("i", "g", "p", "full"), this::lmState));
            methods.put("groups", new Method(Set.of("p"), this::lmGroups));
            methods.put("set", new Method(Set.of("i", "s", "v"), this::set));
            methods.put("reset", new Method(ITEM_ONLY, c -> ok(() -> model.lvarReset(item(c)))));
            methods.put("clear", new Method(ITEM_ONLY, c -> ok(() -> model.lvarClear(item(c)))));
            methods.put("toggle", new Method(ITEM_ONLY, c -> ok(() -> model.lvarToggle(item(c)))));
            methods.put("increment", new Method(ITEM_ONLY, c -> ok(() -> model.lvarAdd(item(c), 1))));
            methods.put("decrement", new Method(ITEM_ONLY, c -> ok(() -> model.lvarAdd(item(c), -1))));
            methods.put("run", new Method(Set.of("i", "a", "kw", "w", "u", "p", "q"), this::run));
        } else {
            methods.put("state", new Method(Set.of("i", "p", "g", "full"), this::ucState));
            methods.put("groups", new Method(Set.of("p"), this::ucGroups));
            methods.put("action", new Method(Set.of("i", "s", "v", "w", "u", "p", "q"), this::action));
            methods.put("action_toggle", new Method(Set.of("i", "w", "u", "p", "q"), this::actionToggle));
            methods.put("terminate", new Method(Set.of("u", "i"), this::terminate));
            methods.put("kill", new Method(ITEM_ONLY, c -> done(model.kill(item(c)))));
            methods.put("q_clean", new Method(ITEM_ONLY, c -> done(model.qClean(item(c)))));
            methods.put("disable_actions", new Method(ITEM_ONLY, c -> ok(() -> model.enableActions(item(c), false))));
            methods.put("enable_actions", new Method(ITEM_ONLY, c -> ok(() -> model.enableActions(item(c), true))));
            methods.put("update", new Method(Set.of("i", "s", "v"), this::update));
        }
        methods.put("result", new Method(Set.of("u", "i", "g", "s"), this::result));
    }

    /** Forgets denied keys and result overrides. */
    void reset() {
        deniedKeyIds.clear();
        resultOverrides.clear();
    }

    /** Whether calls authorised by this key id's key are refused with error 2 (access denied). */
    void denyAccess(String keyId, boolean deny) {
        if (deny) {
            deniedKeyIds.add(keyId);
        } else {
            deniedKeyIds.remove(keyId);
        }
    }

    /** Answers {@code method} with this result (after the usual checks) instead of running it; null: run it. */
    void overrideResult(String method, @Nullable JsonElement result) {
        if (result == null) {
            resultOverrides.remove(method);
        } else {
            resultOverrides.put(method, result);
        }
    }

    /**
     * Dispatches a decoded request body.
     *
     * @return the response body: a response object, an array for batches, or {@code JsonNull} when nothing is to be
     *         answered but the (empty) frame
     * @throws BadEnvelope when the controller answers {@code 500|}
     */
    CompletableFuture<JsonElement> dispatch(JsonElement body) throws BadEnvelope {
        if (body instanceof JsonObject request) {
            checkEnvelope(request);
            CompletableFuture<JsonElement> response = serve(request);
            return response;
        }
        if (body instanceof JsonArray batch) {
            if (batch.isEmpty()) {
                return CompletableFuture.completedFuture(JsonNull.INSTANCE);
            }
            for (JsonElement element : batch) {
                if (!(element instanceof JsonObject request)) {
                    throw new BadEnvelope("batch element is not an object");
                }
                checkEnvelope(request);
            }
            List<CompletableFuture<JsonElement>> answers = new ArrayList<>();
            for (JsonElement element : batch) {
                answers.add(serve(element.getAsJsonObject()));
            }
            return CompletableFuture.allOf(answers.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
                JsonArray responses = new JsonArray();
                for (CompletableFuture<JsonElement> answer : answers) {
                    JsonElement response = answer.join();
                    if (!response.isJsonNull()) {
                        responses.add(response);
                    }
                }
                return responses;
            });
        }
        throw new BadEnvelope("body is neither an object nor an array");
    }

    private static void checkEnvelope(JsonObject request) throws BadEnvelope {
        if (request.isEmpty()) {
            throw new BadEnvelope("empty request object");
        }
        if (!(request.get("jsonrpc") instanceof JsonPrimitive version && version.isString()
                && JSONRPC_VERSION.equals(version.getAsString()))) {
            throw new BadEnvelope("jsonrpc is not \"2.0\"");
        }
    }

    /** One request object; {@code JsonNull} for a notification. */
    private CompletableFuture<JsonElement> serve(JsonObject request) {
        JsonElement id = request.get("id");
        boolean notification = id == null || id.isJsonNull();
        CompletableFuture<JsonElement> result;
        try {
            result = execute(request);
        } catch (SimError e) {
            result = CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(new SimError(SimError.FUNC_FAILED, "Function call failed"));
        }
        return result.handle((value, error) -> {
            if (notification) {
                return JsonNull.INSTANCE;
            }
            JsonObject response = new JsonObject();
            response.addProperty("jsonrpc", JSONRPC_VERSION);
            if (error == null) {
                response.add("result", value);
            } else {
                Throwable cause = error.getCause() != null && !(error instanceof SimError) ? error.getCause() : error;
                SimError simError = cause instanceof SimError e ? e
                        : new SimError(SimError.FUNC_FAILED, "Function call failed");
                JsonObject errorObject = new JsonObject();
                errorObject.addProperty("code", simError.code());
                errorObject.addProperty("message", simError.getMessage());
                response.add("error", errorObject);
            }
            response.add("id", id);
            return response;
        });
    }

    private CompletableFuture<JsonElement> execute(JsonObject request) throws SimError {
        JsonObject params = params(request.get("params"));
        Method method = request.get("method") instanceof JsonPrimitive name && name.isString()
                ? methods.get(name.getAsString())
                : null;
        if (method == null) {
            throw SimError.methodNotFound();
        }
        String keyId = params.get("k") instanceof JsonPrimitive k && k.isString() ? keyIdOfKey.apply(k.getAsString())
                : null;
        if (keyId == null || deniedKeyIds.contains(keyId)) {
            throw SimError.accessDenied();
        }
        for (String name : params.keySet()) {
            if (!"k".equals(name) && !method.params().contains(name)) {
                throw SimError.unknownParam(name);
            }
        }
        JsonElement override = resultOverrides.get(request.get("method").getAsString());
        if (override != null) {
            return done(override.deepCopy());
        }
        return method.handler().handle(new Call(params, keyId));
    }

    /** Params rules (protocol.md §6.3). */
    private static JsonObject params(@Nullable JsonElement params) throws SimError {
        if (params == null || params.isJsonNull()) {
            return new JsonObject();
        }
        if (params instanceof JsonArray array) {
            if (array.isEmpty()) {
                throw new SimError(SimError.FUNC_FAILED, "Function call failed");
            }
            return params(array.get(0));
        }
        if (params instanceof JsonObject object) {
            return object;
        }
        throw SimError.invalidParam("params must be an object");
    }

    // ------------------------------------------------------------------ methods

    private CompletableFuture<JsonElement> test(Call call) {
        JsonObject acl = new JsonObject();
        acl.addProperty("key_id", call.keyId());
        acl.addProperty("master", false);
        acl.add("cdata", new JsonArray());
        acl.addProperty("sysfunc", false);
        acl.add("items", new JsonArray());
        JsonArray groups = new JsonArray();
        groups.add("#");
        acl.add("groups", groups);
        acl.add("items_ro", new JsonArray());
        acl.add("groups_ro", new JsonArray());
        acl.add("items_deny", new JsonArray());
        acl.add("groups_deny", new JsonArray());
        JsonObject allow = new JsonObject();
        allow.addProperty("cmd", true);
        allow.addProperty("lock", false);
        allow.addProperty("device", true);
        acl.add("allow", allow);
        acl.addProperty("dynamic", false);
        JsonObject aci = new JsonObject();
        aci.addProperty("gw", "mqtt:eva_1");
        aci.addProperty("key_id", call.keyId());
        JsonObject result = new JsonObject();
        result.addProperty("ok", true);
        result.add("acl", acl);
        result.add("aci", aci);
        result.addProperty("system", model.controller().systemName());
        result.addProperty("controller", model.controller().toString());
        result.add("time", SimModel.time(SimModel.now()));
        result.addProperty("log_level", LOG_LEVEL_INFO);
        result.addProperty("version", VERSION);
        result.addProperty("product_name", model.isLm() ? "EVA Logic Manager" : "EVA Universal Controller");
        result.addProperty("product_code", model.controller().productCode());
        result.addProperty("product_build", Long.parseLong(PRODUCT_BUILD));
        result.addProperty("uptime", (System.currentTimeMillis() - startMillis) / 1000);
        return done(result);
    }

    private CompletableFuture<JsonElement> ucState(Call call) throws SimError {
        boolean full = bool(call, "full");
        String ref = string(call, "i");
        if (ref != null) {
            return done(model.state(ref, UC_STATE_TYPES, full));
        }
        String type = string(call, "p");
        if (type == null) {
            throw SimError.notFound();
        }
        return done(model.states(Set.of(ucType(type)), string(call, "g"), full));
    }

    private static String ucType(String type) throws SimError {
        return switch (type) {
            case "unit", "U" -> SimModel.UNIT;
            case "sensor", "S" -> SimModel.SENSOR;
            default -> throw SimError.invalidParam("unknown item type " + type);
        };
    }

    private CompletableFuture<JsonElement> ucGroups(Call call) throws SimError {
        String type = string(call, "p");
        if (type == null) {
            throw SimError.invalidParam("p is required");
        }
        return done(model.groups(Set.of(ucType(type))));
    }

    private CompletableFuture<JsonElement> lmState(Call call) throws SimError {
        lvarType(call);
        boolean full = bool(call, "full");
        String ref = string(call, "i");
        if (ref != null) {
            return done(model.state(ref, LVAR_TYPES, full));
        }
        return done(model.states(LVAR_TYPES, string(call, "g"), full));
    }

    private CompletableFuture<JsonElement> lmGroups(Call call) throws SimError {
        lvarType(call);
        return done(model.groups(LVAR_TYPES));
    }

    private static void lvarType(Call call) throws SimError {
        String type = string(call, "p");
        if (type != null && !"lvar".equals(type) && !"LV".equals(type)) {
            throw SimError.invalidParam("unknown item type " + type);
        }
    }

    private CompletableFuture<JsonElement> action(Call call) throws SimError {
        String ref = item(call);
        JsonElement s = call.params().get("s");
        if (s == null || s.isJsonNull()) {
            throw SimError.invalidParam("s is required");
        }
        int target = targetStatus(ref, s);
        return model.action(ref, target, value(call, "v"), string(call, "u"), priority(call), number(call, "w"));
    }

    /** {@code s}: an integer, a numeric string, a status label or {@code "toggle"} (protocol.md §8.2, §9.2). */
    private int targetStatus(String ref, JsonElement s) throws SimError {
        if (s instanceof JsonPrimitive p && p.isNumber()) {
            double d = p.getAsDouble();
            if (d != Math.rint(d)) {
                throw SimError.invalidParam("s must be an integer");
            }
            return (int) d;
        }
        if (s instanceof JsonPrimitive p && p.isString()) {
            String text = p.getAsString();
            if ("toggle".equals(text)) {
                return model.currentStatus(ref) != 0 ? 0 : 1;
            }
            try {
                return Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                model.currentStatus(ref);
                if ("on".equalsIgnoreCase(text)) {
                    return 1;
                }
                if ("off".equalsIgnoreCase(text)) {
                    return 0;
                }
                throw new SimError(SimError.NOT_FOUND, "item found, option not found");
            }
        }
        throw SimError.invalidParam("s must be a status");
    }

    private CompletableFuture<JsonElement> actionToggle(Call call) throws SimError {
        String ref = item(call);
        int target = model.currentStatus(ref) != 0 ? 0 : 1;
        return model.action(ref, target, null, string(call, "u"), priority(call), number(call, "w"));
    }

    private CompletableFuture<JsonElement> result(Call call) throws SimError {
        return done(model.result(string(call, "u"), string(call, "i"), string(call, "g"), string(call, "s")));
    }

    private CompletableFuture<JsonElement> terminate(Call call) throws SimError {
        String uuid = string(call, "u");
        String ref = string(call, "i");
        if (uuid == null && ref == null) {
            throw SimError.invalidParam("u or i is required");
        }
        return done(model.terminate(uuid, ref));
    }

    private CompletableFuture<JsonElement> update(Call call) throws SimError {
        model.update(item(call), integer(call, "s"), value(call, "v"));
        return done(SimModel.ok());
    }

    private CompletableFuture<JsonElement> set(Call call) throws SimError {
        model.lvarSet(item(call), integer(call, "s"), value(call, "v"));
        return done(SimModel.ok());
    }

    private CompletableFuture<JsonElement> run(Call call) throws SimError {
        JsonElement a = call.params().get("a");
        JsonArray args = null;
        if (a instanceof JsonArray array) {
            args = array;
        } else if (a instanceof JsonPrimitive p && p.isString()) {
            args = new JsonArray();
            for (String word : p.getAsString().trim().split("\\s+")) {
                if (!word.isEmpty()) {
                    args.add(word);
                }
            }
        } else if (a != null && !a.isJsonNull()) {
            throw SimError.invalidParam("a must be a list or a string");
        }
        JsonElement kw = call.params().get("kw");
        JsonObject kwargs = null;
        if (kw instanceof JsonObject object) {
            kwargs = object;
        } else if (kw instanceof JsonPrimitive p && p.isString()) {
            kwargs = new JsonObject();
            for (String pair : p.getAsString().split(",")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    kwargs.addProperty(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
            }
        } else if (kw != null && !kw.isJsonNull()) {
            throw SimError.invalidParam("kw must be a dict or a string");
        }
        return done(model.run(item(call), args, kwargs, string(call, "u"), priority(call)));
    }

    // ------------------------------------------------------------------ params

    @FunctionalInterface
    private interface ModelCall {
        void run() throws SimError;
    }

    private static CompletableFuture<JsonElement> ok(ModelCall call) throws SimError {
        call.run();
        return done(SimModel.ok());
    }

    private static CompletableFuture<JsonElement> done(JsonElement result) {
        return CompletableFuture.completedFuture(result);
    }

    private static String item(Call call) throws SimError {
        String ref = string(call, "i");
        if (ref == null) {
            throw SimError.invalidParam("i is required");
        }
        return ref;
    }

    private static @Nullable String string(Call call, String name) throws SimError {
        JsonElement element = call.params().get(name);
        if (element == null || element.isJsonNull()) {
            return null;
        }
        if (element instanceof JsonPrimitive p && p.isString()) {
            return p.getAsString();
        }
        throw SimError.invalidParam(name + " must be a string");
    }

    /** A value param: stored as a string whatever its JSON type (protocol.md §12). */
    private static @Nullable String value(Call call, String name) {
        JsonElement element = call.params().get(name);
        if (element == null || element.isJsonNull()) {
            return null;
        }
        if (element instanceof JsonPrimitive p) {
            if (p.isBoolean()) {
                return p.getAsBoolean() ? "True" : "False";
            }
            return p.getAsString();
        }
        return element.toString();
    }

    private static @Nullable Integer integer(Call call, String name) throws SimError {
        JsonElement element = call.params().get(name);
        if (element == null || element.isJsonNull()) {
            return null;
        }
        if (element instanceof JsonPrimitive p) {
            try {
                double d = p.isNumber() ? p.getAsDouble() : Double.parseDouble(p.getAsString());
                if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
                    return (int) d;
                }
            } catch (NumberFormatException e) {
                // falls through to the parameter error
            }
        }
        throw SimError.invalidParam(name + " must be an integer");
    }

    private static double number(Call call, String name) throws SimError {
        JsonElement element = call.params().get(name);
        if (element == null || element.isJsonNull()) {
            return 0;
        }
        if (element instanceof JsonPrimitive p && p.isNumber()) {
            return p.getAsDouble();
        }
        throw SimError.invalidParam(name + " must be a number");
    }

    private static int priority(Call call) throws SimError {
        Integer priority = integer(call, "p");
        return priority == null ? SimModel.DEFAULT_PRIORITY : priority;
    }

    private static boolean bool(Call call, String name) throws SimError {
        JsonElement element = call.params().get(name);
        if (element == null || element.isJsonNull()) {
            return false;
        }
        if (element instanceof JsonPrimitive p && p.isBoolean()) {
            return p.getAsBoolean();
        }
        throw SimError.invalidParam(name + " must be a boolean");
    }
}
