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
package org.openhab.core.types;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Minimal stand-in of openHAB's {@code TimeSeries}: time-stamped states a handler sends to persistence.
 */
@NonNullByDefault
public class TimeSeries {

    private final Policy policy;
    private final List<Entry> states = new ArrayList<>();

    public TimeSeries(Policy policy) {
        this.policy = policy;
    }

    public Policy getPolicy() {
        return policy;
    }

    /**
     * @param timestamp when the state is valid
     * @param state the state
     */
    public synchronized void add(Instant timestamp, State state) {
        states.add(new Entry(timestamp, state));
    }

    public synchronized int size() {
        return states.size();
    }

    /**
     * @return the entries ordered by timestamp
     */
    public synchronized Stream<Entry> getStates() {
        return states.stream().sorted(Comparator.comparing(Entry::timestamp)).toList().stream();
    }

    /**
     * How persistence merges the series with stored values.
     */
    public enum Policy {
        ADD,
        REPLACE
    }

    /**
     * One time-stamped state.
     */
    public record Entry(Instant timestamp, State state) {
    }
}
