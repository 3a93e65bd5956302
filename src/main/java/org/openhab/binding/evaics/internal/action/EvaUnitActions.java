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
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.handler.EvaUnitHandler;
import org.openhab.binding.evaics.internal.protocol.rpc.ActionResult;
import org.openhab.core.automation.annotation.ActionInput;
import org.openhab.core.automation.annotation.ActionOutput;
import org.openhab.core.automation.annotation.RuleAction;
import org.openhab.core.thing.binding.ThingActions;
import org.openhab.core.thing.binding.ThingActionsScope;
import org.openhab.core.thing.binding.ThingHandler;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * Rule actions of an {@code evaics:unit} thing (protocol.md §8.2, §8.5): run an action, toggle, terminate, kill. Each
 * waits for the controller's answer (bounded) and never throws into the rule: a failure is a result with {@code error}
 * / {@code false}, and is logged.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@Component(scope = ServiceScope.PROTOTYPE, service = EvaUnitActions.class)
@ThingActionsScope(name = "evaics")
@NonNullByDefault
public class EvaUnitActions implements ThingActions {

    public static final String RESULT_UUID = "uuid";
    public static final String RESULT_STATUS = "status";
    public static final String RESULT_FINISHED = "finished";
    public static final String RESULT_ERROR = "error";
    private static final String UNIT = "unit";

    private final RuleCalls calls;
    private @Nullable EvaUnitHandler handler;

    public EvaUnitActions() {
        this.calls = new RuleCalls(UNIT, null);
    }

    /** Waits a fixed time instead of the controller's call timeout plus margin. */
    EvaUnitActions(Duration wait) {
        this.calls = new RuleCalls(UNIT, wait);
    }

    @Override
    public void setThingHandler(ThingHandler handler) {
        if (handler instanceof EvaUnitHandler unit) {
            this.handler = unit;
        }
    }

    @Override
    public @Nullable ThingHandler getThingHandler() {
        return handler;
    }

    @RuleAction(label = "@text/actions.unit.action.label", description = "@text/actions.unit.action.description")
    @ActionOutput(name = RESULT_UUID, type = "java.lang.String", label = "@text/actions.output.uuid.label",
            description = "@text/actions.output.uuid.description")
    @ActionOutput(name = RESULT_STATUS, type = "java.lang.String", label = "@text/actions.output.status.label",
            description = "@text/actions.output.status.description")
    @ActionOutput(name = RESULT_FINISHED, type = "java.lang.Boolean", label = "@text/actions.output.finished.label",
            description = "@text/actions.output.finished.description")
    @ActionOutput(name = RESULT_ERROR, type = "java.lang.String", label = "@text/actions.output.error.label",
            description = "@text/actions.output.error.description")
    public Map<String, Object> action(
            @ActionInput(name = "status", label = "@text/actions.input.status.label",
                    description = "@text/actions.input.status.description", required = true) int status,
            @ActionInput(name = "value", label = "@text/actions.input.value.label",
                    description = "@text/actions.input.value.description") @Nullable String value) {
        return actionResult(calls.call("action", handler, unit -> unit.action(status, value)));
    }

    @RuleAction(label = "@text/actions.unit.toggle.label", description = "@text/actions.unit.toggle.description")
    @ActionOutput(name = RESULT_UUID, type = "java.lang.String", label = "@text/actions.output.uuid.label",
            description = "@text/actions.output.uuid.description")
    @ActionOutput(name = RESULT_STATUS, type = "java.lang.String", label = "@text/actions.output.status.label",
            description = "@text/actions.output.status.description")
    @ActionOutput(name = RESULT_FINISHED, type = "java.lang.Boolean", label = "@text/actions.output.finished.label",
            description = "@text/actions.output.finished.description")
    @ActionOutput(name = RESULT_ERROR, type = "java.lang.String", label = "@text/actions.output.error.label",
            description = "@text/actions.output.error.description")
    public Map<String, Object> actionToggle() {
        return actionResult(calls.call("toggle", handler, EvaUnitHandler::toggle));
    }

    /**
     * {@link #actionToggle()} under its earlier name, for scripts. Not a rule action of its own: openHAB names the
     * module type of a rule action {@code <scope>.<method>#<hash of the parameter types>}, so a unit {@code toggle()}
     * and the lvar's {@code toggle()} in the same scope would share one module type.
     */
    public Map<String, Object> toggle() {
        return actionToggle();
    }

    @RuleAction(label = "@text/actions.unit.terminate.label", description = "@text/actions.unit.terminate.description")
    @ActionOutput(name = RuleCalls.SINGLE_OUTPUT, type = "java.lang.Boolean",
            label = "@text/actions.output.success.label", description = "@text/actions.output.success.description")
    public Boolean terminate() {
        return calls.ok("terminate", handler, EvaUnitHandler::terminate);
    }

    @RuleAction(label = "@text/actions.unit.kill.label", description = "@text/actions.unit.kill.description")
    @ActionOutput(name = RuleCalls.SINGLE_OUTPUT, type = "java.lang.Boolean",
            label = "@text/actions.output.success.label", description = "@text/actions.output.success.description")
    public Boolean kill() {
        return calls.ok("kill", handler, EvaUnitHandler::kill);
    }

    // static twins for the Rules DSL, which calls actions through the ThingActions object

    public static Map<String, Object> action(ThingActions actions, int status, @Nullable String value) {
        return actions instanceof EvaUnitActions unit ? unit.action(status, value) : notUnitActions(actions);
    }

    public static Map<String, Object> actionToggle(ThingActions actions) {
        return actions instanceof EvaUnitActions unit ? unit.actionToggle() : notUnitActions(actions);
    }

    public static Map<String, Object> toggle(ThingActions actions) {
        return actionToggle(actions);
    }

    public static Boolean terminate(ThingActions actions) {
        return actions instanceof EvaUnitActions unit ? unit.terminate() : Boolean.FALSE;
    }

    public static Boolean kill(ThingActions actions) {
        return actions instanceof EvaUnitActions unit ? unit.kill() : Boolean.FALSE;
    }

    private static Map<String, Object> actionResult(RuleCalls.Outcome<ActionResult> outcome) {
        ActionResult action = outcome.value();
        Map<String, Object> result = new LinkedHashMap<>();
        if (action == null) {
            result.put(RESULT_ERROR, outcome.error());
        } else {
            result.put(RESULT_UUID, action.uuid());
            result.put(RESULT_STATUS, action.status());
            result.put(RESULT_FINISHED, action.finished());
        }
        return result;
    }

    private static Map<String, Object> notUnitActions(ThingActions actions) {
        return Map.of(RESULT_ERROR, actions.getClass().getSimpleName() + " are not EVA unit actions");
    }
}
