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

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.handler.EvaLvarHandler;
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

import com.google.gson.JsonObject;

/**
 * Rule actions of an {@code evaics:lvar} thing (spec §8.3): set, reset, clear, toggle. Each waits for the
 * controller's answer (bounded) and returns whether it was carried out; it never throws into the rule. Note that
 * the controller answers {@code ok} also when an lvar with status 0 ignored a new value (spec §12).
 */
@Component(scope = ServiceScope.PROTOTYPE, service = EvaLvarActions.class)
@ThingActionsScope(name = "evaics")
@NonNullByDefault
public class EvaLvarActions implements ThingActions {

    private final Logger logger = LoggerFactory.getLogger(EvaLvarActions.class);
    private final RuleCalls calls;
    private @Nullable EvaLvarHandler handler;

    public EvaLvarActions() {
        this(RuleCalls.DEFAULT_WAIT);
    }

    EvaLvarActions(Duration wait) {
        this.calls = new RuleCalls(wait);
    }

    @Override
    public void setThingHandler(ThingHandler handler) {
        if (handler instanceof EvaLvarHandler lvar) {
            this.handler = lvar;
        }
    }

    @Override
    public @Nullable ThingHandler getThingHandler() {
        return handler;
    }

    @RuleAction(label = "@text/actions.lvar.set.label", description = "@text/actions.lvar.set.description")
    @ActionOutput(name = "success", type = "java.lang.Boolean", label = "@text/actions.output.success.label",
            description = "@text/actions.output.success.description")
    public Boolean set(
            @ActionInput(name = "status", label = "@text/actions.input.lvar-status.label",
                    description = "@text/actions.input.lvar-status.description") @Nullable Integer status,
            @ActionInput(name = "value", label = "@text/actions.input.lvar-value.label",
                    description = "@text/actions.input.lvar-value.description") @Nullable String value) {
        EvaLvarHandler lvar = handler;
        return lvar == null ? noHandler("set") : okResult("set", lvar.set(status, value));
    }

    @RuleAction(label = "@text/actions.lvar.reset.label", description = "@text/actions.lvar.reset.description")
    @ActionOutput(name = "success", type = "java.lang.Boolean", label = "@text/actions.output.success.label",
            description = "@text/actions.output.success.description")
    public Boolean reset() {
        EvaLvarHandler lvar = handler;
        return lvar == null ? noHandler("reset") : okResult("reset", lvar.reset());
    }

    @RuleAction(label = "@text/actions.lvar.clear.label", description = "@text/actions.lvar.clear.description")
    @ActionOutput(name = "success", type = "java.lang.Boolean", label = "@text/actions.output.success.label",
            description = "@text/actions.output.success.description")
    public Boolean clear() {
        EvaLvarHandler lvar = handler;
        return lvar == null ? noHandler("clear") : okResult("clear", lvar.clear());
    }

    @RuleAction(label = "@text/actions.lvar.toggle.label", description = "@text/actions.lvar.toggle.description")
    @ActionOutput(name = "success", type = "java.lang.Boolean", label = "@text/actions.output.success.label",
            description = "@text/actions.output.success.description")
    public Boolean toggle() {
        EvaLvarHandler lvar = handler;
        return lvar == null ? noHandler("toggle") : okResult("toggle", lvar.toggle());
    }

    // static twins for the Rules DSL, which calls actions through the ThingActions object

    public static Boolean set(ThingActions actions, @Nullable Integer status, @Nullable String value) {
        return actions instanceof EvaLvarActions lvar ? lvar.set(status, value) : Boolean.FALSE;
    }

    public static Boolean reset(ThingActions actions) {
        return actions instanceof EvaLvarActions lvar ? lvar.reset() : Boolean.FALSE;
    }

    public static Boolean clear(ThingActions actions) {
        return actions instanceof EvaLvarActions lvar ? lvar.clear() : Boolean.FALSE;
    }

    public static Boolean toggle(ThingActions actions) {
        return actions instanceof EvaLvarActions lvar ? lvar.toggle() : Boolean.FALSE;
    }

    private Boolean okResult(String name, CompletableFuture<JsonObject> call) {
        JsonObject answer = calls.await(name, call).value();
        if (answer == null) {
            return Boolean.FALSE;
        }
        boolean ok = RuleCalls.isOk(answer);
        if (!ok) {
            logger.warn("Rule action {} was not carried out; the controller answered {}", name, answer);
        }
        return ok;
    }

    private Boolean noHandler(String action) {
        logger.warn("Rule action {} refused: the lvar thing has no handler", action);
        return Boolean.FALSE;
    }
}
