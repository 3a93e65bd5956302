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

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openhab.binding.evaics.internal.discovery.EvaItemDiscoveryService;
import org.openhab.binding.evaics.test.host.ThingHost;
import org.openhab.binding.evaics.test.sim.EvaSimulator;
import org.openhab.core.config.discovery.DiscoveryResult;
import org.openhab.core.config.discovery.ScanListener;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingUID;

/**
 * Discovery through the whole binding (protocol.md §2.1, §8.2, §8.3): a controller's announce puts it into the inbox
 * under the broker bridge; added with its key it comes ONLINE and its items appear in the inbox under it, each once,
 * with its OID as representation property.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class EndToEndDiscoveryTest extends EndToEndTestBase {

    @BeforeEach
    void start() {
        startBrokerOnly();
    }

    private ThingHost.Inbox inbox() {
        EndToEndFixture e2e = e2e();
        return e2e.host.inbox();
    }

    private DiscoveryResult awaitResult(ThingUID uid) {
        assertTrue(ThingHost.waitFor(() -> inbox().result(uid) != null, LIMIT),
                uid + " not in the inbox: " + inbox().results());
        DiscoveryResult result = inbox().result(uid);
        assertNotNull(result);
        return result;
    }

    /** Announces the controller and adds it from the inbox with the key and the tests' short timings. */
    private Thing addAnnounced(EvaSimulator simulator, String uidSegment) {
        EndToEndFixture e2e = e2e();
        simulator.announceDiscovery();
        ThingUID uid = new ThingUID(THING_TYPE_CONTROLLER, e2e.broker.getUID(), uidSegment);
        awaitResult(uid);
        Map<String, Object> entered = new HashMap<>();
        entered.put(CONFIG_KEY, KEY);
        entered.put(CONFIG_HEARTBEAT_INTERVAL, HEARTBEAT_SECONDS);
        entered.put(CONFIG_CALL_TIMEOUT, CALL_TIMEOUT_SECONDS);
        Thing controller = inbox().approve(uid, entered);
        e2e.awaitStatus(controller.getUID(), ThingStatus.ONLINE);
        return controller;
    }

    @Test
    void announcedControllerAppearsInTheInboxUnderItsBrokerWithoutKey() {
        EndToEndFixture e2e = e2e();
        uc().announceDiscovery();

        DiscoveryResult result = awaitResult(new ThingUID("evaics:controller:broker1:uc_plant"));
        assertEquals(THING_TYPE_CONTROLLER, result.getThingTypeUID());
        assertEquals(e2e.broker.getUID(), result.getBridgeUID());
        assertEquals(PROPERTY_CONTROLLER_ID, result.getRepresentationProperty());
        assertEquals(UC, result.getProperties().get(PROPERTY_CONTROLLER_ID));
        assertEquals(DEFAULT_KEY_ID, result.getProperties().get(CONFIG_KEY_ID));
        assertFalse(result.getProperties().containsKey(CONFIG_KEY));
    }

    @Test
    void repeatedAnnouncesKeepOneInboxEntry() {
        uc().announceDiscovery();
        uc().announceDiscovery();

        assertTrue(ThingHost.waitFor(() -> inbox().reports() == 2, LIMIT), "reports: " + inbox().reports());
        assertEquals(1, inbox().results().size(), inbox().results().toString());
    }

    @Test
    void controllerAddedFromTheInboxWithItsKeyComesOnline() {
        Thing controller = addAnnounced(uc(), "uc_plant");

        assertEquals(UC, controller.getConfiguration().get(CONFIG_CONTROLLER_ID));
        assertEquals("uc", controller.getProperties().get(PROPERTY_PRODUCT_CODE));
    }

    @Test
    void itemsOfAnOnlineUcAppearInTheInboxWithTheirOid() {
        Thing controller = addAnnounced(uc(), "uc_plant");
        ThingUID lampUID = new ThingUID(THING_TYPE_UNIT, controller.getUID(), LAMP.uidSegment());

        DiscoveryResult lamp = awaitResult(lampUID);
        awaitResult(new ThingUID(THING_TYPE_SENSOR, controller.getUID(), TEMP.uidSegment()));
        awaitResult(new ThingUID(THING_TYPE_UNIT, controller.getUID(), GATE.uidSegment()));

        assertEquals(controller.getUID(), lamp.getBridgeUID());
        assertEquals(PROPERTY_OID, lamp.getRepresentationProperty());
        assertEquals(LAMP.toString(), lamp.getProperties().get(PROPERTY_OID));
        assertEquals(LAMP.fullId(), lamp.getProperties().get(CONFIG_ITEM_ID));
        assertEquals(Set.of(LAMP.toString(), GATE.toString(), TEMP.toString()), oids());
    }

    @Test
    void itemsOfAnOnlineLmPlcAreItsLvarsWithoutMacros() {
        Thing controller = addAnnounced(lm(), "lm_plc");

        awaitResult(new ThingUID(THING_TYPE_LVAR, controller.getUID(), AWAY.uidSegment()));
        awaitResult(new ThingUID(THING_TYPE_LVAR, controller.getUID(), TIMER.uidSegment()));
        assertEquals(Set.of(AWAY.toString(), TIMER.toString()), oids());
    }

    @Test
    void rescanCreatesNoDuplicatesAndDoesNotOfferAddedThingsAgain() {
        EndToEndFixture e2e = e2e();
        Thing controller = addAnnounced(uc(), "uc_plant");
        ThingUID lampUID = new ThingUID(THING_TYPE_UNIT, controller.getUID(), LAMP.uidSegment());
        awaitResult(lampUID);
        assertTrue(ThingHost.waitFor(() -> inbox().results().size() == 3, LIMIT), inbox().results().toString());
        EvaItemDiscoveryService discovery = e2e.host.service(controller.getUID(), EvaItemDiscoveryService.class);

        scan(discovery);
        // openHAB's AbstractDiscoveryService tells its listeners on its own scheduler, maybe after the scan ended
        assertTrue(ThingHost.waitFor(() -> inbox().reports() >= 6, LIMIT), "the rescan reported every item again");
        assertEquals(3, inbox().results().size(), inbox().results().toString());

        Thing lamp = inbox().approve(lampUID, Map.of());
        e2e.awaitStatus(lamp.getUID(), ThingStatus.ONLINE);
        scan(discovery);

        assertNull(inbox().result(lampUID));
        assertEquals(Set.of(GATE.toString(), TEMP.toString()), oids());
    }

    private Set<String> oids() {
        return inbox().results().stream().filter(r -> !THING_TYPE_CONTROLLER.equals(r.getThingTypeUID()))
                .map(r -> String.valueOf(r.getProperties().get(PROPERTY_OID))).collect(Collectors.toSet());
    }

    private static void scan(EvaItemDiscoveryService discovery) {
        AtomicBoolean finished = new AtomicBoolean();
        discovery.startScan(new ScanListener() {
            @Override
            public void onFinished() {
                finished.set(true);
            }

            @Override
            public void onErrorOccurred(@Nullable Exception exception) {
                finished.set(true);
            }
        });
        assertTrue(ThingHost.waitFor(finished::get, LIMIT), "scan did not finish");
    }
}
