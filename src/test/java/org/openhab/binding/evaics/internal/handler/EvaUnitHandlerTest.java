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
import static org.mockito.ArgumentMatchers.*;
import static org.mockito.Mockito.*;
import static org.openhab.binding.evaics.internal.EvaIcsBindingConstants.*;
import static org.openhab.binding.evaics.internal.handler.EvaItemConstants.*;
import static org.openhab.binding.evaics.internal.handler.ItemHandlerHarness.channel;
import static org.openhab.binding.evaics.internal.handler.ItemHandlerHarness.state;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openhab.binding.evaics.internal.action.EvaUnitActions;
import org.openhab.binding.evaics.internal.protocol.rpc.ActionResult;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaRpcException;
import org.openhab.binding.evaics.internal.protocol.state.Announcement;
import org.openhab.binding.evaics.internal.protocol.state.ItemState;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.binding.evaics.test.Thrown;
import org.openhab.core.library.types.DecimalType;
import org.openhab.core.library.types.OnOffType;
import org.openhab.core.library.types.StringType;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.types.UnDefType;

import com.google.gson.JsonObject;

/**
 * The unit thing (protocol.md §8.2, §8.5, §9): commands become actions, states reach the channels, the action trigger
 * fires once per finished action.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class EvaUnitHandlerTest {

    private static final Oid LAMP = Oid.parse("unit:lights/lamp1");

    private final ItemHandlerHarness harness = new ItemHandlerHarness();
    private final CompletableFuture<ActionResult> actionCall = new CompletableFuture<>();
    private @Nullable EvaUnitHandler started;

    @BeforeEach
    void start() {
        when(harness.api.action(any(), anyInt(), any())).thenReturn(actionCall);
        when(harness.api.actionToggle(any())).thenReturn(actionCall);
        started = harness.start(new EvaUnitHandler(harness.thing(THING_TYPE_UNIT, Map.of(CONFIG_ID, "lights/lamp1"))));
    }

    private EvaUnitHandler handler() {
        EvaUnitHandler handler = started;
        assertNotNull(handler);
        return handler;
    }

    private Thing thing() {
        return handler().getThing();
    }

    private void online(int status) {
        harness.stateCalls.get(0).complete(state(LAMP, status, "v0"));
        assertEquals(ThingStatus.ONLINE, thing().getStatus());
    }

    private static ActionResult result(String uuid, String status, boolean finished) {
        return new ActionResult(uuid, status, finished, null, new JsonObject());
    }

    private static Announcement.ActionEvent event(Oid oid, String uuid, String status) {
        return new Announcement.ActionEvent(oid, uuid, status, ItemHandlerHarness.CONTROLLER, new JsonObject());
    }

    @Test
    void statusCommandRunsAnActionWithThatStatus() {
        handler().handleCommand(channel(thing(), CHANNEL_STATUS), new DecimalType(2));

        verify(harness.api).action(LAMP, 2, null);
    }

    @Test
    void switchOnRunsAnActionWithStatus1() {
        handler().handleCommand(channel(thing(), CHANNEL_SWITCH), OnOffType.ON);

        verify(harness.api).action(LAMP, 1, null);
    }

    @Test
    void switchOffRunsAnActionWithStatus0() {
        handler().handleCommand(channel(thing(), CHANNEL_SWITCH), OnOffType.OFF);

        verify(harness.api).action(LAMP, 0, null);
    }

    @Test
    void valueCommandRunsAnActionWithTheCurrentStatusAndTheValue() {
        online(3);

        handler().handleCommand(channel(thing(), CHANNEL_VALUE), new StringType("50"));

        verify(harness.api).action(LAMP, 3, "50");
    }

    @Test
    void valueCommandBeforeAnyStateIsRefused() {
        handler().handleCommand(channel(thing(), CHANNEL_VALUE), new StringType("50"));

        verify(harness.api, never()).action(any(), anyInt(), any());
    }

    @Test
    void statusThatIsNoIntegerIsRefused() {
        handler().handleCommand(channel(thing(), CHANNEL_STATUS), new DecimalType("1.5"));

        verify(harness.api, never()).action(any(), anyInt(), any());
    }

    @Test
    void commandIsRefusedAtOnceWhenTheControllerIsOffline() {
        online(1);
        harness.controller.api = null;
        clearInvocations(harness.api);

        handler().handleCommand(channel(thing(), CHANNEL_SWITCH), OnOffType.OFF);

        verifyNoInteractions(harness.api);
    }

    @Test
    void commandRefusedWhileTheControllerIsOfflineIsNoWarning() {
        harness.controller.api = null;
        PrintStream original = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        // slf4j-simple looks System.err up for every message
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        CompletableFuture<ActionResult> refused;
        try {
            handler().handleCommand(channel(thing(), CHANNEL_SWITCH), OnOffType.OFF);
            refused = handler().action(0, null);
        } finally {
            System.setErr(original);
        }

        // the thing's status already says that its controller is offline: a slider move is no WARN (DEBUG only)
        String logged = log.toString(StandardCharsets.UTF_8);
        assertFalse(logged.contains("WARN"), logged);
        ExecutionException failure = assertThrows(ExecutionException.class, refused::get);
        assertTrue(Thrown.messageOf(Thrown.causeOf(failure)).contains("controller uc/host1 is offline"),
                failure.toString());
    }

    @Test
    void commandIsRefusedWhenTheThingIsDetached() {
        handler().bridgeStatusChanged(new org.openhab.core.thing.ThingStatusInfo(ThingStatus.OFFLINE,
                org.openhab.core.thing.ThingStatusDetail.NONE, null));
        clearInvocations(harness.api);

        CompletableFuture<ActionResult> call = handler().action(1, null);

        verifyNoInteractions(harness.api);
        EvaRpcException failure = CallFailures.rpcException(assertThrows(Exception.class, call::join));
        assertNotNull(failure);
        assertEquals(EvaRpcException.Kind.NOT_CONNECTED, failure.kind());
    }

    @Test
    void commandDoesNotUpdateAnyChannel() {
        online(0);
        clearInvocations(harness.callback);

        handler().handleCommand(channel(thing(), CHANNEL_SWITCH), OnOffType.ON);
        actionCall.complete(result("u1", "running", false));

        verify(harness.callback, never()).stateUpdated(any(), any());
    }

    @Test
    void answeredActionRefreshesTheState() {
        online(0);

        handler().handleCommand(channel(thing(), CHANNEL_SWITCH), OnOffType.ON);
        actionCall.complete(result("u1", "running", false));

        verify(harness.api, times(2)).state(LAMP);
    }

    @Test
    void failedActionLeavesTheThingAsItWas() {
        online(0);
        clearInvocations(harness.callback);

        handler().handleCommand(channel(thing(), CHANNEL_SWITCH), OnOffType.ON);
        actionCall.completeExceptionally(
                new EvaRpcException(EvaRpcException.Kind.TIMEOUT, EvaRpcException.CODE_TIMEOUT, "no answer"));

        assertEquals(ThingStatus.ONLINE, thing().getStatus());
        verify(harness.callback, never()).stateUpdated(any(), any());
        verify(harness.callback, never()).channelTriggered(any(), any(), any());
        verify(harness.api, times(1)).state(LAMP);
    }

    @Test
    void stateReachesEveryChannelWithItsType() {
        handler().stateReported(new ItemState(LAMP, ItemHandlerHarness.CONTROLLER, 1, "42", 2, "43", true, null,
                null, null, null));

        assertEquals(new DecimalType(1), harness.lastState(thing(), CHANNEL_STATUS));
        assertEquals(OnOffType.ON, harness.lastState(thing(), CHANNEL_SWITCH));
        assertEquals(new StringType("42"), harness.lastState(thing(), CHANNEL_VALUE));
        assertEquals(new DecimalType(2), harness.lastState(thing(), CHANNEL_NSTATUS));
        assertEquals(new StringType("43"), harness.lastState(thing(), CHANNEL_NVALUE));
        assertEquals(OnOffType.ON, harness.lastState(thing(), CHANNEL_ACTION_ENABLED));
    }

    @Test
    void emptyValueIsAnEmptyStringAndMissingFieldsAreUndef() {
        handler().stateReported(state(LAMP, 0, ""));

        assertEquals(new StringType(""), harness.lastState(thing(), CHANNEL_VALUE));
        assertEquals(OnOffType.OFF, harness.lastState(thing(), CHANNEL_SWITCH));
        assertEquals(UnDefType.UNDEF, harness.lastState(thing(), CHANNEL_NSTATUS));
        assertEquals(UnDefType.UNDEF, harness.lastState(thing(), CHANNEL_NVALUE));
        assertEquals(UnDefType.UNDEF, harness.lastState(thing(), CHANNEL_ACTION_ENABLED));
    }

    @Test
    void errorStatusMakesTheSwitchUndef() {
        handler().stateReported(state(LAMP, -1, ""));

        assertEquals(UnDefType.UNDEF, harness.lastState(thing(), CHANNEL_SWITCH));
        assertEquals(new DecimalType(-1), harness.lastState(thing(), CHANNEL_STATUS));
    }

    @Test
    void multiPositionStatusMakesTheSwitchOn() {
        handler().stateReported(state(LAMP, 3, ""));

        assertEquals(OnOffType.ON, harness.lastState(thing(), CHANNEL_SWITCH));
    }

    @Test
    void finishedActionEventFiresTheTriggerWithItsStatus() {
        handler().actionEvent(event(LAMP, "u1", "completed"));

        verify(harness.callback).channelTriggered(thing(), channel(thing(), CHANNEL_ACTION), "completed");
    }

    @Test
    void unfinishedActionEventDoesNotFireTheTrigger() {
        handler().actionEvent(event(LAMP, "u1", "running"));

        verify(harness.callback, never()).channelTriggered(any(), any(), any());
    }

    @Test
    void actionEventOfAnotherUnitIsIgnored() {
        handler().actionEvent(event(Oid.parse("unit:lights/lamp2"), "u1", "failed"));

        verify(harness.callback, never()).channelTriggered(any(), any(), any());
    }

    @Test
    void finishedActionResultFiresTheTriggerOnceAlthoughTheEventFollows() {
        handler().handleCommand(channel(thing(), CHANNEL_SWITCH), OnOffType.ON);
        actionCall.complete(result("u1", "refused", true));
        handler().actionEvent(event(LAMP, "u1", "refused"));

        verify(harness.callback, times(1)).channelTriggered(thing(), channel(thing(), CHANNEL_ACTION), "refused");
    }

    private static ItemState unitState(int status, int nstatus) {
        return new ItemState(LAMP, ItemHandlerHarness.CONTROLLER, status, "", nstatus, "", true, null, null, null,
                null);
    }

    /** Switch ON, answered with a running action u1, and the refresh after it answered with that running state. */
    private CompletableFuture<ActionResult> actionRunning() {
        CompletableFuture<ActionResult> resultCall = new CompletableFuture<>();
        when(harness.api.result("u1")).thenReturn(resultCall);
        online(0);
        handler().handleCommand(channel(thing(), CHANNEL_SWITCH), OnOffType.ON);
        actionCall.complete(result("u1", "running", false));
        harness.stateCalls.get(1).complete(unitState(0, 1));
        return resultCall;
    }

    @Test
    void unfinishedActionIsAskedForItsResultOnlyWhenTheUnitIsIdleAgain() {
        CompletableFuture<ActionResult> resultCall = actionRunning();
        verify(harness.api, never()).result(any());

        handler().stateReported(unitState(1, 1));
        verify(harness.api).result("u1");
        resultCall.complete(result("u1", "completed", true));

        verify(harness.callback, times(1)).channelTriggered(thing(), channel(thing(), CHANNEL_ACTION), "completed");
    }

    @Test
    void actionStillRunningByItsResultIsAskedForAgainWithTheNextIdleState() {
        CompletableFuture<ActionResult> first = actionRunning();
        CompletableFuture<ActionResult> second = new CompletableFuture<>();
        handler().stateReported(unitState(1, 1));
        when(harness.api.result("u1")).thenReturn(second);
        first.complete(result("u1", "running", false));
        verify(harness.callback, never()).channelTriggered(any(), any(), any());

        handler().stateReported(unitState(1, 1));
        second.complete(result("u1", "failed", true));

        verify(harness.api, times(2)).result("u1");
        verify(harness.callback, times(1)).channelTriggered(thing(), channel(thing(), CHANNEL_ACTION), "failed");
    }

    @Test
    void actionEventEndsAPendingActionWithoutAResultCall() {
        actionRunning();

        handler().actionEvent(event(LAMP, "u1", "completed"));
        handler().stateReported(unitState(1, 1));

        verify(harness.api, never()).result(any());
        verify(harness.callback, times(1)).channelTriggered(thing(), channel(thing(), CHANNEL_ACTION), "completed");
    }

    @Test
    void idleStateWithoutPendingActionsAsksForNoResult() {
        online(0);

        handler().stateReported(unitState(1, 1));

        verify(harness.api, never()).result(any());
    }

    @Test
    void actionTheControllerForgotIsNoLongerAskedFor() {
        CompletableFuture<ActionResult> resultCall = actionRunning();
        handler().stateReported(unitState(1, 1));
        resultCall.completeExceptionally(new EvaRpcException(EvaRpcException.Kind.REMOTE_ERROR,
                EvaRpcException.CODE_NOT_FOUND, "action not found"));

        handler().stateReported(unitState(1, 1));

        verify(harness.api, times(1)).result("u1");
        verify(harness.callback, never()).channelTriggered(any(), any(), any());
    }

    @Test
    void toggleRunsActionToggle() {
        handler().toggle();

        verify(harness.api).actionToggle(LAMP);
    }

    @Test
    void terminateAndKillCallTheirMethods() {
        when(harness.api.terminate(any())).thenReturn(new CompletableFuture<>());
        when(harness.api.kill(any())).thenReturn(new CompletableFuture<>());

        handler().terminate();
        handler().kill();

        verify(harness.api).terminate(LAMP);
        verify(harness.api).kill(LAMP);
    }

    @Test
    void readOnlyChannelIgnoresCommands() {
        clearInvocations(harness.api);

        handler().handleCommand(channel(thing(), CHANNEL_NSTATUS), new DecimalType(1));
        handler().handleCommand(channel(thing(), CHANNEL_ACTION_ENABLED), OnOffType.ON);

        verifyNoInteractions(harness.api);
    }

    @Test
    void unitActionsAreOfferedAsService() {
        assertEquals(List.of(EvaUnitActions.class), List.copyOf(handler().getServices()));
    }
}
