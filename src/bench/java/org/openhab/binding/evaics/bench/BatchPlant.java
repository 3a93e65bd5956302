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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.EvaIcsBindingConstants;
import org.openhab.binding.evaics.internal.handler.BenchControllers;
import org.openhab.binding.evaics.internal.handler.EvaBrokerHandler;
import org.openhab.binding.evaics.internal.handler.EvaControllerHandler;
import org.openhab.binding.evaics.internal.handler.EvaItemConstants;
import org.openhab.binding.evaics.internal.handler.EvaUnitHandler;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.binding.evaics.test.broker.MosquittoBroker;
import org.openhab.binding.evaics.test.broker.TestBroker;
import org.openhab.binding.evaics.test.host.ThingManagerCallback;
import org.openhab.binding.evaics.test.sim.EvaSimulator;
import org.openhab.binding.evaics.test.sim.LoggedRequest;
import org.openhab.binding.evaics.test.sim.SimCost;
import org.openhab.core.config.core.Configuration;
import org.openhab.core.thing.Bridge;
import org.openhab.core.thing.ChannelUID;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusInfo;
import org.openhab.core.thing.ThingUID;
import org.openhab.core.thing.binding.ThingHandler;
import org.openhab.core.thing.binding.builder.BridgeBuilder;
import org.openhab.core.thing.binding.builder.ChannelBuilder;
import org.openhab.core.thing.binding.builder.ThingBuilder;
import org.openhab.core.thing.internal.BridgeImpl;
import org.openhab.core.thing.type.ChannelTypeUID;
import org.openhab.core.types.State;

import com.google.gson.JsonObject;

/**
 * One controller with many unit things on the binding's real handlers, for the batch benchmark (issue 13): a simulator
 * charging {@link SimCost#EVA_3_4_2} per request, a broker bridge, a controller bridge (batched or one call per item,
 * {@link BenchControllers}) and one {@link EvaUnitHandler} per unit. The host records, per thing, the last value its
 * {@code value} channel got and which things got one since {@link #mark()}; values of the form {@code t<micros>} carry
 * the time they were set ({@link BenchClock}), which gives the change-to-channel latency.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class BatchPlant implements AutoCloseable {

    static final ControllerId CONTROLLER = ControllerId.parse("uc/batch");
    private static final Duration STATUS_WAIT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 2;

    private final Host host = new Host();
    private final EvaSimulator simulator;
    private final Bridge broker;
    private final Bridge controller;
    private final EvaBrokerHandler brokerHandler;
    private final EvaControllerHandler controllerHandler;
    private final List<Thing> things = new ArrayList<>();
    private final List<Oid> oids = new ArrayList<>();
    private final List<EvaUnitHandler> handlers = new ArrayList<>();

    /** Starts the simulator and both bridges, waits until they are ONLINE, and builds (not starts) the unit things. */
    BatchPlant(MosquittoBroker mosquitto, int items, boolean batched, boolean verified) {
        EvaSimulator.Builder sim = EvaSimulator.builder(mosquitto.uri()).controller(CONTROLLER.toString())
                .key(CallBench.KEY_ID, CallBench.API_KEY).announceOnStart(false).requestLogCapacity(2 * items + 100)
                .cost(SimCost.EVA_3_4_2);
        for (int i = 0; i < items; i++) {
            Oid oid = Oid.parse("unit:batch/u" + i);
            oids.add(oid);
            sim.unit(oid.fullId(), 0, "start");
        }
        simulator = sim.start();
        Map<String, Object> brokerConfig = new HashMap<>();
        brokerConfig.put("host", TestBroker.HOST);
        brokerConfig.put("port", mosquitto.port());
        broker = BridgeBuilder.create(EvaIcsBindingConstants.THING_TYPE_BROKER, "batch")
                .withConfiguration(new Configuration(brokerConfig)).build();
        host.add(broker);
        brokerHandler = host.start(new EvaBrokerHandler(broker));
        awaitOnline(broker);
        Map<String, Object> controllerConfig = new HashMap<>();
        controllerConfig.put("controllerId", CONTROLLER.toString());
        controllerConfig.put("keyId", CallBench.KEY_ID);
        controllerConfig.put("key", CallBench.API_KEY);
        if (verified) {
            controllerConfig.put("stateSource", "verified");
        }
        ThingUID controllerUid = new ThingUID(EvaIcsBindingConstants.THING_TYPE_CONTROLLER, broker.getUID(), "batch");
        controller = BridgeBuilder.create(EvaIcsBindingConstants.THING_TYPE_CONTROLLER, controllerUid)
                .withBridge(broker.getUID()).withConfiguration(new Configuration(controllerConfig)).build();
        ((BridgeImpl) broker).addThing(controller);
        host.add(controller);
        controllerHandler = host.start(BenchControllers.controller(controller, batched));
        awaitOnline(controller);
        for (Oid oid : oids) {
            ThingUID uid = new ThingUID(EvaIcsBindingConstants.THING_TYPE_UNIT, controller.getUID(),
                    oid.uidSegment());
            Map<String, Object> config = new HashMap<>();
            config.put(EvaIcsBindingConstants.CONFIG_ITEM_ID, oid.fullId());
            ChannelUID value = new ChannelUID(uid, EvaItemConstants.CHANNEL_VALUE);
            ChannelUID status = new ChannelUID(uid, EvaItemConstants.CHANNEL_STATUS);
            Thing thing = ThingBuilder.create(EvaIcsBindingConstants.THING_TYPE_UNIT, uid)
                    .withBridge(controller.getUID()).withLabel("Unit " + oid.fullId())
                    .withConfiguration(new Configuration(config))
                    .withChannel(ChannelBuilder.create(value, "String")
                            .withType(new ChannelTypeUID(EvaIcsBindingConstants.BINDING_ID, "unit-value")).build())
                    .withChannel(ChannelBuilder.create(status, "Number")
                            .withType(new ChannelTypeUID(EvaIcsBindingConstants.BINDING_ID, "unit-status")).build())
                    .build();
            ((BridgeImpl) controller).addThing(thing);
            host.add(thing);
            things.add(thing);
        }
    }

    /** Initialises every unit handler, as openHAB does at start-up. */
    void startThings() {
        for (Thing thing : things) {
            handlers.add(host.start(new EvaUnitHandler(thing)));
        }
    }

    List<Oid> oids() {
        return oids;
    }

    EvaSimulator simulator() {
        return simulator;
    }

    /** Request frames the simulator decoded so far (heartbeats included). */
    long frames() {
        return simulator.counters().requestsDecoded();
    }

    /** Request frames holding {@code state} calls since the simulator's request log was cleared. */
    long stateFrames() {
        return simulator.requests().stream().filter(request -> "state".equals(request.method()))
                .map(LoggedRequest::callId).distinct().count();
    }

    boolean controllerOnline() {
        return controller.getStatus() == ThingStatus.ONLINE;
    }

    /** Forgets which things got a value so far. */
    void mark() {
        host.updated.clear();
    }

    int updatedSinceMark() {
        return host.updated.size();
    }

    long online() {
        return things.stream().filter(thing -> thing.getStatus() == ThingStatus.ONLINE).count();
    }

    /** Things whose {@code value} channel shows what the controller holds now. */
    int matchingController() {
        int matching = 0;
        for (int i = 0; i < oids.size(); i++) {
            JsonObject state = simulator.state(oids.get(i));
            String shown = host.lastValue.get(things.get(i).getUID());
            if (state != null && shown != null && shown.equals(state.get("value").getAsString())) {
                matching++;
            }
        }
        return matching;
    }

    /** Records change-to-channel latencies of {@code t<micros>} values into {@code latencies} (null: none). */
    void recordLatencies(@Nullable Latencies latencies) {
        host.latencies = latencies;
    }

    /** Waits until {@code condition} holds; false if it did not within {@code limit}. */
    static boolean await(BooleanSupplier condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static void awaitOnline(Thing thing) {
        if (!await(() -> thing.getStatus() == ThingStatus.ONLINE, STATUS_WAIT)) {
            throw new IllegalStateException(thing.getUID() + " not ONLINE within " + STATUS_WAIT + ": "
                    + thing.getStatusInfo());
        }
    }

    /** Disposes the items, then the bridges (children first, as openHAB does), then stops the simulator. */
    @Override
    public void close() {
        for (int i = handlers.size() - 1; i >= 0; i--) {
            host.stop(handlers.get(i));
        }
        host.stop(controllerHandler);
        host.stop(brokerHandler);
        host.close();
        simulator.close();
    }

    /** The part of openHAB's thing manager the handlers talk to, recording the value channels. */
    private static final class Host extends ThingManagerCallback implements AutoCloseable {
        final Map<ThingUID, String> lastValue = new ConcurrentHashMap<>();
        final Set<ThingUID> updated = ConcurrentHashMap.newKeySet();
        volatile @Nullable Latencies latencies;

        Host() {
            super("batch-bench-thing-manager");
        }

        void add(Thing thing) {
            things.put(thing.getUID(), thing);
        }

        <T extends ThingHandler> T start(T handler) {
            handler.getThing().setHandler(handler);
            handler.setCallback(this);
            handler.initialize();
            return handler;
        }

        void stop(ThingHandler handler) {
            handler.dispose();
            handler.setCallback(null);
            handler.getThing().setHandler(null);
        }

        @Override
        public void close() {
            stopNotifications(Duration.ofSeconds(5));
        }

        @Override
        public void stateUpdated(ChannelUID channelUID, State state) {
            if (!EvaItemConstants.CHANNEL_VALUE.equals(channelUID.getIdWithoutGroup())) {
                return;
            }
            String text = state.toString();
            ThingUID thing = channelUID.getThingUID();
            lastValue.put(thing, text);
            updated.add(thing);
            Latencies record = latencies;
            if (record != null && text.startsWith("t")) {
                long now = BenchClock.micros();
                long set = Long.parseLong(text.substring(1));
                synchronized (record) {
                    record.add((now - set) * 1_000);
                }
            }
        }

        @Override
        public void statusUpdated(Thing thing, ThingStatusInfo thingStatus) {
            thing.setStatusInfo(thingStatus);
            notifyChildren(thing, thingStatus, handler -> true);
        }

        @Override
        public void thingUpdated(Thing thing) {
        }

        @Override
        public void channelTriggered(Thing thing, ChannelUID channelUID, String event) {
        }

        @Override
        public boolean isChannelLinked(ChannelUID channelUID) {
            return true;
        }
    }
}
