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
package org.openhab.binding.evaics.internal.protocol;

import java.time.Duration;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Resource limits applied to everything received from the broker, so that a hostile or broken peer cannot make the
 * binding allocate unbounded memory, recurse without bound or keep unbounded state (protocol.md §4, §7.1, §11).
 *
 * @param maxPayloadBytes largest MQTT payload, in bytes, that is decoded at all; bigger payloads are rejected before
 *            they are decoded or copied (the MQTT client has read them into memory by then: only the broker's
 *            maximum packet size can stop them earlier)
 * @param maxInflatedBytes largest size, in bytes, a zlib body may inflate to (zlib bomb guard)
 * @param maxNestingDepth deepest nesting of JSON arrays/objects (or msgpack arrays/maps) accepted in a body; the
 *            outermost container counts as depth 1
 * @param maxPendingCalls most API calls one client keeps waiting for an answer at the same time
 * @param defaultCallTimeout how long a call waits for its answer when the caller gives no timeout
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public record ProtocolLimits(int maxPayloadBytes, int maxInflatedBytes, int maxNestingDepth, int maxPendingCalls,
        Duration defaultCallTimeout) {

    /** One MiB, in bytes. */
    public static final int ONE_MIB_BYTES = 1024 * 1024;
    /** Default {@link #maxPayloadBytes()}: 1 MiB. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = ONE_MIB_BYTES;
    /** Default {@link #maxInflatedBytes()}: 16 MiB. */
    public static final int DEFAULT_MAX_INFLATED_BYTES = 16 * ONE_MIB_BYTES;
    /** Default {@link #maxNestingDepth()}: 64 levels. */
    public static final int DEFAULT_MAX_NESTING_DEPTH = 64;
    /**
     * Default {@link #maxPendingCalls()}: 1,024 calls, so that a controller bridge's batched refreshes (4 frames of 125
     * calls in flight) leave room for as many commands.
     */
    public static final int DEFAULT_MAX_PENDING_CALLS = 1024;
    /** Default {@link #defaultCallTimeout()}: 5 s. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(5);

    private static final ProtocolLimits DEFAULTS = new ProtocolLimits(DEFAULT_MAX_PAYLOAD_BYTES,
            DEFAULT_MAX_INFLATED_BYTES, DEFAULT_MAX_NESTING_DEPTH, DEFAULT_MAX_PENDING_CALLS, DEFAULT_CALL_TIMEOUT);

    /**
     * @throws IllegalArgumentException if a limit is not positive
     */
    public ProtocolLimits {
        requirePositive(maxPayloadBytes, "maxPayloadBytes");
        requirePositive(maxInflatedBytes, "maxInflatedBytes");
        requirePositive(maxNestingDepth, "maxNestingDepth");
        requirePositive(maxPendingCalls, "maxPendingCalls");
        if (defaultCallTimeout.isNegative() || defaultCallTimeout.isZero()) {
            throw new IllegalArgumentException("defaultCallTimeout must be positive: " + defaultCallTimeout);
        }
    }

    /** The limits the binding uses unless configured otherwise. */
    public static ProtocolLimits defaults() {
        return DEFAULTS;
    }

    public ProtocolLimits withMaxPayloadBytes(int bytes) {
        return new ProtocolLimits(bytes, maxInflatedBytes, maxNestingDepth, maxPendingCalls, defaultCallTimeout);
    }

    public ProtocolLimits withMaxInflatedBytes(int bytes) {
        return new ProtocolLimits(maxPayloadBytes, bytes, maxNestingDepth, maxPendingCalls, defaultCallTimeout);
    }

    public ProtocolLimits withMaxNestingDepth(int depth) {
        return new ProtocolLimits(maxPayloadBytes, maxInflatedBytes, depth, maxPendingCalls, defaultCallTimeout);
    }

    public ProtocolLimits withMaxPendingCalls(int calls) {
        return new ProtocolLimits(maxPayloadBytes, maxInflatedBytes, maxNestingDepth, calls, defaultCallTimeout);
    }

    public ProtocolLimits withDefaultCallTimeout(Duration timeout) {
        return new ProtocolLimits(maxPayloadBytes, maxInflatedBytes, maxNestingDepth, maxPendingCalls, timeout);
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
