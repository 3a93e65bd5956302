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

import java.util.Set;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The id of an EVA ICS v3 controller, {@code <product code>/<system name>} such as {@code uc/host1} (protocol.md §1
 * "Words used", §2). It is the {@code c} member of announcements and a part of the controller's API and event topics.
 * <p>
 * Product codes: EVA ICS 3.4 has {@code uc}, {@code lm} and {@code sfa} ({@link #KNOWN_PRODUCT_CODES}). Any other
 * code of lowercase ASCII letters and digits is accepted as well, so that announcements of a product this binding
 * does not know yet still parse; callers that need one of the three (thing configuration) check
 * {@link #isKnownProduct()}.
 * <p>
 * System names must be usable as a single MQTT topic level: not empty, no {@code /}, no MQTT wildcards {@code +}
 * {@code #}, no control characters (including NUL), no leading or trailing white space.
 * <p>
 * The messages of the {@link IllegalArgumentException}s thrown here are meant for users (configuration errors).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public record ControllerId(String productCode, String systemName) {

    /** Product codes of EVA ICS 3.4 (protocol.md §1). */
    public static final Set<String> KNOWN_PRODUCT_CODES = Set.of("uc", "lm", "sfa");

    /** Product codes are short words; the limit only keeps junk from being accepted. */
    public static final int MAX_PRODUCT_CODE_LENGTH = 16;

    /** Host name length limit (RFC 1035), which is what EVA uses as the default system name. */
    public static final int MAX_SYSTEM_NAME_LENGTH = 253;

    private static final String EXAMPLE = "e.g. uc/host1";

    public ControllerId {
        String error = productCodeError(productCode);
        if (error == null) {
            error = systemNameError(systemName);
        }
        if (error != null) {
            throw new IllegalArgumentException(error);
        }
    }

    /**
     * Parses {@code <product code>/<system name>}.
     *
     * @throws IllegalArgumentException with a user-readable message when {@code text} is not a valid controller id
     */
    public static ControllerId parse(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("Controller id is empty; expected <product code>/<system name>, "
                    + EXAMPLE);
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("Controller id " + Texts.quote(text)
                    + " has no '/'; expected <product code>/<system name>, " + EXAMPLE);
        }
        String productCode = text.substring(0, slash);
        String systemName = text.substring(slash + 1);
        String error = productCodeError(productCode);
        if (error == null) {
            error = systemNameError(systemName);
        }
        if (error != null) {
            throw new IllegalArgumentException("Controller id " + Texts.quote(text) + " is invalid: " + error);
        }
        return new ControllerId(productCode, systemName);
    }

    /** Whether the product code is one of {@link #KNOWN_PRODUCT_CODES}. */
    public boolean isKnownProduct() {
        return KNOWN_PRODUCT_CODES.contains(productCode);
    }

    /**
     * A form usable as an openHAB UID segment: {@code <product code>_<system name>} with every character of the
     * system name outside {@code [A-Za-z0-9_-]} replaced by {@code _}. When something was replaced, {@code "__"} and
     * 8 hex digits of SHA-256(system name) are appended, so that {@code my.host} and {@code my_host} do not share a
     * UID (see {@link Oid#uidSegment()}, which works the same way).
     */
    public String uidSegment() {
        return Oid.uidSegment(productCode + "_", systemName, '_');
    }

    /** {@code <product code>/<system name>}, the form EVA uses everywhere. */
    @Override
    public String toString() {
        return productCode + "/" + systemName;
    }

    private static @Nullable String productCodeError(String productCode) {
        if (productCode.isEmpty()) {
            return "the product code is empty (expected uc, lm or sfa)";
        }
        if (productCode.length() > MAX_PRODUCT_CODE_LENGTH) {
            return "the product code is longer than " + MAX_PRODUCT_CODE_LENGTH + " characters";
        }
        char first = productCode.charAt(0);
        if (first < 'a' || first > 'z') {
            return "the product code " + Texts.quote(productCode)
                    + " must start with a lowercase letter (expected uc, lm or sfa)";
        }
        for (int i = 1; i < productCode.length(); i++) {
            char c = productCode.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                return "the product code " + Texts.quote(productCode)
                        + " may only contain lowercase letters and digits (expected uc, lm or sfa)";
            }
        }
        return null;
    }

    private static @Nullable String systemNameError(String systemName) {
        if (systemName.isEmpty()) {
            return "the system name is empty";
        }
        if (systemName.length() > MAX_SYSTEM_NAME_LENGTH) {
            return "the system name is longer than " + MAX_SYSTEM_NAME_LENGTH + " characters";
        }
        if (Character.isWhitespace(systemName.charAt(0))
                || Character.isWhitespace(systemName.charAt(systemName.length() - 1))) {
            return "the system name " + Texts.quote(systemName) + " starts or ends with white space";
        }
        for (int i = 0; i < systemName.length(); i++) {
            char c = systemName.charAt(i);
            switch (c) {
                case '/':
                    return "the system name " + Texts.quote(systemName) + " must not contain '/'";
                case '+':
                case '#':
                    return "the system name " + Texts.quote(systemName) + " must not contain the MQTT wildcard '"
                            + c + "'";
                default:
                    if (Character.isISOControl(c)) {
                        return "the system name " + Texts.quote(systemName)
                                + " must not contain control characters (such as NUL)";
                    }
            }
        }
        return null;
    }
}
