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
 * Configuration of an item thing, see {@code ESH-INF/thing/items.xml}.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public class EvaItemConfig {

    /** The EVA full id {@code <group>/<id>}, e.g. {@code lights/lamp1}; groups may contain {@code /}. */
    public String id = "";

    /** Sensors only: unit symbol of the value (e.g. {@code °C}); empty for plain numbers. */
    public String unit = "";
}
