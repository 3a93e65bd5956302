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
package org.openhab.binding.evaics.test.broker;

import static org.openhab.binding.evaics.test.StdStreams.out;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Counts the tests that ran against each kind of {@link TestBroker} and the tests skipped by {@link NeedsMosquitto}
 * (disabled test classes, aborted test methods),
 * and prints the counts when the test run ends (registered through {@code META-INF/services}, so surefire and
 * failsafe print them once per test JVM). A test counts for a broker kind when its test class (or the test itself)
 * started a broker of that kind before the test finished.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class BrokerTally implements TestExecutionListener {

    private static final String TAG = "[brokers] ";

    /** Broker kinds started since the current top-level test class started. */
    private static final Set<String> STARTED_IN_CLASS = new TreeSet<>();
    private static final Map<String, Integer> RAN = new TreeMap<>();
    private static final Map<String, Integer> SKIPPED = new TreeMap<>();
    private static int classDepth;

    private @Nullable TestPlan plan;

    /** Called by each broker when it starts. */
    static synchronized void started(String kind) {
        STARTED_IN_CLASS.add(kind);
    }

    @Override
    @NonNullByDefault({})
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    @NonNullByDefault({})
    public void executionStarted(TestIdentifier test) {
        synchronized (BrokerTally.class) {
            if (isClass(test) && classDepth++ == 0) {
                STARTED_IN_CLASS.clear();
            }
        }
    }

    @Override
    @NonNullByDefault({})
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        synchronized (BrokerTally.class) {
            if (isClass(test)) {
                classDepth--;
            } else if (test.isTest() && result.getStatus() != TestExecutionResult.Status.ABORTED) {
                STARTED_IN_CLASS.forEach(kind -> RAN.merge(kind, 1, Integer::sum));
            } else if (test.isTest()) {
                result.getThrowable().map(Throwable::getMessage)
                        .filter(reason -> reason.startsWith(NeedsMosquitto.Condition.PREFIX))
                        .ifPresent(reason -> SKIPPED.merge(reason, 1, Integer::sum));
            }
        }
    }

    @Override
    @NonNullByDefault({})
    public void executionSkipped(TestIdentifier test, String reason) {
        if (!reason.startsWith(NeedsMosquitto.Condition.PREFIX)) {
            return;
        }
        TestPlan current = plan;
        int tests = test.isTest() || current == null ? 1
                : (int) current.getDescendants(test).stream().filter(TestIdentifier::isTest).count();
        synchronized (BrokerTally.class) {
            SKIPPED.merge(reason, tests, Integer::sum);
        }
    }

    @Override
    @NonNullByDefault({})
    public void testPlanExecutionFinished(TestPlan testPlan) {
        String summary = summary();
        if (!summary.isEmpty()) {
            out().println(summary);
        }
    }

    /** The counts so far, one line per fact; empty if no test used a broker. */
    static synchronized String summary() {
        if (RAN.isEmpty() && SKIPPED.isEmpty()) {
            return "";
        }
        int skipped = SKIPPED.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder text = new StringBuilder(TAG).append("tests against an MQTT broker: ")
                .append(RAN.getOrDefault("mosquitto", 0)).append(" ran against mosquitto, ")
                .append(RAN.getOrDefault("embedded", 0)).append(" against the embedded broker (Moquette), ");
        // the other brokers of the compatibility matrix (-Pbrokers), when they ran
        RAN.forEach((kind, count) -> {
            if (!"mosquitto".equals(kind) && !"embedded".equals(kind)) {
                text.append(count).append(" against ").append(kind).append(", ");
            }
        });
        text.append(skipped).append(" skipped because they need mosquitto");
        SKIPPED.forEach((reason, count) -> text.append('\n').append(TAG).append("  ").append(count).append(" x ")
                .append(reason));
        return text.toString();
    }

    private static boolean isClass(TestIdentifier test) {
        return test.isContainer() && test.getSource().filter(ClassSource.class::isInstance).isPresent();
    }
}
