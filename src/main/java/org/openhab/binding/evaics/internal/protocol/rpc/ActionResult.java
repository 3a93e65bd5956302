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
package org.openhab.binding.evaics.internal.protocol.rpc;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

import com.google.gson.JsonObject;

/**
 * An EVA action object (protocol.md §8.5) as returned by {@code action}, {@code action_toggle}, {@code result} and
 * {@code run}.
 *
 * @param uuid the action's uuid
 * @param status the status name ({@code created} ... {@code completed})
 * @param finished whether the action reached a final state
 * @param exitcode the exit code, when there is one
 * @param raw the whole action object as the controller sent it
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public record ActionResult(String uuid, String status, boolean finished, @Nullable Integer exitcode, JsonObject raw) {
}
