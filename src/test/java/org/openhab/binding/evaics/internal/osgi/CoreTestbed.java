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
package org.openhab.binding.evaics.internal.osgi;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.osgi.probe.OpenHabProbe;
import org.openhab.binding.evaics.internal.osgi.probe.OpenHabProbe.ThingState;
import org.openhab.binding.evaics.test.broker.BrokerExtension;
import org.openhab.binding.evaics.test.broker.TestBroker;
import org.openhab.binding.evaics.test.sim.EvaSimulator;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;

/**
 * What the OSGi integration tests share: Apache Felix with the real openHAB core ({@link OsgiFramework}), the probe
 * inside it ({@link OpenHabProbe}), openHAB's log ({@link PaxLog}), the built binding bundle (installed, not yet
 * started), and the simulated UC and LM PLC on the test's broker. Things are made through the real ThingRegistry;
 * their configuration holds what openHAB's own providers put there (numbers as BigDecimal).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class CoreTestbed {

    /** Upper bound of every wait; the core starts within seconds, things go ONLINE within a second. */
    static final Duration LIMIT = Duration.ofSeconds(30);
    static final String BINDING_ID = "evaics";
    static final String BINDING_SYMBOLIC_NAME = "org.openhab.binding.evaics";
    static final String KEY_ID = "default";
    static final String KEY = "osgi-Xb7pQ2mK9vL4sT8wR1zN6cY3hJ5fD0gA";
    static final String UC = "uc/plant";
    static final String LM = "lm/plc";
    static final String LAMP = "lights/lamp1";
    static final String GATE = "motors/gate";
    static final String TEMP = "env/temp1";
    static final String AWAY = "modes/away";
    static final String TIMER = "timers/t1";
    static final String MACRO = "scenes/leave";
    private static final long POLL_MILLIS = 20;

    final OsgiFramework framework;
    final PaxLog log;
    final OpenHabProbe probe;
    final Bundle binding;
    final EvaSimulator uc;
    final EvaSimulator lm;
    private final BrokerExtension mqtt;

    /**
     * Starts the simulators, the framework with the core and the probe, and installs the binding (not started).
     *
     * @param work a scratch folder
     * @param logName the name of openHAB's log file in {@code target/openhab-it/}, which is kept after the test
     */
    CoreTestbed(BrokerExtension mqtt, Path work, String logName) throws IOException, BundleException {
        this.mqtt = mqtt;
        uc = EvaSimulator.builder(mqtt.uri()).controller(UC).key(KEY_ID, KEY).unit(LAMP, 0, "").unit(GATE, 0, "closed")
                .sensor(TEMP, 1, "21.5").start();
        lm = EvaSimulator.builder(mqtt.uri()).controller(LM).key(KEY_ID, KEY).lvar(AWAY, 1, "0", 0)
                .lvar(TIMER, 1, "0", 30).macro(MACRO).start();
        Path logFile = Files.createDirectories(Path.of("target", "openhab-it"))
                .resolve(logName + "-" + property("evaics.openhab.version") + ".log");
        Files.deleteIfExists(logFile);
        log = new PaxLog(logFile);
        framework = new OsgiFramework(work, log.file());
        framework.installRuntime(Path.of(property("evaics.openhab.runtime")));
        framework.install(ProbeBundle.build(Files.createDirectories(work.resolve("probe")))).start();
        probe = awaitProbe();
        startLevels(property("evaics.openhab.version"));
        Path bundleJar = Path.of(property("evaics.bundle"));
        assertTrue(Files.isRegularFile(bundleJar), "the built bundle is missing: " + bundleJar + " (run mvn verify)");
        binding = framework.install(bundleJar);
    }

    /**
     * Configures openHAB's start levels as the distribution does, marks ready in their place the markers of the
     * distribution's bundles that this core lacks, and waits until openHAB has set the marker of every configured start
     * level up to 100, as in a running openHAB when a user adds a binding. Without the configuration no
     * {@code startlevel:<level>} marker but 100's is ever set: the ThingManager would never start its check of things
     * that wait for their thing type (after a restart of the binding they would stay UNINITIALIZED/NOT_YET_READY) and
     * the rule engine would never start.
     */
    private void startLevels(String openhabVersion) {
        for (String marker : StartLevels.standInMarkers(openhabVersion)) {
            int colon = marker.indexOf(':');
            probe.markReady(marker.substring(0, colon), marker.substring(colon + 1));
        }
        probe.updateConfiguration(StartLevels.PID, StartLevels.configuration(openhabVersion));
        try {
            await(() -> levelsNotReached(openhabVersion).isEmpty() ? Boolean.TRUE : null, "start levels up to 100");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": start level " + probe.startLevel() + ", levels not reached "
                    + levelsNotReached(openhabVersion) + ", markers not set " + markersNotSet(openhabVersion), e);
        }
    }

    private List<String> levelsNotReached(String openhabVersion) {
        return StartLevels.levels(openhabVersion).stream()
                .filter(level -> !probe.isReady(StartLevels.MARKER_TYPE, level)).toList();
    }

    private List<String> markersNotSet(String openhabVersion) {
        return StartLevels.allMarkers(openhabVersion).stream().filter(marker -> {
            int colon = marker.indexOf(':');
            return !probe.isReady(marker.substring(0, colon), marker.substring(colon + 1));
        }).toList();
    }

    static String property(String name) {
        String value = System.getProperty(name);
        assertNotNull(value, "system property " + name + " is not set (failsafe sets it; run mvn verify)");
        return value;
    }

    private OpenHabProbe awaitProbe() {
        return await(() -> {
            ServiceReference<OpenHabProbe> ref = framework.context().getServiceReference(OpenHabProbe.class);
            return ref == null ? null : framework.context().getService(ref);
        }, "the probe service");
    }

    /**
     * Starts the binding and waits until openHAB's registries have its thing types, channel types and config
     * descriptions (those of {@code ESH-INF/thing}); things can be made only then.
     */
    void startBinding() throws BundleException, IOException {
        binding.start();
        Descriptors expected = Descriptors.read(Path.of("ESH-INF", "thing"));
        await(() -> probe.thingTypes(BINDING_ID).containsAll(expected.thingTypes) ? Boolean.TRUE : null,
                "thing types " + expected.thingTypes + " (have " + probe.thingTypes(BINDING_ID) + ")");
        await(() -> probe.channelTypes(BINDING_ID).containsAll(expected.channelTypes) ? Boolean.TRUE : null,
                "channel types " + expected.channelTypes + " (have " + probe.channelTypes(BINDING_ID) + ")");
        String prefix = "thing-type:" + BINDING_ID + ":";
        await(() -> probe.configDescriptions(prefix).containsAll(expected.configDescriptions.keySet()) ? Boolean.TRUE
                : null, "config descriptions " + expected.configDescriptions.keySet() + " (have "
                        + probe.configDescriptions(prefix) + ")");
    }

    // ---- things through the real ThingRegistry

    /** Adds a broker bridge on the test broker (or on another port) and returns its UID. */
    String addBroker(String id, int port) {
        String uid = BINDING_ID + ":broker:" + id;
        Map<String, Object> config = new HashMap<>();
        config.put("host", TestBroker.HOST);
        config.put("port", new BigDecimal(port));
        config.put("reconnectInterval", BigDecimal.ONE);
        probe.addThing(BINDING_ID + ":broker", uid, null, config);
        return uid;
    }

    String addBroker(String id) {
        return addBroker(id, mqtt.port());
    }

    /** Adds a controller bridge under the broker and returns its UID. */
    String addController(String brokerUid, String id, String controllerId, String key) {
        String uid = childUid("controller", brokerUid, id);
        Map<String, Object> config = new HashMap<>();
        config.put("controllerId", controllerId);
        config.put("keyId", KEY_ID);
        config.put("key", key);
        config.put("heartbeatInterval", BigDecimal.ONE);
        config.put("callTimeout", BigDecimal.ONE);
        probe.addThing(BINDING_ID + ":controller", uid, brokerUid, config);
        return uid;
    }

    /** Adds an item thing (unit, sensor, lvar) under the controller and returns its UID. */
    String addItem(String type, String controllerUid, String id, Map<String, Object> config) {
        String uid = childUid(type, controllerUid, id);
        probe.addThing(BINDING_ID + ":" + type, uid, controllerUid, config);
        return uid;
    }

    /** {@code binding:type:<bridge ids>:id}, as openHAB builds the UID of a thing under a bridge. */
    static String childUid(String type, String bridgeUid, String id) {
        String bridgeIds = bridgeUid.substring(bridgeUid.indexOf(':', bridgeUid.indexOf(':') + 1) + 1);
        return BINDING_ID + ":" + type + ":" + bridgeIds + ":" + id;
    }

    ThingState awaitStatus(String thingUid, Predicate<ThingState> condition, String what) {
        return await(() -> {
            ThingState state = probe.thingStatus(thingUid);
            return state != null && condition.test(state) ? state : null;
        }, thingUid + " " + what + " (last: " + probe.thingStatus(thingUid) + ")");
    }

    void awaitOnline(List<String> thingUids) {
        for (String uid : thingUids) {
            awaitStatus(uid, s -> "ONLINE".equals(s.status()), "ONLINE");
        }
    }

    // ---- bounded waits

    static <T> T await(Supplier<@Nullable T> supplier, String what) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (true) {
            @Nullable
            T value = supplier.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + LIMIT);
            }
            pause();
        }
    }

    static void awaitTrue(BooleanSupplier condition, Duration limit, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(what + " not within " + limit);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    /** Stops the framework and the simulators. */
    void stop() throws BundleException {
        try {
            framework.close();
        } finally {
            uc.close();
            lm.close();
        }
    }
}
