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
import java.util.Collection;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNull;
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
 * the other threads too; if the thread being waited for stopped before the connect thread looked, that loop never
 * ends, the connect attempt may never complete, and the thread stays for the life of the JVM.
 * <p>
 * {@link MqttTransport} gives each Paho client an executor of its own ({@link PahoExecutor}, over a pool that may be
 * shared) and one connect attempt, and shuts the executor down when it retires the client, so that nothing new can
 * start on it. While a retired client's tasks still run, this class looks at their threads: a connect thread
 * sleeping in one of those loops gets the component it waits for marked as running, so that the loop ends, the next
 * start is refused by the shut-down executor (or the send fails on the closed client) and the thread goes back to
 * its pool. Only a thread seen in such a loop is touched, so no running component is disturbed. On a pool of fixed
 * size this also gives the thread back: a stuck connect thread would otherwise hold one of the pool's threads for
 * good.
 * <p>
 * It reads and writes private Paho fields by reflection; if they are not as expected (another Paho version), it does
 * nothing but log, and a stuck thread stays as it would without this class.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class PahoWorkarounds {

    private static final Logger LOGGER = LoggerFactory.getLogger(PahoWorkarounds.class);
    private static final String RUNNING = "RUNNING";
    private static final String PAHO_INTERNAL = "org.eclipse.paho.client.mqttv3.internal.";
    private static final String CONNECT_THREAD_CLASS = PAHO_INTERNAL + "ClientComms$ConnectBG";
    private static final String START_METHOD = "start";
    /** The component classes whose start() waits in a loop, and the ClientComms field that holds each. */
    private static final Map<String, String> COMPONENT_FIELDS = Map.of(PAHO_INTERNAL + "CommsReceiver", "receiver",
            PAHO_INTERNAL + "CommsSender", "sender", PAHO_INTERNAL + "CommsCallback", "callback");

    private PahoWorkarounds() {
    }

    /**
     * Ends the wait of every connect thread among {@code threads} (those running {@code client}'s tasks) that sleeps
     * in a component's start loop. Call only for a client that is no longer used.
     *
     * @return how many waits were ended
     */
    static int releaseStuckConnects(MqttAsyncClient client, Collection<Thread> threads) {
        int released = 0;
        for (Thread thread : threads) {
            if (!thread.isAlive()) {
                continue;
            }
            String component = waitedForComponent(thread.getStackTrace());
            if (component != null && markRunning(client, component)) {
                released++;
            }
        }
        return released;
    }

    /** The component class a connect thread waits for in its start loop, or null if the thread is elsewhere. */
    static @Nullable String waitedForComponent(@NonNull StackTraceElement[] stack) {
        for (int i = 0; i + 1 < stack.length; i++) {
            StackTraceElement frame = stack[i];
            if (START_METHOD.equals(frame.getMethodName()) && COMPONENT_FIELDS.containsKey(frame.getClassName())
                    && CONNECT_THREAD_CLASS.equals(stack[i + 1].getClassName())) {
                return frame.getClassName();
            }
        }
        return null;
    }

    private static boolean markRunning(MqttAsyncClient client, String componentClass) {
        try {
            Object comms = field(MqttAsyncClient.class, "comms").get(client);
            if (comms == null) {
                return false;
            }
            String fieldName = COMPONENT_FIELDS.get(componentClass);
            Object part = fieldName == null ? null : field(comms.getClass(), fieldName).get(comms);
            if (part == null || !componentClass.equals(part.getClass().getName())) {
                return false;
            }
            Field current = field(part.getClass(), "current_state");
            Field target = field(part.getClass(), "target_state");
            Object lifecycle = field(part.getClass(), "lifecycle").get(part);
            if (lifecycle == null) {
                return false;
            }
            Object running = enumConstant(current.getType(), RUNNING);
            synchronized (lifecycle) {
                current.set(part, running);
                target.set(part, running);
            }
            LOGGER.debug("Released a Paho connect thread waiting for a stopped {}", part.getClass().getSimpleName());
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOGGER.debug("Cannot release a stuck Paho connect thread: {}", e.toString());
            return false;
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    private static Object enumConstant(Class<?> type, String name) throws NoSuchFieldException {
        var constants = type.getEnumConstants();
        if (constants != null) {
            for (var constant : constants) {
                if (name.equals(((Enum<?>) constant).name())) {
                    return constant;
                }
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }
}
