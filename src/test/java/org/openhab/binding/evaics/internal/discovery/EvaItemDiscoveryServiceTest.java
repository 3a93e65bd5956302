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

import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.evaics.internal.EvaIcsBindingConstants.*;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openhab.binding.evaics.internal.handler.BridgeTestFramework;
import org.openhab.binding.evaics.internal.handler.ControllerFixture;
import org.openhab.binding.evaics.internal.handler.EvaControllerHandler;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.binding.evaics.test.broker.BrokerExtension;
import org.openhab.binding.evaics.test.broker.TestBroker;
import org.openhab.core.config.discovery.DiscoveryResult;
import org.openhab.core.config.discovery.ScanListener;
import org.openhab.core.thing.Bridge;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingUID;
import org.openhab.core.thing.binding.builder.BridgeBuilder;

/**
 * Item discovery from authenticated {@code state} calls against the simulator (protocol.md §8.2, §8.3): the items of
 * the controller's product become unit, sensor and lvar results under the controller bridge, with the OID as
 * representation property.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class EvaItemDiscoveryServiceTest {

    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(TestBroker.options().tcpNoDelay(true));

    private final ControllerFixture fixture = new ControllerFixture(BROKER);
    private final TestInbox inbox = new TestInbox();
    private @Nullable EvaItemDiscoveryService service;

    @AfterEach
    void tearDown() {
        EvaItemDiscoveryService current = service;
        if (current != null) {
            current.dispose();
        }
        fixture.close();
    }

    private EvaItemDiscoveryService service(EvaControllerHandler controller, boolean background) {
        EvaItemDiscoveryService discovery = new EvaItemDiscoveryService();
        discovery.activate(Map.of("background", background));
        discovery.setThingHandler(controller);
        discovery.addDiscoveryListener(inbox);
        discovery.initialize();
        service = discovery;
        return discovery;
    }

    private EvaControllerHandler online(String controllerId) {
        EvaControllerHandler handler = fixture.controller("ctl", ControllerFixture.controllerConfig(controllerId));
        fixture.framework.awaitStatus(handler.getThing(), ThingStatus.ONLINE);
        return handler;
    }

    private static ThingUID uid(String thingUID) {
        return new ThingUID(thingUID);
    }

    @Test
    void scanOfAUcOffersItsUnitsAndSensorsUnderTheControllerBridge() {
        fixture.started(fixture.simulator("uc/host1").unit("lights/lamp1", 0, "").unit("lights/floor_1/lamp3", 0, "")
                .sensor("env/temp1", 1, "21.5"));
        EvaControllerHandler controller = online("uc/host1");
        EvaItemDiscoveryService discovery = service(controller, false);
        FinishListener scan = new FinishListener();

        discovery.startScan(scan);
        BridgeTestFramework.await("scan finished", scan.finished::get);
        // openHAB's AbstractDiscoveryService tells its listeners on its own scheduler, maybe after the scan ended
        BridgeTestFramework.await("three results", () -> inbox.results.size() >= 3);

        assertEquals(3, inbox.results.size(), inbox.results.keySet().toString());
        DiscoveryResult lamp = inbox.results.get(uid("evaics:unit:broker1:ctl:lights_lamp1"));
        assertNotNull(lamp, inbox.results.keySet().toString());
        assertEquals(THING_TYPE_UNIT, lamp.getThingTypeUID());
        assertEquals(controller.getThing().getUID(), lamp.getBridgeUID());
        assertEquals("lights/lamp1", lamp.getProperties().get(CONFIG_ITEM_ID));
        assertEquals("unit:lights/lamp1", lamp.getProperties().get(PROPERTY_OID));
        assertEquals(PROPERTY_OID, lamp.getRepresentationProperty());
        assertEquals("@text/discovery.evaics.unit.label [\"lights/lamp1\"]", lamp.getLabel());
        String lossy = Oid.parse("unit:lights/floor_1/lamp3").uidSegment();
        assertNotNull(inbox.results.get(uid("evaics:unit:broker1:ctl:" + lossy)));
        DiscoveryResult temp = inbox.results.get(uid("evaics:sensor:broker1:ctl:env_temp1"));
        assertNotNull(temp);
        assertEquals(THING_TYPE_SENSOR, temp.getThingTypeUID());
    }

    @Test
    void scanOfAnLmPlcOffersItsLvars() {
        fixture.started(fixture.simulator("lm/host1").lvar("timers/t1", 1, "", 30).macro("tests/m1"));
        EvaControllerHandler controller = online("lm/host1");
        EvaItemDiscoveryService discovery = service(controller, false);
        FinishListener scan = new FinishListener();

        discovery.startScan(scan);
        BridgeTestFramework.await("scan finished", scan.finished::get);

        assertEquals(Set.of(uid("evaics:lvar:broker1:ctl:timers_t1")), inbox.results.keySet());
        assertEquals(THING_TYPE_LVAR, inbox.results.values().iterator().next().getThingTypeUID());
    }

    @Test
    void repeatedScanKeepsOneResultPerItem() {
        fixture.started(fixture.simulator("uc/host1").unit("lights/lamp1", 0, ""));
        EvaItemDiscoveryService discovery = service(online("uc/host1"), false);

        for (int i = 0; i < 2; i++) {
            FinishListener scan = new FinishListener();
            discovery.startScan(scan);
            BridgeTestFramework.await("scan finished", scan.finished::get);
        }
        // reports reach the inbox on the discovery service's scheduler
        BridgeTestFramework.await("two reports", () -> inbox.reports.get() >= 2);

        assertEquals(2, inbox.reports.get());
        assertEquals(1, inbox.results.size());
    }

    @Test
    void scanWhileTheControllerIsOfflineFinishesWithoutResults() {
        Bridge bridge = BridgeBuilder.create(THING_TYPE_CONTROLLER, "offline").build();
        EvaItemDiscoveryService discovery = service(new EvaControllerHandler(bridge), false);
        FinishListener scan = new FinishListener();

        discovery.startScan(scan);

        assertTrue(scan.finished.get());
        assertTrue(inbox.results.isEmpty());
    }

    @Test
    void backgroundDiscoveryScansWhenTheControllerComesOnline() {
        fixture.started(fixture.simulator("uc/host1").unit("lights/lamp1", 0, "").sensor("env/temp1", 1, "1"));
        Bridge bridge = fixture.framework.controller(fixture.broker, "ctl",
                ControllerFixture.controllerConfig("uc/host1"));
        EvaControllerHandler controller = new EvaControllerHandler(bridge);
        // as openHAB does it: the service is initialised before its handler
        service(controller, true);

        fixture.framework.start(controller);

        BridgeTestFramework.await("background results", () -> inbox.results.size() == 2);
        assertEquals(Set.of("unit:lights/lamp1", "sensor:env/temp1"), inbox.results.values().stream()
                .map(result -> String.valueOf(result.getProperties().get(PROPERTY_OID))).collect(Collectors.toSet()));
    }

    /** Notes the end of a scan. */
    private static final class FinishListener implements ScanListener {
        final AtomicBoolean finished = new AtomicBoolean();

        @Override
        public void onFinished() {
            finished.set(true);
        }

        @Override
        public void onErrorOccurred(@Nullable Exception exception) {
            finished.set(true);
        }
    }
}
