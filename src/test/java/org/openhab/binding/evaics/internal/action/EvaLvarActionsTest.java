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

import static org.junit.jupiter.api.Assertions.*;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.*;
import static org.openhab.binding.evaics.internal.EvaIcsBindingConstants.*;
import static org.openhab.binding.evaics.internal.handler.EvaItemConstants.*;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.openhab.binding.evaics.internal.handler.EvaLvarHandler;
import org.openhab.binding.evaics.internal.handler.ItemHandlerHarness;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaRpcException;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.core.thing.binding.ThingActions;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Rule actions of an lvar (protocol.md §8.3): set, reset, clear and toggle call the API and report success.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class EvaLvarActionsTest {

    private static final Oid FLAG = Oid.parse("lvar:flags/f1");
    private static final Duration WAIT = Duration.ofMillis(200);
    private static final CompletableFuture<JsonObject> OK = CompletableFuture
            .completedFuture(JsonParser.parseString("{\"ok\":true}").getAsJsonObject());

    private final ItemHandlerHarness harness = new ItemHandlerHarness();
    private final EvaLvarHandler handler = harness
            .start(new EvaLvarHandler(harness.thing(THING_TYPE_LVAR, Map.of(CONFIG_ID, "flags/f1"))));
    private final EvaLvarActions actions = new EvaLvarActions(WAIT);

    EvaLvarActionsTest() {
        actions.setThingHandler(handler);
    }

    @Test
    void setSendsStatusAndValue() {
        when(harness.api.set(FLAG, 1, "5")).thenReturn(OK);

        assertTrue(actions.set(1, "5"));
    }

    @Test
    void setWithoutStatusSendsTheValueOnly() {
        when(harness.api.set(any(), any(), any())).thenReturn(OK);

        actions.set(null, "5");

        verify(harness.api).set(FLAG, null, "5");
    }

    @Test
    void resetClearAndToggleCallTheirMethods() {
        when(harness.api.reset(FLAG)).thenReturn(OK);
        when(harness.api.clear(FLAG)).thenReturn(OK);
        when(harness.api.toggle(FLAG)).thenReturn(OK);

        assertTrue(actions.reset());
        assertTrue(actions.clear());
        assertTrue(actions.toggle());
        verify(harness.api).reset(FLAG);
        verify(harness.api).clear(FLAG);
        verify(harness.api).toggle(FLAG);
    }

    @Test
    void failedCallIsFalse() {
        when(harness.api.reset(FLAG)).thenReturn(CompletableFuture.failedFuture(
                new EvaRpcException(EvaRpcException.Kind.TIMEOUT, EvaRpcException.CODE_TIMEOUT, "no answer")));

        assertFalse(actions.reset());
    }

    @Test
    void refusedWhenTheControllerIsOffline() {
        harness.controller.api = null;
        clearInvocations(harness.api);

        assertFalse(actions.clear());
        verifyNoInteractions(harness.api);
    }

    @Test
    void staticTwinsDelegateToTheActions() {
        when(harness.api.toggle(FLAG)).thenReturn(OK);

        assertTrue(EvaLvarActions.toggle(actions));
        assertFalse(EvaLvarActions.toggle(mock(ThingActions.class)));
    }
}
