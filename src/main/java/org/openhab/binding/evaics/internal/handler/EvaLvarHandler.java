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
import org.openhab.binding.evaics.internal.action.EvaLvarActions;
import org.openhab.binding.evaics.internal.protocol.state.ItemState;
import org.openhab.core.library.types.OnOffType;
import org.openhab.core.library.types.StringType;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.binding.ThingHandlerService;
import org.openhab.core.types.Command;

import com.google.gson.JsonObject;

/**
 * Handler of {@code evaics:lvar}: a logic variable of an LM PLC (protocol.md §8.3, §9).
 * <p>
 * {@code status}, {@code value} and {@code value-number} commands run {@code set}; the {@code switch} runs
 * {@code reset} (ON) and {@code clear} (OFF); its state is explained at {@link ChannelStates#lvarSwitch}.
 * Remember that an lvar with status 0 ignores new values until its status is set to 1 again (protocol.md §8.3).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public class EvaLvarHandler extends EvaItemHandler {

    public EvaLvarHandler(Thing thing) {
        super(thing, TYPE_LVAR);
    }

    @Override
    public Collection<Class<? extends ThingHandlerService>> getServices() {
        return List.of(EvaLvarActions.class);
    }

    /** {@code set}; a null status or value is not sent. */
    public CompletableFuture<JsonObject> set(@Nullable Integer status, @Nullable String value) {
        return sendForRule(
                "set" + (status == null ? "" : " status=" + status) + (value == null ? "" : " value=" + value),
                (api, oid) -> api.set(oid, status, value));
    }

    /** {@code reset}: status 1, value "1". */
    public CompletableFuture<JsonObject> reset() {
        return sendForRule("reset", (api, oid) -> api.reset(oid));
    }

    /** {@code clear}: value "0" (status 0 for timers). */
    public CompletableFuture<JsonObject> clear() {
        return sendForRule("clear", (api, oid) -> api.clear(oid));
    }

    /** {@code toggle}: reset if the value is "0", else clear. */
    public CompletableFuture<JsonObject> toggle() {
        return sendForRule("toggle", (api, oid) -> api.toggle(oid));
    }

    @Override
    protected void handleItemCommand(String channelId, Command command) {
        String what = channelId + " " + command;
        switch (channelId) {
            case CHANNEL_STATUS -> statusCommand(what, command, status -> set(what, status, null));
            case CHANNEL_VALUE -> set(what, null, CommandValues.text(command));
            case CHANNEL_VALUE_NUMBER -> {
                String number = CommandValues.numberText(command);
                if (number == null) {
                    refuse(what, "the value must be a number");
                } else {
                    set(what, null, number);
                }
            }
            case CHANNEL_SWITCH -> {
                if (command == OnOffType.ON) {
                    send(what, (api, oid) -> api.reset(oid));
                } else if (command == OnOffType.OFF) {
                    send(what, (api, oid) -> api.clear(oid));
                } else {
                    refuse(what, "the switch takes ON or OFF");
                }
            }
            default -> ignoreReadOnly(channelId, command);
        }
    }

    @Override
    protected void updateChannels(ItemState state) {
        updateState(CHANNEL_STATUS, ChannelStates.number(state.status()));
        updateState(CHANNEL_VALUE, new StringType(state.value()));
        updateState(CHANNEL_VALUE_NUMBER, ChannelStates.numberValue(state.value(), null));
        updateState(CHANNEL_SWITCH, ChannelStates.lvarSwitch(state.status(), state.value()));
        updateState(CHANNEL_EXPIRES, ChannelStates.seconds(state.expires()));
    }

    private CompletableFuture<JsonObject> set(String what, @Nullable Integer status, @Nullable String value) {
        return send(what, (api, oid) -> api.set(oid, status, value));
    }
}
