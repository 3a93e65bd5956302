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
package org.openhab.binding.evaics.internal.protocol.mqtt;

import java.io.IOException;
import java.io.InputStream;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The input stream of one socket behind a {@link PacketSizeGuard}, created on first use and the same one after that
 * (the guard keeps the packet framing state of the connection).
 */
@NonNullByDefault
final class GuardedInput {

    /** The socket's own input stream. */
    @FunctionalInterface
    interface Source {
        InputStream open() throws IOException;
    }

    private final int maxPayloadBytes;
    private @Nullable InputStream stream;

    GuardedInput(int maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
    }

    synchronized InputStream get(Source source) throws IOException {
        InputStream guarded = stream;
        if (guarded == null) {
            guarded = new PacketSizeGuard(source.open(), maxPayloadBytes);
            stream = guarded;
        }
        return guarded;
    }
}
