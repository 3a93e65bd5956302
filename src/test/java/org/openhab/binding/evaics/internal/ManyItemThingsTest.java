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
package org.openhab.binding.evaics.internal;

import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.evaics.internal.EndToEndFixture.*;
import static org.openhab.binding.evaics.internal.EvaIcsBindingConstants.*;
import static org.openhab.binding.evaics.internal.handler.EvaItemConstants.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.test.broker.BrokerExtension;
import org.openhab.binding.evaics.test.broker.TestBroker;
import org.openhab.binding.evaics.test.host.ThingHost;
import org.openhab.binding.evaics.test.sim.EvaSimulator;
import org.openhab.core.library.types.StringType;
import org.openhab.core.thing.ChannelUID;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingUID;

/**
 * Many item things starting at once on an ONLINE controller (openHAB's startup, or things added in bulk): each asks
 * for its state, and all of them get it, although there are far more of them than the RPC client may have calls
 * pending ({@link ProtocolLimits#DEFAULT_MAX_PENDING_CALLS}): the controller bridge paces the refreshes.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class ManyItemThingsTest {

    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(TestBroker.options().tcpNoDelay(true));

    /** More than twice the bound on pending calls. */
    private static final int ITEMS = 2_100;
    private static final Duration ALL_ONLINE = Duration.ofSeconds(60);

    private static String unitId(int i) {
        return "bulk/u" + i;
    }

    @Test
    void everyItemThingGetsItsStateWhenAllStartAtOnce() {
        assertTrue(ITEMS > 2 * ProtocolLimits.DEFAULT_MAX_PENDING_CALLS);
        EvaSimulator.Builder builder = EvaSimulator.builder(BROKER.uri()).controller(UC).key(KEY_ID, KEY)
                .requestLogCapacity(ITEMS * 2);
        for (int i = 0; i < ITEMS; i++) {
            builder.unit(unitId(i), 1, "v" + i);
        }
        try (EvaSimulator sim = builder.start(); EndToEndFixture e2e = new EndToEndFixture(BROKER)) {
            Map<String, Object> settings = controllerConfig(UC);
            // no heartbeat or timeout may interfere: only the refreshes are measured
            settings.put(CONFIG_HEARTBEAT_INTERVAL, 60);
            settings.put(CONFIG_CALL_TIMEOUT, 5);
            ThingUID controller = e2e.add(e2e.host.controller(e2e.broker, "uc1", settings)).getUID();
            e2e.awaitStatus(controller, ThingStatus.ONLINE);
            sim.clearRequests();

            List<ThingUID> items = new ArrayList<>();
            for (int i = 0; i < ITEMS; i++) {
                items.add(e2e.addItem(THING_TYPE_UNIT, controller, "u" + i, Map.of("id", unitId(i))));
            }

            for (int i = 0; i < ITEMS; i++) {
                ThingUID item = items.get(i);
                ChannelUID value = new ChannelUID(item, CHANNEL_VALUE);
                StringType expected = new StringType("v" + i);
                assertTrue(ThingHost.waitFor(() -> expected.equals(e2e.host.state(value)), ALL_ONLINE),
                        value + " never got its state; statuses: " + e2e.host.statuses(item));
                assertEquals(ThingStatus.ONLINE, e2e.thing(item).getStatus());
            }
            long stateCalls = sim.requests().stream().filter(r -> "item.state".equals(r.method())
                    || "state".equals(r.method())).count();
            assertTrue(stateCalls >= ITEMS, "state calls: " + stateCalls);
        }
    }
}
