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
package org.openhab.binding.evaics.internal.handler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttSettings;
import org.openhab.binding.evaics.internal.protocol.state.Announcement;
import org.openhab.binding.evaics.internal.protocol.state.ItemState;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.binding.evaics.test.broker.BrokerExtension;
import org.openhab.binding.evaics.test.broker.TestBroker;
import org.openhab.binding.evaics.test.sim.EvaSimulator;
import org.openhab.core.thing.Bridge;
import org.openhab.core.thing.ThingStatus;

/**
 * A broker bridge on a test broker, controller bridges under it and simulated controllers, wired by a
 * {@link BridgeTestFramework}. Closing it disposes the handlers and stops the simulators.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class ControllerFixture implements AutoCloseable {

    public static final String KEY_ID = "default";
    public static final String KEY = "controller-test-key";
    /** Short, so that a dead controller is noticed quickly. */
    public static final int HEARTBEAT_SECONDS = 1;
    public static final int CALL_TIMEOUT_SECONDS = 1;

    public final BridgeTestFramework framework = new BridgeTestFramework();
    public final Bridge broker;
    public final EvaBrokerHandler brokerHandler;
    /** Where the simulators connect, in their order of preference. */
    private final List<String> simulatorUris;
    private final List<EvaSimulator> simulators = new ArrayList<>();

    public ControllerFixture(BrokerExtension mqtt) {
        this(mqtt, Map.of());
    }

    /**
     * @param brokerConfig broker bridge parameters on top of (or replacing) the fixture's: host and port of the test
     *            broker, reconnect interval 1 s
     */
    public ControllerFixture(BrokerExtension mqtt, Map<String, Object> brokerConfig) {
        this(withBroker(mqtt, brokerConfig), List.of(mqtt.uri()));
    }

    private static Map<String, Object> withBroker(BrokerExtension mqtt, Map<String, Object> brokerConfig) {
        Map<String, Object> config = new HashMap<>();
        config.put("host", TestBroker.HOST);
        config.put("port", mqtt.port());
        config.putAll(brokerConfig);
        return config;
    }

    /**
     * A broker bridge on any broker(s), e.g. several for failover (issue 14).
     *
     * @param brokerConfig broker bridge parameters (at least {@code host}) on top of the reconnect interval 1 s
     * @param simulatorUris the server URIs of the simulators, in their order of preference
     */
    public ControllerFixture(Map<String, Object> brokerConfig, List<String> simulatorUris) {
        this.simulatorUris = List.copyOf(simulatorUris);
        Map<String, Object> config = new HashMap<>();
        config.put("reconnectTime", 1000);
        config.putAll(brokerConfig);
        broker = framework.broker("broker1", config);
        brokerHandler = framework.start(new EvaBrokerHandler(broker));
        framework.awaitStatus(broker, ThingStatus.ONLINE);
    }

    /** A builder for a simulator on the test broker with the fixture's key; started ones are closed with this. */
    public EvaSimulator.Builder simulator(String controllerId) {
        return EvaSimulator.builder(MqttSettings.builder().serverUris(simulatorUris)).controller(controllerId)
                .key(KEY_ID, KEY);
    }

    public EvaSimulator started(EvaSimulator.Builder builder) {
        EvaSimulator simulator = builder.start();
        simulators.add(simulator);
        return simulator;
    }

    /** A controller configuration for the fixture's key with short heartbeat and call timeout. */
    public static Map<String, Object> controllerConfig(String controllerId) {
        Map<String, Object> config = new HashMap<>();
        config.put("controllerId", controllerId);
        config.put("keyId", KEY_ID);
        config.put("key", KEY);
        config.put("heartbeatInterval", HEARTBEAT_SECONDS);
        config.put("callTimeout", CALL_TIMEOUT_SECONDS);
        return config;
    }

    /** Creates and initialises a controller bridge under the broker. */
    public EvaControllerHandler controller(String thingId, Map<String, Object> config) {
        return controller(thingId, config, Map.of());
    }

    /**
     * Creates a controller bridge under the broker, registers the items before it initialises (so that they are
     * part of the refresh when it comes ONLINE), and initialises it.
     */
    public EvaControllerHandler controller(String thingId, Map<String, Object> config,
            Map<Oid, ? extends EvaItemListener> items) {
        Bridge bridge = framework.controller(broker, thingId, config);
        EvaControllerHandler handler = new EvaControllerHandler(bridge);
        items.forEach(handler::registerItem);
        return framework.start(handler);
    }

    @Override
    public void close() {
        framework.close();
        simulators.forEach(EvaSimulator::close);
    }

    /** Records what reached one item, thread-safe. */
    public static final class RecordingListener implements EvaItemListener {
        private final List<String> events = new ArrayList<>();
        private final List<ItemState> states = new ArrayList<>();

        @Override
        public synchronized void stateReported(ItemState state) {
            states.add(state);
            events.add("state " + state.value());
        }

        @Override
        public synchronized void itemGone(String reason) {
            events.add("gone");
        }

        @Override
        public synchronized void actionEvent(Announcement.ActionEvent event) {
            events.add("action " + event.status());
        }

        public synchronized List<String> events() {
            return List.copyOf(events);
        }

        public synchronized List<ItemState> states() {
            return List.copyOf(states);
        }

        public synchronized void clear() {
            events.clear();
            states.clear();
        }

        public boolean has(String event) {
            return events().contains(event);
        }
    }
}
