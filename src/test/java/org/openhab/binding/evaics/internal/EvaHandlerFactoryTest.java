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

import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.evaics.internal.EvaIcsBindingConstants.*;

import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.openhab.binding.evaics.internal.action.EvaControllerActions;
import org.openhab.binding.evaics.internal.discovery.EvaItemDiscoveryService;
import org.openhab.binding.evaics.internal.handler.EvaBrokerHandler;
import org.openhab.binding.evaics.internal.handler.EvaControllerHandler;
import org.openhab.core.config.core.Configuration;
import org.openhab.core.thing.Bridge;
import org.openhab.core.thing.ThingTypeUID;
import org.openhab.core.thing.ThingUID;
import org.openhab.core.thing.binding.builder.BridgeBuilder;
import org.openhab.core.thing.binding.builder.ThingBuilder;

/**
 * The handler factory supports the binding's five thing types and creates the bridge handlers with their services.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class EvaHandlerFactoryTest {

    private final EvaHandlerFactory factory = new EvaHandlerFactory();

    @Test
    void supportsTheFiveThingTypesOfTheBinding() {
        for (ThingTypeUID type : List.of(THING_TYPE_BROKER, THING_TYPE_CONTROLLER, THING_TYPE_UNIT,
                THING_TYPE_SENSOR, THING_TYPE_LVAR)) {
            assertTrue(factory.supportsThingType(type), type.toString());
        }
        assertFalse(factory.supportsThingType(new ThingTypeUID(BINDING_ID, "macro")));
        assertFalse(factory.supportsThingType(new ThingTypeUID("mqtt", "broker")));
    }

    @Test
    void createsTheBrokerHandler() {
        Bridge broker = BridgeBuilder.create(THING_TYPE_BROKER, "b").withConfiguration(new Configuration()).build();

        assertInstanceOf(EvaBrokerHandler.class, factory.createHandler(broker));
    }

    @Test
    void createsTheControllerHandlerWithItemDiscoveryAndActions() {
        Bridge controller = BridgeBuilder.create(THING_TYPE_CONTROLLER, "c")
                .withConfiguration(new Configuration(Map.of("controllerId", "uc/host1"))).build();

        EvaControllerHandler handler = assertInstanceOf(EvaControllerHandler.class,
                factory.createHandler(controller));
        assertTrue(handler.getServices().containsAll(List.of(EvaItemDiscoveryService.class,
                EvaControllerActions.class)));
    }

    @Test
    void createsNoHandlerForAForeignThingType() {
        assertNull(factory.createHandler(
                ThingBuilder.create(new ThingTypeUID("mqtt", "topic"), new ThingUID("mqtt:topic:x")).build()));
    }
}
