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

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.handler.CallFailures;
import org.openhab.binding.evaics.internal.handler.EvaItemHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * Runs a call of an item thing's rule action (protocol.md §8.2, §8.3) on behalf of a rule, which expects a value, not a
 * future: refuses it when the thing has no handler, waits for the answer (bounded) and turns every failure into a
 * result. An action whose result carries the error (a map) logs nothing above DEBUG; one that returns only yes or no
 * logs the reason of a failure at WARN, once: the item handler logs a failed call of a rule only at DEBUG. The wait
 * is the controller's call timeout plus {@link #WAIT_MARGIN}: the RPC client ends every call after its own timeout,
 * and the bound only guards against a call that never ends.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class RuleCalls {

    /**
     * The name of the output of a rule action with a single result: openHAB's rule engine (AnnotationActionHandler)
     * puts a result that is not a map under this name, and warns about an {@code @ActionOutput} named otherwise.
     */
    static final String SINGLE_OUTPUT = "result";

    /** The call ends by its own timeout; this only guards against a future that never completes. */
    static final Duration WAIT_MARGIN = Duration.ofSeconds(2);

    /** The result of a call, or why there is none. */
    record Outcome<T>(@Nullable T value, String error) {
    }

    private final Logger logger = LoggerFactory.getLogger(RuleCalls.class);
    private final String noHandler;
    private final @Nullable Duration fixedWait;

    /**
     * @param thingType the item type in log lines and results, e.g. {@code unit}
     * @param fixedWait how long to wait instead of the controller's call timeout plus margin; null for the latter
     */
    RuleCalls(String thingType, @Nullable Duration fixedWait) {
        this.noHandler = "the " + thingType + " thing has no handler";
        this.fixedWait = fixedWait;
    }

    /** Sends the call through the handler and waits for its answer; never throws. */
    <H extends EvaItemHandler, T> Outcome<T> call(String action, @Nullable H handler,
            Function<H, CompletableFuture<T>> call) {
        if (handler == null) {
            logger.debug("Rule action {} refused: {}", action, noHandler);
            return new Outcome<>(null, noHandler);
        }
        Duration configured = fixedWait;
        Duration wait = configured != null ? configured : handler.callTimeout().plus(WAIT_MARGIN);
        return await(action, call.apply(handler), wait);
    }

    /**
     * Sends a call answered with {@code {"ok": true}} and tells whether it was carried out; never throws.
     *
     * @see #isOk(JsonObject)
     */
    <H extends EvaItemHandler> Boolean ok(String action, @Nullable H handler,
            Function<H, CompletableFuture<JsonObject>> call) {
        Outcome<JsonObject> outcome = call(action, handler, call);
        JsonObject answer = outcome.value();
        if (answer == null) {
            // a yes or no cannot carry the reason: this line is the only place the user finds it
            logger.warn("Rule action {} failed: {}", action, outcome.error());
            return Boolean.FALSE;
        }
        boolean ok = isOk(answer);
        if (!ok) {
            logger.warn("Rule action {} was not carried out; the controller answered {}", action, answer);
        }
        return ok;
    }

    private <T> Outcome<T> await(String action, CompletableFuture<T> future, Duration wait) {
        try {
            return new Outcome<>(future.get(wait.toMillis(), TimeUnit.MILLISECONDS), "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            logger.debug("Rule action {} interrupted while waiting for the controller", action);
            return new Outcome<>(null, "interrupted");
        } catch (ExecutionException e) {
            return new Outcome<>(null, CallFailures.describe(e));
        } catch (TimeoutException e) {
            logger.debug("Rule action {}: no answer within {} ms", action, wait.toMillis());
            return new Outcome<>(null, "no answer within " + wait.toMillis() + " ms");
        }
    }

    /**
     * Whether a {@code {"ok": true}} result (protocol.md §8.2, §8.3) reports success; {@code kill} answers
     * {@code {"ok": true, "pt": "denied"}} when the unit does not allow termination, which is no success.
     */
    private static boolean isOk(@Nullable JsonObject result) {
        if (result == null) {
            return false;
        }
        JsonElement ok = result.get("ok");
        JsonElement pt = result.get("pt");
        boolean denied = pt instanceof JsonPrimitive p && "denied".equals(p.getAsString());
        return ok instanceof JsonPrimitive p && p.isBoolean() && p.getAsBoolean() && !denied;
    }
}
