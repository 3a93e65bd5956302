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
import static org.openhab.binding.evaics.internal.osgi.CoreTestbed.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openhab.binding.evaics.test.broker.BrokerExtension;

/**
 * The binding bundle's life in the real openHAB core: stopped and started five times, its things come ONLINE again
 * each time; then stopped and uninstalled, every thread it started ends (in this order: an uninstalled bundle does not
 * start again). A thread counts as the binding's if it did not exist before the binding first started and either runs
 * binding or embedded Paho code, or is not one of openHAB's own pools ({@code OH-*}, shared by all bindings and kept by
 * the core), Felix EventAdmin's delivery pool (its threads start on demand as openHAB posts events) or the JVM's common
 * fork-join pool.
 * <p>
 * After a restart of the binding, openHAB's ThingManager sees the handler factory come back before openHAB has read
 * the bundle's thing types again (it reads them on its own thread once the bundle is ACTIVE); it sets the things
 * UNINITIALIZED/NOT_YET_READY and initializes them in its periodic check (every 2 s), which runs from start level 30
 * on: that needs the start levels of openHAB's distribution, see {@link StartLevels}.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BindingLifecycleIT {

    private static final int CYCLES = 5;
    private static final Duration THREADS_END_LIMIT = Duration.ofSeconds(20);
    private static final List<String> SHARED_THREAD_PREFIXES = List.of("OH-", "ForkJoinPool.commonPool-",
            "EventAdminThread #");
    private static final List<String> BINDING_CODE = List.of("org.openhab.binding.evaics.", "org.eclipse.paho.",
            "org.msgpack.");
    /** The embedded test broker (where mosquitto is missing) runs in this JVM; its threads are not the binding's. */
    private static final List<String> EMBEDDED_BROKER_CODE = List.of("io.moquette.", "io.netty.");

    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    private static @Nullable CoreTestbed testbed;
    /** The threads that lived before the binding first started. */
    private static final Set<Thread> THREADS_BEFORE_BINDING = new HashSet<>();

    @BeforeAll
    static void startCore(@TempDir Path work) throws Exception {
        testbed = new CoreTestbed(BROKER, work, BindingLifecycleIT.class.getSimpleName());
        THREADS_BEFORE_BINDING.addAll(Thread.getAllStackTraces().keySet());
    }

    @AfterAll
    static void stopCore() throws Exception {
        CoreTestbed current = testbed;
        testbed = null;
        if (current != null) {
            current.stop();
        }
    }

    @Test
    @Order(1)
    void thingsComeBackOnlineAfterFiveStopStartCycles() throws Exception {
        CoreTestbed bed = bed();
        bed.startBinding();
        List<String> things = addThings(bed);
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            bed.binding.stop();
            String lamp = things.get(things.size() - 1);
            bed.awaitStatus(lamp, s -> !"ONLINE".equals(s.status()), "not ONLINE after stop " + cycle);
            bed.startBinding();
            bed.awaitOnline(things);
        }
        // the next test makes the same things
        for (int i = things.size() - 1; i >= 0; i--) {
            bed.probe.removeThing(things.get(i));
        }
        bed.binding.stop();
    }

    @Test
    @Order(2)
    void stoppingAndUninstallingTheBindingEndsEveryThreadItStarted() throws Exception {
        CoreTestbed bed = bed();
        Set<Thread> before = THREADS_BEFORE_BINDING;
        bed.startBinding();
        addThings(bed);
        bed.binding.stop();
        bed.binding.uninstall();
        awaitTrue(() -> threadsOfTheBinding(before).isEmpty(), THREADS_END_LIMIT,
                "the end of the binding's threads " + threadsOfTheBinding(before));
    }

    /** A broker bridge, a UC controller bridge and a unit, ONLINE; returns their UIDs. */
    private static List<String> addThings(CoreTestbed bed) {
        String broker = bed.addBroker("broker1");
        String uc = bed.addController(broker, "uc1", UC, KEY);
        String lamp = bed.addItem("unit", uc, "lamp", Map.of("id", LAMP));
        List<String> things = List.of(broker, uc, lamp);
        bed.awaitOnline(things);
        return things;
    }

    private static CoreTestbed bed() {
        CoreTestbed bed = testbed;
        assertNotNull(bed);
        return bed;
    }

    /** The live threads that count as the binding's: name and the top of the stack. */
    private static List<String> threadsOfTheBinding(Set<Thread> before) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().isAlive() && !before.contains(e.getKey()))
                .filter(e -> runsBindingCode(e.getValue())
                        || !isShared(e.getKey().getName()) && !runs(e.getValue(), EMBEDDED_BROKER_CODE))
                .map(e -> e.getKey().getName() + " " + Arrays.toString(Arrays.copyOf(e.getValue(),
                        Math.min(5, e.getValue().length))))
                .toList();
    }

    private static boolean runsBindingCode(StackTraceElement[] stack) {
        return runs(stack, BINDING_CODE);
    }

    private static boolean runs(StackTraceElement[] stack, List<String> packages) {
        for (StackTraceElement frame : stack) {
            if (packages.stream().anyMatch(frame.getClassName()::startsWith)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isShared(String threadName) {
        return SHARED_THREAD_PREFIXES.stream().anyMatch(threadName::startsWith);
    }
}
