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

import static org.junit.jupiter.api.Assertions.*;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.*;
import static org.openhab.binding.evaics.internal.EvaIcsBindingConstants.*;
import static org.openhab.binding.evaics.internal.handler.EvaItemConstants.*;
import static org.openhab.binding.evaics.internal.handler.ItemHandlerHarness.channel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openhab.binding.evaics.internal.action.EvaLvarActions;
import org.openhab.binding.evaics.internal.protocol.state.ItemState;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.core.library.types.DecimalType;
import org.openhab.core.library.types.OnOffType;
import org.openhab.core.library.types.QuantityType;
import org.openhab.core.library.types.StringType;
import org.openhab.core.library.unit.Units;
import org.openhab.core.thing.Thing;
import org.openhab.core.types.UnDefType;

import com.google.gson.JsonObject;

/**
 * The lvar thing (protocol.md §8.3, §9): commands become set / reset / clear, states reach the channels.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class EvaLvarHandlerTest {

    private static final Oid TIMER = Oid.parse("lvar:timers/t1");

    private final ItemHandlerHarness harness = new ItemHandlerHarness();
    private final CompletableFuture<JsonObject> call = new CompletableFuture<>();
    private @Nullable EvaLvarHandler started;

    @BeforeEach
    void start() {
        when(harness.api.set(any(), any(), any())).thenReturn(call);
        when(harness.api.reset(any())).thenReturn(call);
        when(harness.api.clear(any())).thenReturn(call);
        when(harness.api.toggle(any())).thenReturn(call);
        started = harness.start(new EvaLvarHandler(harness.thing(THING_TYPE_LVAR, Map.of(CONFIG_ID, "timers/t1"))));
    }

    private EvaLvarHandler handler() {
        EvaLvarHandler handler = started;
        assertNotNull(handler);
        return handler;
    }

    private Thing thing() {
        return handler().getThing();
    }

    private static ItemState lvar(@Nullable Integer status, String value, @Nullable Double expires) {
        return new ItemState(TIMER, ItemHandlerHarness.CONTROLLER, status, value, null, null, null, null, null,
                expires, null);
    }

    @Test
    void statusCommandSetsTheStatus() {
        handler().handleCommand(channel(thing(), CHANNEL_STATUS), new DecimalType(0));

        verify(harness.api).set(TIMER, 0, null);
    }

    @Test
    void onOnTheStatusChannelSetsStatus1() {
        handler().handleCommand(channel(thing(), CHANNEL_STATUS), OnOffType.ON);

        verify(harness.api).set(TIMER, 1, null);
    }

    @Test
    void valueCommandSetsTheValueOnly() {
        handler().handleCommand(channel(thing(), CHANNEL_VALUE), new StringType("abc"));

        verify(harness.api).set(TIMER, null, "abc");
    }

    @Test
    void numberValueCommandSetsTheNumberAsText() {
        handler().handleCommand(channel(thing(), CHANNEL_VALUE_NUMBER), new DecimalType("21.50"));

        verify(harness.api).set(TIMER, null, "21.5");
    }

    @Test
    void numericStringOnTheNumberValueIsAccepted() {
        handler().handleCommand(channel(thing(), CHANNEL_VALUE_NUMBER), new StringType("100"));

        verify(harness.api).set(TIMER, null, "100");
    }

    @Test
    void nonNumericCommandOnTheNumberValueIsRefused() {
        handler().handleCommand(channel(thing(), CHANNEL_VALUE_NUMBER), new StringType("abc"));

        verify(harness.api, never()).set(any(), any(), any());
    }

    @Test
    void switchOnResets() {
        handler().handleCommand(channel(thing(), CHANNEL_SWITCH), OnOffType.ON);

        verify(harness.api).reset(TIMER);
    }

    @Test
    void switchOffClears() {
        handler().handleCommand(channel(thing(), CHANNEL_SWITCH), OnOffType.OFF);

        verify(harness.api).clear(TIMER);
    }

    @Test
    void toggleCallsToggle() {
        handler().toggle();

        verify(harness.api).toggle(TIMER);
    }

    @Test
    void commandIsRefusedAtOnceWhenTheControllerIsOffline() {
        harness.controller.api = null;
        clearInvocations(harness.api);

        handler().handleCommand(channel(thing(), CHANNEL_SWITCH), OnOffType.ON);
        handler().set(1, "1");

        verifyNoInteractions(harness.api);
    }

    @Test
    void answeredSetRefreshesWithoutUpdatingChannelsItself() {
        harness.stateCalls.get(0).complete(lvar(1, "0", null));
        clearInvocations(harness.callback);

        handler().handleCommand(channel(thing(), CHANNEL_VALUE), new StringType("abc"));
        JsonObject ok = new JsonObject();
        ok.addProperty("ok", true);
        call.complete(ok);

        verify(harness.api, times(2)).state(TIMER);
        verify(harness.callback, never()).stateUpdated(any(), any());
    }

    @Test
    void stateReachesEveryChannelWithItsType() {
        handler().stateReported(lvar(1, "1", 30.0));

        assertEquals(new DecimalType(1), harness.lastState(thing(), CHANNEL_STATUS));
        assertEquals(new StringType("1"), harness.lastState(thing(), CHANNEL_VALUE));
        assertEquals(new DecimalType(1), harness.lastState(thing(), CHANNEL_VALUE_NUMBER));
        assertEquals(OnOffType.ON, harness.lastState(thing(), CHANNEL_SWITCH));
        assertEquals(new QuantityType<>(30, Units.SECOND), harness.lastState(thing(), CHANNEL_EXPIRES));
    }

    @Test
    void expiredTimerIsOffWithUndefNumberAndEmptyValue() {
        handler().stateReported(lvar(-1, "", 30.0));

        assertEquals(OnOffType.OFF, harness.lastState(thing(), CHANNEL_SWITCH));
        assertEquals(UnDefType.UNDEF, harness.lastState(thing(), CHANNEL_VALUE_NUMBER));
        assertEquals(new StringType(""), harness.lastState(thing(), CHANNEL_VALUE));
    }

    @Test
    void textValueIsUndefOnTheNumberChannel() {
        handler().stateReported(lvar(1, "abc", null));

        assertEquals(UnDefType.UNDEF, harness.lastState(thing(), CHANNEL_VALUE_NUMBER));
        assertEquals(UnDefType.UNDEF, harness.lastState(thing(), CHANNEL_EXPIRES));
    }

    @Test
    void lvarActionsAreOfferedAsService() {
        assertEquals(List.of(EvaLvarActions.class), List.copyOf(handler().getServices()));
    }
}
