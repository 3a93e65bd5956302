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
 * Observes the connection of an {@link MqttTransport}.
 * <p>
 * Notifications are delivered one at a time, in order, as tasks of the transport's scheduler (one task at a time,
 * on a pool thread that may be shared, see {@link SerialExecutor}); a listener must return quickly because the
 * same scheduler times reconnect attempts. Nothing is delivered after
 * {@link MqttTransport#close()}.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public interface MqttConnectionListener {

    /**
     * The transport is connected and every registered subscription has been restored (SUBACK received).
     *
     * @param reconnect false for the first connection of this transport, true for every later one
     */
    default void connected(boolean reconnect) {
    }

    /** An established connection was lost; the transport reconnects on its own. */
    default void connectionLost(String reason) {
    }

    /**
     * A connection attempt failed; the transport retries with a growing delay.
     *
     * @param authenticationRefused the broker refused the credentials (CONNACK return code 4 or 5,
     *            MQTT 3.1.1 §3.2.2.3): retrying will not help until the configuration changes
     */
    default void connectFailed(String reason, boolean authenticationRefused) {
    }

    /**
     * A connection attempt failed because the broker's certificate or public key does not match the pin
     * ({@link MqttSettings.Builder#certificatePin}); the transport retries with a growing delay, and only a broker
     * that presents the pinned certificate again is accepted. By default reported as {@link #connectFailed}.
     */
    default void pinRefused(PinMismatchException mismatch) {
        connectFailed(String.valueOf(mismatch.getMessage()), false);
    }

    /**
     * The first successful connection pinned the broker's certificate or public key: from now on this transport
     * accepts only a broker that matches it. The owner stores it to keep it across transports (restarts).
     */
    default void pinLearned(ServerPin pin) {
    }
}
