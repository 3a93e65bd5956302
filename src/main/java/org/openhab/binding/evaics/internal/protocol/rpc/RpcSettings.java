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
package org.openhab.binding.evaics.internal.protocol.rpc;

import java.time.Duration;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;

/**
 * Settings of one {@link RpcClient} (protocol.md §6.5, §10 steps 3 to 5).
 *
 * @param callTimeout how long a call waits for a valid answer before it fails with
 *            {@link EvaRpcException.Kind#TIMEOUT}
 * @param maxPendingCalls how many calls may wait for an answer at once; more fail at once with
 *            {@link EvaRpcException.Kind#TOO_MANY_PENDING}
 * @param qos the MQTT QoS (0 or 1) of published requests and of the response subscription. 0 by default: a lost
 *            request or answer ends in a timeout either way, and QoS 0 saves a PUBACK round trip per message
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public record RpcSettings(Duration callTimeout, int maxPendingCalls, int qos) {

    /** Default {@link #qos()}. */
    public static final int DEFAULT_QOS = 0;
    /** Highest {@link #qos()} accepted: EVA answers requests at most once, QoS 2 buys nothing. */
    public static final int MAX_QOS = 1;

    private static final RpcSettings DEFAULTS = new RpcSettings(ProtocolLimits.DEFAULT_CALL_TIMEOUT,
            ProtocolLimits.DEFAULT_MAX_PENDING_CALLS, DEFAULT_QOS);

    /**
     * @throws IllegalArgumentException for a timeout that is not positive, a bound below 1 or a QoS other than 0/1
     */
    public RpcSettings {
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("callTimeout must be positive: " + callTimeout);
        }
        if (maxPendingCalls <= 0) {
            throw new IllegalArgumentException("maxPendingCalls must be positive: " + maxPendingCalls);
        }
        if (qos < 0 || qos > MAX_QOS) {
            throw new IllegalArgumentException("qos must be 0 or 1: " + qos);
        }
    }

    /** 5 s timeout, {@link ProtocolLimits#DEFAULT_MAX_PENDING_CALLS} pending calls, QoS 0. */
    public static RpcSettings defaults() {
        return DEFAULTS;
    }

    /** The defaults with the timeout and pending-call bound of {@code limits}. */
    public static RpcSettings from(ProtocolLimits limits) {
        return new RpcSettings(limits.defaultCallTimeout(), limits.maxPendingCalls(), DEFAULT_QOS);
    }

    public RpcSettings withCallTimeout(Duration timeout) {
        return new RpcSettings(timeout, maxPendingCalls, qos);
    }

    public RpcSettings withMaxPendingCalls(int calls) {
        return new RpcSettings(callTimeout, calls, qos);
    }

    public RpcSettings withQos(int newQos) {
        return new RpcSettings(callTimeout, maxPendingCalls, newQos);
    }
}
