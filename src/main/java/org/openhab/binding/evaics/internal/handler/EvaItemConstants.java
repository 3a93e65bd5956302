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
 * Identifiers of the item things (unit, sensor, lvar; their thing types are in EvaIcsBindingConstants): channels, configuration parameters and
 * properties, as declared in {@code ESH-INF/thing/items.xml}.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class EvaItemConstants {

    /** EVA item types (the type part of an OID, protocol.md §8) and at the same time the thing type ids. */
    public static final String TYPE_UNIT = "unit";
    public static final String TYPE_SENSOR = "sensor";
    public static final String TYPE_LVAR = "lvar";

    /** Configuration: the EVA full id {@code <group>/<id>}. */
    public static final String CONFIG_ID = "id";
    /** Sensor configuration: the unit symbol of the value. */
    public static final String CONFIG_UNIT = "unit";


    // channels shared by several item types
    public static final String CHANNEL_STATUS = "status";
    public static final String CHANNEL_VALUE = "value";
    public static final String CHANNEL_SWITCH = "switch";

    // units
    public static final String CHANNEL_NSTATUS = "nstatus";
    public static final String CHANNEL_NVALUE = "nvalue";
    public static final String CHANNEL_ACTION_ENABLED = "action-enabled";
    public static final String CHANNEL_ACTION = "action";

    // sensors
    public static final String CHANNEL_VALUE_STRING = "value-string";

    // lvars
    public static final String CHANNEL_VALUE_NUMBER = "value-number";
    public static final String CHANNEL_EXPIRES = "expires";

    private EvaItemConstants() {
    }
}
