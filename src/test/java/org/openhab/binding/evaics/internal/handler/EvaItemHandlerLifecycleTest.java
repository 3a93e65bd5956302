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
import static org.openhab.binding.evaics.internal.handler.ItemHandlerHarness.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaRpcException;
import org.openhab.binding.evaics.internal.protocol.state.Ieid;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.binding.evaics.test.host.ThingHost;
import org.openhab.core.library.types.DecimalType;
import org.openhab.core.thing.Bridge;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusDetail;
import org.openhab.core.thing.ThingStatusInfo;
import org.openhab.core.thing.binding.ThingHandler;
import org.openhab.core.thing.binding.builder.BridgeBuilder;
import org.openhab.core.types.RefreshType;

/**
 * Life cycle of an item thing (shown with a unit; sensors and lvars share it): configuration checks, attaching to
 * the controller bridge, statuses, refreshes, disposal.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class EvaItemHandlerLifecycleTest {

    private static final Oid LAMP = Oid.parse("unit:lights/lamp1");
    private static final long WAIT_SECONDS = 10;
    /** How long a disposal that does not wait for the state being applied gets to finish first. */
    private static final long OVERTAKE_CHANCE_MILLIS = 300;

    private final ItemHandlerHarness harness = new ItemHandlerHarness();

    private EvaUnitHandler unit(String id) {
        return new EvaUnitHandler(harness.thing(THING_TYPE_UNIT, Map.of(CONFIG_ID, id)));
    }

    private EvaUnitHandler started() {
        return harness.start(unit("lights/lamp1"));
    }

    @Test
    void initializeWithOnlineControllerRegistersSetsUnknownAndRefreshes() {
        EvaUnitHandler handler = started();

        assertSame(handler, harness.controller.registered.get(LAMP));
        assertEquals(ThingStatus.UNKNOWN, handler.getThing().getStatus());
        verify(harness.api).state(LAMP);
    }

    @Test
    void initializeSetsTheOidProperty() {
        EvaUnitHandler handler = started();

        assertEquals("unit:lights/lamp1", handler.getThing().getProperties().get(PROPERTY_OID));
    }

    @Test
    void groupsMayContainSlashes() {
        EvaUnitHandler handler = harness.start(unit("lights/floor1/lamp3"));

        assertEquals("unit:lights/floor1/lamp3", handler.getThing().getProperties().get(PROPERTY_OID));
        verify(harness.api).state(Oid.parse("unit:lights/floor1/lamp3"));
    }

    @Test
    void firstStateMakesTheThingOnline() {
        EvaUnitHandler handler = started();

        harness.stateCalls.get(0).complete(state(LAMP, 1, ""));

        assertEquals(ThingStatus.ONLINE, handler.getThing().getStatus());
        assertEquals(new DecimalType(1), harness.lastState(handler.getThing(), CHANNEL_STATUS));
    }

    @Test
    void announcedStateMakesTheThingOnline() {
        EvaUnitHandler handler = started();

        handler.stateReported(state(LAMP, 0, ""));

        assertEquals(ThingStatus.ONLINE, handler.getThing().getStatus());
    }

    @Test
    void missingIdIsAConfigurationError() {
        EvaUnitHandler handler = harness.start(unit(""));

        assertStatus(handler, ThingStatusDetail.CONFIGURATION_ERROR, "@text/offline.config-error.missing-id");
        assertTrue(harness.controller.registered.isEmpty());
        verifyNoInteractions(harness.api);
    }

    @ParameterizedTest
    @ValueSource(strings = { "lights/+", "lights/#", "+/lamp1" })
    void idWithAnMqttWildcardIsAConfigurationError(String id) {
        EvaUnitHandler handler = harness.start(unit(id));

        assertStatus(handler, ThingStatusDetail.CONFIGURATION_ERROR,
                "@text/offline.config-error.id-wildcard [\"" + id + "\"]");
        assertTrue(harness.controller.registered.isEmpty());
    }

    @Test
    void idWithNulIsAConfigurationError() {
        EvaUnitHandler handler = harness.start(unit("lights/lamp\u00001"));

        assertStatus(handler, ThingStatusDetail.CONFIGURATION_ERROR,
                "@text/offline.config-error.id-control-character [\"lights/lamp\u24001\"]");
        assertTrue(harness.controller.registered.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = { "lamp1", "lights/", "/lamp1", "lights//lamp1" })
    void idWithoutGroupOrWithEmptyLevelIsAConfigurationError(String id) {
        EvaUnitHandler handler = harness.start(unit(id));

        assertStatus(handler, ThingStatusDetail.CONFIGURATION_ERROR,
                "@text/offline.config-error.invalid-id [\"" + id + "\"]");
    }

    @Test
    void withoutBridgeTheThingHasAConfigurationError() {
        when(harness.callback.getBridge(any())).thenReturn(null);

        EvaUnitHandler handler = started();

        assertStatus(handler, ThingStatusDetail.CONFIGURATION_ERROR, "@text/offline.config-error.no-bridge");
    }

    @Test
    void bridgeThatIsNoControllerIsAConfigurationError() {
        Bridge broker = BridgeBuilder.create(ItemHandlerHarness.CONTROLLER_TYPE, "other").build();
        broker.setHandler(mock(org.openhab.core.thing.binding.BridgeHandler.class));
        when(harness.callback.getBridge(any())).thenReturn(broker);

        EvaUnitHandler handler = started();

        assertStatus(handler, ThingStatusDetail.CONFIGURATION_ERROR, "@text/offline.config-error.not-a-controller");
    }

    @Test
    void bridgeWithoutHandlerYetMeansBridgeOffline() {
        harness.bridge.setHandler((ThingHandler) null);

        EvaUnitHandler handler = started();

        assertStatus(handler, ThingStatusDetail.BRIDGE_OFFLINE, null);
    }

    @Test
    void bridgeOfflineAtInitializeMeansBridgeOfflineWithoutRegistration() {
        harness.setBridgeStatus(ThingStatus.OFFLINE);

        EvaUnitHandler handler = started();

        assertStatus(handler, ThingStatusDetail.BRIDGE_OFFLINE, null);
        assertTrue(harness.controller.registered.isEmpty());
        verifyNoInteractions(harness.api);
    }

    @Test
    void bridgeComingOnlineWhileTheThingInitialisesIsNotMissed() {
        // openHAB tells only initialised things about their bridge: the bridge comes ONLINE after the handler read
        // its status and before the handler's BRIDGE_OFFLINE made the thing initialised, so no one tells the thing
        harness.setBridgeStatus(ThingStatus.OFFLINE);
        doAnswer(invocation -> {
            Thing thing = invocation.getArgument(0);
            ThingStatusInfo status = invocation.getArgument(1);
            thing.setStatusInfo(status);
            if (status.getStatusDetail() == ThingStatusDetail.BRIDGE_OFFLINE) {
                harness.setBridgeStatus(ThingStatus.ONLINE);
            }
            return null;
        }).when(harness.callback).statusUpdated(any(), any());

        EvaUnitHandler handler = started();

        assertSame(handler, harness.controller.registered.get(LAMP));
        assertEquals(ThingStatus.UNKNOWN, handler.getThing().getStatus());
        verify(harness.api).state(LAMP);
    }

    @Test
    void bridgeGoingOfflineUnregistersAndSetsBridgeOffline() {
        EvaUnitHandler handler = started();

        handler.bridgeStatusChanged(new ThingStatusInfo(ThingStatus.OFFLINE, ThingStatusDetail.NONE, null));

        assertStatus(handler, ThingStatusDetail.BRIDGE_OFFLINE, null);
        assertTrue(harness.controller.registered.isEmpty());
    }

    @Test
    void bridgeComingBackOnlineRegistersAndRefreshes() {
        harness.setBridgeStatus(ThingStatus.OFFLINE);
        EvaUnitHandler handler = started();

        // the framework reports the new bridge status; the handler does not need to read it from the bridge
        handler.bridgeStatusChanged(new ThingStatusInfo(ThingStatus.ONLINE, ThingStatusDetail.NONE, null));

        assertSame(handler, harness.controller.registered.get(LAMP));
        assertEquals(ThingStatus.UNKNOWN, handler.getThing().getStatus());
        verify(harness.api).state(LAMP);
    }

    @Test
    void bridgeStatusChangesLeaveAConfigurationErrorAlone() {
        EvaUnitHandler handler = harness.start(unit("lights/+"));

        handler.bridgeStatusChanged(new ThingStatusInfo(ThingStatus.ONLINE, ThingStatusDetail.NONE, null));

        assertEquals(ThingStatusDetail.CONFIGURATION_ERROR, handler.getThing().getStatusInfo().getStatusDetail());
        assertTrue(harness.controller.registered.isEmpty());
    }

    @Test
    void itemGoneSetsGoneWithTheReason() {
        EvaUnitHandler handler = started();

        handler.itemGone("destroyed, announced with an empty payload");

        assertStatus(handler, ThingStatusDetail.GONE,
                "@text/offline.gone.removed [\"destroyed; announced with an empty payload\"]");
    }

    @Test
    void stateAfterGoneMakesTheThingOnlineAgain() {
        EvaUnitHandler handler = started();
        handler.itemGone("destroyed");

        handler.stateReported(state(LAMP, 1, ""));

        assertEquals(ThingStatus.ONLINE, handler.getThing().getStatus());
    }

    @Test
    void stateCallAnsweredNotFoundSetsGone() {
        EvaUnitHandler handler = started();

        harness.stateCalls.get(0).completeExceptionally(
                new EvaRpcException(EvaRpcException.Kind.REMOTE_ERROR, EvaRpcException.CODE_NOT_FOUND, "not found"));

        assertStatus(handler, ThingStatusDetail.GONE, "@text/offline.gone.not-found [\"uc/host1\"]");
    }

    @Test
    void stateCallAnsweredAccessDeniedIsAConfigurationError() {
        EvaUnitHandler handler = started();

        harness.stateCalls.get(0).completeExceptionally(new EvaRpcException(EvaRpcException.Kind.REMOTE_ERROR,
                EvaRpcException.CODE_ACCESS_DENIED, "access denied"));

        assertStatus(handler, ThingStatusDetail.CONFIGURATION_ERROR,
                "@text/offline.config-error.access-denied [\"uc/host1\"]");
    }

    @Test
    void stateCallTimeoutLeavesTheStatusAlone() {
        EvaUnitHandler handler = started();

        harness.stateCalls.get(0).completeExceptionally(
                new EvaRpcException(EvaRpcException.Kind.TIMEOUT, EvaRpcException.CODE_TIMEOUT, "no answer"));

        assertEquals(ThingStatus.UNKNOWN, handler.getThing().getStatus());
    }

    @Test
    void aFirstRefreshLostToATimeoutIsTriedAgainUntilAStateArrives() {
        EvaUnitHandler handler = started();

        harness.stateCalls.get(0).completeExceptionally(
                new EvaRpcException(EvaRpcException.Kind.TIMEOUT, EvaRpcException.CODE_TIMEOUT, "no answer"));

        assertTrue(ThingHost.waitFor(() -> harness.stateCalls.size() == 2,
                EvaItemHandler.FIRST_REFRESH_RETRY.plusSeconds(10)), "the refresh was tried again");
        harness.stateCalls.get(1).complete(state(LAMP, 1, ""));
        assertEquals(ThingStatus.ONLINE, handler.getThing().getStatus());
    }

    @Test
    void refreshCommandSendsAStateCall() {
        EvaUnitHandler handler = started();
        harness.stateCalls.get(0).complete(state(LAMP, 1, ""));

        handler.handleCommand(ItemHandlerHarness.channel(handler.getThing(), CHANNEL_STATUS), RefreshType.REFRESH);

        verify(harness.api, times(2)).state(LAMP);
    }

    @Test
    void refreshWhileOneIsInFlightIsSentOnceAfterItsAnswer() {
        EvaUnitHandler handler = started();

        handler.handleCommand(ItemHandlerHarness.channel(handler.getThing(), CHANNEL_STATUS), RefreshType.REFRESH);
        handler.handleCommand(ItemHandlerHarness.channel(handler.getThing(), CHANNEL_SWITCH), RefreshType.REFRESH);
        verify(harness.api, times(1)).state(LAMP);

        harness.stateCalls.get(0).complete(state(LAMP, 1, ""));

        verify(harness.api, times(2)).state(LAMP);
    }

    @Test
    void refreshWithControllerOfflineSendsNothing() {
        EvaUnitHandler handler = started();
        harness.stateCalls.get(0).complete(state(LAMP, 1, ""));
        harness.controller.api = null;

        handler.handleCommand(ItemHandlerHarness.channel(handler.getThing(), CHANNEL_STATUS), RefreshType.REFRESH);

        verify(harness.api, times(1)).state(LAMP);
    }

    @Test
    void disposeUnregisters() {
        EvaUnitHandler handler = started();

        handler.dispose();

        assertTrue(harness.controller.registered.isEmpty());
        assertEquals(1, harness.controller.unregistered.size());
    }

    @Test
    void stateAnsweredAfterDisposeChangesNothing() {
        EvaUnitHandler handler = started();
        handler.dispose();

        harness.stateCalls.get(0).complete(state(LAMP, 1, ""));

        verify(harness.callback, never()).stateUpdated(any(), any());
        assertEquals(ThingStatus.UNKNOWN, handler.getThing().getStatus());
    }

    @Test
    void announcementAfterDisposeChangesNothing() {
        EvaUnitHandler handler = started();
        handler.dispose();

        handler.stateReported(state(LAMP, 1, ""));

        verify(harness.callback, never()).stateUpdated(any(), any());
    }

    @Test
    void stateOfAnotherItemIsIgnored() {
        EvaUnitHandler handler = started();

        handler.stateReported(state(Oid.parse("unit:lights/lamp2"), 1, ""));

        verify(harness.callback, never()).stateUpdated(any(), any());
        assertEquals(ThingStatus.UNKNOWN, handler.getThing().getStatus());
    }

    @Test
    void stateOlderThanTheLastAppliedIsIgnored() {
        EvaUnitHandler handler = started();
        handler.stateReported(state(LAMP, 1, "", new Ieid(7, 200)));

        // the answer of the state call was taken before the announced change
        harness.stateCalls.get(0).complete(state(LAMP, 0, "", new Ieid(7, 100)));

        assertEquals(new DecimalType(1), harness.lastState(handler.getThing(), CHANNEL_STATUS));
    }

    @Test
    void stateOfANewBootIsApplied() {
        EvaUnitHandler handler = started();
        handler.stateReported(state(LAMP, 1, "", new Ieid(7, 200)));

        handler.stateReported(state(LAMP, 0, "", new Ieid(8, 1)));

        assertEquals(new DecimalType(0), harness.lastState(handler.getThing(), CHANNEL_STATUS));
    }

    @Test
    void disposeWaitsForAStateBeingAppliedSoThatNothingReachesTheCallbackAfterIt() throws InterruptedException {
        EvaUnitHandler handler = started();
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch applying = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        doAnswer(invocation -> {
            order.add("update");
            applying.countDown();
            // the first channel update stops here until the disposal had its chance to overtake it
            release.await(WAIT_SECONDS, TimeUnit.SECONDS);
            return null;
        }).when(harness.callback).stateUpdated(any(), any());
        Thread applier = new Thread(() -> handler.stateReported(state(LAMP, 1, "v")));
        applier.start();
        assertTrue(applying.await(WAIT_SECONDS, TimeUnit.SECONDS));

        Thread disposer = new Thread(() -> {
            handler.dispose();
            order.add("disposed");
            // openHAB takes the callback away once dispose() returned
            handler.setCallback(null);
        });
        disposer.start();
        disposer.join(OVERTAKE_CHANCE_MILLIS);
        release.countDown();
        applier.join(WAIT_SECONDS * 1000L);
        disposer.join(WAIT_SECONDS * 1000L);

        assertEquals("disposed", order.get(order.size() - 1), order.toString());
        assertEquals(6, order.stream().filter("update"::equals).count(), "every channel of the state: " + order);
    }

    private static void assertStatus(EvaItemHandler handler, ThingStatusDetail detail,
            @org.eclipse.jdt.annotation.Nullable String description) {
        ThingStatusInfo info = handler.getThing().getStatusInfo();
        assertEquals(ThingStatus.OFFLINE, info.getStatus());
        assertEquals(detail, info.getStatusDetail());
        assertEquals(description, info.getDescription());
    }
}
