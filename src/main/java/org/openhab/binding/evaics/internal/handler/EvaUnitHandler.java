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

import static org.openhab.binding.evaics.internal.handler.EvaItemConstants.*;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.action.EvaUnitActions;
import org.openhab.binding.evaics.internal.protocol.rpc.ActionResult;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaRpcException;
import org.openhab.binding.evaics.internal.protocol.state.Announcement;
import org.openhab.binding.evaics.internal.protocol.state.ItemState;
import org.openhab.core.library.types.OnOffType;
import org.openhab.core.library.types.StringType;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.binding.ThingHandlerService;
import org.openhab.core.types.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonObject;

/**
 * Handler of {@code evaics:unit}: an EVA unit (protocol.md §8.2, §9), controlled with actions.
 * <p>
 * {@code status} and {@code switch} commands run {@code action} with the new status; a {@code value} command runs
 * {@code action} with the unit's current status and the new value. The {@code action} trigger channel fires the
 * final status name of each action (protocol.md §8.5), once, whether the call's answer, the action event or the
 * {@code result} call tells first. The {@code action} call answers before a longer action ends and a stock notifier
 * sends no action events, so the end of an action this thing started is asked for with an authenticated
 * {@code result} call when the unit's state shows that no action runs any more ({@code nstatus}/{@code nvalue}
 * equal {@code status}/{@code value}, protocol.md §9.1).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public class EvaUnitHandler extends EvaItemHandler {

    private final Logger logger = LoggerFactory.getLogger(EvaUnitHandler.class);
    private final FinishedActions finishedActions = new FinishedActions();
    private final PendingActions pendingActions = new PendingActions();

    public EvaUnitHandler(Thing thing) {
        super(thing, TYPE_UNIT);
    }

    @Override
    public Collection<Class<? extends ThingHandlerService>> getServices() {
        return List.of(EvaUnitActions.class);
    }

    /** {@code action} with status {@code s} and, if not null, value {@code v}. */
    public CompletableFuture<ActionResult> action(int status, @Nullable String value) {
        return sendForRule("action status=" + status + (value == null ? "" : " value=" + value),
                (api, oid) -> api.action(oid, status, value));
    }

    /** {@code action_toggle}: 0 if the status is not 0, else 1. */
    public CompletableFuture<ActionResult> toggle() {
        return sendForRule("action_toggle", (api, oid) -> api.actionToggle(oid));
    }

    /** {@code terminate}: ends the running action. */
    public CompletableFuture<JsonObject> terminate() {
        return sendForRule("terminate", (api, oid) -> api.terminate(oid));
    }

    /** {@code kill}: cleans the action queue and ends the running action. */
    public CompletableFuture<JsonObject> kill() {
        return sendForRule("kill", (api, oid) -> api.kill(oid));
    }

    @Override
    protected void handleItemCommand(String channelId, Command command) {
        String what = channelId + " " + command;
        switch (channelId) {
            case CHANNEL_STATUS -> statusCommand(what, command, status -> action(what, status, null));
            case CHANNEL_SWITCH -> {
                if (command instanceof OnOffType onOff) {
                    action(what, onOff == OnOffType.ON ? ItemStatus.ON : ItemStatus.OFF, null);
                } else {
                    refuse(what, "the switch takes ON or OFF");
                }
            }
            case CHANNEL_VALUE -> {
                ItemState last = lastState();
                Integer status = last == null ? null : last.status();
                if (status == null) {
                    refuse(what, "the unit's status is not known yet, and an action needs one");
                } else {
                    action(what, status, CommandValues.text(command));
                }
            }
            default -> ignoreReadOnly(channelId, command);
        }
    }

    @Override
    protected void updateChannels(ItemState state) {
        updateState(CHANNEL_STATUS, ChannelStates.number(state.status()));
        updateState(CHANNEL_SWITCH, ChannelStates.unitSwitch(state.status()));
        updateState(CHANNEL_VALUE, new StringType(state.value()));
        updateState(CHANNEL_NSTATUS, ChannelStates.number(state.nstatus()));
        updateState(CHANNEL_NVALUE, ChannelStates.string(state.nvalue()));
        updateState(CHANNEL_ACTION_ENABLED, ChannelStates.onOff(state.actionEnabled()));
        if (!isActionRunning(state)) {
            askForEndOfPendingActions();
        }
    }

    @Override
    protected void commandAnswered(Object result) {
        if (result instanceof ActionResult action) {
            if (action.finished()) {
                actionFinished(action.uuid(), action.status());
            } else {
                pendingActions.add(action.uuid());
            }
        }
    }

    /** Whether the state shows an action driving the unit somewhere else; missing fields say nothing. */
    private static boolean isActionRunning(ItemState state) {
        Integer nstatus = state.nstatus();
        String nvalue = state.nvalue();
        return (nstatus != null && !nstatus.equals(state.status()))
                || (nvalue != null && !nvalue.equals(state.value()));
    }

    /** One {@code result} call per pending action; an action still running stays pending for the next state. */
    private void askForEndOfPendingActions() {
        for (String uuid : pendingActions.snapshot()) {
            ask((api, oid) -> api.result(uuid)).whenComplete((action, failure) -> {
                if (failure != null) {
                    if (CallFailures.isRemoteError(failure, EvaRpcException.CODE_NOT_FOUND)) {
                        // the controller forgot the action; its end will never be known
                        pendingActions.remove(uuid);
                    }
                    logger.debug("Result of action {} of {} not known: {}", uuid, getThing().getUID(),
                            CallFailures.describe(failure));
                } else if (action.finished()) {
                    actionFinished(uuid, action.status());
                }
            });
        }
    }

    @Override
    protected void actionReported(Announcement.ActionEvent event) {
        if (event.isFinished()) {
            actionFinished(event.uuid(), event.status());
        }
    }

    private CompletableFuture<ActionResult> action(String what, int status, @Nullable String value) {
        return send(what, (api, oid) -> api.action(oid, status, value));
    }

    private void actionFinished(String uuid, String status) {
        pendingActions.remove(uuid);
        whileAttached(() -> {
            if (finishedActions.markFinished(uuid)) {
                triggerChannel(CHANNEL_ACTION, status);
            }
        });
    }
}
