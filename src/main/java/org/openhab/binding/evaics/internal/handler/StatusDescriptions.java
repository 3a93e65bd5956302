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
 * Builds thing status descriptions that openHAB translates from the binding's i18n file:
 * {@code @text/<key> ["arg"]}.
 * <p>
 * openHAB reads the arguments by dropping every {@code [}, {@code ]} and {@code "} and splitting at commas, so an
 * argument that contains one of them would be cut into pieces or lose characters. Arguments are therefore made
 * safe first: commas become semicolons, brackets become parentheses, double quotes become single quotes, and line
 * breaks become spaces. An argument is also capped at {@link #MAX_ARGUMENT_LENGTH} characters.
 */
@NonNullByDefault
public final class StatusDescriptions {

    public static final String BROKER_CONFIG_INVALID = "offline.config-error.invalid-broker-config";
    public static final String CREDENTIALS_REFUSED = "offline.config-error.credentials-refused";
    public static final String BROKER_UNREACHABLE = "offline.comm-error.broker-unreachable";
    public static final String CONNECTION_LOST = "offline.comm-error.connection-lost";
    public static final String CONTROLLER_CONFIG_INVALID = "offline.config-error.invalid-controller-config";
    public static final String NO_BROKER = "offline.config-error.no-broker";
    public static final String DUPLICATE_CONTROLLER = "offline.config-error.duplicate-controller";
    public static final String CONTROLLER_ACCESS_DENIED = "offline.config-error.controller-access-denied";
    public static final String CONTROLLER_NOT_ANSWERING = "offline.comm-error.controller-not-answering";
    public static final String CONTROLLER_ERROR = "offline.comm-error.controller-error";

    /** Every key above, for the test that checks the i18n file. */
    public static final String[] KEYS = { BROKER_CONFIG_INVALID, CREDENTIALS_REFUSED, BROKER_UNREACHABLE,
            CONNECTION_LOST, CONTROLLER_CONFIG_INVALID, NO_BROKER, DUPLICATE_CONTROLLER, CONTROLLER_ACCESS_DENIED,
            CONTROLLER_NOT_ANSWERING, CONTROLLER_ERROR };

    /** A status line, not a log: longer reasons are cut. */
    public static final int MAX_ARGUMENT_LENGTH = 300;
    private static final String TEXT_PREFIX = "@text/";
    private static final String ELLIPSIS = "...";

    private StatusDescriptions() {
    }

    /** {@code @text/<key> ["<argument>", ...]} with the arguments made safe. */
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
        String text = argument.length() > MAX_ARGUMENT_LENGTH
                ? argument.substring(0, MAX_ARGUMENT_LENGTH - ELLIPSIS.length()) + ELLIPSIS
                : argument;
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case ',' -> sb.append(';');
                case '[' -> sb.append('(');
                case ']' -> sb.append(')');
                case '"' -> sb.append('\'');
                case '\r', '\n', '\t' -> sb.append(' ');
                default -> sb.append(c);
            }
        }
        return sb.toString().trim();
    }
}
