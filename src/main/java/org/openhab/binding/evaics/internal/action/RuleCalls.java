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

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.handler.CallFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * Waits for a call on behalf of a rule, which expects a value, not a future. The wait is bounded: the RPC client
 * ends every call after its own timeout, and this bound only guards against a call that never ends. Failures of
 * the call itself are logged by the item handler; this class logs only what happens to the wait.
 */
@NonNullByDefault
final class RuleCalls {

    /** Longer than the RPC client's default call timeout (5 s), so that its timeout normally reports first. */
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

    /** The result of a call, or why there is none. */
    record Outcome<T>(@Nullable T value, String error) {
    }

    private final Logger logger = LoggerFactory.getLogger(RuleCalls.class);
    private final Duration wait;

    RuleCalls(Duration wait) {
        this.wait = wait;
    }

    /** Waits at most the configured time; never throws. */
    <T> Outcome<T> await(String action, CompletableFuture<T> future) {
        try {
            return new Outcome<>(future.get(wait.toMillis(), TimeUnit.MILLISECONDS), "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            logger.warn("Rule action {} interrupted while waiting for the controller", action);
            return new Outcome<>(null, "interrupted");
        } catch (ExecutionException e) {
            return new Outcome<>(null, CallFailures.describe(e));
        } catch (TimeoutException e) {
            logger.warn("Rule action {}: no answer within {} ms", action, wait.toMillis());
            return new Outcome<>(null, "no answer within " + wait.toMillis() + " ms");
        }
    }

    /**
     * Whether a {@code {"ok": true}} result (spec §8.2, §8.3) reports success; {@code kill} answers
     * {@code {"ok": true, "pt": "denied"}} when the unit does not allow termination, which is no success.
     */
    static boolean isOk(@Nullable JsonObject result) {
        if (result == null) {
            return false;
        }
        JsonElement ok = result.get("ok");
        JsonElement pt = result.get("pt");
        boolean denied = pt instanceof JsonPrimitive p && "denied".equals(p.getAsString());
        return ok instanceof JsonPrimitive p && p.isBoolean() && p.getAsBoolean() && !denied;
    }
}
