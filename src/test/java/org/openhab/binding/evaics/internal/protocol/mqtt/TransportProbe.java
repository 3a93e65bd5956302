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

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Records what a transport reports (connection events, messages) so that tests can wait for them with a
 * bounded timeout instead of sleeping.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class TransportProbe implements MqttConnectionListener, MqttMessageListener {

    /** Generous: only reached when something is broken. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** How long to make sure that something does not happen. */
    static final Duration QUIET = Duration.ofMillis(300);

    record Event(String kind, String detail, boolean flag) {
    }

    record Message(String topic, String payload, boolean retained) {
    }

    final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    /** Every event ever reported, also those {@link #await} skipped or took. */
    final List<Event> history = new CopyOnWriteArrayList<>();
    final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    /** Messages dropped for their size: the payload here is the dropped size in decimal. */
    final BlockingQueue<Message> oversize = new LinkedBlockingQueue<>();

    private void record(Event event) {
        history.add(event);
        events.add(event);
    }

    @Override
    public void connected(boolean reconnect) {
        record(new Event("connected", "", reconnect));
    }

    @Override
    public void connectionLost(String reason) {
        record(new Event("connectionLost", reason, false));
    }

    @Override
    public void connectFailed(String reason, boolean authenticationRefused) {
        record(new Event("connectFailed", reason, authenticationRefused));
    }

    @Override
    public void pinRefused(PinMismatchException mismatch) {
        record(new Event("pinRefused", String.valueOf(mismatch.getMessage()), false));
    }

    @Override
    public void pinLearned(ServerPin pin) {
        record(new Event("pinLearned", pin.kind() + " " + pin, false));
    }

    @Override
    public void onMessage(String topic, byte[] payload, boolean retained) {
        messages.add(new Message(topic, new String(payload, StandardCharsets.UTF_8), retained));
    }

    @Override
    public void onOversize(String topic, long payloadBytes) {
        oversize.add(new Message(topic, Long.toString(payloadBytes), false));
    }

    /** The next message dropped for its size. */
    Message awaitOversize() {
        try {
            Message message = oversize.poll(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
            return message != null ? message : fail("no oversize message within " + TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    /** The next event of this kind; events of other kinds before it are skipped. */
    Event await(String kind) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            while (true) {
                Event event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (event == null) {
                    return fail("no '" + kind + "' event within " + TIMEOUT);
                }
                if (event.kind().equals(kind)) {
                    return event;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    Message awaitMessage() {
        try {
            Message message = messages.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return message != null ? message : fail("no message within " + TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    /** Waits for the message on {@code topic}, failing on any other message first. */
    Message awaitMessage(String topic) {
        Message message = awaitMessage();
        assertEquals(topic, message.topic(), () -> "unexpected message " + message);
        return message;
    }

    void assertNoMoreMessages() {
        try {
            Message message = messages.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS);
            assertNull(message, () -> "unexpected message " + message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static <T> @Nullable T await(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        } catch (ExecutionException e) {
            return fail("future failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            return fail("future not done within " + TIMEOUT);
        }
    }

    /** The failure of a future that must fail (and be done already when {@code atOnce}). */
    static MqttTransportException failure(CompletableFuture<?> future, boolean atOnce) {
        if (atOnce) {
            assertTrue(future.isDone(), "must fail at once");
        }
        try {
            future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return fail("future did not fail");
        } catch (ExecutionException e) {
            return assertInstanceOf(MqttTransportException.class, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        } catch (TimeoutException e) {
            return fail("future not done within " + TIMEOUT);
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static List<Message> drain(BlockingQueue<Message> queue) {
        List<Message> drained = new java.util.ArrayList<>();
        queue.drainTo(drained);
        return drained;
    }
}
