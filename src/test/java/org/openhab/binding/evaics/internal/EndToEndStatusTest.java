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

import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openhab.binding.evaics.internal.action.EvaUnitActions;
import org.openhab.binding.evaics.test.sim.Misbehaviour;
import org.openhab.core.library.types.OnOffType;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusDetail;
import org.openhab.core.thing.ThingStatusInfo;
import org.openhab.core.thing.ThingUID;

/**
 * Statuses through the whole binding: the broker bridge follows the MQTT connection, the controller bridge its
 * heartbeat (protocol.md §8.1), the items their bridge and the controller's word about them (protocol.md §9.5, §6.4); a
 * command for a controller that is offline is refused at once and never sent later (protocol.md §10: nothing is
 * queued).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class EndToEndStatusTest extends EndToEndTestBase {

    @BeforeEach
    void start() {
        start(Map.of());
    }

    private List<ThingStatus> history(ThingUID thing) {
        EndToEndFixture e2e = e2e();
        return e2e.host.statuses(thing).stream().map(ThingStatusInfo::getStatus).toList();
    }

    @Test
    void everyThingComesOnlineOnceItsBridgeIsOnline() {
        EndToEndFixture e2e = e2e();
        assertEquals(List.of(ThingStatus.UNKNOWN, ThingStatus.ONLINE), history(e2e.broker.getUID()));
        // the things were added at once, as at openHAB's start: a child may see its bridge still connecting
        for (ThingUID thing : List.of(e2e.uc, e2e.lm, e2e.lamp, e2e.temp, e2e.away)) {
            List<ThingStatusInfo> statuses = e2e.host.statuses(thing);
            assertEquals(ThingStatus.ONLINE, statuses.get(statuses.size() - 1).getStatus());
            assertEquals(1, statuses.stream().filter(s -> s.getStatus() == ThingStatus.ONLINE).count(),
                    statuses.toString());
            for (ThingStatusInfo before : statuses.subList(0, statuses.size() - 1)) {
                assertTrue(before.getStatus() == ThingStatus.UNKNOWN
                        || before.getStatusDetail() == ThingStatusDetail.BRIDGE_OFFLINE, thing + ": " + statuses);
            }
        }
        Thing controller = e2e.thing(e2e.uc);
        assertEquals(UC, controller.getProperties().get(PROPERTY_CONTROLLER_ID));
        assertEquals("uc", controller.getProperties().get(PROPERTY_PRODUCT_CODE));
        assertNotNull(controller.getProperties().get(PROPERTY_VERSION));
        assertEquals(LAMP.toString(), e2e.thing(e2e.lamp).getProperties().get(PROPERTY_OID));
    }

    @Test
    void commandWhileTheControllerIsOfflineIsRefusedAtOnceAndNeverSentLater() {
        EndToEndFixture e2e = e2e();
        uc().misbehave(Misbehaviour.SILENT);
        ThingStatusInfo offline = e2e.awaitStatus(e2e.uc, ThingStatus.OFFLINE,
                ThingStatusDetail.COMMUNICATION_ERROR);
        assertNotNull(offline.getDescription());
        e2e.awaitStatus(e2e.lamp, ThingStatus.OFFLINE, ThingStatusDetail.BRIDGE_OFFLINE);
        assertEquals(ThingStatus.ONLINE, e2e.thing(e2e.away).getStatus(), "the other controller is not affected");
        uc().clearRequests();

        e2e.command(e2e.lamp, CHANNEL_SWITCH, OnOffType.ON);
        Map<String, Object> ruleResult = e2e.host.service(e2e.lamp, EvaUnitActions.class).action(1, null);

        assertTrue(ruleResult.containsKey(EvaUnitActions.RESULT_ERROR), ruleResult.toString());
        uc().behave();
        e2e.awaitStatus(e2e.uc, ThingStatus.ONLINE);
        e2e.awaitStatus(e2e.lamp, ThingStatus.ONLINE);
        // the refresh after the reconnect went out: anything queued would have gone with it or before it
        awaitRequest(uc(), "state", LAMP);
        uc().awaitRequest("test", LIMIT);
        assertEquals(List.of(), uc().requests("action"));
    }

    @Test
    void brokerOutageTakesEveryThingOfflineAndTheReturnBringsItBackRefreshed() {
        EndToEndFixture e2e = e2e();
        BROKER.stop();

        e2e.awaitStatus(e2e.broker.getUID(), ThingStatus.OFFLINE, ThingStatusDetail.COMMUNICATION_ERROR);
        e2e.awaitStatus(e2e.uc, ThingStatus.OFFLINE, ThingStatusDetail.BRIDGE_OFFLINE);
        e2e.awaitStatus(e2e.lamp, ThingStatus.OFFLINE, ThingStatusDetail.BRIDGE_OFFLINE);
        e2e.awaitStatus(e2e.away, ThingStatus.OFFLINE, ThingStatusDetail.BRIDGE_OFFLINE);
        uc().clearRequests();

        BROKER.start();

        for (ThingUID thing : List.of(e2e.broker.getUID(), e2e.uc, e2e.lm, e2e.lamp, e2e.temp,
                e2e.away)) {
            e2e.awaitStatus(thing, ThingStatus.ONLINE);
        }
        awaitRequest(uc(), "state", LAMP);
        awaitRequest(uc(), "state", TEMP);
    }

    @Test
    void itemDestroyedWhileTheBrokerWasDownGoesGoneWhenItReturnsAndTheOthersStayOnline() {
        EndToEndFixture e2e = e2e();
        BROKER.stop();
        e2e.awaitStatus(e2e.lamp, ThingStatus.OFFLINE, ThingStatusDetail.BRIDGE_OFFLINE);
        // not announced: the controller's broker connection is down too
        uc().destroy(LAMP);
        uc().clearRequests();

        BROKER.start();

        e2e.awaitStatus(e2e.lamp, ThingStatus.OFFLINE, ThingStatusDetail.GONE);
        e2e.awaitStatus(e2e.temp, ThingStatus.ONLINE);
        awaitRequest(uc(), "state", TEMP);
        assertEquals(ThingStatus.ONLINE, e2e.thing(e2e.temp).getStatus());
    }

    @Test
    void itemTheControllerDestroysGoesGone() {
        EndToEndFixture e2e = e2e();
        uc().destroy(LAMP);

        e2e.awaitStatus(e2e.lamp, ThingStatus.OFFLINE, ThingStatusDetail.GONE);
        assertEquals(ThingStatus.ONLINE, e2e.thing(e2e.temp).getStatus());
    }

    @Test
    void itemTheControllerDoesNotKnowGoesGone() {
        EndToEndFixture e2e = e2e();
        ThingUID ghost = e2e.addItem(THING_TYPE_UNIT, e2e.uc, "ghost", Map.of("id", "lights/none"));

        e2e.awaitStatus(ghost, ThingStatus.OFFLINE, ThingStatusDetail.GONE);
    }

    @Test
    void itemWithAnInvalidIdIsAConfigurationError() {
        EndToEndFixture e2e = e2e();
        ThingUID invalid = e2e.addItem(THING_TYPE_UNIT, e2e.uc, "invalid", Map.of("id", "lights/#"));

        e2e.awaitStatus(invalid, ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR);
    }

    @Test
    void controllerThatDoesNotAnswerIsOfflineWithTheReason() {
        EndToEndFixture e2e = e2e();
        ThingUID silent = e2e.add(e2e.host.controller(e2e.broker, "silent", controllerConfig("uc/nobody")))
                .getUID();

        ThingStatusInfo status = e2e.awaitStatus(silent, ThingStatus.OFFLINE, ThingStatusDetail.COMMUNICATION_ERROR);
        assertNotNull(status.getDescription());
    }
}
