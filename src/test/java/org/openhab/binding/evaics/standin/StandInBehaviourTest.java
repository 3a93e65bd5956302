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
package org.openhab.binding.evaics.standin;

import static org.junit.jupiter.api.Assertions.*;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.*;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledExecutorService;

import javax.measure.quantity.Temperature;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.openhab.core.common.AbstractUID;
import org.openhab.core.common.ThreadPoolManager;
import org.openhab.core.config.core.Configuration;
import org.openhab.core.config.discovery.AbstractDiscoveryService;
import org.openhab.core.config.discovery.AbstractThingHandlerDiscoveryService;
import org.openhab.core.config.discovery.DiscoveryListener;
import org.openhab.core.config.discovery.DiscoveryResult;
import org.openhab.core.config.discovery.DiscoveryResultBuilder;
import org.openhab.core.config.discovery.ScanListener;
import org.openhab.core.library.types.DecimalType;
import org.openhab.core.library.types.OnOffType;
import org.openhab.core.library.types.PercentType;
import org.openhab.core.library.types.QuantityType;
import org.openhab.core.library.types.StringType;
import org.openhab.core.library.unit.SIUnits;
import org.openhab.core.library.unit.Units;
import org.openhab.core.thing.Bridge;
import org.openhab.core.thing.Channel;
import org.openhab.core.thing.ChannelUID;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusDetail;
import org.openhab.core.thing.ThingStatusInfo;
import org.openhab.core.thing.ThingTypeUID;
import org.openhab.core.thing.ThingUID;
import org.openhab.core.thing.binding.BaseBridgeHandler;
import org.openhab.core.thing.binding.BaseThingHandler;
import org.openhab.core.thing.binding.BaseThingHandlerFactory;
import org.openhab.core.thing.binding.ThingHandler;
import org.openhab.core.thing.binding.ThingHandlerCallback;
import org.openhab.core.thing.binding.ThingHandlerService;
import org.openhab.core.thing.binding.builder.BridgeBuilder;
import org.openhab.core.thing.binding.builder.ChannelBuilder;
import org.openhab.core.thing.binding.builder.ThingBuilder;
import org.openhab.core.thing.internal.BridgeImpl;
import org.openhab.core.types.Command;

/**
 * Tests of the behaviour of the openHAB core API stand-in (src/openhab-api) that the binding's own tests rely on:
 * handler-to-callback forwarding, configuration mapping, UID validation, discovery notification, thing edits,
 * bridge children, service creation by the factory and the value types.
 */
@NonNullByDefault
class StandInBehaviourTest {

    private static final ThingTypeUID BRIDGE_TYPE = new ThingTypeUID("evaics", "controller");
    private static final ThingTypeUID UNIT_TYPE = new ThingTypeUID("evaics", "unit");

    /** Handler that only records commands; everything else is inherited from the stand-in. */
    public static class TestHandler extends BaseThingHandler {
        final List<Command> commands = new ArrayList<>();
        int initializeCalls;
        int disposeCalls;

        public TestHandler(Thing thing) {
            super(thing);
        }

        @Override
        public void initialize() {
            initializeCalls++;
            updateStatus(ThingStatus.ONLINE);
        }

        @Override
        public void dispose() {
            disposeCalls++;
        }

        @Override
        public void handleCommand(ChannelUID channelUID, Command command) {
            commands.add(command);
        }

        ScheduledExecutorService scheduler() {
            return scheduler;
        }

        <T> T config(Class<T> type) {
            return getConfigAs(type);
        }

        void state(String channel, org.openhab.core.types.State state) {
            updateState(channel, state);
        }

        void trigger(String channel) {
            triggerChannel(channel);
        }

        void status(ThingStatus status, ThingStatusDetail detail, String description) {
            updateStatus(status, detail, description);
        }

        ThingBuilder edit() {
            return editThing();
        }

        void update(Thing thing) {
            updateThing(thing);
        }

        void properties(@Nullable Map<String, String> properties) {
            updateProperties(properties);
        }

        @Nullable
        Bridge bridge() {
            return getBridge();
        }

        boolean linked(String channel) {
            return isLinked(channel);
        }
    }

    /** Bridge handler whose handler services the factory must create. */
    public static class TestBridgeHandler extends BaseBridgeHandler {
        public TestBridgeHandler(Bridge bridge) {
            super(bridge);
        }

        @Override
        public void initialize() {
            updateStatus(ThingStatus.ONLINE);
        }

        @Override
        public void handleCommand(ChannelUID channelUID, Command command) {
        }

        @Override
        public Collection<Class<? extends ThingHandlerService>> getServices() {
            return List.of(TestDiscovery.class);
        }

        BridgeBuilder edit() {
            return editThing();
        }
    }

    /** Handler-bound discovery that reports what it is told to. */
    public static class TestDiscovery extends AbstractThingHandlerDiscoveryService<TestBridgeHandler> {
        static final List<TestDiscovery> CREATED = new ArrayList<>();
        boolean backgroundRunning;

        public TestDiscovery() {
            super(TestBridgeHandler.class, Set.of(UNIT_TYPE), 0, true);
            CREATED.add(this);
        }

        @Override
        protected void startScan() {
        }

        @Override
        protected void startBackgroundDiscovery() {
            backgroundRunning = true;
        }

        @Override
        protected void stopBackgroundDiscovery() {
            backgroundRunning = false;
        }

        void discovered(DiscoveryResult result) {
            thingDiscovered(result);
        }

        void removed(ThingUID uid) {
            thingRemoved(uid);
        }

        void stop() {
            stopScan();
        }
    }

    /** Public fields as openHAB configuration classes have them. */
    public static class TestConfig {
        public String host = "localhost";
        public int port;
        public long timeoutMillis;
        public double factor;
        public boolean secure;
        public String space = "";
        public String keyId = "default";
    }

    private static Bridge bridge() {
        return BridgeBuilder.create(BRIDGE_TYPE, "ctl1").withLabel("Controller").build();
    }

    private static Thing unit(ThingUID bridgeUID) {
        ThingUID uid = new ThingUID(UNIT_TYPE, bridgeUID, "lamp1");
        return ThingBuilder.create(UNIT_TYPE, uid).withBridge(bridgeUID)
                .withChannel(ChannelBuilder.create(new ChannelUID(uid, "status"), "Number").build())
                .withConfiguration(new Configuration(Map.of("oid", "unit:lights/lamp1"))).build();
    }

    private static TestHandler handlerWithCallback(ThingHandlerCallback callback) {
        TestHandler handler = new TestHandler(unit(bridge().getUID()));
        handler.setCallback(callback);
        return handler;
    }

    @Test
    void updateStateReachesCallbackWithChannelOfThing() {
        ThingHandlerCallback callback = mock(ThingHandlerCallback.class);
        TestHandler handler = handlerWithCallback(callback);

        handler.state("status", new DecimalType(1));

        verify(callback).stateUpdated(new ChannelUID(handler.getThing().getUID(), "status"), new DecimalType(1));
    }

    @Test
    void updateStatusReachesCallbackWithStatusInfo() {
        ThingHandlerCallback callback = mock(ThingHandlerCallback.class);
        TestHandler handler = handlerWithCallback(callback);

        handler.status(ThingStatus.OFFLINE, ThingStatusDetail.COMMUNICATION_ERROR, "@text/offline.broker");

        verify(callback).statusUpdated(handler.getThing(), new ThingStatusInfo(ThingStatus.OFFLINE,
                ThingStatusDetail.COMMUNICATION_ERROR, "@text/offline.broker"));
    }

    @Test
    void triggerWithoutEventSendsEmptyEvent() {
        ThingHandlerCallback callback = mock(ThingHandlerCallback.class);
        TestHandler handler = handlerWithCallback(callback);

        handler.trigger("event");

        verify(callback).channelTriggered(handler.getThing(), new ChannelUID(handler.getThing().getUID(), "event"),
                "");
    }

    @Test
    void reportsWithoutCallbackAreDropped() {
        ThingHandlerCallback callback = mock(ThingHandlerCallback.class);
        TestHandler handler = handlerWithCallback(callback);
        handler.setCallback(null);

        handler.state("status", OnOffType.ON);
        handler.status(ThingStatus.ONLINE, ThingStatusDetail.NONE, "");

        verifyNoInteractions(callback);
    }

    @Test
    void linkAndBridgeQueriesGoToCallback() {
        ThingHandlerCallback callback = mock(ThingHandlerCallback.class);
        Bridge bridge = bridge();
        when(callback.getBridge(bridge.getUID())).thenReturn(bridge);
        when(callback.isChannelLinked(any())).thenReturn(true);
        TestHandler handler = handlerWithCallback(callback);

        assertSame(bridge, handler.bridge());
        assertTrue(handler.linked("status"));
    }

    @Test
    void channelLinkedSendsRefresh() {
        TestHandler handler = handlerWithCallback(mock(ThingHandlerCallback.class));

        handler.channelLinked(new ChannelUID(handler.getThing().getUID(), "status"));

        assertEquals(List.of(org.openhab.core.types.RefreshType.REFRESH), handler.commands);
    }

    @Test
    void bridgeGoingOfflineMarksThingBridgeOffline() {
        ThingHandlerCallback callback = mock(ThingHandlerCallback.class);
        TestHandler handler = handlerWithCallback(callback);

        handler.bridgeStatusChanged(new ThingStatusInfo(ThingStatus.OFFLINE, ThingStatusDetail.NONE, null));

        verify(callback).statusUpdated(handler.getThing(),
                new ThingStatusInfo(ThingStatus.OFFLINE, ThingStatusDetail.BRIDGE_OFFLINE, null));
    }

    @Test
    void configurationUpdateOfInitializedHandlerReinitializes() {
        ThingHandlerCallback callback = mock(ThingHandlerCallback.class);
        TestHandler handler = handlerWithCallback(callback);
        handler.getThing().setStatusInfo(new ThingStatusInfo(ThingStatus.ONLINE, ThingStatusDetail.NONE, null));

        handler.handleConfigurationUpdate(Map.of("port", 1884));

        assertEquals(1, handler.disposeCalls);
        assertEquals(1, handler.initializeCalls);
        assertEquals(new BigDecimal(1884), handler.getThing().getConfiguration().get("port"));
    }

    @Test
    void getConfigAsMapsNormalisedValuesToFieldTypes() {
        Configuration configuration = new Configuration(Map.of("host", "10.0.0.5", "port", 1883, "timeoutMillis",
                5000L, "factor", 0.5, "secure", "true", "space", new BigDecimal("7"), "unknown", "x"));
        TestHandler handler = new TestHandler(ThingBuilder.create(UNIT_TYPE, "u1").withConfiguration(configuration)
                .build());

        TestConfig config = handler.config(TestConfig.class);

        assertEquals("10.0.0.5", config.host);
        assertEquals(1883, config.port);
        assertEquals(5000L, config.timeoutMillis);
        assertEquals(0.5, config.factor);
        assertTrue(config.secure);
        assertEquals("7", config.space);
        assertEquals("default", config.keyId);
    }

    @Test
    void configurationNormalisesNumbersToBigDecimal() {
        Configuration configuration = new Configuration();
        configuration.put("int", 3);
        configuration.put("double", 2.5);
        configuration.put("list", List.of(1, 2));

        assertEquals(new BigDecimal("3"), configuration.get("int"));
        assertEquals(new BigDecimal("2.5"), configuration.get("double"));
        assertEquals(List.of(BigDecimal.ONE, new BigDecimal(2)), configuration.get("list"));
        assertThrows(IllegalArgumentException.class, () -> configuration.put("bad", new Object()));
    }

    @Test
    void uidSegmentsOutsideWordCharactersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ThingUID(UNIT_TYPE, "lights/lamp1"));
        assertThrows(IllegalArgumentException.class, () -> new ThingTypeUID("evaics", "unit:x"));
        assertFalse(AbstractUID.isValid("unit:lights"));
        assertTrue(AbstractUID.isValid("unit_lights-lamp1"));
    }

    @Test
    void childThingUidCarriesBridgeId() {
        ThingUID child = new ThingUID(UNIT_TYPE, new ThingUID(BRIDGE_TYPE, "ctl1"), "lamp1");

        assertEquals("evaics:unit:ctl1:lamp1", child.getAsString());
        assertEquals(List.of("ctl1"), child.getBridgeIds());
        assertEquals("lamp1", child.getId());
    }

    @Test
    void channelUidSplitsGroupAndThing() {
        ChannelUID channel = new ChannelUID("evaics:unit:ctl1:lamp1:state#value");

        assertEquals("state", channel.getGroupId());
        assertEquals("value", channel.getIdWithoutGroup());
        assertEquals(new ThingUID("evaics:unit:ctl1:lamp1"), channel.getThingUID());
    }

    @Test
    void discoveryListenersReceiveDiscoveredAndRemovedThings() {
        TestDiscovery discovery = new TestDiscovery();
        DiscoveryListener listener = mock(DiscoveryListener.class);
        discovery.addDiscoveryListener(listener);
        ThingUID uid = new ThingUID(UNIT_TYPE, new ThingUID(BRIDGE_TYPE, "ctl1"), "lamp1");
        DiscoveryResult result = DiscoveryResultBuilder.create(uid).withBridge(new ThingUID(BRIDGE_TYPE, "ctl1"))
                .withProperty("oid", "unit:lights/lamp1").withRepresentationProperty("oid").withLabel("Lamp 1")
                .build();

        discovery.discovered(result);
        discovery.removed(uid);

        ArgumentCaptor<DiscoveryResult> captor = ArgumentCaptor.forClass(DiscoveryResult.class);
        verify(listener).thingDiscovered(eq(discovery), captor.capture());
        assertEquals(UNIT_TYPE, captor.getValue().getThingTypeUID());
        assertEquals("unit:lights/lamp1", captor.getValue().getProperties().get("oid"));
        verify(listener).thingRemoved(discovery, uid);
    }

    @Test
    void lateDiscoveryListenerGetsEarlierResults() {
        TestDiscovery discovery = new TestDiscovery();
        DiscoveryResult result = DiscoveryResultBuilder.create(new ThingUID(UNIT_TYPE, "lamp2")).build();
        discovery.discovered(result);
        DiscoveryListener listener = mock(DiscoveryListener.class);

        discovery.addDiscoveryListener(listener);

        verify(listener).thingDiscovered(discovery, result);
    }

    @Test
    void scanEndsWithFinishedOrAborted() {
        TestDiscovery discovery = new TestDiscovery();
        ScanListener finished = mock(ScanListener.class);
        ScanListener aborted = mock(ScanListener.class);

        discovery.startScan(finished);
        discovery.stop();
        discovery.startScan(aborted);
        discovery.abortScan();

        verify(finished).onFinished();
        verify(aborted).onErrorOccurred(any(CancellationException.class));
    }

    @Test
    void handlerDiscoveryRefusesOtherHandlerTypes() {
        TestDiscovery discovery = new TestDiscovery();

        assertThrows(IllegalArgumentException.class, () -> discovery.setThingHandler(new TestHandler(unit(
                bridge().getUID()))));
    }

    @Test
    void editThingAndUpdateThingHandNewThingToCallback() {
        ThingHandlerCallback callback = mock(ThingHandlerCallback.class);
        TestHandler handler = handlerWithCallback(callback);
        Thing old = handler.getThing();
        ChannelUID valueUID = new ChannelUID(old.getUID(), "value");

        Thing edited = handler.edit().withChannel(ChannelBuilder.create(valueUID, "String").build()).build();
        handler.update(edited);

        verify(callback).thingUpdated(edited);
        assertSame(edited, handler.getThing());
        assertNotNull(edited.getChannel("value"));
        assertNotNull(edited.getChannel("status"));
        assertEquals(old.getBridgeUID(), edited.getBridgeUID());
        assertEquals("unit:lights/lamp1", edited.getConfiguration().get("oid"));
        assertThrows(IllegalArgumentException.class, () -> handler.update(handler.getThing()));
    }

    @Test
    void thingBuilderRefusesForeignAndDuplicateChannels() {
        ThingBuilder builder = ThingBuilder.create(UNIT_TYPE, "a");
        Channel foreign = ChannelBuilder.create(new ChannelUID(new ThingUID(UNIT_TYPE, "b"), "x")).build();
        Channel own = ChannelBuilder.create(new ChannelUID(new ThingUID(UNIT_TYPE, "a"), "x")).build();
        builder.withChannel(own);

        assertThrows(IllegalArgumentException.class, () -> builder.withChannel(foreign));
        assertThrows(IllegalArgumentException.class, () -> builder.withChannel(own));
    }

    @Test
    void updatePropertiesNotifiesOnlyOnChange() {
        ThingHandlerCallback callback = mock(ThingHandlerCallback.class);
        TestHandler handler = handlerWithCallback(callback);

        handler.properties(Map.of(Thing.PROPERTY_FIRMWARE_VERSION, "4.1"));
        handler.properties(Map.of(Thing.PROPERTY_FIRMWARE_VERSION, "4.1"));

        verify(callback, times(1)).thingUpdated(handler.getThing());
        assertEquals("4.1", handler.getThing().getProperties().get(Thing.PROPERTY_FIRMWARE_VERSION));
    }

    @Test
    void bridgeEditThingBuildsBridge() {
        TestBridgeHandler handler = new TestBridgeHandler(bridge());

        Bridge edited = handler.edit().withLabel("Renamed").build();

        assertEquals("Renamed", edited.getLabel());
        assertEquals(handler.getThing().getUID(), edited.getUID());
    }

    @Test
    void bridgeKnowsAttachedChildren() {
        BridgeImpl bridge = (BridgeImpl) bridge();
        Thing child = unit(bridge.getUID());
        TestHandler childHandler = new TestHandler(child);
        child.setHandler(childHandler);

        bridge.addThing(child);

        assertEquals(List.of(child), bridge.getThings());
        assertSame(childHandler, bridge.getThing(child.getUID()).getHandler());
        bridge.removeThing(child);
        assertTrue(bridge.getThings().isEmpty());
    }

    @Test
    void factoryCreatesInitialisesAndDisposesHandlerServices() {
        BaseThingHandlerFactory factory = new BaseThingHandlerFactory() {
            @Override
            public boolean supportsThingType(ThingTypeUID thingTypeUID) {
                return BRIDGE_TYPE.equals(thingTypeUID);
            }

            @Override
            protected @Nullable ThingHandler createHandler(Thing thing) {
                return new TestBridgeHandler((Bridge) thing);
            }
        };
        Bridge bridge = bridge();
        TestDiscovery.CREATED.clear();

        ThingHandler handler = factory.registerHandler(bridge);
        bridge.setHandler(handler);

        assertEquals(1, TestDiscovery.CREATED.size());
        TestDiscovery discovery = TestDiscovery.CREATED.get(0);
        assertSame(handler, discovery.getThingHandler());
        assertTrue(discovery.backgroundRunning);
        factory.unregisterHandler(bridge);
        assertFalse(discovery.backgroundRunning);
    }

    @Test
    void factoryRefusesBridgeWithPlainHandler() {
        BaseThingHandlerFactory factory = new BaseThingHandlerFactory() {
            @Override
            public boolean supportsThingType(ThingTypeUID thingTypeUID) {
                return true;
            }

            @Override
            protected @Nullable ThingHandler createHandler(Thing thing) {
                return new TestHandler(thing);
            }
        };

        assertThrows(IllegalStateException.class, () -> factory.registerHandler(bridge()));
    }

    @Test
    void handlerSchedulerIsSharedAndCannotBeShutDown() {
        TestHandler handler = new TestHandler(unit(bridge().getUID()));

        assertSame(ThreadPoolManager.getScheduledPool("thingHandler"), handler.scheduler());
        assertThrows(IllegalStateException.class, () -> handler.scheduler().shutdown());
    }

    @Test
    void quantityTypeParsesUnitsAndComparesAcrossThem() {
        QuantityType<?> celsius = new QuantityType<>("21.5 °C");
        QuantityType<Temperature> kelvin = new QuantityType<>(new BigDecimal("294.65"), Units.KELVIN);

        assertEquals(SIUnits.CELSIUS, celsius.getUnit());
        assertEquals("21.5 °C", celsius.toString());
        assertEquals(celsius, kelvin);
        assertEquals(celsius.hashCode(), kelvin.hashCode());
        assertEquals("21.5 °C", celsius.format("%.1f %unit%"));
        assertEquals(new BigDecimal("400"), new QuantityType<>("400 ppm").toUnit(Units.PARTS_PER_MILLION)
                .toBigDecimal());
        assertEquals(new QuantityType<>("1.5 kWh"), new QuantityType<>(1500, Units.WATT_HOUR));
        assertEquals("50 %", new QuantityType<>("50 %").toFullString());
        assertThrows(IllegalArgumentException.class, () -> new QuantityType<>("3 parsecs per fortnight"));
    }

    @Test
    void decimalAndStringTypesCompareByValue() {
        assertEquals(new DecimalType("1.50"), new DecimalType(1.5));
        assertEquals(new DecimalType("1.50").hashCode(), new DecimalType(1.5).hashCode());
        assertEquals("1000", new DecimalType(new BigDecimal("1E+3")).toString());
        assertEquals("7", new DecimalType(new BigDecimal("7.0")).format("%d"));
        assertEquals(new StringType("on"), new StringType("on"));
        assertTrue(new StringType("on").equals("on"));
        assertEquals(OnOffType.ON, OnOffType.from("1"));
    }

    @Test
    void percentTypeIsBoundedAndConvertsToOnOffAndDecimal() {
        assertEquals(PercentType.HUNDRED, OnOffType.ON.as(PercentType.class));
        assertEquals(OnOffType.OFF, PercentType.ZERO.as(OnOffType.class));
        assertEquals(new DecimalType("0.5"), new PercentType(50).as(DecimalType.class));
        assertThrows(IllegalArgumentException.class, () -> new PercentType(101));
    }

    /** The stand-in's AbstractDiscoveryService must stay usable without the handler-bound subclass. */
    @Test
    void plainDiscoveryServiceTimeoutMustNotBeNegative() {
        assertThrows(IllegalArgumentException.class, () -> new AbstractDiscoveryService(-1) {
            @Override
            protected void startScan() {
            }
        });
    }
}
