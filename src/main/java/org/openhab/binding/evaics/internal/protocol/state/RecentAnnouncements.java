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

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.BulkState;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ItemDestroyed;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ItemStateChanged;

/**
 * The last state announcements a broker bridge received (protocol.md §9.1, §9.5), for diagnostics (the console's
 * {@code evaics announcements}): a fixed ring of per-item states, destroyed items and bulk batches, with the topic
 * each came on, whoever they are for. Everything else (action and server events, announces, ignored messages) is
 * not kept. What is kept was parsed already; recording it allocates nothing. Thread-safe.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class RecentAnnouncements {

    /** How many announcements a broker bridge keeps. */
    public static final int DEFAULT_CAPACITY = 50;

    /** One kept announcement with its topic. */
    public record Entry(String topic, Announcement announcement) {
    }

    private final Object lock = new Object();
    private final @Nullable Announcement[] announcements;
    private final @Nullable String[] topics;
    // guarded by lock
    private int next;
    private int size;

    public RecentAnnouncements() {
        this(DEFAULT_CAPACITY);
    }

    /** @param capacity how many announcements to keep, at least 1 */
    public RecentAnnouncements(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        announcements = new @Nullable Announcement[capacity];
        topics = new @Nullable String[capacity];
    }

    public int capacity() {
        return announcements.length;
    }

    /** Keeps the announcement if it is a state, destroyed item or bulk batch, dropping the oldest when full. */
    public void record(Announcement announcement, String topic) {
        if (!(announcement instanceof ItemStateChanged || announcement instanceof ItemDestroyed
                || announcement instanceof BulkState)) {
            return;
        }
        synchronized (lock) {
            announcements[next] = announcement;
            topics[next] = topic;
            next = (next + 1) % announcements.length;
            size = Math.min(size + 1, announcements.length);
        }
    }

    /** The last {@code limit} kept announcements (all of them if fewer), oldest first. */
    public List<Entry> last(int limit) {
        synchronized (lock) {
            int count = Math.max(0, Math.min(limit, size));
            List<Entry> entries = new ArrayList<>(count);
            int capacity = announcements.length;
            for (int i = count; i > 0; i--) {
                int index = Math.floorMod(next - i, capacity);
                Announcement announcement = announcements[index];
                String topic = topics[index];
                if (announcement != null && topic != null) {
                    entries.add(new Entry(topic, announcement));
                }
            }
            return entries;
        }
    }

    /** Forgets everything. */
    public void clear() {
        synchronized (lock) {
            for (int i = 0; i < announcements.length; i++) {
                announcements[i] = null;
                topics[i] = null;
            }
            next = 0;
            size = 0;
        }
    }
}
