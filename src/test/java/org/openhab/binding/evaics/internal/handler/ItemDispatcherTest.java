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
    void refreshAllKeepsABoundedNumberOfCallsInFlight() {
        configure(false);
        int items = ItemDispatcher.MAX_PARALLEL_REFRESH_CALLS * 3;
        for (int i = 0; i < items; i++) {
            dispatcher.register(Oid.parse("sensor:env/s" + i), new RecordingListener());
        }

        dispatcher.refreshAll(api);
        assertEquals(ItemDispatcher.MAX_PARALLEL_REFRESH_CALLS, api.stateCalls.size());
        api.pending.get(0).completeExceptionally(new EvaRpcException(EvaRpcException.Kind.TIMEOUT,
                EvaRpcException.CODE_TIMEOUT, "no answer"));

        assertEquals(ItemDispatcher.MAX_PARALLEL_REFRESH_CALLS + 1, api.stateCalls.size());
    }

    @Test
    void refreshAllCallsEveryRegisteredItemOnce() {
        configure(false);
        dispatcher.register(OTHER, new RecordingListener());
        api.answerStates(oid -> CompletableFuture.completedFuture(state(oid, "r", 1)));

        dispatcher.refreshAll(api);

        assertEquals(2, api.stateCalls.size());
        assertTrue(api.stateCalls.containsAll(List.of(LAMP, OTHER)));
        assertEquals(List.of("state r"), lamp.events);
    }

    @Test
    void refreshStopsWhenTheControllerGoesOffline() {
        configure(false);
        for (int i = 0; i < ItemDispatcher.MAX_PARALLEL_REFRESH_CALLS * 2; i++) {
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
