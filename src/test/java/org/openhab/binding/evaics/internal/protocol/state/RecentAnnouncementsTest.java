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
package org.openhab.binding.evaics.internal.protocol.state;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.BulkState;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ControllerAnnounced;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.Ignored;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ItemDestroyed;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ItemStateChanged;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ServerEvent;

/**
 * The ring of recent state announcements of a broker bridge: bounded, oldest first, states only.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class RecentAnnouncementsTest {

    private static final ControllerId UC = ControllerId.parse("uc/plant");

    private static ItemStateChanged state(int n) {
        return new ItemStateChanged(
                new ItemState(Oid.parse("sensor:env/s" + n), UC, 1, String.valueOf(n), null, null, null, null, null,
                        null, null));
    }

    private static List<String> topics(List<RecentAnnouncements.Entry> entries) {
        return entries.stream().map(RecentAnnouncements.Entry::topic).toList();
    }

    @Test
    void keepsTheLastAnnouncementsOldestFirst() {
        RecentAnnouncements recent = new RecentAnnouncements(3);
        for (int i = 1; i <= 5; i++) {
            recent.record(state(i), "t" + i);
        }

        assertEquals(List.of("t3", "t4", "t5"), topics(recent.last(10)));
        assertEquals(List.of("t4", "t5"), topics(recent.last(2)));
        assertEquals(state(5), recent.last(1).get(0).announcement());
        assertEquals(List.of(), recent.last(0));
    }

    @Test
    void keepsStatesDestroyedItemsAndBulkBatchesOnly() {
        RecentAnnouncements recent = new RecentAnnouncements();
        recent.record(new Ignored("garbage"), "a");
        recent.record(new ServerEvent(UC, ServerEvent.RESTART, null), "b");
        recent.record(new ControllerAnnounced(UC), "c");
        recent.record(new ItemDestroyed(Oid.parse("unit:x/y"), "d"), "d");
        recent.record(new BulkState(UC, List.of(), List.of()), "e");
        recent.record(state(1), "f");

        assertEquals(List.of("d", "e", "f"), topics(recent.last(RecentAnnouncements.DEFAULT_CAPACITY)));
        assertEquals(50, recent.capacity());
    }

    @Test
    void clearForgetsEverything() {
        RecentAnnouncements recent = new RecentAnnouncements(2);
        recent.record(state(1), "t1");
        recent.clear();
        assertEquals(List.of(), recent.last(2));
        recent.record(state(2), "t2");
        assertEquals(List.of("t2"), topics(recent.last(2)));
    }

    @Test
    void capacityMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new RecentAnnouncements(0));
    }
}
