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

import java.security.SecureRandom;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * The one strong random source for IVs (protocol.md §7.1, §7.2: IVs must be unpredictable for CBC). SecureRandom is
 * thread-safe; a single instance avoids reseeding costs per key.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class SecureRandomHolder {

    static final SecureRandom RANDOM = new SecureRandom();

    private SecureRandomHolder() {
    }
}
