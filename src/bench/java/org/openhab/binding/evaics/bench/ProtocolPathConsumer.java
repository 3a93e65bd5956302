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
package org.openhab.binding.evaics.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.codec.MsgPackJson;
import org.openhab.binding.evaics.internal.protocol.codec.Zlib;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttSettings;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttTransport;
import org.openhab.binding.evaics.internal.protocol.state.Announcement;
import org.openhab.binding.evaics.internal.protocol.state.AnnouncementParser;
import org.openhab.binding.evaics.internal.protocol.state.ItemState;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.binding.evaics.internal.protocol.state.StateOrdering;

/**
 * The binding's announcement path below the openHAB handlers, used until the handlers are on main:
 * {@link MqttTransport} (one {@code unit/#} subscription, QoS 1) -> {@link AnnouncementParser} -> this controller's
 * items only -> {@link StateOrdering} (protocol.md §9.4) -> the item's {@link CountingThing}. A thing counts as updated
 * when its state was accepted, which is where the item handler would update its channels.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class ProtocolPathConsumer implements AutoCloseable {

    private static final long SUBSCRIBE_WAIT_SECONDS = 15;

    private final MqttTransport transport;
    private final ArrivalCounter counter;
    private final AnnouncementParser parser;
    private final StateOrdering ordering = new StateOrdering();
    private final Map<Oid, CountingThing> things = new ConcurrentHashMap<>();

    ProtocolPathConsumer(String serverUri, ArrivalCounter counter) throws Exception {
        this.counter = counter;
        ProtocolLimits limits = ProtocolLimits.defaults();
        this.parser = new AnnouncementParser("",
                body -> MsgPackJson.decode(Zlib.inflate(body, limits.maxInflatedBytes()), limits.maxNestingDepth()),
                limits);
        transport = new MqttTransport(MqttSettings.builder(serverUri).build());
        transport.start();
        OurRpcClient.awaitConnected(transport);
        transport.subscribe(parser.topics().stateFilter(AnnouncePublisher.ITEM_TYPE), AnnouncePublisher.QOS,
                (topic, payload, retained) -> onMessage(topic, payload)).get(SUBSCRIBE_WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Creates the things (one per item of the publisher). */
    void createThings(int count) {
        for (int i = 0; i < count; i++) {
            Oid oid = AnnouncePublisher.oid(i);
            things.put(oid, new CountingThing());
        }
    }

    int things() {
        return things.size();
    }

    /** Total state updates applied to things. */
    long updates() {
        long sum = 0;
        for (CountingThing thing : things.values()) {
            sum += thing.updates;
        }
        return sum;
    }

    private void onMessage(String topic, byte[] payload) {
        if (!(parser.parse(topic, payload) instanceof Announcement.ItemStateChanged changed)) {
            return;
        }
        ItemState state = changed.state();
        if (!AnnouncePublisher.CONTROLLER.equals(state.controller())) {
            return;
        }
        CountingThing thing = things.get(state.oid());
        if (thing != null && ordering.accept(state)) {
            thing.update(state);
            Double t = state.t();
            counter.arrived(t == null ? -1 : BenchClock.secondsToMicros(t));
        }
    }

    @Override
    public void close() {
        transport.close();
    }

    /** Stands in for an item handler with its callback: keeps the last state and counts updates. */
    private static final class CountingThing {
        volatile @Nullable ItemState last;
        volatile long updates;

        void update(ItemState state) {
            last = state;
            updates++;
        }
    }
}
