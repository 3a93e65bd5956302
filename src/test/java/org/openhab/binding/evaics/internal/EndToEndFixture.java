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
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.Mockito.mock;
import static org.openhab.binding.evaics.internal.EvaIcsBindingConstants.*;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.binding.evaics.test.broker.BrokerExtension;
import org.openhab.binding.evaics.test.broker.TestBroker;
import org.openhab.binding.evaics.test.host.ThingHost;
import org.openhab.binding.evaics.test.sim.EvaSimulator;
import org.openhab.binding.evaics.test.sim.LoggedRequest;
import org.openhab.core.thing.Bridge;
import org.openhab.core.thing.ChannelUID;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusDetail;
import org.openhab.core.thing.ThingStatusInfo;
import org.openhab.core.thing.ThingTypeUID;
import org.openhab.core.thing.ThingUID;
import org.openhab.core.thing.binding.ThingHandler;
import org.openhab.core.thing.binding.ThingHandlerCallback;
import org.openhab.core.types.Command;
import org.openhab.core.types.State;

import com.google.gson.JsonPrimitive;

/**
 * The whole binding wired as openHAB wires it, for the end-to-end tests: a {@link ThingHost} whose handlers come from
 * {@link EvaHandlerFactory} and talk to a Mockito {@link ThingHandlerCallback} that delegates to the host; a broker
 * bridge on the test broker; a UC controller bridge with a unit and a sensor, an LM PLC bridge with two lvars;
 * and the simulated controllers behind them. Short heartbeat and call timeout, so that a silent controller is
 * noticed within about two seconds.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class EndToEndFixture implements AutoCloseable {

    /** Upper bound of every wait; things normally happen within milliseconds. */
    static final Duration LIMIT = Duration.ofSeconds(15);
    static final String KEY_ID = DEFAULT_KEY_ID;
    static final String KEY = "e2e-Xb7pQ2mK9vL4sT8wR1zN6cY3hJ5fD0gA";
    static final int HEARTBEAT_SECONDS = 1;
    static final int CALL_TIMEOUT_SECONDS = 1;

    static final String UC = "uc/plant";
    static final String LM = "lm/plc";
    static final Oid LAMP = Oid.parse("unit:lights/lamp1");
    static final Oid GATE = Oid.parse("unit:motors/gate");
    static final Oid TEMP = Oid.parse("sensor:env/temp1");
    static final Oid AWAY = Oid.parse("lvar:modes/away");
    static final Oid TIMER = Oid.parse("lvar:timers/t1");
    static final Oid MACRO = Oid.parse("lmacro:scenes/leave");

    final ThingHost host = new ThingHost();
    /** What the handlers call; every call reaches {@link #host}. */
    final ThingHandlerCallback callback = mock(ThingHandlerCallback.class, delegatesTo(host));
    final Bridge broker;
    final ThingUID uc;
    final ThingUID lm;
    final ThingUID lamp;
    final ThingUID temp;
    final ThingUID away;

    /** The UC with a lamp, a gate and a thermometer; actions take a few milliseconds. */
    static EvaSimulator.Builder ucSimulator(BrokerExtension mqtt) {
        return EvaSimulator.builder(mqtt.uri()).controller(UC).key(KEY_ID, KEY).unit(LAMP.fullId(), 0, "")
                .unit(GATE.fullId(), 0, "closed").sensor(TEMP.fullId(), 1, "21.5");
    }

    /** The LM PLC with a flag, a timer and a macro. */
    static EvaSimulator.Builder lmSimulator(BrokerExtension mqtt) {
        return EvaSimulator.builder(mqtt.uri()).controller(LM).key(KEY_ID, KEY).lvar(AWAY.fullId(), 1, "0", 0)
                .lvar(TIMER.fullId(), 1, "0", 30).macro(MACRO.fullId());
    }

    /** Every thing, ONLINE; the UC bridge with the default configuration plus {@code ucConfig}. */
    EndToEndFixture(BrokerExtension mqtt, Map<String, Object> ucConfig) {
        host.useCallback(callback);
        broker = (Bridge) add(host.broker("broker1", brokerConfig(mqtt)));
        Map<String, Object> ucSettings = controllerConfig(UC);
        ucSettings.putAll(ucConfig);
        uc = add(host.controller(broker, "uc1", ucSettings)).getUID();
        lm = add(host.controller(broker, "lm1", controllerConfig(LM))).getUID();
        lamp = addItem(THING_TYPE_UNIT, uc, "lamp", Map.of("id", LAMP.fullId()));
        temp = addItem(THING_TYPE_SENSOR, uc, "temp", Map.of("id", TEMP.fullId(), "unit", "°C"));
        away = addItem(THING_TYPE_LVAR, lm, "away", Map.of("id", AWAY.fullId()));
        awaitOnlineOrClose(List.of(broker.getUID(), uc, lm, lamp, temp, away));
    }

    /** Only the broker bridge, ONLINE. */
    EndToEndFixture(BrokerExtension mqtt) {
        host.useCallback(callback);
        broker = (Bridge) add(host.broker("broker1", brokerConfig(mqtt)));
        awaitOnlineOrClose(List.of(broker.getUID()));
        uc = new ThingUID(THING_TYPE_CONTROLLER, broker.getUID(), "uc1");
        lm = new ThingUID(THING_TYPE_CONTROLLER, broker.getUID(), "lm1");
        lamp = new ThingUID(THING_TYPE_UNIT, uc, "lamp");
        temp = new ThingUID(THING_TYPE_SENSOR, uc, "temp");
        away = new ThingUID(THING_TYPE_LVAR, lm, "away");
    }

    /** A fixture that fails to start must not leave its handlers running for the next tests. */
    private void awaitOnlineOrClose(List<ThingUID> things) {
        try {
            for (ThingUID thing : things) {
                awaitStatus(thing, ThingStatus.ONLINE);
            }
        } catch (AssertionError | RuntimeException e) {
            host.close();
            throw e;
        }
    }

    static Map<String, Object> brokerConfig(BrokerExtension mqtt) {
        Map<String, Object> config = new HashMap<>();
        config.put(CONFIG_HOST, TestBroker.HOST);
        config.put(CONFIG_PORT, mqtt.port());
        config.put(CONFIG_RECONNECT_TIME, 1000);
        return config;
    }

    static Map<String, Object> controllerConfig(String controllerId) {
        Map<String, Object> config = new HashMap<>();
        config.put(CONFIG_CONTROLLER_ID, controllerId);
        config.put(CONFIG_KEY_ID, KEY_ID);
        config.put(CONFIG_KEY, KEY);
        config.put(CONFIG_HEARTBEAT_INTERVAL, HEARTBEAT_SECONDS);
        config.put(CONFIG_CALL_TIMEOUT, CALL_TIMEOUT_SECONDS);
        return config;
    }

    Thing add(Thing thing) {
        host.add(thing);
        return thing;
    }

    ThingUID addItem(ThingTypeUID type, ThingUID controller, String id, Map<String, Object> config) {
        Bridge bridge = (Bridge) host.thing(controller);
        return add(host.child(type, bridge, id, config)).getUID();
    }

    Thing thing(ThingUID uid) {
        return host.thing(uid);
    }

    <T extends ThingHandler> T handler(ThingUID uid, Class<T> type) {
        return host.handler(uid, type);
    }

    static ChannelUID channel(ThingUID thing, String channelId) {
        return new ChannelUID(thing, channelId);
    }

    /** Sends a command to a channel as openHAB does when an item linked to it gets one. */
    void command(ThingUID thing, String channelId, Command command) {
        ThingHandler handler = thing(thing).getHandler();
        assertNotNull(handler, thing + " has no handler");
        handler.handleCommand(channel(thing, channelId), command);
    }

    ThingStatusInfo awaitStatus(ThingUID thing, ThingStatus status) {
        return awaitStatus(thing, info -> info.getStatus() == status, status.toString());
    }

    ThingStatusInfo awaitStatus(ThingUID thing, ThingStatus status, ThingStatusDetail detail) {
        return awaitStatus(thing, info -> info.getStatus() == status && info.getStatusDetail() == detail,
                status + "/" + detail);
    }

    ThingStatusInfo awaitStatus(ThingUID thing, Predicate<ThingStatusInfo> condition, String what) {
        assertTrue(host.waitForStatus(thing, condition, LIMIT),
                thing + " did not reach " + what + " within " + LIMIT + "; statuses: " + host.statuses(thing));
        return thing(thing).getStatusInfo();
    }

    /** Waits until the channel got a state equal to {@code expected}. */
    void awaitState(ThingUID thing, String channelId, State expected) {
        ChannelUID channel = channel(thing, channelId);
        assertTrue(host.waitForState(channel, expected::equals, LIMIT),
                channel + " never got " + expected + "; got " + host.states(channel));
    }

    /** Waits until the channel's latest state equals {@code expected}. */
    void awaitLastState(ThingUID thing, String channelId, State expected) {
        ChannelUID channel = channel(thing, channelId);
        assertTrue(ThingHost.waitFor(() -> expected.equals(host.state(channel)), LIMIT),
                channel + " does not end at " + expected + "; got " + host.states(channel));
    }

    /** The first request of the method for the item, waiting for it. */
    static LoggedRequest awaitRequest(EvaSimulator simulator, String method, Oid item) {
        return simulator.awaitRequest(r -> method.equals(r.method()) && r.param("i") instanceof JsonPrimitive i
                && item.toString().equals(i.getAsString()), LIMIT);
    }

    @Override
    public void close() {
        host.close();
    }
}
