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
package org.openhab.core.common;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Stand-in of openHAB's {@code AbstractUID}: an immutable, colon separated identifier made of segments.
 * Every segment must consist of letters, digits, {@code _} and {@code -} only; anything else is refused with an
 * {@link IllegalArgumentException}, exactly as the real class does, so that identifiers the binding derives from
 * EVA ICS object ids fail in unit tests the same way they would fail in openHAB.
 */
@NonNullByDefault
public abstract class AbstractUID {

    public static final String SEPARATOR = ":";

    private static final Pattern SEGMENT = Pattern.compile("[\\w-]*");

    private final List<String> segments;

    /**
     * For reflection only (the real class keeps it for deserialisation).
     */
    public AbstractUID() {
        this.segments = List.of();
    }

    /**
     * @param uid the colon separated form, e.g. {@code binding:type:id}
     */
    public AbstractUID(String uid) {
        this(Arrays.asList(uid.split(SEPARATOR)));
    }

    /**
     * @param segments the segments in order
     */
    public AbstractUID(String... segments) {
        this(Arrays.asList(segments));
    }

    /**
     * @param segments the segments in order
     */
    public AbstractUID(List<String> segments) {
        int minimum = getMinimalNumberOfSegments();
        if (segments.size() < minimum) {
            throw new IllegalArgumentException(
                    "UID must have at least " + minimum + " segments: " + String.join(SEPARATOR, segments));
        }
        for (int i = 0; i < segments.size(); i++) {
            validateSegment(segments.get(i), i, segments.size());
        }
        this.segments = List.copyOf(segments);
    }

    /**
     * Tells whether a string may be used as one segment of a UID.
     *
     * @param segment the candidate segment
     * @return true if it only contains letters, digits, {@code _} and {@code -}
     */
    public static boolean isValid(@Nullable String segment) {
        return segment != null && SEGMENT.matcher(segment).matches();
    }

    /**
     * @return how many segments a UID of this kind needs at least
     */
    protected abstract int getMinimalNumberOfSegments();

    protected List<String> getAllSegments() {
        return segments;
    }

    protected String getSegment(int segment) {
        return segments.get(segment);
    }

    protected void validateSegment(String segment, int index, int length) {
        if (!isValid(segment)) {
            throw new IllegalArgumentException("ID segment '" + segment
                    + "' contains invalid characters. Each segment of the ID must match the pattern "
                    + SEGMENT.pattern() + ".");
        }
    }

    public String getAsString() {
        return String.join(SEPARATOR, segments);
    }

    @Override
    public String toString() {
        return getAsString();
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        if (this == obj) {
            return true;
        }
        if (obj == null || getClass() != obj.getClass()) {
            return false;
        }
        return segments.equals(((AbstractUID) obj).segments);
    }
}
