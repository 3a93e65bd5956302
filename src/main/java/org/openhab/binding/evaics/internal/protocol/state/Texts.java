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
package org.openhab.binding.evaics.internal.protocol.state;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Helpers for putting untrusted text (topics, payload fragments) into error messages and ignore reasons without
 * flooding logs or injecting line breaks: anybody who can publish on the broker chooses that text (protocol.md §11).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class Texts {

    /** Longest fragment of untrusted text quoted in a message; enough to recognise a topic or an id. */
    static final int MAX_QUOTED_CHARS = 80;

    private static final String ELLIPSIS = "...";

    private Texts() {
    }

    /** {@code text} cut to {@link #MAX_QUOTED_CHARS} characters, without quotes or escaping. */
    static String abbreviate(String text) {
        return text.length() > MAX_QUOTED_CHARS ? text.substring(0, MAX_QUOTED_CHARS) + ELLIPSIS : text;
    }

    /**
     * Quotes {@code text} for a message: at most {@link #MAX_QUOTED_CHARS} characters, control characters shown as
     * {@code \\uXXXX}.
     */
    static String quote(String text) {
        int length = Math.min(text.length(), MAX_QUOTED_CHARS);
        StringBuilder sb = new StringBuilder(length + 8).append('\'');
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (text.length() > MAX_QUOTED_CHARS) {
            sb.append(ELLIPSIS);
        }
        return sb.append('\'').toString();
    }
}
