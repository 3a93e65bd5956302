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
package org.openhab.binding.evaics.internal.protocol.mqtt;

import java.net.Socket;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The socket a factory created last: tests check the options the transport promised to set, and the transport sees
 * whether the socket of a connect attempt was closed while Paho reported nothing.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
interface SocketTracker {

    /** The most recently created socket (possibly closed by now), or null if none was created. */
    @Nullable
    Socket lastSocket();
}
