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
package org.openhab.binding.evaics.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.handler.EvaItemConstants;
import org.openhab.core.config.core.ConfigDescription;
import org.openhab.core.config.core.Configuration;
import org.openhab.core.thing.Bridge;
import org.openhab.core.thing.Channel;
import org.openhab.core.thing.ChannelGroupUID;
import org.openhab.core.thing.ChannelUID;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusInfo;
import org.openhab.core.thing.ThingTypeUID;
import org.openhab.core.thing.ThingUID;
import org.openhab.core.thing.binding.ThingHandler;
import org.openhab.core.thing.binding.ThingHandlerCallback;
import org.openhab.core.thing.binding.builder.ChannelBuilder;
import org.openhab.core.thing.type.ChannelGroupTypeUID;
import org.openhab.core.thing.type.ChannelTypeUID;
import org.openhab.core.types.Command;
import org.openhab.core.types.State;
import org.openhab.core.types.TimeSeries;

/**
 * The host side of the handler path: the part of openHAB's thing manager the binding's handlers talk to, reduced to
 * what a benchmark needs. It keeps statuses on their things, resolves bridges, tells a bridge's children about its
 * status changes (on its own thread, as openHAB does), and counts channel updates. An update of a unit's
 * {@code value} channel is one message through the whole path; the value carries the publisher's send time (see
 * {@link AnnouncePublisher}), which gives the broker-to-channel latency.
 */
@NonNullByDefault
final class CountingThingManager implements ThingHandlerCallback, AutoCloseable {

    private static final long NOTIFIER_STOP_SECONDS = 5;

    private final ArrivalCounter counter;
    private final Map<ThingUID, Thing> things = new ConcurrentHashMap<>();
    private final AtomicLong channelUpdates = new AtomicLong();
    private final ExecutorService notifier = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bench-thing-manager");
        thread.setDaemon(true);
        return thread;
    });

    CountingThingManager(ArrivalCounter counter) {
        this.counter = counter;
    }

    /** Makes the thing known (as the thing registry would), so that its children find it as their bridge. */
    void add(Thing thing) {
        things.put(thing.getUID(), thing);
    }

    /** Attaches and initialises the handler, as openHAB does. */
    <T extends ThingHandler> T start(T handler) {
        handler.getThing().setHandler(handler);
        handler.setCallback(this);
        handler.initialize();
        return handler;
    }

    /** Disposes and detaches the handler. */
    void stop(ThingHandler handler) {
        handler.dispose();
        handler.setCallback(null);
        handler.getThing().setHandler(null);
    }

    long channelUpdates() {
        return channelUpdates.get();
    }

    /** Things with the given status. */
    long count(ThingStatus status) {
        return things.values().stream().filter(thing -> thing.getStatus() == status).count();
    }

    @Override
    public void close() {
        notifier.shutdown();
        try {
            notifier.awaitTermination(NOTIFIER_STOP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stateUpdated(ChannelUID channelUID, State state) {
        channelUpdates.incrementAndGet();
        if (EvaItemConstants.CHANNEL_VALUE.equals(channelUID.getIdWithoutGroup())) {
            long sent = sendMicros(state);
            // values without a send time come from the items' own state refreshes, not from the measured stream
            if (sent >= 0) {
                counter.arrived(sent);
            }
        }
    }

    private static long sendMicros(State value) {
        String text = value.toString();
        return BenchClock.parseSeconds(text, 0, text.length());
    }

    @Override
    public void statusUpdated(Thing thing, ThingStatusInfo thingStatus) {
        thing.setStatusInfo(thingStatus);
        if (thing instanceof Bridge bridge) {
            notifier.execute(() -> {
                for (Thing child : bridge.getThings()) {
                    ThingHandler handler = child.getHandler();
                    ThingStatus status = child.getStatus();
                    if (handler != null && (status == ThingStatus.ONLINE || status == ThingStatus.OFFLINE
                            || status == ThingStatus.UNKNOWN)) {
                        handler.bridgeStatusChanged(thingStatus);
                    }
                }
            });
        }
    }

    @Override
    public @Nullable Bridge getBridge(ThingUID bridgeUID) {
        return things.get(bridgeUID) instanceof Bridge bridge ? bridge : null;
    }

    @Override
    public void postCommand(ChannelUID channelUID, Command command) {
    }

    @Override
    public void sendTimeSeries(ChannelUID channelUID, TimeSeries timeSeries) {
    }

    @Override
    public void thingUpdated(Thing thing) {
    }

    @Override
    public void validateConfigurationParameters(Thing thing, Map<String, Object> configurationParameters) {
    }

    @Override
    public void validateConfigurationParameters(Channel channel, Map<String, Object> configurationParameters) {
    }

    @Override
    public @Nullable ConfigDescription getConfigDescription(ChannelTypeUID channelTypeUID) {
        return null;
    }

    @Override
    public @Nullable ConfigDescription getConfigDescription(ThingTypeUID thingTypeUID) {
        return null;
    }

    @Override
    public void configurationUpdated(Thing thing) {
    }

    @Override
    public void migrateThingType(Thing thing, ThingTypeUID thingTypeUID, Configuration configuration) {
    }

    @Override
    public void channelTriggered(Thing thing, ChannelUID channelUID, String event) {
        channelUpdates.incrementAndGet();
    }

    @Override
    public ChannelBuilder createChannelBuilder(ChannelUID channelUID, ChannelTypeUID channelTypeUID) {
        return ChannelBuilder.create(channelUID).withType(channelTypeUID);
    }

    @Override
    public ChannelBuilder editChannel(Thing thing, ChannelUID channelUID) {
        Channel channel = thing.getChannel(channelUID);
        return channel != null ? ChannelBuilder.create(channel) : ChannelBuilder.create(channelUID);
    }

    @Override
    public List<ChannelBuilder> createChannelBuilders(ChannelGroupUID channelGroupUID,
            ChannelGroupTypeUID channelGroupTypeUID) {
        return List.of();
    }

    @Override
    public boolean isChannelLinked(ChannelUID channelUID) {
        return true;
    }
}
