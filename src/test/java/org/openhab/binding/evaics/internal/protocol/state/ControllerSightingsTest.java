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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ActionEvent;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ServerEvent;

/**
 * When {@link AnnouncementRouter} saw a registered controller alive on the broker: a discovery announce naming it
 * (protocol.md §2.1), a per-item state with its id in {@code c} (protocol.md §9.1) or its own bulk batch (protocol.md
 * §9.5), never a retained message, an event, or a message naming another controller.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class ControllerSightingsTest {

    private static final ControllerId HOST1 = ControllerId.parse("uc/host1");
    private static final ControllerId HOST2 = ControllerId.parse("uc/host2");
    private static final String STATE = "{\"c\":\"uc/host1\",\"status\":1,\"value\":\"\",\"ieid\":[1,1]}";

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AnnouncementParser parser = new AnnouncementParser("", new ZlibMsgPackBodyDecoder(
            ProtocolLimits.defaults()), ProtocolLimits.defaults());
    private final AnnouncementRouter router = new AnnouncementRouter(nanos::get);
    private final Sink sink = new Sink();

    ControllerSightingsTest() {
        router.register(HOST1, sink);
    }

    private void send(String topic, String payload, boolean retained) {
        router.route(parser.parse(topic, payload.getBytes(StandardCharsets.UTF_8)), topic, retained);
    }

    private void later(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void neverSeenIsNull() {
        assertNull(router.sinceSeen(HOST1));
        assertNull(router.sinceSeen(HOST2));
    }

    @Test
    void stateNamingTheControllerInCIsASighting() {
        send("unit/lights/lamp1", STATE, false);
        later(Duration.ofSeconds(7));

        assertEquals(Duration.ofSeconds(7), router.sinceSeen(HOST1));
    }

    @Test
    void discoveryAnnounceIsASighting() {
        send("controller/discovery", "uc/host1", false);
        later(Duration.ofMillis(1500));

        assertEquals(Duration.ofMillis(1500), router.sinceSeen(HOST1));
    }

    @Test
    void bulkBatchOfTheControllerIsASighting() {
        send("state/all", "{\"t\":1.0,\"c\":\"uc/host1\",\"d\":[]}", false);

        assertEquals(Duration.ZERO, router.sinceSeen(HOST1));
    }

    @Test
    void aNewerSightingReplacesTheOlder() {
        send("controller/discovery", "uc/host1", false);
        later(Duration.ofSeconds(30));
        send("unit/lights/lamp1", STATE, false);
        later(Duration.ofSeconds(2));

        assertEquals(Duration.ofSeconds(2), router.sinceSeen(HOST1));
    }

    @Test
    void retainedMessagesAreNoSighting() {
        // the broker keeps them long after their controller died
        send("unit/lights/lamp1", STATE, true);
        send("controller/discovery", "uc/host1", true);
        send("state/all", "{\"t\":1.0,\"c\":\"uc/host1\",\"d\":[{\"oid\":\"unit:lights/lamp1\",\"status\":1,"
                + "\"value\":\"\"}]}", true);

        assertNull(router.sinceSeen(HOST1));
        assertEquals(3, sink.received, "retained messages are still routed");
    }

    @Test
    void eventsAndUnnamedMessagesAreNoSighting() {
        send("controller/uc/host1/events", "{\"e\":\"restart\",\"t\":1.0,\"c\":\"uc/host1\"}", false);
        send("unit/lights/lamp1/action", "{\"uuid\":\"u1\",\"status\":\"completed\",\"t\":1.0,\"c\":\"uc/host1\"}",
                false);
        send("unit/lights/lamp1", "", false);
        send("sensor/env/temp1", "{\"status\":1,\"value\":\"21.5\"}", false);

        assertNull(router.sinceSeen(HOST1));
    }

    @Test
    void messagesOfAnotherControllerAreNoSightingOfThisOne() {
        send("unit/lights/lamp1", STATE.replace("uc/host1", "uc/host2"), false);
        send("controller/discovery", "uc/host2", false);

        assertNull(router.sinceSeen(HOST1));
    }

    @Test
    void unregisteredControllersAreNotTracked() {
        send("controller/discovery", "uc/host2", false);
        send("unit/lights/lamp1", STATE.replace("uc/host1", "uc/host2"), false);

        assertNull(router.sinceSeen(HOST2), "forged ids must not grow the sightings");
    }

    @Test
    void aSightingOutlivesARegistration() {
        send("controller/discovery", "uc/host1", false);
        router.unregister(HOST1, sink);
        later(Duration.ofSeconds(1));
        send("controller/discovery", "uc/host1", false);
        router.register(HOST1, sink);
        later(Duration.ofSeconds(1));

        assertEquals(Duration.ofSeconds(2), router.sinceSeen(HOST1), "seen while registered, not while unregistered");
    }

    /** Counts what reached the controller. */
    private static final class Sink implements ControllerAnnouncementSink {
        int received;

        @Override
        public void itemState(ItemState state) {
            received++;
        }

        @Override
        public void itemDestroyed(Oid oid, boolean namedController) {
            received++;
        }

        @Override
        public void actionEvent(ActionEvent event) {
            received++;
        }

        @Override
        public void serverEvent(ServerEvent event) {
            received++;
        }

        @Override
        public void controllerAnnounced() {
            received++;
        }
    }
}
