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

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.internal.EvaIcsBindingConstants;
import org.openhab.binding.evaics.internal.handler.EvaBrokerHandler;
import org.openhab.binding.evaics.internal.handler.EvaControllerHandler;
import org.openhab.binding.evaics.internal.handler.EvaItemConstants;
import org.openhab.binding.evaics.internal.handler.EvaUnitHandler;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.binding.evaics.test.broker.MosquittoBroker;
import org.openhab.binding.evaics.test.broker.TestBroker;
import org.openhab.binding.evaics.test.sim.EvaSimulator;
import org.openhab.core.config.core.Configuration;
import org.openhab.core.thing.Bridge;
import org.openhab.core.thing.ChannelUID;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingUID;
import org.openhab.core.thing.binding.builder.BridgeBuilder;
import org.openhab.core.thing.binding.builder.ChannelBuilder;
import org.openhab.core.thing.binding.builder.ThingBuilder;
import org.openhab.core.thing.internal.BridgeImpl;
import org.openhab.core.thing.type.ChannelKind;
import org.openhab.core.thing.type.ChannelTypeUID;

/**
 * The binding's real announcement path, from the broker to channel updates: a broker bridge
 * ({@link EvaBrokerHandler}: transport, parser, announcement router), a controller bridge
 * ({@link EvaControllerHandler}: RPC client, heartbeat, item dispatcher with the ieid ordering) and one
 * {@link EvaUnitHandler} per item, all reporting to a {@link CountingThingManager}. The controller is the project's
 * simulator with every item of the benchmark, so that the bridge goes ONLINE and the items' own {@code state}
 * refreshes are answered; it publishes nothing itself (the benchmark's publisher speaks for it).
 * <p>
 * The things are built as openHAB builds them from the thing types in {@code ESH-INF/thing/items.xml} (the unit
 * channels), before any handler exists: they are the host's objects, which the heap-per-thing figure leaves out.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class HandlerPathConsumer implements AutoCloseable {

    private static final Duration STATUS_WAIT = Duration.ofSeconds(30);
    /** Refreshes after the items' start are over when the simulator has answered nothing new for this long. */
    private static final Duration SETTLE_QUIET = Duration.ofMillis(500);
    private static final Duration SETTLE_CAP = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 10;
    private static final int REQUEST_LOG_CAPACITY = 1;
    /** Unit channels of items.xml: id and accepted item type ({@code trigger} for the trigger channel). */
    private static final Map<String, String> UNIT_CHANNELS = unitChannels();

    private final CountingThingManager manager;
    private final EvaSimulator simulator;
    private final Bridge broker;
    private final Bridge controller;
    private final EvaBrokerHandler brokerHandler;
    private final EvaControllerHandler controllerHandler;
    private final List<Thing> things = new ArrayList<>();
    private final List<EvaUnitHandler> handlers = new ArrayList<>();

    /** Starts the simulator and both bridges and waits until they are ONLINE. */
    HandlerPathConsumer(MosquittoBroker mosquitto, ArrivalCounter counter, int thingCount) {
        EvaSimulator.Builder sim = EvaSimulator.builder(mosquitto.uri())
                .controller(AnnouncePublisher.CONTROLLER.toString()).key(CallBench.KEY_ID, CallBench.API_KEY)
                .announceOnStart(false).requestLogCapacity(REQUEST_LOG_CAPACITY);
        for (int i = 0; i < thingCount; i++) {
            sim.unit(AnnouncePublisher.oid(i).fullId(), 0, "");
        }
        simulator = sim.start();
        manager = new CountingThingManager(counter);
        Map<String, Object> brokerConfig = new HashMap<>();
        brokerConfig.put("host", TestBroker.HOST);
        brokerConfig.put("port", mosquitto.port());
        broker = BridgeBuilder.create(EvaIcsBindingConstants.THING_TYPE_BROKER, "bench")
                .withConfiguration(new Configuration(brokerConfig)).build();
        manager.add(broker);
        brokerHandler = manager.start(new EvaBrokerHandler(broker));
        awaitOnline(broker);
        Map<String, Object> controllerConfig = new HashMap<>();
        controllerConfig.put("controllerId", AnnouncePublisher.CONTROLLER.toString());
        controllerConfig.put("keyId", CallBench.KEY_ID);
        controllerConfig.put("key", CallBench.API_KEY);
        ThingUID controllerUid = new ThingUID(EvaIcsBindingConstants.THING_TYPE_CONTROLLER, broker.getUID(), "bench");
        controller = BridgeBuilder.create(EvaIcsBindingConstants.THING_TYPE_CONTROLLER, controllerUid)
                .withBridge(broker.getUID()).withConfiguration(new Configuration(controllerConfig)).build();
        ((BridgeImpl) broker).addThing(controller);
        manager.add(controller);
        controllerHandler = manager.start(new EvaControllerHandler(controller));
        awaitOnline(controller);
    }

    /** Builds the unit things under the controller, as openHAB would from their configuration. */
    void createThings(int count) {
        for (int i = 0; i < count; i++) {
            Oid oid = AnnouncePublisher.oid(i);
            ThingUID uid = new ThingUID(EvaIcsBindingConstants.THING_TYPE_UNIT, controller.getUID(),
                    oid.uidSegment());
            Map<String, Object> config = new HashMap<>();
            config.put(EvaIcsBindingConstants.CONFIG_ITEM_ID, oid.fullId());
            ThingBuilder builder = ThingBuilder.create(EvaIcsBindingConstants.THING_TYPE_UNIT, uid)
                    .withBridge(controller.getUID()).withLabel("Unit " + oid.fullId())
                    .withConfiguration(new Configuration(config));
            UNIT_CHANNELS.forEach((channel, itemType) -> {
                ChannelUID channelUid = new ChannelUID(uid, channel);
                ChannelTypeUID type = new ChannelTypeUID(EvaIcsBindingConstants.BINDING_ID, "unit-" + channel);
                ChannelBuilder channelBuilder = "trigger".equals(itemType)
                        ? ChannelBuilder.create(channelUid).withKind(ChannelKind.TRIGGER)
                        : ChannelBuilder.create(channelUid, itemType);
                builder.withChannel(channelBuilder.withType(type).build());
            });
            Thing thing = builder.build();
            ((BridgeImpl) controller).addThing(thing);
            manager.add(thing);
            things.add(thing);
        }
    }

    /**
     * Creates and initialises a handler per thing, then waits until the simulator has answered the items' own
     * {@code state} refreshes (those beyond the RPC client's pending-call bound are refused at once).
     */
    void startHandlers() throws InterruptedException {
        for (Thing thing : things) {
            handlers.add(manager.start(new EvaUnitHandler(thing)));
        }
        long deadline = System.nanoTime() + SETTLE_CAP.toNanos();
        long answered = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long now = simulator.counters().answersSent();
            if (now != answered) {
                answered = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > SETTLE_QUIET.toNanos()) {
                break;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    int things() {
        return things.size();
    }

    /** {@code state} calls the simulator answered (the items' refreshes, plus heartbeats). */
    long simulatorAnswers() {
        return simulator.counters().answersSent();
    }

    long thingsOnline() {
        return things.stream().filter(thing -> thing.getStatus() == ThingStatus.ONLINE).count();
    }

    long channelUpdates() {
        return manager.channelUpdates();
    }

    private static void awaitOnline(Thing thing) {
        long deadline = System.nanoTime() + STATUS_WAIT.toNanos();
        while (thing.getStatus() != ThingStatus.ONLINE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(thing.getUID() + " not ONLINE within " + STATUS_WAIT + ": "
                        + thing.getStatusInfo());
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private static Map<String, String> unitChannels() {
        Map<String, String> channels = new java.util.LinkedHashMap<>();
        channels.put(EvaItemConstants.CHANNEL_STATUS, "Number");
        channels.put(EvaItemConstants.CHANNEL_SWITCH, "Switch");
        channels.put(EvaItemConstants.CHANNEL_VALUE, "String");
        channels.put(EvaItemConstants.CHANNEL_NSTATUS, "Number");
        channels.put(EvaItemConstants.CHANNEL_NVALUE, "String");
        channels.put(EvaItemConstants.CHANNEL_ACTION_ENABLED, "Switch");
        channels.put(EvaItemConstants.CHANNEL_ACTION, "trigger");
        return channels;
    }

    /** Disposes the items, then the bridges (children first, as openHAB does), then stops the simulator. */
    @Override
    public void close() {
        for (int i = handlers.size() - 1; i >= 0; i--) {
            manager.stop(handlers.get(i));
        }
        manager.stop(controllerHandler);
        manager.stop(brokerHandler);
        manager.close();
        simulator.close();
    }
}
