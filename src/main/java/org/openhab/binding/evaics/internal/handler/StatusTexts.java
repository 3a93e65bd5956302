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
package org.openhab.binding.evaics.internal.handler;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Thing status descriptions of the item things: keys of {@code ESH-INF/i18n/evaics.properties} and the
 * {@code @text/<key> ["arg", ...]} form openHAB translates.
 * <p>
 * openHAB splits the arguments by removing every {@code [}, {@code ]} and {@code "} and cutting at {@code ,}, so an
 * argument (an item id typed by a user, a reason from the controller) must contain none of these; they, the
 * backslash and control characters are written as Java unicode escapes (backslash, u, four hex digits). Long
 * arguments are shortened.
 */
@NonNullByDefault
public final class StatusTexts {

    public static final String MISSING_ID = "offline.config-error.missing-id";
    public static final String INVALID_ID = "offline.config-error.invalid-id";
    public static final String ID_WILDCARD = "offline.config-error.id-wildcard";
    public static final String ID_CONTROL_CHARACTER = "offline.config-error.id-control-character";
    public static final String UNKNOWN_UNIT = "offline.config-error.unknown-unit";
    public static final String UNSUPPORTED_UNIT = "offline.config-error.unsupported-unit";
    public static final String NO_BRIDGE = "offline.config-error.no-bridge";
    public static final String NOT_A_CONTROLLER = "offline.config-error.not-a-controller";
    public static final String ACCESS_DENIED = "offline.config-error.access-denied";
    public static final String GONE_REMOVED = "offline.gone.removed";
    public static final String GONE_NOT_FOUND = "offline.gone.not-found";

    /** Every key above, for the test that checks the i18n file. */
    public static final String[] KEYS = { MISSING_ID, INVALID_ID, ID_WILDCARD, ID_CONTROL_CHARACTER, UNKNOWN_UNIT,
            UNSUPPORTED_UNIT, NO_BRIDGE, NOT_A_CONTROLLER, ACCESS_DENIED, GONE_REMOVED, GONE_NOT_FOUND };

    /** Arguments longer than this are cut: a status line is not the place for a whole payload. */
    public static final int MAX_ARGUMENT_LENGTH = 120;

    private static final String PREFIX = "@text/";
    private static final String ELLIPSIS = "...";

    private StatusTexts() {
    }

    /** {@code @text/<key>} followed by the arguments, if any. */
    public static String of(String key, String... args) {
        StringBuilder sb = new StringBuilder(PREFIX).append(key);
        if (args.length > 0) {
            sb.append(" [");
            for (int i = 0; i < args.length; i++) {
                sb.append(i == 0 ? "\"" : ", \"").append(argument(args[i])).append('"');
            }
            sb.append(']');
        }
        return sb.toString();
    }

    /** The argument in a form that survives openHAB's argument splitting unchanged. */
    static String argument(String text) {
        boolean cut = text.length() > MAX_ARGUMENT_LENGTH;
        String shown = cut ? text.substring(0, MAX_ARGUMENT_LENGTH) : text;
        StringBuilder sb = new StringBuilder(shown.length() + ELLIPSIS.length());
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (c == '[' || c == ']' || c == '"' || c == ',' || c == '\\' || Character.isISOControl(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (cut) {
            sb.append(ELLIPSIS);
        }
        return sb.toString();
    }
}
