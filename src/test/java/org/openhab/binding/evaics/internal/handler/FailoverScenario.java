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

import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.evaics.internal.EvaIcsBindingConstants.*;
import static org.openhab.binding.evaics.internal.handler.EvaItemConstants.*;
import static org.openhab.binding.evaics.test.StdStreams.out;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.binding.evaics.test.sim.EvaSimulator;
import org.openhab.binding.evaics.test.sim.LoggedRequest;
import org.openhab.core.thing.ChannelUID;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingUID;

import com.google.gson.JsonElement;

/**
 * The failover scenario of issue 14 for the whole binding (broker bridge, controller bridge, item things) and a
 * simulated controller, on two brokers that the test stops and starts ({@link Node}): mosquitto pairs in the default
 * suite ({@link BrokerFailoverTest}), a RabbitMQ cluster in the {@code brokers} profile. The broker bridge has both
 * brokers in its {@code host} list; the simulator has its own list.
 * <p>
 * Steps: commands and announcements flow; the bridge's broker stops with a call in flight, which fails as one that
 * may or may not have been executed and is never sent again; the bridge fails over to the other broker, every thing
 * comes back ONLINE with the states of a resync by call (changed while the broker was going down), commands work; the
 * stopped broker returns and nothing arrives twice. Then a number of timed failovers back and forth.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class FailoverScenario implements AutoCloseable {

    /** A broker node the scenario stops and starts. */
    public interface Node {
        /** {@code host:port} as in the broker bridge's {@code host} list. */
        String address();

        /** Stops the broker; returns when clients connected to it have been cut off. */
        void stop();

        /** Starts it again; returns when it accepts MQTT connections. */
        void start();
    }

    /** How long a failover took, from the broker bridge going OFFLINE to the bridge and to every thing ONLINE. */
    public record Failover(long bridgeMillis, long allOnlineMillis) {
    }

    private static final Oid LAMP = Oid.parse("unit:lights/lamp1");
    private static final Oid TEMP = Oid.parse("sensor:env/temp1");
    private static final String MAY_HAVE_RUN = "may or may not have been executed";
    /** Heartbeats are this many call timeouts apart: none comes while an answer is held back. */
    private static final int HEARTBEAT_CALL_TIMEOUTS = 4;
    private static final Duration WAIT = BridgeTestFramework.WAIT_LIMIT;

    private final Node a;
    private final Node b;
    /**
     * Answers are held back this long (twice the call timeout) so that a call is in flight when the broker stops; the
     * call must fail by the stop, not by its timeout, so the stop must take less than the call timeout.
     */
    private final Duration heldAnswer;
    private final ControllerFixture fixture;
    private final BridgeTestFramework framework;
    private final EvaSimulator uc;
    private final EvaControllerHandler controller;
    private final EvaUnitHandler lamp;
    private final EvaSensorHandler temp;
    /** When each thing last went OFFLINE and ONLINE (System.nanoTime). */
    private final Map<ThingUID, Long> offline = new ConcurrentHashMap<>();
    private final Map<ThingUID, Long> online = new ConcurrentHashMap<>();

    /**
     * @param simulatorUris the server URIs of the simulated controller, in its order of preference
     * @param callTimeoutSeconds the controller bridge's call timeout: longer than stopping a broker takes (seconds
     *            for a {@code rabbitmqctl} command on a busy machine), but calls lost while the controller fails over
     *            too wait that long
     */
    public FailoverScenario(Node a, Node b, List<String> simulatorUris, int callTimeoutSeconds) {
        this.a = a;
        this.b = b;
        this.heldAnswer = Duration.ofSeconds(2L * callTimeoutSeconds);
        fixture = new ControllerFixture(Map.of("host", a.address() + "," + b.address()), simulatorUris);
        framework = fixture.framework;
        framework.onStatusUpdate((thing, info) -> {
            if (info.getStatus() == ThingStatus.ONLINE || info.getStatus() == ThingStatus.OFFLINE) {
                (info.getStatus() == ThingStatus.ONLINE ? online : offline).put(thing.getUID(), System.nanoTime());
            }
        });
        uc = fixture.started(fixture.simulator("uc/host1").unit("lights/lamp1", 0, "").sensor("env/temp1", 1, "20"));
        Map<String, Object> controllerConfig = ControllerFixture.controllerConfig("uc/host1");
        controllerConfig.put("callTimeout", callTimeoutSeconds);
        controllerConfig.put("heartbeatInterval", HEARTBEAT_CALL_TIMEOUTS * callTimeoutSeconds);
        controller = fixture.controller("ctl-uc", controllerConfig);
        framework.awaitStatus(controller.getThing(), ThingStatus.ONLINE);
        lamp = framework.start(new EvaUnitHandler(framework.item(controller.getThing(), THING_TYPE_UNIT, "lamp",
                Map.of(CONFIG_ID, LAMP.fullId()))));
        temp = framework.start(new EvaSensorHandler(framework.item(controller.getThing(), THING_TYPE_SENSOR, "temp",
                Map.of(CONFIG_ID, TEMP.fullId()))));
        awaitAllOnline();
    }

    private List<Thing> things() {
        return List.of(fixture.broker, controller.getThing(), lamp.getThing(), temp.getThing());
    }

    private void awaitAllOnline() {
        things().forEach(thing -> framework.awaitStatus(thing, ThingStatus.ONLINE));
    }

    /** The broker bridge's {@code brokerAddress} property. */
    public @Nullable String brokerAddress() {
        return fixture.broker.getProperties().get(PROPERTY_BROKER_ADDRESS);
    }

    private String channel(EvaItemHandler handler, String channelId) {
        return String.valueOf(framework.state(handler.getThing(), channelId));
    }

    /** Commands reach the controller and announcements reach the channels. */
    public void commandsAndAnnouncementsFlow(String tag) {
        join(lamp.action(1, tag + "-command"));
        assertEquals(1, executed(tag + "-command"), "the command ran once");
        uc.setSensorValue(TEMP, tag + "-announced");
        BridgeTestFramework.await("announcement " + tag, () -> (tag + "-announced").equals(channel(temp, CHANNEL_VALUE_STRING)));
    }

    /**
     * The first failover, from {@code a} to {@code b}, with a call in flight and a state change that only a resync can
     * bring. {@code a} is started again at the end.
     *
     * @return how long it took
     */
    public Failover failOverWithACallInFlight() {
        assertEquals("tcp://" + a.address(), brokerAddress(), "the bridge starts on the first address");
        commandsAndAnnouncementsFlow("before");

        uc.delayAnswers(heldAnswer);
        CompletableFuture<?> inFlight = lamp.action(1, "in-flight");
        uc.awaitRequest(request -> isAction(request, "in-flight"), WAIT);
        int mark = uc.requests().size();
        long since = System.nanoTime();
        a.stop();
        String failure = failureMessage(inFlight);
        out().println("call in flight at the broker's stop: " + failure);
        assertTrue(failure.contains(MAY_HAVE_RUN), failure);
        uc.behave();
        // only the resync can bring this: the broker bridge is not subscribed anywhere right now
        BridgeTestFramework.await("broker bridge OFFLINE",
                () -> offline.getOrDefault(fixture.broker.getUID(), since) - since > 0);
        uc.setSensorValue(TEMP, "changed during the failover");
        Failover failover = awaitFailover(since);
        assertEquals("tcp://" + b.address(), brokerAddress(), "the bridge moved on to the second address");

        awaitStateCall(mark, LAMP);
        awaitStateCall(mark, TEMP);
        BridgeTestFramework.await("resynced sensor",
                () -> "changed during the failover".equals(channel(temp, CHANNEL_VALUE_STRING)));
        commandsAndAnnouncementsFlow("after");

        a.start();
        commandsAndAnnouncementsFlow("a-back");
        assertEquals("tcp://" + b.address(), brokerAddress(), "a broker's return moves nothing back");
        // nothing was sent twice: the call in flight ran once (when it arrived), and never again
        assertEquals(1, executed("in-flight"), "the call in flight ran once and was not sent again");
        uc.setSensorValue(TEMP, "once");
        BridgeTestFramework.await("announcement once", () -> "once".equals(channel(temp, CHANNEL_VALUE_STRING)));
        ChannelUID tempValue = new ChannelUID(temp.getThing().getUID(), CHANNEL_VALUE_STRING);
        long copies = framework.channelEvents().stream()
                .filter(event -> tempValue.equals(event.channel()) && "once".equals(event.value())).count();
        assertEquals(1, copies, "the announcement reached the channel once");
        return failover;
    }

    /**
     * Stops the broker the bridge is on, waits for the failover, checks that commands work, and starts that broker
     * again.
     */
    public Failover failOver() {
        Node from = ("tcp://" + a.address()).equals(brokerAddress()) ? a : b;
        Node to = from == a ? b : a;
        long since = System.nanoTime();
        from.stop();
        Failover failover = awaitFailover(since);
        assertEquals("tcp://" + to.address(), brokerAddress());
        join(lamp.action(1, "after-failover-" + System.nanoTime()));
        from.start();
        return failover;
    }

    /** Runs {@code count} failovers and prints their times; returns them sorted by the bridge's time. */
    public List<Failover> failOver(int count, String what) {
        List<Failover> failovers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            failovers.add(failOver());
        }
        long[] bridge = failovers.stream().mapToLong(Failover::bridgeMillis).sorted().toArray();
        long[] all = failovers.stream().mapToLong(Failover::allOnlineMillis).sorted().toArray();
        out().printf("%s: %d failovers; broker bridge OFFLINE -> ONLINE min %d / median %d / max %d ms (%s);"
                + " every thing ONLINE min %d / median %d / max %d ms%n", what, count, bridge[0], bridge[count / 2],
                bridge[count - 1], Arrays.toString(bridge), all[0], all[count / 2], all[count - 1]);
        return failovers;
    }

    /** Waits until every thing went OFFLINE after {@code since} and ONLINE again. */
    private Failover awaitFailover(long since) {
        BridgeTestFramework.await("every thing OFFLINE and ONLINE again after the broker stopped", () -> things()
                .stream().map(Thing::getUID).allMatch(uid -> offline.getOrDefault(uid, since) - since > 0
                        && online.getOrDefault(uid, since) - offline.getOrDefault(uid, since) > 0));
        ThingUID broker = fixture.broker.getUID();
        long brokerOffline = offline.getOrDefault(broker, since);
        long lastOnline = things().stream().mapToLong(thing -> online.getOrDefault(thing.getUID(), since)).max()
                .orElse(since);
        return new Failover(TimeUnit.NANOSECONDS.toMillis(online.getOrDefault(broker, since) - brokerOffline),
                TimeUnit.NANOSECONDS.toMillis(lastOnline - brokerOffline));
    }

    private static boolean isAction(LoggedRequest request, String value) {
        return "action".equals(request.method()) && request.param("v") instanceof JsonElement v
                && value.equals(v.getAsString());
    }

    private long executed(String value) {
        return uc.requests("action").stream().filter(request -> isAction(request, value)).count();
    }

    private void awaitStateCall(int from, Oid oid) {
        BridgeTestFramework.await("state call for " + oid + " after the failover", () -> {
            List<LoggedRequest> requests = uc.requests();
            for (LoggedRequest request : requests.subList(Math.min(from, requests.size()), requests.size())) {
                if ("state".equals(request.method()) && request.param("i") instanceof JsonElement i
                        && oid.toString().equals(i.getAsString())) {
                    return true;
                }
            }
            return false;
        });
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("command failed: " + e, e);
        }
    }

    private static String failureMessage(CompletableFuture<?> future) {
        try {
            future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            return String.valueOf(cause != null ? cause.getMessage() : e.getMessage());
        } catch (Exception e) {
            throw new AssertionError("the call in flight did not fail: " + e, e);
        }
        throw new AssertionError("the call in flight did not fail");
    }

    @Override
    public void close() {
        fixture.close();
    }
}
