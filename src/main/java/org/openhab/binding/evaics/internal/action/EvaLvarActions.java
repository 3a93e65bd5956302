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

/**
 * Rule actions of an {@code evaics:lvar} thing (protocol.md §8.3): set, reset, clear, toggle. Each waits for the
 * controller's answer (bounded) and returns whether it was carried out; it never throws into the rule. Note that
 * the controller answers {@code ok} also when an lvar with status 0 ignored a new value (protocol.md §12).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@Component(scope = ServiceScope.PROTOTYPE, service = EvaLvarActions.class)
@ThingActionsScope(name = "evaics")
@NonNullByDefault
public class EvaLvarActions implements ThingActions {

    private static final String LVAR = "lvar";

    private final RuleCalls calls;
    private @Nullable EvaLvarHandler handler;

    public EvaLvarActions() {
        this.calls = new RuleCalls(LVAR, null);
    }

    /** Waits a fixed time instead of the controller's call timeout plus margin. */
    EvaLvarActions(Duration wait) {
        this.calls = new RuleCalls(LVAR, wait);
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
    @ActionOutput(name = RuleCalls.SINGLE_OUTPUT, type = "java.lang.Boolean",
            label = "@text/actions.output.success.label", description = "@text/actions.output.success.description")
    public Boolean set(
            @ActionInput(name = "status", label = "@text/actions.input.lvar-status.label",
                    description = "@text/actions.input.lvar-status.description") @Nullable Integer status,
            @ActionInput(name = "value", label = "@text/actions.input.lvar-value.label",
                    description = "@text/actions.input.lvar-value.description") @Nullable String value) {
        return calls.ok("set", handler, lvar -> lvar.set(status, value));
    }

    @RuleAction(label = "@text/actions.lvar.reset.label", description = "@text/actions.lvar.reset.description")
    @ActionOutput(name = RuleCalls.SINGLE_OUTPUT, type = "java.lang.Boolean",
            label = "@text/actions.output.success.label", description = "@text/actions.output.success.description")
    public Boolean reset() {
        return calls.ok("reset", handler, EvaLvarHandler::reset);
    }

    @RuleAction(label = "@text/actions.lvar.clear.label", description = "@text/actions.lvar.clear.description")
    @ActionOutput(name = RuleCalls.SINGLE_OUTPUT, type = "java.lang.Boolean",
            label = "@text/actions.output.success.label", description = "@text/actions.output.success.description")
    public Boolean clear() {
        return calls.ok("clear", handler, EvaLvarHandler::clear);
    }

    @RuleAction(label = "@text/actions.lvar.toggle.label", description = "@text/actions.lvar.toggle.description")
    @ActionOutput(name = RuleCalls.SINGLE_OUTPUT, type = "java.lang.Boolean",
            label = "@text/actions.output.success.label", description = "@text/actions.output.success.description")
    public Boolean toggle() {
        return calls.ok("toggle", handler, EvaLvarHandler::toggle);
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
}
