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
package org.openhab.binding.evaics.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.handler.EvaItemConstants;
import org.openhab.binding.evaics.test.host.ThingHost;
import org.openhab.core.config.discovery.DiscoveryResult;
import org.openhab.core.library.types.StringType;
import org.openhab.core.thing.ChannelUID;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusDetail;
import org.openhab.core.thing.ThingStatusInfo;
import org.openhab.core.thing.ThingUID;
import org.openhab.core.types.State;

/**
 * The demo host's listener: turns what the handlers report (status changes, channel changes, triggers, inbox
 * entries) into lines a user understands. Events arrive on the handlers' threads and are kept until the demo's main
 * thread {@link #drain() drains} them, so that they are printed under the step that caused them. Channel updates
 * that do not change the channel are counted as nothing; the changes of one state report of a thing share a line.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class Narrator implements ThingHost.Listener {

    private static final long POLL_MILLIS = 10;
    private static final String ARROW = " → ";

    /** One printable event; {@code thing} groups channel changes of one state report. */
    private record Event(@Nullable ThingUID thing, String text, boolean channelChange, boolean newReport) {
    }

    private final Map<ThingUID, String> names = new ConcurrentHashMap<>();
    private final Map<ChannelUID, State> lastStates = new ConcurrentHashMap<>();
    private final Map<ThingUID, ThingStatusInfo> lastStatuses = new ConcurrentHashMap<>();
    private final List<Event> events = new ArrayList<>();
    private final AtomicInteger channelChanges = new AtomicInteger();
    private final AtomicLong lastEventNanos = new AtomicLong(System.nanoTime());

    /** The name the demo prints for a thing, e.g. "Hall lamp". */
    void name(ThingUID thing, String name) {
        names.put(thing, name);
    }

    String nameOf(ThingUID thing) {
        return names.getOrDefault(thing, thing.getId());
    }

    /** Channel changes seen so far. */
    int channelChanges() {
        return channelChanges.get();
    }

    /** The last state of a channel, or null. */
    @Nullable
    State state(ChannelUID channel) {
        return lastStates.get(channel);
    }

    @Override
    public void statusChanged(Thing thing, ThingStatusInfo status) {
        ThingStatusInfo previous = lastStatuses.put(thing.getUID(), status);
        if (previous != null && previous.getStatus() == status.getStatus()
                && previous.getStatusDetail() == status.getStatusDetail()) {
            return;
        }
        if (status.getStatus() == ThingStatus.UNKNOWN) {
            // a thing starting up: its ONLINE (or the reason why not) follows
            return;
        }
        add(new Event(null, nameOf(thing.getUID()) + " is " + describe(status), false, false));
    }

    @Override
    public void stateUpdated(ChannelUID channel, State state) {
        State previous = lastStates.put(channel, state);
        // every item handler reports the status channel first, so it marks the start of a state report
        boolean newReport = EvaItemConstants.CHANNEL_STATUS.equals(channel.getId());
        if (state.equals(previous)) {
            if (newReport) {
                add(new Event(channel.getThingUID(), "", true, true));
            }
            return;
        }
        channelChanges.incrementAndGet();
        String text = channel.getId() + " " + (previous == null ? "= " + show(state)
                : show(previous) + ARROW + show(state));
        add(new Event(channel.getThingUID(), text, true, newReport));
    }

    @Override
    public void channelTriggered(ChannelUID channel, String event) {
        add(new Event(null, nameOf(channel.getThingUID()) + " fired trigger '" + channel.getId() + "': " + event,
                false, false));
    }

    @Override
    public void discovered(DiscoveryResult result, boolean known) {
        if (!known) {
            add(new Event(null, "inbox: new entry \"" + result.getLabel() + "\" (" + result.getThingUID() + ")",
                    false, false));
        }
    }

    private synchronized void add(Event event) {
        events.add(event);
        lastEventNanos.set(System.nanoTime());
    }

    /** Waits until no event arrived for {@code quiet}, at most {@code limit}. */
    void awaitQuiet(Duration quiet, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() - lastEventNanos.get() < quiet.toNanos() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The lines of the events since the last drain. */
    synchronized List<String> drain() {
        List<String> lines = new ArrayList<>();
        StringBuilder line = null;
        ThingUID lineThing = null;
        for (Event event : events) {
            ThingUID thing = event.thing();
            StringBuilder current = line;
            if (event.channelChange() && current != null && thing != null && thing.equals(lineThing)
                    && !event.newReport()) {
                if (!event.text().isEmpty()) {
                    current.append(current.charAt(current.length() - 1) == ':' ? " " : ", ").append(event.text());
                }
                continue;
            }
            if (line != null && line.charAt(line.length() - 1) != ':') {
                lines.add(line.toString());
            }
            line = null;
            lineThing = null;
            if (event.channelChange()) {
                lineThing = thing;
                line = new StringBuilder(thing == null ? "?" : nameOf(thing)).append(':');
                if (!event.text().isEmpty()) {
                    line.append(' ').append(event.text());
                }
            } else {
                lines.add(event.text());
            }
        }
        if (line != null && line.charAt(line.length() - 1) != ':') {
            lines.add(line.toString());
        }
        events.clear();
        return lines;
    }

    private static String describe(ThingStatusInfo status) {
        StringBuilder text = new StringBuilder(status.getStatus().toString());
        if (status.getStatusDetail() != ThingStatusDetail.NONE) {
            text.append(" (").append(status.getStatusDetail().toString().toLowerCase().replace('_', ' '));
            String description = status.getDescription();
            if (description != null && !description.isBlank()) {
                text.append(": ").append(description);
            }
            text.append(')');
        }
        return text.toString();
    }

    /** A state as a user reads it: strings quoted, so that an empty value is visible. */
    static String show(State state) {
        return state instanceof StringType ? "\"" + state + "\"" : state.toString();
    }
}
