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

import java.util.Arrays;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * A configuration value that cannot work, told twice: in English for the log ({@link #getMessage()}) and as the key
 * of a translated status description with its arguments ({@link #statusDescription()}), so that the user reads it
 * in the UI's language. Arguments are values the user typed or limits, never English text.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class ConfigurationProblem extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;
    private static final String KEY_PREFIX = "offline.config-error.";

    private final String key;
    private final List<String> arguments;

    /**
     * @param key the status text's key after {@code offline.config-error.}, e.g. {@code broker-host-empty}
     * @param message the same in English, for the log
     * @param arguments the text's arguments ({0}, {1}, ...)
     */
    public ConfigurationProblem(String key, String message, Object... arguments) {
        super(message);
        this.key = KEY_PREFIX + key;
        this.arguments = Arrays.stream(arguments).map(String::valueOf).toList();
    }

    /** The full i18n key of the status text. */
    public String key() {
        return key;
    }

    /** The translated status description: {@code @text/key [args]}. */
    public String statusDescription() {
        return StatusDescriptions.text(key, arguments.toArray(String[]::new));
    }

    /**
     * The status description for any configuration failure: the translated text of a {@link ConfigurationProblem},
     * else the generic text of {@code fallbackKey} with the English message (a failure the binding did not foresee).
     */
    static String describe(IllegalArgumentException e, String fallbackKey) {
        return e instanceof ConfigurationProblem problem ? problem.statusDescription()
                : StatusDescriptions.text(fallbackKey, String.valueOf(e.getMessage()));
    }
}
