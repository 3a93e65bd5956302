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
package org.openhab.binding.evaics.test.sim;

import java.time.Duration;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * What serving a request frame costs the {@link EvaSimulator}, so that benchmarks see what a real controller would
 * see: one worker, busy {@code perFrame} plus {@code perCall} for every call in the frame (a batch counts each of its
 * calls), frames served one after the other in arrival order, and each answer published {@code latency} after its
 * frame was served (time the frame spends in the controller's queues without keeping the worker busy). The request is
 * dispatched (item states read) when the worker is done with it.
 * <p>
 * {@link #EVA_3_4_2} is modelled on a real EVA ICS 3.4.2 UC measured for issue 13: at most about 3,000 {@code test}
 * calls/s with 64 in flight, so a one-call frame keeps the worker busy 1/3,000 s = 333 µs; of that, 250 µs are
 * charged per frame (MQTT, decryption, msgpack, encryption of the answer: once per frame) and 83 µs per call
 * (dispatch, key check, the result). No batch was timed on the real UC, so the split is an estimate. The latency is
 * 20 ms: 64 calls in flight at 3,000 calls/s spend 64 / 3,000 s = 21 ms in the controller (Little's law). Serial calls
 * on the real UC took about 40 ms (protocol.md §14), so the model flatters one-call-per-item clients, if anything.
 * {@link #FREE} (the default) answers at once, for tests.
 *
 * @param perFrame worker time per request frame
 * @param perCall worker time per call in the frame
 * @param latency time from the end of the work to the answer, not holding the worker
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public record SimCost(Duration perFrame, Duration perCall, Duration latency) {

    /** Answers at once, on the MQTT client's thread. */
    public static final SimCost FREE = new SimCost(Duration.ZERO, Duration.ZERO, Duration.ZERO);
    /** A real EVA ICS 3.4.2 UC, see above. */
    public static final SimCost EVA_3_4_2 = new SimCost(Duration.ofNanos(250_000), Duration.ofNanos(83_000),
            Duration.ofMillis(20));

    public SimCost {
        if (perFrame.isNegative() || perCall.isNegative() || latency.isNegative()) {
            throw new IllegalArgumentException("costs must not be negative");
        }
    }

    boolean isFree() {
        return perFrame.isZero() && perCall.isZero() && latency.isZero();
    }

    /** Worker time for a frame with {@code calls} calls, in nanoseconds. */
    long workNanos(int calls) {
        return perFrame.toNanos() + calls * perCall.toNanos();
    }
}
