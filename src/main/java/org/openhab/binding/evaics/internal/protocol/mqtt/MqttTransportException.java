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

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The failure of a transport operation, as delivered through the futures of {@link MqttTransport}.
 * Messages never contain credentials.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class MqttTransportException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the operation failed. */
    public enum Reason {
        /** Not connected at the time of the call; nothing was sent and nothing is queued. */
        NOT_CONNECTED,
        /** The transport was closed before the operation completed. */
        CLOSED,
        /** The connection was lost before the broker acknowledged the operation. */
        CONNECTION_LOST,
        /** The broker refused a subscription (SUBACK return code 0x80, MQTT 3.1.1 §3.9.3). */
        SUBSCRIPTION_REFUSED,
        /** The subscription was removed before the broker acknowledged it. */
        UNSUBSCRIBED,
        /** Paho rejected or failed the operation, e.g. too many messages in flight. */
        FAILED
    }

    private final Reason reason;

    public MqttTransportException(Reason reason, String message) {
        this(reason, message, null);
    }

    public MqttTransportException(Reason reason, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
