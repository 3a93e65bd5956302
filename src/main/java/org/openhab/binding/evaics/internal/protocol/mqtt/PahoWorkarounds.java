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

import java.lang.reflect.Field;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works around a bug of Eclipse Paho 1.2.5 (the embedded version; the project publishes no newer release) that a
 * broker restart can trigger.
 * <p>
 * Paho's connect thread ({@code MQTT Con: <client id>}) starts the receiver, sender and callback threads one after the
 * other and waits for each with {@code while (!isRunning()) Thread.sleep(100)}, swallowing interrupts
 * ({@code CommsReceiver.start}, {@code CommsSender.start}, {@code CommsCallback.start}). When the broker closes the
 * socket during the handshake, the receiver reads the end of the stream and shuts the connection down, which stops
 * the other threads too; if one of them stopped before the connect thread looked, that loop never ends, the connect
 * attempt may never complete, and the thread stays for the life of the JVM. {@link MqttTransport} gives each Paho
 * client its own thread pool and one connect attempt; when it retires a client that never connected, it shuts the
 * pool down (so nothing new can start) and this class marks the stopped components as running, so that a waiting
 * loop ends, the connect fails and the thread exits. The loops look every {@link #CONNECT_LOOP_POLL_MILLIS}: the
 * client must not be closed before (closing marks the components stopped again).
 * <p>
 * It reads and writes private Paho fields by reflection; if they are not as expected (another Paho version), it does
 * nothing but log, and a stuck thread stays as it would without this class.
 */
@NonNullByDefault
final class PahoWorkarounds {

    private static final Logger LOGGER = LoggerFactory.getLogger(PahoWorkarounds.class);
    private static final String RUNNING = "RUNNING";
    private static final String STOPPED = "STOPPED";
    /** The fields of Paho's ClientComms holding the components its connect thread waits for. */
    private static final String[] COMPONENTS = { "receiver", "sender", "callback" };
    /** How often Paho's connect thread looks at the receiver state. */
    static final long CONNECT_LOOP_POLL_MILLIS = 100;

    private PahoWorkarounds() {
    }

    /**
     * Ends a connect thread of {@code client} that may wait forever for a component that already stopped. Call only
     * for a client that is being abandoned after a connect attempt that never connected, after its thread pool was
     * shut down, and close that client no sooner than {@link #CONNECT_LOOP_POLL_MILLIS} (twice, to be safe) after
     * this returned true.
     *
     * @return whether a stopped component is now marked running
     */
    static boolean releaseStuckConnect(MqttAsyncClient client) {
        try {
            Object comms = field(MqttAsyncClient.class, "comms").get(client);
            if (comms == null) {
                return false;
            }
            boolean released = false;
            for (String component : COMPONENTS) {
                Object part = field(comms.getClass(), component).get(comms);
                if (part != null && markRunning(part)) {
                    released = true;
                }
            }
            return released;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOGGER.debug("Cannot release the connect thread of an abandoned MQTT client: {}", e.toString());
            return false;
        }
    }

    private static boolean markRunning(Object part) throws ReflectiveOperationException {
        Field current = field(part.getClass(), "current_state");
        Field target = field(part.getClass(), "target_state");
        Object lifecycle = field(part.getClass(), "lifecycle").get(part);
        if (lifecycle == null) {
            return false;
        }
        Object running = enumConstant(current.getType(), RUNNING);
        synchronized (lifecycle) {
            if (!isStopped(current.get(part)) && !isStopped(target.get(part))) {
                return false;
            }
            current.set(part, running);
            target.set(part, running);
        }
        return true;
    }

    private static boolean isStopped(@Nullable Object state) {
        return state instanceof Enum<?> e && STOPPED.equals(e.name());
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    private static Object enumConstant(Class<?> type, String name) throws NoSuchFieldException {
        @Nullable
        Object[] constants = type.getEnumConstants();
        if (constants != null) {
            for (Object constant : constants) {
                if (constant != null && name.equals(((Enum<?>) constant).name())) {
                    return constant;
                }
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }
}
