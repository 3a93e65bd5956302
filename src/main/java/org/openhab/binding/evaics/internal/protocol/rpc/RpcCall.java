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

import com.google.gson.JsonObject;

/**
 * One JSON-RPC call of a batch ({@link RpcClient#callBatch}): the method and its params without {@code k}
 * (protocol.md §6.1, §6.3).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public record RpcCall(String method, JsonObject params) {
}
