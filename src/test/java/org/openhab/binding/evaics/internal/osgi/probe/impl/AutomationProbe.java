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
package org.openhab.binding.evaics.internal.osgi.probe.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.osgi.probe.OpenHabProbe.ActionModuleType;
import org.openhab.binding.evaics.internal.osgi.probe.OpenHabProbe.Parameter;
import org.openhab.core.automation.Action;
import org.openhab.core.automation.handler.ActionHandler;
import org.openhab.core.automation.handler.ModuleHandler;
import org.openhab.core.automation.handler.ModuleHandlerFactory;
import org.openhab.core.automation.type.ActionType;
import org.openhab.core.automation.type.Input;
import org.openhab.core.automation.type.ModuleType;
import org.openhab.core.automation.type.ModuleTypeRegistry;
import org.openhab.core.automation.type.Output;
import org.openhab.core.automation.util.ModuleBuilder;
import org.openhab.core.config.core.Configuration;

/**
 * Rule actions in the real automation core: the action module types of the ModuleTypeRegistry, and actions run as
 * the rule engine runs them (the ModuleHandlerFactory serving the type creates an ActionHandler, which executes).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class AutomationProbe {

    /** The configuration parameter of a thing action module that names the thing (AnnotationActionModuleTypeHelper). */
    static final String THING_CONFIG = "config";
    private static final String RULE_UID = "evaics-it-rule";

    private final Services services;

    AutomationProbe(Services services) {
        this.services = services;
    }

    List<ActionModuleType> actionModuleTypes(String uidPrefix) {
        List<ActionModuleType> types = new ArrayList<>();
        for (ModuleType type : services.get(ModuleTypeRegistry.class).getAll()) {
            if (type instanceof ActionType action && type.getUID().startsWith(uidPrefix)) {
                types.add(new ActionModuleType(type.getUID(), action.getInputs().stream().map(AutomationProbe::input)
                        .toList(), action.getOutputs().stream().map(AutomationProbe::output).toList()));
            }
        }
        return types;
    }

    private static Parameter input(Input input) {
        return new Parameter(input.getName(), input.getType(), input.isRequired());
    }

    private static Parameter output(Output output) {
        return new Parameter(output.getName(), output.getType(), false);
    }

    Map<String, Object> runAction(String moduleTypeUid, String thingUid, Map<String, Object> inputs) {
        Action action = ModuleBuilder.createAction().withId("evaics-it-action").withTypeUID(moduleTypeUid)
                .withConfiguration(new Configuration(Map.of(THING_CONFIG, thingUid))).build();
        ModuleHandlerFactory factory = services.await(() -> factoryOf(moduleTypeUid),
                "module handler factory of " + moduleTypeUid);
        ModuleHandler handler = factory.getHandler(action, RULE_UID);
        if (!(handler instanceof ActionHandler actionHandler)) {
            throw new IllegalStateException("no action handler for " + moduleTypeUid + " on " + thingUid);
        }
        try {
            return withoutNulls(actionHandler.execute(new HashMap<>(inputs)));
        } finally {
            factory.ungetHandler(action, RULE_UID, handler);
        }
    }

    private @Nullable ModuleHandlerFactory factoryOf(String moduleTypeUid) {
        for (ModuleHandlerFactory factory : services.all(ModuleHandlerFactory.class)) {
            if (factory.getTypes().contains(moduleTypeUid)) {
                return factory;
            }
        }
        return null;
    }

    /** openHAB 4.3 declares the outputs {@code Map<String, Object>}, 5.x {@code Map<String, @Nullable Object>}. */
    private static Map<String, Object> withoutNulls(@Nullable Map<String, ? extends @Nullable Object> outputs) {
        Map<String, Object> copy = new HashMap<>();
        if (outputs != null) {
            for (Map.Entry<String, ? extends @Nullable Object> output : outputs.entrySet()) {
                @Nullable
                Object value = output.getValue();
                if (value != null) {
                    copy.put(output.getKey(), value);
                }
            }
        }
        return copy;
    }
}
