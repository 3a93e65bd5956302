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

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.internal.handler.EvaItemConstants;
import org.openhab.binding.evaics.test.host.ThingManagerCallback;
import org.openhab.core.thing.ChannelUID;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusInfo;
import org.openhab.core.thing.binding.ThingHandler;
import org.openhab.core.types.State;

/**
 * The host side of the handler path: the part of openHAB's thing manager the binding's handlers talk to, reduced to
 * what a benchmark needs. It keeps statuses on their things, resolves bridges, tells a bridge's children about its
 * status changes (on its own thread, as openHAB does), and counts channel updates. An update of a unit's
 * {@code value} channel is one message through the whole path; the value carries the publisher's send time (see
 * {@link AnnouncePublisher}), which gives the broker-to-channel latency.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class CountingThingManager extends ThingManagerCallback implements AutoCloseable {

    private static final Duration NOTIFIER_STOP = Duration.ofSeconds(5);

    private final ArrivalCounter counter;
    private final AtomicLong channelUpdates = new AtomicLong();

    CountingThingManager(ArrivalCounter counter) {
        super("bench-thing-manager");
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
        stopNotifications(NOTIFIER_STOP);
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
        // openHAB tells the children only when the bridge's status changed; this manager on every report
        notifyChildren(thing, thingStatus, handler -> true);
    }

    @Override
    public void thingUpdated(Thing thing) {
    }

    @Override
    public void channelTriggered(Thing thing, ChannelUID channelUID, String event) {
        channelUpdates.incrementAndGet();
    }

    @Override
    public boolean isChannelLinked(ChannelUID channelUID) {
        return true;
    }
}
