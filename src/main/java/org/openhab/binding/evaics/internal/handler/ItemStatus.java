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
package org.openhab.binding.evaics.internal.handler;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * EVA item status numbers (protocol.md §9.2) the handlers give a meaning to.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class ItemStatus {

    /** Unit off; lvar disabled or timer stopped; sensor disabled. */
    public static final int OFF = 0;
    /** Unit on; lvar active; sensor OK. */
    public static final int ON = 1;
    /** Error, or an expired lvar timer / sensor value. */
    public static final int ERROR = -1;

    private ItemStatus() {
    }
}
