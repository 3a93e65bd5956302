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
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaRpcException;
import org.openhab.binding.evaics.internal.protocol.state.Announcement;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ActionEvent;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ServerEvent;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;
import org.openhab.binding.evaics.internal.protocol.state.Ieid;
import org.openhab.binding.evaics.internal.protocol.state.ItemState;
import org.openhab.binding.evaics.internal.protocol.state.Oid;

import com.google.gson.JsonObject;

/**
 * Delivery rules of {@link ItemDispatcher}: ieid ordering (protocol.md §9.4), destroyed items (protocol.md §9.5),
 * verified mode (protocol.md §10 step 7, §11), bounded refresh, hints from server events. Scheduled work runs only when
 * the test says so.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class ItemDispatcherTest {

    private static final ControllerId HOST1 = ControllerId.parse("uc/host1");
    private static final Oid LAMP = Oid.parse("unit:lights/lamp1");
    private static final Oid OTHER = Oid.parse("unit:lights/lamp2");

    private final List<Runnable> scheduled = new ArrayList<>();
    private final List<String> hints = new ArrayList<>();
    private final ScheduledExecutorService scheduler = manualScheduler();
    private final ItemDispatcher dispatcher = new ItemDispatcher(scheduler, new ItemDispatcher.Controller() {
        @Override
        public void goingOfflineHint() {
            hints.add("going offline");
        }

        @Override
        public void announceHint() {
            hints.add("announced");
        }
    });
    private final FakeEvaApi api = new FakeEvaApi();
    private final RecordingListener lamp = new RecordingListener();

    private ScheduledExecutorService manualScheduler() {
        ScheduledExecutorService mock = mock(ScheduledExecutorService.class);
        ScheduledFuture<?> future = mock(ScheduledFuture.class);
        when(mock.schedule(any(Runnable.class), anyLong(), any(TimeUnit.class))).thenAnswer(invocation -> {
            scheduled.add(invocation.getArgument(0));
            return future;
        });
        doAnswer(invocation -> {
            ((Runnable) invocation.getArgument(0)).run();
            return null;
        }).when(mock).execute(any(Runnable.class));
        return mock;
    }

    private void runScheduled() {
        List<Runnable> tasks = new ArrayList<>(scheduled);
        scheduled.clear();
        tasks.forEach(Runnable::run);
    }

    private void configure(boolean verified) {
        dispatcher.configure(HOST1, verified);
        dispatcher.setApi(api);
        dispatcher.register(LAMP, lamp);
    }

    private static ItemState state(Oid oid, String value, long counter) {
        return new ItemState(oid, HOST1, 1, value, null, null, null, null, new Ieid(1, counter), null, null);
    }

    @Test
    void announcedStateReachesTheRegisteredListener() {
        configure(false);

        dispatcher.itemState(state(LAMP, "a", 1));

        assertEquals(List.of("state a"), lamp.events);
    }

    @Test
    void olderOrEqualIeidIsDropped() {
        configure(false);

        dispatcher.itemState(state(LAMP, "new", 5));
        dispatcher.itemState(state(LAMP, "old", 4));
        dispatcher.itemState(state(LAMP, "duplicate", 5));

        assertEquals(List.of("state new"), lamp.events);
    }

    @Test
    void stateOfAnUnregisteredItemIsNotDeliveredNorVerified() {
        configure(true);

        dispatcher.itemState(state(OTHER, "x", 1));

        assertEquals(List.of(), scheduled);
        assertEquals(List.of(), lamp.events);
    }

    @Test
    void unregisteredListenerGetsNothingMore() {
        configure(false);
        dispatcher.unregister(LAMP, lamp);

        dispatcher.itemState(state(LAMP, "a", 1));

        assertEquals(List.of(), lamp.events);
    }

    @Test
    void newRegistrationGetsTheStateAnEarlierListenerAlreadyHad() {
        configure(false);
        dispatcher.itemState(state(LAMP, "a", 1));
        RecordingListener second = new RecordingListener();

        dispatcher.register(LAMP, second);
        dispatcher.itemState(state(LAMP, "a", 1));

        assertEquals(List.of("state a"), second.events);
    }

    @ParameterizedTest
    @ValueSource(booleans = { false, true })
    void itemDestroyedInTheControllersBulkBatchIsGoneOnlyWhenTheControllerSaysSo(boolean verifiedMode) {
        configure(verifiedMode);
        api.answerStates(oid -> CompletableFuture.failedFuture(
                new EvaRpcException(EvaRpcException.Kind.REMOTE_ERROR, EvaRpcException.CODE_NOT_FOUND, "not found")));

        dispatcher.itemDestroyed(LAMP, true);
        assertEquals(List.of(), lamp.events, "a bulk batch can be forged: nothing before the controller answered");
        runScheduled();

        assertEquals(List.of(LAMP), api.stateCalls);
        assertEquals(1, lamp.events.size());
        assertTrue(lamp.events.get(0).startsWith("gone"));
    }

    @Test
    void forgedBulkDestroyedOfALiveItemIsAnsweredWithItsState() {
        configure(false);
        api.answerStates(oid -> CompletableFuture.completedFuture(state(oid, "alive", 7)));

        dispatcher.itemDestroyed(LAMP, true);
        runScheduled();

        assertEquals(List.of("state alive"), lamp.events);
    }

    @Test
    void emptyPayloadOnlyTriggersAStateCallAndNotFoundMakesTheItemGone() {
        configure(false);
        api.answerStates(oid -> CompletableFuture.failedFuture(
                new EvaRpcException(EvaRpcException.Kind.REMOTE_ERROR, EvaRpcException.CODE_NOT_FOUND, "not found")));

        dispatcher.itemDestroyed(LAMP, false);
        assertEquals(List.of(), lamp.events);
        runScheduled();

        assertEquals(List.of(LAMP), api.stateCalls);
        assertEquals(1, lamp.events.size());
        assertTrue(lamp.events.get(0).startsWith("gone"));
    }

    @Test
    void forgedEmptyPayloadOfALiveItemIsAnsweredWithItsState() {
        configure(false);
        api.answerStates(oid -> CompletableFuture.completedFuture(state(oid, "alive", 7)));

        dispatcher.itemDestroyed(LAMP, false);
        runScheduled();

        assertEquals(List.of("state alive"), lamp.events);
    }

    @Test
    void verifiedModeDeliversOnlyTheAnswerOfTheStateCall() {
        configure(true);
        api.answerStates(oid -> CompletableFuture.completedFuture(state(oid, "authentic", 2)));

        dispatcher.itemState(state(LAMP, "forged", 9));
        assertEquals(List.of(), lamp.events);
        runScheduled();

        assertEquals(List.of(LAMP), api.stateCalls);
        assertEquals(List.of("state authentic"), lamp.events);
    }

    @Test
    void verifiedModeBurstOfAnnouncementsCostsOneCall() {
        configure(true);

        for (int i = 0; i < 5; i++) {
            dispatcher.itemState(state(LAMP, "v" + i, i));
        }
        runScheduled();

        assertEquals(List.of(LAMP), api.stateCalls);
    }

    @Test
    void verificationWhileOfflineSendsNothing() {
        configure(true);
        dispatcher.setApi(null);

        dispatcher.itemState(state(LAMP, "x", 1));
        runScheduled();

        assertEquals(List.of(), api.stateCalls);
    }

    @Test
    void refreshAllSendsBatchFramesWithABoundedNumberInFlight() {
        configure(false);
        int items = StateBatcher.BATCH_SIZE * (StateBatcher.MAX_FRAMES_IN_FLIGHT + 1);
        for (int i = 0; i < items; i++) {
            dispatcher.register(Oid.parse("sensor:env/s" + i), new RecordingListener());
        }

        dispatcher.refreshAll(api);
        assertEquals(StateBatcher.MAX_FRAMES_IN_FLIGHT, api.batches.size());
        api.batches.forEach(batch -> assertEquals(StateBatcher.BATCH_SIZE, batch.size()));
        assertEquals(List.of(), scheduled, "a refresh of all does not wait for the window");
        for (int i = 0; i < StateBatcher.BATCH_SIZE; i++) {
            api.pending.get(i).completeExceptionally(new EvaRpcException(EvaRpcException.Kind.TIMEOUT,
                    EvaRpcException.CODE_TIMEOUT, "no answer"));
        }

        assertEquals(StateBatcher.MAX_FRAMES_IN_FLIGHT + 1, api.batches.size());
        assertEquals(StateBatcher.BATCH_SIZE, api.batches.get(StateBatcher.MAX_FRAMES_IN_FLIGHT).size());
        api.pending.forEach(future -> future.complete(state(LAMP, "x", 1)));
        assertEquals(StateBatcher.MAX_FRAMES_IN_FLIGHT + 2, api.batches.size());
        assertEquals(1, api.batches.get(StateBatcher.MAX_FRAMES_IN_FLIGHT + 1).size(), "LAMP was registered too");
        assertEquals(items + 1, new HashSet<>(api.stateCalls).size(), "every item once");
        assertEquals(items + 1, api.stateCalls.size());
    }

    @Test
    void anItemNotFoundInABatchIsGoneAndTheOthersGetTheirStates() {
        configure(false);
        RecordingListener other = new RecordingListener();
        dispatcher.register(OTHER, other);
        api.answerStates(oid -> LAMP.equals(oid)
                ? CompletableFuture.failedFuture(new EvaRpcException(EvaRpcException.Kind.REMOTE_ERROR,
                        EvaRpcException.CODE_NOT_FOUND, "not found"))
                : CompletableFuture.completedFuture(state(oid, "here", 3)));

        dispatcher.refreshAll(api);

        assertEquals(1, api.batches.size());
        assertEquals(1, lamp.events.size());
        assertTrue(lamp.events.get(0).startsWith("gone"), lamp.events.toString());
        assertEquals(List.of("state here"), other.events);
    }

    @Test
    void verifiedAnnouncementsOfManyItemsWithinTheWindowShareOneFrame() {
        configure(true);
        api.answerStates(oid -> CompletableFuture.completedFuture(state(oid, "authentic", 2)));
        List<RecordingListener> listeners = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            RecordingListener listener = new RecordingListener();
            listeners.add(listener);
            Oid oid = Oid.parse("sensor:env/s" + i);
            dispatcher.register(oid, listener);
            dispatcher.itemState(state(oid, "forged", 9));
        }
        assertEquals(List.of(), api.batches, "nothing before the window ends");

        runScheduled();

        assertEquals(1, api.batches.size());
        assertEquals(10, api.batches.get(0).size());
        listeners.forEach(listener -> assertEquals(List.of("state authentic"), listener.events));
    }

    @Test
    void announcementWhileItsVerificationIsOnTheWayEarnsAnotherOne() {
        configure(true);

        dispatcher.itemState(state(LAMP, "a", 1));
        runScheduled();
        dispatcher.itemState(state(LAMP, "b", 2));
        runScheduled();

        assertEquals(List.of(LAMP, LAMP), api.stateCalls);
        assertEquals(2, api.batches.size());
    }

    @Test
    void itemThingsRefreshesWithinTheWindowShareOneFrameAndGetTheirOwnAnswers() {
        configure(false);
        api.answerStates(oid -> CompletableFuture.completedFuture(state(oid, oid.toString(), 2)));

        CompletableFuture<ItemState> lampState = dispatcher.pacedState(api, LAMP);
        CompletableFuture<ItemState> otherState = dispatcher.pacedState(api, OTHER);
        assertFalse(lampState.isDone());
        runScheduled();

        assertEquals(List.of(List.of(LAMP, OTHER)), api.batches);
        assertEquals(LAMP, lampState.join().oid());
        assertEquals(OTHER, otherState.join().oid());
        assertEquals(List.of(), lamp.events, "the item thing applies its own answer");
    }

    @Test
    void refreshOfAnItemThingOfAnOfflineControllerFailsAtOnce() {
        configure(false);
        dispatcher.setApi(null);

        CompletableFuture<ItemState> answer = dispatcher.pacedState(api, LAMP);

        assertTrue(answer.isCompletedExceptionally());
        assertEquals(List.of(), api.stateCalls);
    }

    @Test
    void queuedRefreshesOfAnApiThatWentAwayAreNotSent() {
        configure(false);
        CompletableFuture<ItemState> answer = dispatcher.pacedState(api, LAMP);

        dispatcher.setApi(null);
        runScheduled();

        assertTrue(answer.isCompletedExceptionally());
        assertEquals(List.of(), api.stateCalls);
    }

    @Test
    void refreshAllCallsEveryRegisteredItemOnce() {
        configure(false);
        dispatcher.register(OTHER, new RecordingListener());
        api.answerStates(oid -> CompletableFuture.completedFuture(state(oid, "r", 1)));

        dispatcher.refreshAll(api);

        assertEquals(2, api.stateCalls.size());
        assertTrue(api.stateCalls.containsAll(List.of(LAMP, OTHER)));
        assertEquals(1, api.batches.size(), "one frame");
        assertEquals(List.of("state r"), lamp.events);
    }

    @Test
    void refreshStopsWhenTheControllerGoesOffline() {
        configure(false);
        for (int i = 0; i < StateBatcher.BATCH_SIZE * (StateBatcher.MAX_FRAMES_IN_FLIGHT + 1); i++) {
            dispatcher.register(Oid.parse("sensor:env/s" + i), new RecordingListener());
        }
        dispatcher.refreshAll(api);
        int sent = api.stateCalls.size();

        dispatcher.setApi(null);
        api.pending.forEach(future -> future.completeExceptionally(
                new EvaRpcException(EvaRpcException.Kind.CLOSED, EvaRpcException.CODE_NOT_READY, "closed")));

        assertEquals(sent, api.stateCalls.size());
    }

    @Test
    void stateCallAnswerOfAnSfaMemberIsOrderedAsThisControllersState() {
        configure(false);
        ControllerId member = ControllerId.parse("uc/member");
        api.answerStates(oid -> CompletableFuture.completedFuture(
                new ItemState(oid, member, 1, "via-sfa", null, null, null, null, new Ieid(1, 3), null, null)));
        dispatcher.itemState(state(LAMP, "announced", 5));

        dispatcher.refreshAll(api);

        assertEquals(List.of("state announced"), lamp.events);
    }

    @Test
    void actionEventsPassThrough() {
        configure(true);
        JsonObject action = new JsonObject();

        dispatcher.actionEvent(new ActionEvent(LAMP, "u1", "completed", HOST1, action));

        assertEquals(List.of("action completed"), lamp.events);
    }

    @Test
    void restartAndLeavingEventsHintTheHeartbeatOthersDoNot() {
        configure(false);

        dispatcher.serverEvent(new ServerEvent(HOST1, ServerEvent.RESTART, null));
        dispatcher.serverEvent(new ServerEvent(HOST1, ServerEvent.LEAVING, null));
        dispatcher.serverEvent(new ServerEvent(HOST1, "something-new", null));
        dispatcher.controllerAnnounced();

        assertEquals(List.of("going offline", "going offline", "announced"), hints);
    }

    /** Records what reached one item. */
    private static final class RecordingListener implements EvaItemListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void stateReported(ItemState state) {
            events.add("state " + state.value());
        }

        @Override
        public void itemGone(String reason) {
            events.add("gone " + reason);
        }

        @Override
        public void actionEvent(Announcement.ActionEvent event) {
            events.add("action " + event.status());
        }
    }
}
