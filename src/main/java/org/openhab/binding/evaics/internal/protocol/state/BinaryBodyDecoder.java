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

import com.google.gson.JsonElement;

/**
 * Decodes the body of a compressed bulk state batch, i.e. the bytes after the {@code 0x00 0x03} header: zlib of
 * msgpack (protocol.md §9.5). Implementations bound the inflated size and the nesting depth and throw on anything they
 * cannot decode; {@link AnnouncementParser} turns every failure into an ignored message.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
@FunctionalInterface
public interface BinaryBodyDecoder {

    /**
     * @param zlibMsgpack the compressed msgpack data
     * @return the decoded object
     * @throws Exception if the data cannot be decoded within the limits
     */
    JsonElement decode(byte[] zlibMsgpack) throws Exception;
}
