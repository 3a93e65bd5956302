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
package org.openhab.binding.evaics.internal.action;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.handler.EvaControllerHandler;
import org.openhab.binding.evaics.internal.protocol.rpc.ActionResult;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaApi;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaRpcException;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.core.automation.annotation.ActionInput;
import org.openhab.core.automation.annotation.ActionOutput;
import org.openhab.core.automation.annotation.RuleAction;
import org.openhab.core.thing.binding.ThingActions;
import org.openhab.core.thing.binding.ThingActionsScope;
import org.openhab.core.thing.binding.ThingHandler;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * Rule actions of a controller bridge: run an LM PLC macro (protocol.md §8.3 {@code run}) and call any API method
 * (protocol.md §8). Both send one authenticated call now, wait for its answer (at most the call timeout) and never
 * throw into the rule. {@code run} returns a failure as its {@code error} entry and logs it at DEBUG only; {@code call},
 * whose result has no room for the reason, returns {@code null} and logs the reason (with EVA's error code) at WARN,
 * except a refusal while the controller is offline, which its status already shows (DEBUG). Parameters and results
 * are never logged, since they may hold secrets.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
@Component(scope = ServiceScope.PROTOTYPE, service = EvaControllerActions.class)
@ThingActionsScope(name = "evaics")
public class EvaControllerActions implements ThingActions {

    public static final String OUTPUT_UUID = "uuid";
    public static final String OUTPUT_STATUS = "status";
    public static final String OUTPUT_FINISHED = "finished";
    public static final String OUTPUT_EXITCODE = "exitcode";
    public static final String OUTPUT_ERROR = "error";
    /** Item type of LM PLC macros in OIDs. */
    static final String MACRO_TYPE = "lmacro";

    private final Logger logger = LoggerFactory.getLogger(EvaControllerActions.class);
    private @Nullable EvaControllerHandler handler;

    @Override
    public void setThingHandler(ThingHandler handler) {
        if (handler instanceof EvaControllerHandler controller) {
            this.handler = controller;
        }
    }

    @Override
    public @Nullable ThingHandler getThingHandler() {
        return handler;
    }

    /**
     * Runs a macro of an LM PLC (or of an SFA, which forwards it).
     *
     * @param macroId {@code group/id} or {@code lmacro:group/id}
     * @param argsJson null or empty for none, a JSON array of positional arguments, or a JSON object of keyword
     *            arguments
     * @return {@code uuid}, {@code status}, {@code finished} (and {@code exitcode} if there is one) of the macro
     *         action, or {@code error}
     */
    @RuleAction(label = "@text/actions.controller.run.label", description = "@text/actions.controller.run.description")
    @ActionOutput(name = OUTPUT_UUID, type = "java.lang.String", label = "@text/actions.controller.output.uuid.label",
            description = "@text/actions.controller.output.uuid.description")
    @ActionOutput(name = OUTPUT_STATUS, type = "java.lang.String",
            label = "@text/actions.controller.output.status.label",
            description = "@text/actions.controller.output.status.description")
    @ActionOutput(name = OUTPUT_FINISHED, type = "java.lang.Boolean",
            label = "@text/actions.controller.output.finished.label",
            description = "@text/actions.controller.output.finished.description")
    @ActionOutput(name = OUTPUT_EXITCODE, type = "java.lang.Integer",
            label = "@text/actions.controller.output.exitcode.label",
            description = "@text/actions.controller.output.exitcode.description")
    @ActionOutput(name = OUTPUT_ERROR, type = "java.lang.String", label = "@text/actions.controller.output.error.label",
            description = "@text/actions.controller.output.error.description")
    public Map<String, Object> run(
            @ActionInput(name = "macroId", label = "@text/actions.controller.input.macro-id.label",
                    description = "@text/actions.controller.input.macro-id.description",
                    required = true) @Nullable String macroId,
            @ActionInput(name = "argsJson", label = "@text/actions.controller.input.args-json.label",
                    description = "@text/actions.controller.input.args-json.description") @Nullable String argsJson) {
        Map<String, Object> result = new HashMap<>();
        Oid macro;
        JsonArray args = null;
        JsonObject kwargs = null;
        try {
            macro = macroOid(macroId);
            JsonElement parsed = parse(argsJson);
            if (parsed instanceof JsonArray array) {
                args = array;
            } else if (parsed instanceof JsonObject object) {
                kwargs = object;
            } else if (parsed != null) {
                throw new IllegalArgumentException("the arguments must be a JSON array or object");
            }
        } catch (IllegalArgumentException e) {
            logger.debug("Macro not run: {}", e.getMessage());
            result.put(OUTPUT_ERROR, String.valueOf(e.getMessage()));
            return result;
        }
        EvaControllerHandler controller = handler;
        EvaApi api = controller == null ? null : controller.api();
        if (controller == null || api == null) {
            return refused(result, "run " + macro);
        }
        try {
            ActionResult action = await(controller, api.run(macro, args, kwargs));
            result.put(OUTPUT_UUID, action.uuid());
            result.put(OUTPUT_STATUS, action.status());
            result.put(OUTPUT_FINISHED, action.finished());
            Integer exitcode = action.exitcode();
            if (exitcode != null) {
                result.put(OUTPUT_EXITCODE, exitcode);
            }
        } catch (CallFailed e) {
            logger.debug("Macro {} on {} failed: {}", macro, controller.controllerId(), e.getMessage());
            result.put(OUTPUT_ERROR, String.valueOf(e.getMessage()));
        }
        return result;
    }

    /**
     * Calls any API method of the controller.
     *
     * @param method the JSON-RPC method, e.g. {@code test} or {@code state}
     * @param paramsJson null or empty for none, else a JSON object of params without {@code k} (the binding adds the
     *            key)
     * @return the JSON text of the result, or null if the call failed
     */
    @RuleAction(label = "@text/actions.controller.call.label",
            description = "@text/actions.controller.call.description")
    @ActionOutput(name = "result", type = "java.lang.String", label = "@text/actions.controller.output.result.label",
            description = "@text/actions.controller.output.result.description")
    public @Nullable String call(
            @ActionInput(name = "method", label = "@text/actions.controller.input.method.label",
                    description = "@text/actions.controller.input.method.description",
                    required = true) @Nullable String method,
            @ActionInput(name = "paramsJson", label = "@text/actions.controller.input.params-json.label",
                    description = "@text/actions.controller.input.params-json.description")
            @Nullable String paramsJson) {
        if (method == null || method.isBlank()) {
            logger.warn("API call not sent: no method given");
            return null;
        }
        JsonObject params;
        try {
            JsonElement parsed = parse(paramsJson);
            if (parsed == null) {
                params = new JsonObject();
            } else if (parsed instanceof JsonObject object) {
                params = object;
            } else {
                throw new IllegalArgumentException("the params must be a JSON object");
            }
        } catch (IllegalArgumentException e) {
            logger.warn("API call {} not sent: {}", method, e.getMessage());
            return null;
        }
        EvaControllerHandler controller = handler;
        EvaApi api = controller == null ? null : controller.api();
        if (controller == null || api == null) {
            logger.debug("API call {} refused: the controller is not online", method);
            return null;
        }
        try {
            return await(controller, api.call(method.trim(), params)).toString();
        } catch (CallFailed e) {
            logger.warn("API call {} on {} failed: {}", method, controller.controllerId(), e.getMessage());
            return null;
        }
    }

    // static twins for the Rules DSL, which calls actions through the ThingActions object

    public static Map<String, Object> run(ThingActions actions, @Nullable String macroId, @Nullable String argsJson) {
        if (actions instanceof EvaControllerActions controller) {
            return controller.run(macroId, argsJson);
        }
        return new HashMap<>(Map.of(OUTPUT_ERROR, "not the actions of an EVA ICS controller"));
    }

    public static @Nullable String call(ThingActions actions, @Nullable String method, @Nullable String paramsJson) {
        return actions instanceof EvaControllerActions controller ? controller.call(method, paramsJson) : null;
    }

    private Map<String, Object> refused(Map<String, Object> result, String what) {
        String reason = "the controller is not online";
        logger.debug("Action {} refused: {}", what, reason);
        result.put(OUTPUT_ERROR, reason);
        return result;
    }

    private static Oid macroOid(@Nullable String macroId) {
        if (macroId == null || macroId.isBlank()) {
            throw new IllegalArgumentException("no macro id given");
        }
        String id = macroId.trim();
        return id.indexOf(':') >= 0 ? Oid.parse(id) : Oid.fromFullId(MACRO_TYPE, id);
    }

    private static @Nullable JsonElement parse(@Nullable String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return JsonParser.parseString(json);
        } catch (JsonParseException e) {
            Throwable cause = e.getCause();
            throw new IllegalArgumentException(
                    "not valid JSON: " + (cause != null ? cause.getMessage() : e.getMessage()));
        }
    }

    private static <T> T await(EvaControllerHandler controller, CompletableFuture<T> future) throws CallFailed {
        long waitMillis = controller.callTimeout().plus(RuleCalls.WAIT_MARGIN).toMillis();
        try {
            return future.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof EvaRpcException rpc) {
                throw new CallFailed("error " + rpc.code() + ": " + rpc.getMessage());
            }
            throw new CallFailed(cause == null ? e.toString() : String.valueOf(cause.getMessage()));
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new CallFailed("error " + EvaRpcException.CODE_TIMEOUT + ": no answer within " + waitMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailed("interrupted while waiting for the answer");
        }
    }

    /** A call that did not produce a result; the message has EVA's error code and message. */
    private static final class CallFailed extends Exception {
        private static final long serialVersionUID = 1L;

        CallFailed(String message) {
            super(message, null, false, false);
        }
    }
}
