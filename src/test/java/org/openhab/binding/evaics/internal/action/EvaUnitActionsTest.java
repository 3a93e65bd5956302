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
import org.openhab.binding.evaics.internal.handler.EvaUnitHandler;
import org.openhab.binding.evaics.internal.handler.ItemHandlerHarness;
import org.openhab.binding.evaics.internal.protocol.rpc.ActionResult;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaRpcException;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.core.thing.binding.ThingActions;

import com.google.gson.JsonObject;

/**
 * Rule actions of a unit (protocol.md §8.2, §8.5): they call the API, wait for its answer and return the documented
 * values; failures become results, never exceptions.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class EvaUnitActionsTest {

    private static final Oid LAMP = Oid.parse("unit:lights/lamp1");
    /** Short: only the test of a call that never ends waits for it. */
    private static final Duration WAIT = Duration.ofMillis(200);

    private final ItemHandlerHarness harness = new ItemHandlerHarness();
    private final EvaUnitHandler handler = harness
            .start(new EvaUnitHandler(harness.thing(THING_TYPE_UNIT, Map.of(CONFIG_ID, "lights/lamp1"))));
    private final EvaUnitActions actions = new EvaUnitActions(WAIT);

    EvaUnitActionsTest() {
        actions.setThingHandler(handler);
    }

    private static JsonObject object(String json) {
        return com.google.gson.JsonParser.parseString(json).getAsJsonObject();
    }

    @Test
    void actionReturnsUuidStatusAndFinished() {
        when(harness.api.action(LAMP, 1, "50")).thenReturn(CompletableFuture
                .completedFuture(new ActionResult("u1", "completed", true, 0, new JsonObject())));

        Map<String, Object> result = actions.action(1, "50");

        assertEquals(Map.of("uuid", "u1", "status", "completed", "finished", true), result);
    }

    @Test
    void actionWithoutValueSendsNone() {
        when(harness.api.action(any(), org.mockito.ArgumentMatchers.anyInt(), any())).thenReturn(
                CompletableFuture.completedFuture(new ActionResult("u1", "running", false, null, new JsonObject())));

        actions.action(0, null);

        verify(harness.api).action(LAMP, 0, null);
    }

    @Test
    void failedActionReturnsTheErrorWithoutThrowing() {
        when(harness.api.action(any(), org.mockito.ArgumentMatchers.anyInt(), any()))
                .thenReturn(CompletableFuture.failedFuture(new EvaRpcException(EvaRpcException.Kind.REMOTE_ERROR,
                        EvaRpcException.CODE_ACCESS_DENIED, "access denied")));

        Map<String, Object> result = actions.action(1, null);

        assertEquals(Map.of("error", "access denied (EVA error 2)"), result);
    }

    @Test
    void actionIsRefusedWhenTheControllerIsOffline() {
        harness.controller.api = null;
        clearInvocations(harness.api);

        Map<String, Object> result = actions.action(1, null);

        verifyNoInteractions(harness.api);
        assertTrue(String.valueOf(result.get("error")).contains("offline"), result.toString());
    }

    @Test
    void callThatNeverEndsReturnsAnErrorAfterTheWait() {
        when(harness.api.actionToggle(LAMP)).thenReturn(new CompletableFuture<>());

        Map<String, Object> result = actions.toggle();

        assertEquals(Map.of("error", "no answer within " + WAIT.toMillis() + " ms"), result);
    }

    @Test
    void toggleRunsActionToggle() {
        when(harness.api.actionToggle(LAMP)).thenReturn(
                CompletableFuture.completedFuture(new ActionResult("u2", "running", false, null, new JsonObject())));

        assertEquals(Map.of("uuid", "u2", "status", "running", "finished", false), actions.toggle());
    }

    @Test
    void terminateReportsOk() {
        when(harness.api.terminate(LAMP)).thenReturn(CompletableFuture.completedFuture(object("{\"ok\":true}")));

        assertTrue(actions.terminate());
    }

    @Test
    void terminateWithNothingRunningIsFalse() {
        when(harness.api.terminate(LAMP)).thenReturn(CompletableFuture.failedFuture(
                new EvaRpcException(EvaRpcException.Kind.REMOTE_ERROR, EvaRpcException.CODE_NOT_FOUND, "not found")));

        assertFalse(actions.terminate());
    }

    @Test
    void killReportsOk() {
        when(harness.api.kill(LAMP)).thenReturn(CompletableFuture.completedFuture(object("{\"ok\":true}")));

        assertTrue(actions.kill());
    }

    @Test
    void killDeniedByTheUnitIsFalse() {
        when(harness.api.kill(LAMP))
                .thenReturn(CompletableFuture.completedFuture(object("{\"ok\":true,\"pt\":\"denied\"}")));

        assertFalse(actions.kill());
    }

    @Test
    void withoutHandlerEveryActionFailsQuietly() {
        EvaUnitActions unbound = new EvaUnitActions(WAIT);

        assertEquals(Map.of("error", "the unit thing has no handler"), unbound.action(1, null));
        assertFalse(unbound.kill());
        assertNull(unbound.getThingHandler());
    }

    @Test
    void staticTwinsDelegateToTheActions() {
        when(harness.api.kill(LAMP)).thenReturn(CompletableFuture.completedFuture(object("{\"ok\":true}")));

        assertTrue(EvaUnitActions.kill(actions));
        assertFalse(EvaUnitActions.kill(mock(ThingActions.class)));
        assertTrue(EvaUnitActions.action(mock(ThingActions.class), 1, null).containsKey("error"));
    }
}
