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
package org.openhab.core.library.types;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.core.types.Command;
import org.openhab.core.types.PrimitiveType;
import org.openhab.core.types.State;

/**
 * Stand-in of openHAB's {@code DateTimeType}: a point in time. Only the members that exist in both openHAB 4.3 and
 * 5.x are offered; binding code should work with {@link #getInstant()} (5.x deprecates {@link #getZonedDateTime()}).
 * Two values are equal when they denote the same instant.
 */
@NonNullByDefault
public class DateTimeType implements PrimitiveType, State, Command {

    /** openHAB's full string form: ISO local date-time with milliseconds and a numeric offset. */
    private static final DateTimeFormatter FULL_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final ZonedDateTime zonedDateTime;

    public DateTimeType() {
        this(ZonedDateTime.now());
    }

    public DateTimeType(Instant instant) {
        this(instant.atZone(ZoneId.systemDefault()));
    }

    public DateTimeType(ZonedDateTime zoned) {
        this.zonedDateTime = zoned;
    }

    /**
     * @param zonedValue ISO-8601 text: an instant, a date-time with offset or zone, a local date-time or date (read
     *            in the system zone), or openHAB's {@code yyyy-MM-dd'T'HH:mm:ss.SSSZ} form
     * @throws IllegalArgumentException if the text cannot be read
     */
    public DateTimeType(String zonedValue) {
        this.zonedDateTime = parse(zonedValue.trim());
    }

    private static ZonedDateTime parse(String text) {
        try {
            return ZonedDateTime.parse(text);
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return OffsetDateTime.parse(text, FULL_FORMAT).toZonedDateTime();
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return Instant.parse(text).atZone(ZoneId.systemDefault());
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(text).atZone(ZoneId.systemDefault());
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneId.systemDefault());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(text + " is not in a valid date-time format", e);
        }
    }

    public static DateTimeType valueOf(String value) {
        return new DateTimeType(value);
    }

    public Instant getInstant() {
        return zonedDateTime.toInstant();
    }

    public ZonedDateTime getZonedDateTime(ZoneId zoneId) {
        return zonedDateTime.withZoneSameInstant(zoneId);
    }

    /**
     * @return the value in the zone it was created with
     * @deprecated deprecated in openHAB 5; use {@link #getInstant()} or {@link #getZonedDateTime(ZoneId)}
     */
    @Deprecated
    public ZonedDateTime getZonedDateTime() {
        return zonedDateTime;
    }

    @Override
    public String format(@Nullable String pattern) {
        if (pattern == null) {
            return toFullString();
        }
        return String.format(pattern, zonedDateTime);
    }

    @Override
    public String toString() {
        return toFullString();
    }

    @Override
    public String toFullString() {
        return zonedDateTime.format(FULL_FORMAT);
    }

    @Override
    public int hashCode() {
        return getInstant().hashCode();
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        if (this == obj) {
            return true;
        }
        return obj instanceof DateTimeType other && getInstant().equals(other.getInstant());
    }
}
