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
package org.openhab.core.config.core;

import java.net.URI;
import java.util.Locale;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Minimal stand-in of openHAB's {@code ConfigDescriptionRegistry}, present for the signature of
 * {@code BaseThingHandlerFactory.getConfigDescriptionRegistry()}. The stand-in has no descriptions.
 */
@NonNullByDefault
public class ConfigDescriptionRegistry {

    ConfigDescriptionRegistry() {
    }

    public @Nullable ConfigDescription getConfigDescription(URI uri, @Nullable Locale locale) {
        return null;
    }

    public @Nullable ConfigDescription getConfigDescription(URI uri) {
        return getConfigDescription(uri, null);
    }
}
