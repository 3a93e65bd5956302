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

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.core.config.discovery.DiscoveryListener;
import org.openhab.core.config.discovery.DiscoveryResult;
import org.openhab.core.config.discovery.DiscoveryService;
import org.openhab.core.thing.ThingUID;

/** The inbox as far as the discovery tests need it: one entry per thing UID, and a count of reports. */
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
}
