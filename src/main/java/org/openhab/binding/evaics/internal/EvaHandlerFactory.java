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
package org.openhab.binding.evaics.internal;

import static org.openhab.binding.evaics.internal.EvaIcsBindingConstants.*;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.handler.EvaBrokerHandler;
import org.openhab.binding.evaics.internal.handler.EvaControllerHandler;
import org.openhab.binding.evaics.internal.handler.EvaLvarHandler;
import org.openhab.binding.evaics.internal.handler.EvaSensorHandler;
import org.openhab.binding.evaics.internal.handler.EvaUnitHandler;
import org.openhab.core.thing.Bridge;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingTypeUID;
import org.openhab.core.thing.binding.BaseThingHandlerFactory;
import org.openhab.core.thing.binding.ThingHandler;
import org.openhab.core.thing.binding.ThingHandlerFactory;
import org.osgi.service.component.annotations.Component;

/**
 * Creates the handlers of the binding's things: the broker and controller bridges and the item things.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
@Component(configurationPid = "binding.evaics", service = ThingHandlerFactory.class)
public class EvaHandlerFactory extends BaseThingHandlerFactory {

    @Override
    public boolean supportsThingType(ThingTypeUID thingTypeUID) {
        return SUPPORTED_THING_TYPES.contains(thingTypeUID);
    }

    @Override
    protected @Nullable ThingHandler createHandler(Thing thing) {
        ThingTypeUID type = thing.getThingTypeUID();
        if (THING_TYPE_BROKER.equals(type) && thing instanceof Bridge bridge) {
            return new EvaBrokerHandler(bridge);
        }
        if (THING_TYPE_CONTROLLER.equals(type) && thing instanceof Bridge bridge) {
            return new EvaControllerHandler(bridge);
        }
        if (ITEM_THING_TYPES.contains(type)) {
            return createItemHandler(thing);
        }
        return null;
    }

    /** Unit, sensor and lvar handlers. */
    private @Nullable ThingHandler createItemHandler(Thing thing) {
        ThingTypeUID type = thing.getThingTypeUID();
        if (THING_TYPE_UNIT.equals(type)) {
            return new EvaUnitHandler(thing);
        }
        if (THING_TYPE_SENSOR.equals(type)) {
            return new EvaSensorHandler(thing);
        }
        return THING_TYPE_LVAR.equals(type) ? new EvaLvarHandler(thing) : null;
    }
}
