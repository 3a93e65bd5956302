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

import static org.openhab.binding.evaics.internal.EvaIcsBindingConstants.BINDING_ID;

import java.util.Set;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.core.thing.ThingTypeUID;

/**
 * Identifiers of the item things (unit, sensor, lvar): thing types, channels, configuration parameters and
 * properties, as declared in {@code ESH-INF/thing/items.xml}.
 */
@NonNullByDefault
public final class EvaItemConstants {

    /** EVA item types (the type part of an OID, spec §8) and at the same time the thing type ids. */
    public static final String TYPE_UNIT = "unit";
    public static final String TYPE_SENSOR = "sensor";
    public static final String TYPE_LVAR = "lvar";

    public static final ThingTypeUID THING_TYPE_UNIT = new ThingTypeUID(BINDING_ID, TYPE_UNIT);
    public static final ThingTypeUID THING_TYPE_SENSOR = new ThingTypeUID(BINDING_ID, TYPE_SENSOR);
    public static final ThingTypeUID THING_TYPE_LVAR = new ThingTypeUID(BINDING_ID, TYPE_LVAR);

    /** The item thing types, for the handler factory. */
    public static final Set<ThingTypeUID> ITEM_THING_TYPES = Set.of(THING_TYPE_UNIT, THING_TYPE_SENSOR,
            THING_TYPE_LVAR);

    /** Configuration: the EVA full id {@code <group>/<id>}. */
    public static final String CONFIG_ID = "id";
    /** Sensor configuration: the unit symbol of the value. */
    public static final String CONFIG_UNIT = "unit";

    /** Thing (and discovery) property holding the OID {@code <type>:<group>/<id>}; the representation property. */
    public static final String PROPERTY_OID = "oid";

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
