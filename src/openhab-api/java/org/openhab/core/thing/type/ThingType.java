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
package org.openhab.core.thing.type;

import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.core.thing.ThingTypeUID;

/**
 * Minimal stand-in of openHAB's {@code ThingType}, present for the signatures of
 * {@code BaseThingHandlerFactory.getThingTypeByUID}. openHAB builds thing types from the XML descriptors; the
 * stand-in has no registry, so it never creates one (the constructors of the real class differ between 4.3 and 5.x
 * and are therefore not offered).
 */
@NonNullByDefault
public class ThingType {

    private final ThingTypeUID uid;
    private final String label;
    private final @Nullable String description;
    private final @Nullable String representationProperty;
    private final Map<String, String> properties;

    ThingType(ThingTypeUID uid, String label, @Nullable String description, @Nullable String representationProperty,
            Map<String, String> properties) {
        this.uid = uid;
        this.label = label;
        this.description = description;
        this.representationProperty = representationProperty;
        this.properties = Map.copyOf(properties);
    }

    public ThingTypeUID getUID() {
        return uid;
    }

    public String getLabel() {
        return label;
    }

    public @Nullable String getDescription() {
        return description;
    }

    public @Nullable String getRepresentationProperty() {
        return representationProperty;
    }

    public Map<String, String> getProperties() {
        return properties;
    }
}
