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
package org.openhab.binding.evaics.internal.protocol.state;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.codec.FrameException;
import org.openhab.binding.evaics.internal.protocol.codec.MsgPackJson;
import org.openhab.binding.evaics.internal.protocol.codec.Zlib;

import com.google.gson.JsonElement;

/**
 * The production {@link BinaryBodyDecoder}: zlib, then msgpack (spec §9.5), bounded by the inflated size and
 * nesting depth of {@link ProtocolLimits}.
 */
@NonNullByDefault
public final class ZlibMsgPackBodyDecoder implements BinaryBodyDecoder {

    private final ProtocolLimits limits;

    public ZlibMsgPackBodyDecoder(ProtocolLimits limits) {
        this.limits = limits;
    }

    @Override
    public JsonElement decode(byte[] zlibMsgpack) throws FrameException {
        return MsgPackJson.decode(Zlib.inflate(zlibMsgpack, limits.maxInflatedBytes()), limits.maxNestingDepth());
    }
}
