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
package org.openhab.binding.evaics.internal.protocol.codec;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * A payload that is not an acceptable API frame. The message names the structural problem only; it never contains key
 * material, plaintext or payload bytes.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class FrameException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a payload was refused. */
    public enum Reason {
        /** Not a frame of the expected kind at all: empty, wrong marker byte, not UTF-8 text, no leading '|'. */
        BAD_HEADER,
        /** Looks like a frame but its structure is broken: missing separator, impossible block length, bad padding. */
        MALFORMED,
        /** The MAC does not match: wrong key, or the frame was altered or truncated (protocol.md §7). */
        NOT_AUTHENTIC,
        /** The key id named in a request is not known (server side, protocol.md §4.4). */
        UNKNOWN_KEY_ID,
        /** The payload is bigger than the configured limit. */
        TOO_LARGE,
        /** The zlib body inflates beyond the configured limit. */
        DECOMPRESSION_LIMIT,
        /** The authentic body cannot be decoded: zlib, msgpack, UTF-8 or JSON error. */
        BAD_BODY,
        /** The body nests arrays/objects deeper than the configured limit. */
        NESTING_TOO_DEEP,
        /** A response status other than 0xC8 / "200" (and other than the plain "500|"). */
        BAD_STATUS
    }

    private final Reason reason;

    public FrameException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "FrameException[" + reason + "]: " + getMessage();
    }
}
