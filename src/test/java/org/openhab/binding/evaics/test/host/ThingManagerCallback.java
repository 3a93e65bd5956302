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
package org.openhab.binding.evaics.test.host;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
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
import org.openhab.core.types.TimeSeries;

/**
 * What every stand-in for openHAB's thing manager in the tests and benchmarks ({@link ThingHost}, the bridge tests'
 * framework, the benchmark's counting manager) does alike as the handlers' {@link ThingHandlerCallback}: it tells a
 * bridge's initialised children about the bridge's status on a thread of its own, as openHAB's thing manager does
 * outside the thread that reported the status, resolves bridges among the things it knows, and answers the
 * callbacks that none of them needs (commands, time series, configuration checks and descriptions, thing type
 * migration: nothing; channel builders as openHAB builds them). Statuses, states, triggers, thing updates and channel
 * links are each subclass's own.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public abstract class ThingManagerCallback implements ThingHandlerCallback {

    /** The things the manager knows, by UID, as openHAB's thing registry holds them; bridges are looked up here. */
    protected final Map<ThingUID, Thing> things = new ConcurrentHashMap<>();
    private final ExecutorService notifier;

    /** @param notifierThreadName the name of the thread that runs the notifications */
    protected ThingManagerCallback(String notifierThreadName) {
        notifier = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, notifierThreadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs the notification later on the notification thread, after the ones before it. */
    protected final void notifyLater(Runnable notification) {
        notifier.execute(notification);
    }

    /**
     * If the thing is a bridge, tells its children about its status later, on the notification thread, as openHAB's
     * thing manager does: each child whose handler is initialised (status ONLINE, OFFLINE or UNKNOWN) and is one that
     * {@code managed} accepts.
     */
    protected final void notifyChildren(Thing thing, ThingStatusInfo status, Predicate<ThingHandler> managed) {
        if (!(thing instanceof Bridge bridge)) {
            return;
        }
        notifyLater(() -> {
            for (Thing child : bridge.getThings()) {
                ThingHandler handler = child.getHandler();
                if (handler != null && managed.test(handler) && isInitialized(child.getStatus())) {
                    handler.bridgeStatusChanged(status);
                }
            }
        });
    }

    /** Whether a handler with this thing status is initialised, in openHAB's sense. */
    private static boolean isInitialized(ThingStatus status) {
        return status == ThingStatus.ONLINE || status == ThingStatus.OFFLINE || status == ThingStatus.UNKNOWN;
    }

    /** Lets the pending notifications run, waiting for them at most {@code limit}, and takes no more. */
    protected final void stopNotifications(Duration limit) {
        notifier.shutdown();
        try {
            notifier.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
}
