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
package org.openhab.binding.evaics.internal.discovery;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.core.config.discovery.DiscoveryListener;
import org.openhab.core.config.discovery.DiscoveryResult;
import org.openhab.core.config.discovery.DiscoveryService;
import org.openhab.core.thing.ThingTypeUID;
import org.openhab.core.thing.ThingUID;

/**
 * The inbox as far as the discovery tests need it: one entry per thing UID, and a count of reports.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class TestInbox implements DiscoveryListener {

    final Map<ThingUID, DiscoveryResult> results = new ConcurrentHashMap<>();
    final AtomicInteger reports = new AtomicInteger();

    @Override
    public void thingDiscovered(DiscoveryService source, DiscoveryResult result) {
        results.put(result.getThingUID(), result);
        reports.incrementAndGet();
    }

    @Override
    public void thingRemoved(DiscoveryService source, ThingUID thingUID) {
        results.remove(thingUID);
    }

    // openHAB 4.3 passes the time of the scan as epoch milliseconds, openHAB 5 as an Instant: the test inbox
    // compiles against both and removes nothing (the discovery services under test never ask it to)
    public @Nullable Collection<ThingUID> removeOlderResults(DiscoveryService source, long timestamp,
            @Nullable Collection<ThingTypeUID> thingTypeUIDs, @Nullable ThingUID bridgeUID) {
        return List.of();
    }

    public @Nullable Collection<ThingUID> removeOlderResults(DiscoveryService source, Instant timestamp,
            @Nullable Collection<ThingTypeUID> thingTypeUIDs, @Nullable ThingUID bridgeUID) {
        return List.of();
    }
}
