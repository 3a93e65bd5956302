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

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.*;
import static org.openhab.binding.evaics.internal.handler.EvaItemConstants.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.mockito.ArgumentCaptor;
import org.openhab.binding.evaics.internal.EvaIcsBindingConstants;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaApi;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;
import org.openhab.binding.evaics.internal.protocol.state.Ieid;
import org.openhab.binding.evaics.internal.protocol.state.ItemState;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.core.config.core.Configuration;
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
import org.openhab.core.thing.binding.ThingHandlerCallback;
import org.openhab.core.thing.binding.builder.BridgeBuilder;
import org.openhab.core.thing.binding.builder.ChannelBuilder;
import org.openhab.core.thing.binding.builder.ThingBuilder;
import org.openhab.core.thing.type.ChannelKind;
import org.openhab.core.thing.type.ChannelTypeUID;
import org.openhab.core.types.Command;
import org.openhab.core.types.State;

/**
 * Hosts item handlers for tests: a controller bridge ({@link TestController}, a small {@link EvaItemHost}) with a
 * mocked {@link EvaApi} whose {@code state} calls return futures the test completes, and a mocked
 * {@link ThingHandlerCallback} that stores statuses on the thing as openHAB does.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public class ItemHandlerHarness {

    public static final ControllerId CONTROLLER = ControllerId.parse("uc/host1");
    public static final ThingTypeUID CONTROLLER_TYPE = new ThingTypeUID(EvaIcsBindingConstants.BINDING_ID,
            "controller");

    /** A controller bridge handler reduced to what item handlers use. */
    public static class TestController extends BaseBridgeHandler implements EvaItemHost {
        public @Nullable EvaApi api;
        public final Map<Oid, EvaItemListener> registered = new HashMap<>();
        public final List<Oid> unregistered = new ArrayList<>();

        public TestController(Bridge bridge) {
            super(bridge);
        }

        @Override
        public void initialize() {
        }

        @Override
        public void handleCommand(ChannelUID channelUID, Command command) {
        }

        @Override
        public @Nullable EvaApi api() {
            return api;
        }

        @Override
        public ControllerId controllerId() {
            return CONTROLLER;
        }

        @Override
        public Duration callTimeout() {
            return ProtocolLimits.DEFAULT_CALL_TIMEOUT;
        }

        @Override
        public boolean verifiedStates() {
            return false;
        }

        @Override
        public synchronized void registerItem(Oid oid, EvaItemListener listener) {
            registered.put(oid, listener);
        }

        @Override
        public synchronized void unregisterItem(Oid oid, EvaItemListener listener) {
            if (registered.remove(oid, listener)) {
                unregistered.add(oid);
            }
        }

        @Override
        public CompletableFuture<ItemState> refreshState(EvaApi api, Oid oid) {
            return api.state(oid);
        }
    }

    public final Bridge bridge = BridgeBuilder.create(CONTROLLER_TYPE, "ctl1").withLabel("Controller").build();
    public final TestController controller = new TestController(bridge);
    public final EvaApi api = mock(EvaApi.class);
    public final ThingHandlerCallback callback = mock(ThingHandlerCallback.class);
    /** The futures of the {@code state} calls, in call order. */
    public final List<CompletableFuture<ItemState>> stateCalls = Collections.synchronizedList(new ArrayList<>());

    public ItemHandlerHarness() {
        bridge.setHandler(controller);
        setBridgeStatus(ThingStatus.ONLINE);
        controller.api = api;
        when(callback.getBridge(bridge.getUID())).thenReturn(bridge);
        doAnswer(invocation -> {
            Thing thing = invocation.getArgument(0);
            thing.setStatusInfo(invocation.getArgument(1));
            return null;
        }).when(callback).statusUpdated(any(), any());
        when(api.state(any())).thenAnswer(invocation -> {
            CompletableFuture<ItemState> future = new CompletableFuture<>();
            stateCalls.add(future);
            return future;
        });
    }

    public void setBridgeStatus(ThingStatus status) {
        bridge.setStatusInfo(new ThingStatusInfo(status, ThingStatusDetail.NONE, null));
    }

    /** A thing of the type with the channels of items.xml and the given configuration. */
    public Thing thing(ThingTypeUID type, Map<String, Object> configuration) {
        ThingUID uid = new ThingUID(type, bridge.getUID(), "item1");
        ThingBuilder builder = ThingBuilder.create(type, uid).withBridge(bridge.getUID())
                .withConfiguration(new Configuration(configuration));
        Map<String, String> channels = channelsOf(type);
        for (Map.Entry<String, String> channel : channels.entrySet()) {
            ChannelUID channelUID = new ChannelUID(uid, channel.getKey());
            ChannelTypeUID channelType = new ChannelTypeUID(EvaIcsBindingConstants.BINDING_ID,
                    type.getId() + "-" + channel.getKey());
            ChannelBuilder channelBuilder = "trigger".equals(channel.getValue())
                    ? ChannelBuilder.create(channelUID).withKind(ChannelKind.TRIGGER)
                    : ChannelBuilder.create(channelUID, channel.getValue());
            builder.withChannel(channelBuilder.withType(channelType).build());
        }
        return builder.build();
    }

    private static Map<String, String> channelsOf(ThingTypeUID type) {
        Map<String, String> channels = new java.util.LinkedHashMap<>();
        switch (type.getId()) {
            case TYPE_UNIT -> {
                channels.put(CHANNEL_STATUS, "Number");
                channels.put(CHANNEL_SWITCH, "Switch");
                channels.put(CHANNEL_VALUE, "String");
                channels.put(CHANNEL_NSTATUS, "Number");
                channels.put(CHANNEL_NVALUE, "String");
                channels.put(CHANNEL_ACTION_ENABLED, "Switch");
                channels.put(CHANNEL_ACTION, "trigger");
            }
            case TYPE_SENSOR -> {
                channels.put(CHANNEL_STATUS, "Number");
                channels.put(CHANNEL_VALUE, "Number");
                channels.put(CHANNEL_VALUE_STRING, "String");
            }
            case TYPE_LVAR -> {
                channels.put(CHANNEL_STATUS, "Number");
                channels.put(CHANNEL_VALUE, "String");
                channels.put(CHANNEL_VALUE_NUMBER, "Number");
                channels.put(CHANNEL_SWITCH, "Switch");
                channels.put(CHANNEL_EXPIRES, "Number:Time");
            }
            default -> throw new IllegalArgumentException(type.toString());
        }
        return channels;
    }

    /** Creates, connects and initialises a handler. */
    public <H extends EvaItemHandler> H start(H handler) {
        handler.getThing().setHandler(handler);
        handler.setCallback(callback);
        handler.initialize();
        return handler;
    }

    public static ItemState state(Oid oid, @Nullable Integer status, String value) {
        return new ItemState(oid, CONTROLLER, status, value, null, null, null, null, null, null, null);
    }

    public static ItemState state(Oid oid, @Nullable Integer status, String value, Ieid ieid) {
        return new ItemState(oid, CONTROLLER, status, value, null, null, null, null, ieid, null, null);
    }

    public ThingStatusInfo status(Thing thing) {
        return thing.getStatusInfo();
    }

    /** The last state sent to a channel, or null if none was. */
    public @Nullable State lastState(Thing thing, String channelId) {
        ArgumentCaptor<ChannelUID> channels = ArgumentCaptor.forClass(ChannelUID.class);
        ArgumentCaptor<State> states = ArgumentCaptor.forClass(State.class);
        verify(callback, atLeast(0)).stateUpdated(channels.capture(), states.capture());
        State last = null;
        ChannelUID wanted = new ChannelUID(thing.getUID(), channelId);
        for (int i = 0; i < channels.getAllValues().size(); i++) {
            if (channels.getAllValues().get(i).equals(wanted)) {
                last = states.getAllValues().get(i);
            }
        }
        return last;
    }

    /** The channel's item type on the handler's current thing. */
    public static @Nullable String itemType(Thing thing, String channelId) {
        Channel channel = thing.getChannel(channelId);
        return channel == null ? null : channel.getAcceptedItemType();
    }

    public static ChannelUID channel(Thing thing, String channelId) {
        return new ChannelUID(thing.getUID(), channelId);
    }
}
