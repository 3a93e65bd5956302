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

/**
 * A state object, announcement payload or topic that does not have the shape of protocol.md §2 / §9 (wrong types,
 * missing members, invalid JSON or UTF-8). The message says what is wrong and never contains more than a short quote of
 * the untrusted input.
 * <p>
 * Thrown for garbage that anybody can publish (protocol.md §11), so it carries no stack trace: building one would make
 * a flood of garbage costlier than the useful traffic.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class StateFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public StateFormatException(String message) {
        super(message, null, false, false);
    }
}
