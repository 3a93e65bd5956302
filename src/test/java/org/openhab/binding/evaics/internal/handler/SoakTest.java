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

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttSettings;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttTransport;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaApi;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaRpcException;
import org.openhab.binding.evaics.internal.protocol.state.EvaTopics;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.binding.evaics.test.broker.BrokerExtension;
import org.openhab.binding.evaics.test.broker.TestBroker;
import org.openhab.binding.evaics.test.sim.EvaSimulator;
import org.openhab.core.thing.ThingStatus;

/**
 * The soak test (issue 6, item 8), not part of the normal suite:
 *
 * <pre>
 * mvn -B -o -Psoak test                                              10 minutes
 * mvn -B -o -Psoak test -Devaics.soak.duration=PT2M -Devaics.soak.callsPerSecond=500 -Devaics.soak.announcementsPerSecond=5000
 * </pre>
 *
 * The whole binding (broker bridge, controller bridge, {@value #SENSORS} sensor things) against a simulated UC on
 * test broker: encrypted {@code state} calls through the controller bridge's RPC client at a fixed rate, and state
 * announcements of the sensors at a fixed rate, published at QoS 1 by a second client in the controller's name.
 * <p>
 * Checked: the used heap after a full GC does not grow after the warm-up (sampled {@value #HEAP_SAMPLES} times,
 * least-squares slope), pending calls stay bounded, every call ends as answered or timed out and none is left
 * unaccounted (a call's future completes within its timeout), and at the end every sensor channel shows the last value announced for it (the one with the highest
 * ieid the broker acknowledged).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@Tag("soak")
@NonNullByDefault
class SoakTest {

    private static final String DURATION_PROPERTY = "evaics.soak.duration";
    private static final String CALLS_PROPERTY = "evaics.soak.callsPerSecond";
    private static final String ANNOUNCEMENTS_PROPERTY = "evaics.soak.announcementsPerSecond";
    private static final Duration DEFAULT_DURATION = Duration.ofMinutes(10);
    private static final int DEFAULT_CALLS_PER_SECOND = 500;
    private static final int DEFAULT_ANNOUNCEMENTS_PER_SECOND = 5000;
    private static final int SENSORS = 100;
    private static final int SIM_REQUEST_LOG = 100;
    private static final long TICK_MILLIS = 10;
    private static final long TICKS_PER_SECOND = 1000 / TICK_MILLIS;
    private static final int HEAP_SAMPLES = 10;
    /** A fifth of the run, at most a minute, warms up before the first heap sample. */
    private static final Duration MAX_WARM_UP = Duration.ofMinutes(1);
    /** Growth beyond this after the warm-up counts as a leak; GC noise is far below. */
    private static final double MAX_HEAP_SLOPE_MIB_PER_MINUTE = 2.0;
    private static final int CALL_TIMEOUT_SECONDS = 5;
    private static final Duration DRAIN = Duration.ofSeconds(60);
    private static final double MIB = 1024.0 * 1024.0;

    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(TestBroker.options().tcpNoDelay(true));

    private final AtomicLong issued = new AtomicLong();
    /** Calls whose future has not completed yet. */
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final AtomicLong otherFailures = new AtomicLong();
    private final AtomicLong announcementsSent = new AtomicLong();
    private final AtomicLong announcementsRefused = new AtomicLong();
    private final AtomicInteger maxPending = new AtomicInteger();
    /** The highest number of pending calls since the last heap sample. */
    private final AtomicInteger maxPendingInterval = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> failureSamples = new ConcurrentLinkedQueue<>();
    /** Per sensor, the highest ieid counter the broker acknowledged. */
    private final AtomicLongArray acknowledged = new AtomicLongArray(SENSORS);
    private final AtomicLong counter = new AtomicLong();

    @Test
    void bindingStaysFlatUnderCallsAndAnnouncements() throws Exception {
        Duration duration = Duration.parse(String.valueOf(System.getProperty(DURATION_PROPERTY, DEFAULT_DURATION.toString())));
        int callsPerSecond = intProperty(CALLS_PROPERTY, DEFAULT_CALLS_PER_SECOND);
        int announcementsPerSecond = intProperty(ANNOUNCEMENTS_PROPERTY, DEFAULT_ANNOUNCEMENTS_PER_SECOND);
        List<Oid> sensors = new ArrayList<>();
        for (int i = 0; i < SENSORS; i++) {
            sensors.add(Oid.parse("sensor:soak/s" + i));
        }

        try (ControllerFixture fixture = new ControllerFixture(BROKER);
                MqttTransport announcer = new MqttTransport(MqttSettings.builder(BROKER.uri()).build())) {
            fixture.framework.keepChannelEvents(false);
            // the simulator's request log is test equipment: kept small, it does not hide the binding's heap
            EvaSimulator.Builder simulator = fixture.simulator("uc/host1").requestLogCapacity(SIM_REQUEST_LOG);
            sensors.forEach(oid -> simulator.sensor(oid.fullId(), 1, "0"));
            EvaSimulator sim = fixture.started(simulator);
            Map<String, Object> config = ControllerFixture.controllerConfig("uc/host1");
            config.put("callTimeout", CALL_TIMEOUT_SECONDS);
            config.put("heartbeatInterval", 10);
            EvaControllerHandler controller = fixture.controller("ctl", config);
            fixture.framework.awaitStatus(controller.getThing(), ThingStatus.ONLINE);
            List<EvaSensorHandler> things = new ArrayList<>();
            for (int i = 0; i < SENSORS; i++) {
                things.add(fixture.framework.start(new EvaSensorHandler(fixture.framework.item(controller.getThing(),
                        THING_TYPE_SENSOR, "s" + i, Map.of(CONFIG_ID, sensors.get(i).fullId())))));
            }
            things.forEach(thing -> fixture.framework.awaitStatus(thing.getThing(), ThingStatus.ONLINE));
            announcer.start();
            BridgeTestFramework.await("announcer connected", announcer::isConnected);
            // announced as a later boot, so that these order after the simulator's own states (protocol.md §9.4)
            long boot = sim.bootId() + 1;
            EvaTopics topics = new EvaTopics("");

            ScheduledExecutorService load = Executors.newScheduledThreadPool(2, r -> {
                Thread thread = new Thread(r, "evaics-soak-load");
                thread.setDaemon(true);
                return thread;
            });
            long callsPerTick = Math.max(1, callsPerSecond / TICKS_PER_SECOND);
            long announcementsPerTick = Math.max(1, announcementsPerSecond / TICKS_PER_SECOND);
            load.scheduleAtFixedRate(() -> {
                for (int i = 0; i < callsPerTick; i++) {
                    call(controller, sensors);
                }
                int pending = controller.pendingCalls();
                maxPending.accumulateAndGet(pending, Math::max);
                maxPendingInterval.accumulateAndGet(pending, Math::max);
            }, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
            load.scheduleAtFixedRate(() -> {
                for (int i = 0; i < announcementsPerTick; i++) {
                    announce(announcer, topics, sensors, boot);
                }
            }, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);

            List<double[]> heap = new ArrayList<>();
            int maxPendingAfterWarmUp = 0;
            long start = System.nanoTime();
            Duration warmUp = duration.dividedBy(5).compareTo(MAX_WARM_UP) < 0 ? duration.dividedBy(5) : MAX_WARM_UP;
            Duration interval = duration.minus(warmUp).dividedBy(HEAP_SAMPLES);
            sleep(warmUp);
            for (int sample = 0; sample <= HEAP_SAMPLES; sample++) {
                double minutes = (System.nanoTime() - start) / 60e9;
                double usedMib = usedHeapAfterGc();
                heap.add(new double[] { minutes, usedMib });
                int pendingInterval = maxPendingInterval.getAndSet(0);
                if (sample > 0) {
                    maxPendingAfterWarmUp = Math.max(maxPendingAfterWarmUp, pendingInterval);
                }
                out().printf("soak %5.2f min: heap %.1f MiB, calls issued %d answered %d timed out %d other %d,"
                        + " pending max %d (since the last sample %d), announcements sent %d refused %d%n", minutes,
                        usedMib, issued.get(), answered.get(), timedOut.get(), otherFailures.get(), maxPending.get(),
                        pendingInterval, announcementsSent.get(), announcementsRefused.get());
                if (sample < HEAP_SAMPLES) {
                    sleep(interval);
                }
            }
            load.shutdown();
            assertTrue(load.awaitTermination(DRAIN.toMillis(), TimeUnit.MILLISECONDS));
            double elapsedSeconds = (System.nanoTime() - start) / 1e9;

            // every call ends within its timeout: answered, timed out or failed
            long drainEnd = System.nanoTime() + DRAIN.toNanos();
            while (inFlight.get() > 0 && System.nanoTime() < drainEnd) {
                Thread.sleep(TICK_MILLIS);
            }
            long unaccounted = issued.get() - answered.get() - timedOut.get() - otherFailures.get();
            BridgeTestFramework.await("no pending calls", () -> controller.pendingCalls() == 0);

            // every channel ends at the last value announced for it
            BridgeTestFramework.await("last announced values on all channels", () -> {
                for (int i = 0; i < SENSORS; i++) {
                    if (!expected(i).equals(String.valueOf(
                            fixture.framework.state(things.get(i).getThing(), CHANNEL_VALUE_STRING)))) {
                        return false;
                    }
                }
                return true;
            });

            double slope = slope(heap);
            out().printf("soak result: %.1f min at %d calls/s and %d announcements/s: calls issued %d, answered"
                    + " %d, timed out %d, other failures %d, unaccounted %d; pending calls max %d (limit %d), %d"
                    + " after the warm-up;"
                    + " announcements sent %d (%.0f/s), refused by the client %d; heap after GC %.1f -> %.1f MiB,"
                    + " slope after warm-up %.2f MiB/min; every channel at its last announced value%n",
                    elapsedSeconds / 60, callsPerSecond, announcementsPerSecond, issued.get(), answered.get(),
                    timedOut.get(), otherFailures.get(), unaccounted, maxPending.get(),
                    controllerLimit(), maxPendingAfterWarmUp, announcementsSent.get(), announcementsSent.get() / elapsedSeconds,
                    announcementsRefused.get(), heap.get(0)[1], heap.get(heap.size() - 1)[1], slope);
            failureSamples.stream().limit(5).forEach(sample -> out().println("  failure: " + sample));

            assertEquals(0, unaccounted, "calls neither answered, timed out nor failed");
            assertEquals(0, otherFailures.get(), "calls that failed other than by a timeout");
            assertTrue(maxPending.get() <= controllerLimit(), "pending calls bounded");
            assertTrue(slope < MAX_HEAP_SLOPE_MIB_PER_MINUTE, "heap grows " + slope + " MiB/min");
        }
    }

    /** The system property as Integer.getInteger(name, defaultValue) reads it: the default if unset or no number. */
    private static int intProperty(String name, int defaultValue) {
        Integer value = Integer.getInteger(name);
        return value != null ? value : defaultValue;
    }

    private void call(EvaControllerHandler controller, List<Oid> sensors) {
        issued.incrementAndGet();
        EvaApi api = controller.api();
        if (api == null) {
            otherFailures.incrementAndGet();
            failureSamples.add("controller offline");
            return;
        }
        Oid oid = sensors.get(ThreadLocalRandom.current().nextInt(sensors.size()));
        inFlight.incrementAndGet();
        api.state(oid).whenComplete((state, failure) -> {
            inFlight.decrementAndGet();
            if (failure == null) {
                answered.incrementAndGet();
            } else if ((failure instanceof CompletionException ? failure.getCause() : failure) instanceof
                    EvaRpcException e && e.kind() == EvaRpcException.Kind.TIMEOUT) {
                timedOut.incrementAndGet();
            } else {
                otherFailures.incrementAndGet();
                failureSamples.add(String.valueOf(failure));
            }
        });
    }

    private void announce(MqttTransport announcer, EvaTopics topics, List<Oid> sensors, long boot) {
        long n = counter.incrementAndGet();
        int index = (int) (n % SENSORS);
        String payload = "{\"c\":\"uc/host1\",\"status\":1,\"value\":\"" + n + "\",\"ieid\":[" + boot + "," + n
                + "],\"t\":" + (System.currentTimeMillis() / 1000.0) + "}";
        announcer.publish(topics.itemTopic(sensors.get(index)), payload.getBytes(StandardCharsets.UTF_8), 1, false)
                .whenComplete((ok, failure) -> {
                    if (failure == null) {
                        announcementsSent.incrementAndGet();
                        acknowledged.accumulateAndGet(index, n, Math::max);
                    } else {
                        announcementsRefused.incrementAndGet();
                    }
                });
    }

    private String expected(int index) {
        long value = acknowledged.get(index);
        return value == 0 ? "0" : Long.toString(value);
    }

    private static int controllerLimit() {
        return ProtocolLimits.DEFAULT_MAX_PENDING_CALLS;
    }

    private static double usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed() / MIB;
    }

    /** Least-squares slope of y over x. */
    private static double slope(List<double[]> points) {
        double n = points.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (double[] p : points) {
            sx += p[0];
            sy += p[1];
            sxx += p[0] * p[0];
            sxy += p[0] * p[1];
        }
        double denominator = n * sxx - sx * sx;
        return denominator == 0 ? 0 : (n * sxy - sx * sy) / denominator;
    }

    private static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}
