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
 * Builds the thing status descriptions of all things of the binding (bridges and items) that openHAB translates from
 * {@code ESH-INF/i18n/evaics.properties}: {@code @text/<key> ["arg", ...]}.
 * <p>
 * openHAB reads the arguments by dropping every {@code [}, {@code ]} and {@code "} and splitting at commas, and it
 * shows them as they are (it does not undo escapes), so an argument that contains one of them would be cut into
 * pieces or lose characters. Arguments (an item id typed by a user, a reason from the broker or the controller) are
 * therefore made safe with readable look-alikes: commas become semicolons, brackets become parentheses, double
 * quotes become single quotes, tabs and line breaks become spaces, and any other control character becomes its
 * visible Unicode control picture (NUL is shown as {@code U+2400}) so the user can see where it is. An argument is
 * capped at {@link #MAX_ARGUMENT_LENGTH} characters.
 * <p>
 * A status description is shown to every user of the UI: callers pass ids and reasons, never keys or passwords.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class StatusDescriptions {

    // bridges
    public static final String BROKER_CONFIG_INVALID = "offline.config-error.invalid-broker-config";
    public static final String CREDENTIALS_REFUSED = "offline.config-error.credentials-refused";
    public static final String BROKER_UNREACHABLE = "offline.comm-error.broker-unreachable";
    public static final String CONNECTION_LOST = "offline.comm-error.connection-lost";
    public static final String CERTIFICATE_PIN_MISMATCH = "offline.comm-error.certificate-pin-mismatch";
    public static final String PUBLIC_KEY_PIN_MISMATCH = "offline.comm-error.public-key-pin-mismatch";
    public static final String CONTROLLER_CONFIG_INVALID = "offline.config-error.invalid-controller-config";
    public static final String NO_BROKER = "offline.config-error.no-broker";
    public static final String DUPLICATE_CONTROLLER = "offline.config-error.duplicate-controller";
    public static final String CONTROLLER_ACCESS_DENIED = "offline.config-error.controller-access-denied";
    public static final String CONTROLLER_NOT_ANSWERING = "offline.comm-error.controller-not-answering";
    public static final String CONTROLLER_SEEN_NOT_ANSWERING = "offline.comm-error.controller-seen-not-answering";
    public static final String CONTROLLER_ERROR = "offline.comm-error.controller-error";

    // items
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

    /** Every key above, for the tests that check the i18n file. */
    public static final String[] KEYS = { BROKER_CONFIG_INVALID, CREDENTIALS_REFUSED, BROKER_UNREACHABLE,
            CONNECTION_LOST, CERTIFICATE_PIN_MISMATCH, PUBLIC_KEY_PIN_MISMATCH, CONTROLLER_CONFIG_INVALID, NO_BROKER,
            DUPLICATE_CONTROLLER, CONTROLLER_ACCESS_DENIED, CONTROLLER_NOT_ANSWERING, CONTROLLER_ERROR, MISSING_ID,
            INVALID_ID, ID_WILDCARD, ID_CONTROL_CHARACTER, UNKNOWN_UNIT, UNSUPPORTED_UNIT, NO_BRIDGE,
            NOT_A_CONTROLLER, ACCESS_DENIED, GONE_REMOVED, GONE_NOT_FOUND, CONTROLLER_SEEN_NOT_ANSWERING };

    /** A status line, not a log: longer arguments are cut, the ellipsis included. */
    public static final int MAX_ARGUMENT_LENGTH = 300;
    private static final String TEXT_PREFIX = "@text/";
    private static final String ELLIPSIS = "...";
    /** Unicode "control pictures": U+2400 + c shows the C0 control character c. */
    private static final char CONTROL_PICTURES = '\u2400';
    private static final char DELETE = '\u007f';
    private static final char DELETE_PICTURE = '\u2421';
    /** C1 control characters have no picture of their own. */
    private static final char REPLACEMENT_CHARACTER = '\ufffd';

    private StatusDescriptions() {
    }

    /** {@code @text/<key>} followed by {@code ["<argument>", ...]} with the arguments made safe, if there are any. */
    public static String text(String key, String... arguments) {
        StringBuilder sb = new StringBuilder(TEXT_PREFIX).append(key);
        if (arguments.length > 0) {
            sb.append(" [");
            for (int i = 0; i < arguments.length; i++) {
                sb.append(i == 0 ? "\"" : ", \"").append(safe(arguments[i])).append('"');
            }
            sb.append(']');
        }
        return sb.toString();
    }

    /** The argument as openHAB will show it. */
    static String safe(String argument) {
        String text = argument;
        if (text.length() > MAX_ARGUMENT_LENGTH) {
            int end = MAX_ARGUMENT_LENGTH - ELLIPSIS.length();
            // never leave half of a surrogate pair behind
            if (Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            text = text.substring(0, end) + ELLIPSIS;
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case ',' -> sb.append(';');
                case '[' -> sb.append('(');
                case ']' -> sb.append(')');
                case '"' -> sb.append('\'');
                case '\r', '\n', '\t' -> sb.append(' ');
                default -> sb.append(Character.isISOControl(c) ? controlPicture(c) : c);
            }
        }
        return sb.toString().trim();
    }

    private static char controlPicture(char c) {
        if (c < ' ') {
            return (char) (CONTROL_PICTURES + c);
        }
        return c == DELETE ? DELETE_PICTURE : REPLACEMENT_CHARACTER;
    }
}
