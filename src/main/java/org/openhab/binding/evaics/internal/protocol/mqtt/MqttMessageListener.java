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

/**
 * Receives the messages of a subscription registered with {@link MqttTransport#subscribe}.
 * <p>
 * Called on Paho's callback thread, one message at a time, for every incoming message whose topic matches the
 * filter (MQTT 3.1.1 §4.7). It must return quickly (the hot path carries tens of thousands of messages per
 * second) and must not throw; the transport catches anything thrown anyway, because an exception reaching
 * Paho would drop the connection. It must not call {@link MqttTransport#close()}.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@FunctionalInterface
@NonNullByDefault
public interface MqttMessageListener {

    /**
     * @param topic the topic the message was published to
     * @param payload the payload; the same array goes to every listener of this message, so it must not be
     *            modified
     * @param retained whether the broker sent it as a retained message (MQTT 3.1.1 §3.3.1.3)
     */
    void onMessage(String topic, byte[] payload, boolean retained);

    /**
     * A message on a matching topic was dropped unread because its payload was larger than
     * {@link MqttSettings#maxPayloadBytes()}; the transport has logged it already. Same threading rules as
     * {@link #onMessage}. Nothing by default.
     *
     * @param topic the topic the message was published to
     * @param payloadBytes the size of the dropped payload, or -1 if unknown
     */
    default void onOversize(String topic, long payloadBytes) {
    }
}
