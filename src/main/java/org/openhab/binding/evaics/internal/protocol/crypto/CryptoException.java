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
package org.openhab.binding.evaics.internal.protocol.crypto;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * An encrypted block or Fernet token could not be opened (protocol.md §7.1 decryption steps 1 to 4, §7.2). The message
 * describes the structural problem only; it never contains key material or plaintext.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class CryptoException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the block was refused. */
    public enum Kind {
        /** Wrong length, wrong version byte, undecodable text or bad padding: not a well-formed block. */
        MALFORMED,
        /** The MAC does not match: wrong key or altered data. */
        NOT_AUTHENTIC
    }

    private final Kind kind;

    public CryptoException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
