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

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Size and depth limits applied to everything received from the broker, which anybody with publish rights can
 * write to (spec §11).
 * <p>
 * Minimal stand-in written by the "announce" helper so that the state parser builds on its own; the full version
 * (timeouts, inflated size, pending calls) is owned by the "codec"/lead side and replaces this one on merge.
 *
 * @param maxPayloadBytes largest MQTT payload that is decoded at all
 * @param maxNestingDepth deepest JSON/msgpack nesting (objects plus arrays) that is accepted
 */
@NonNullByDefault
public record ProtocolLimits(int maxPayloadBytes, int maxNestingDepth) {

    /** 1 MiB: far above any real announcement or bulk batch, small enough to bound memory per message. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;

    /** EVA's own payloads nest at most 4 levels (bulk object, list, state, ieid); 64 leaves a wide margin. */
    public static final int DEFAULT_MAX_NESTING_DEPTH = 64;

    public ProtocolLimits {
        if (maxPayloadBytes <= 0) {
            throw new IllegalArgumentException("maxPayloadBytes must be positive, got " + maxPayloadBytes);
        }
        if (maxNestingDepth <= 0) {
            throw new IllegalArgumentException("maxNestingDepth must be positive, got " + maxNestingDepth);
        }
    }

    /** The limits used in production. */
    public static ProtocolLimits defaults() {
        return new ProtocolLimits(DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_MAX_NESTING_DEPTH);
    }
}
