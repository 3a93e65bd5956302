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
 * The production {@link BinaryBodyDecoder} for compressed bulk state batches (protocol.md §9.5): the bytes after the
 * {@code 0x00 0x03} header are zlib (RFC 1950) of msgpack, decoded with the same bounded {@link Zlib} and
 * {@link MsgPackJson} as API frames (protocol.md §4.1 step 5, §6.1), so that a batch can neither inflate beyond
 * {@link ProtocolLimits#maxInflatedBytes()} nor nest deeper than {@link ProtocolLimits#maxNestingDepth()}.
 * The binding and the command-line tool both use it. Thread-safe (immutable).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class ZlibMsgPackBodyDecoder implements BinaryBodyDecoder {

    private final ProtocolLimits limits;

    public ZlibMsgPackBodyDecoder(ProtocolLimits limits) {
        this.limits = limits;
    }

    /**
     * @throws FrameException {@link FrameException.Reason#DECOMPRESSION_LIMIT} for a body inflating beyond the limit,
     *             {@link FrameException.Reason#BAD_BODY} or {@link FrameException.Reason#NESTING_TOO_DEEP} for data
     *             that is not one bounded msgpack value
     */
    @Override
    public JsonElement decode(byte[] zlibMsgpack) throws FrameException {
        return MsgPackJson.decode(Zlib.inflate(zlibMsgpack, limits.maxInflatedBytes()), limits.maxNestingDepth());
    }

    @Override
    public String toString() {
        return "ZlibMsgPackBodyDecoder[maxInflatedBytes=" + limits.maxInflatedBytes() + ", maxNestingDepth="
                + limits.maxNestingDepth() + "]";
    }
}
