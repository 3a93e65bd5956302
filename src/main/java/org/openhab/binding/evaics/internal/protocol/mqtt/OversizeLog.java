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

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and logs the PUBLISH messages an {@link MqttTransport} dropped unread for their size ({@link PacketSizeGuard},
 * issue 6 item 3): a warning at most once per {@link #WARNING_INTERVAL_NANOS}, with the count since the last one, the
 * others at debug. Logs as the transport does (its logger name). Thread-safe.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class OversizeLog {

    /** A hostile broker can send oversize messages in a flood: one warning per minute, the rest at debug. */
    static final long WARNING_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Logger logger = LoggerFactory.getLogger(MqttTransport.class);
    private final String clientId;
    private final int maxPayloadBytes;
    private final AtomicLong drops = new AtomicLong();
    private final AtomicLong dropsWarned = new AtomicLong();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime());

    OversizeLog(String clientId, int maxPayloadBytes) {
        this.clientId = clientId;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /**
     * Counts and logs a PUBLISH whose payload {@link PacketSizeGuard} skipped: its payload is the skipped size in
     * decimal (a topic starting with the guard's prefix cannot come from a broker that follows MQTT, and if one sends
     * it anyway, this reports a drop of unknown size).
     *
     * @return the skipped size, -1 if unknown
     */
    long dropped(String topic, byte[] sizeText) {
        long size;
        try {
            size = Long.parseLong(new String(sizeText, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            size = -1;
        }
        long count = drops.incrementAndGet();
        long now = System.nanoTime();
        long last = lastWarning.get();
        boolean warn = (count == 1 || now - last >= WARNING_INTERVAL_NANOS) && lastWarning.compareAndSet(last, now);
        String sizeDescription = size < 0 ? "a message of unknown size" : "a message of " + size + " bytes";
        if (warn) {
            long since = count - dropsWarned.getAndSet(count);
            logger.warn(
                    "MQTT client {} dropped {} on '{}' unread: above the limit of {} bytes ({} such message(s) since"
                            + " the last warning)",
                    clientId, sizeDescription, topic, maxPayloadBytes, since);
        } else {
            logger.debug("MQTT client {} dropped {} on '{}' unread: above the limit of {} bytes", clientId,
                    sizeDescription, topic, maxPayloadBytes);
        }
        return size;
    }

    /** How many messages were dropped so far. */
    long drops() {
        return drops.get();
    }
}
