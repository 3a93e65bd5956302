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

import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.evaics.internal.EvaIcsBindingConstants.*;
import static org.openhab.binding.evaics.internal.handler.EvaItemConstants.CONFIG_ID;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openhab.core.thing.Bridge;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusDetail;
import org.openhab.core.thing.ThingStatusInfo;

/**
 * Configuration values that would become MQTT topic levels or frame headers (issue 6, item 7): wildcards, NUL and
 * other control characters, separators and malformed controller ids are refused with CONFIGURATION_ERROR, and the
 * description says what is wrong. The cases here add to those of {@link EvaBrokerHandlerTest},
 * {@link EvaControllerHandlerTest} and {@code EvaItemHandlerLifecycleTest}, which check the status and its text key;
 * here the argument shown to the user is checked too. Nothing connects: the checks come first.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class ConfigurationSafetyTest {

    private final BridgeTestFramework framework = new BridgeTestFramework();
    private final ItemHandlerHarness items = new ItemHandlerHarness();

    @AfterEach
    void tearDown() {
        framework.close();
    }

    static Stream<Arguments> unsafeSpaces() {
        return Stream.of(Arguments.of("plant#", "must not contain the MQTT wildcard '#'"),
                Arguments.of("plant/+/x", "must not contain the MQTT wildcard '+'"),
                Arguments.of("pla\u0000nt", "must not contain control characters (such as NUL)"),
                Arguments.of("plant/", "must not end with '/'"), Arguments.of("plant//x", "empty level"));
    }

    @ParameterizedTest(name = "space {0}")
    @MethodSource("unsafeSpaces")
    void unsafeSpaceIsAConfigurationErrorThatSaysWhy(String space, String why) {
        Map<String, Object> config = new HashMap<>();
        config.put("host", "127.0.0.1");
        config.put("space", space);

        EvaBrokerHandler handler = framework.start(new EvaBrokerHandler(framework.broker("broker", config)));

        assertConfigurationError(handler.getThing().getStatusInfo(), StatusDescriptions.BROKER_CONFIG_INVALID, why);
    }

    static Stream<Arguments> unsafeControllerConfigurations() {
        return Stream.of(Arguments.of(CONFIG_CONTROLLER_ID, "uc/host#", "must not contain the MQTT wildcard '#'"),
                Arguments.of(CONFIG_CONTROLLER_ID, "uc/host+", "must not contain the MQTT wildcard '+'"),
                Arguments.of(CONFIG_CONTROLLER_ID, "uc/ho\u0000st", "control characters (such as NUL)"),
                Arguments.of(CONFIG_CONTROLLER_ID, "uc/host1/extra", "must not contain '/'"),
                Arguments.of(CONFIG_CONTROLLER_ID, "+/host1", "must start with a lowercase letter"),
                Arguments.of(CONFIG_CONTROLLER_ID, "", "is empty"),
                Arguments.of(CONFIG_KEY_ID, "de\u0000fault", "controller-key-id-nul"),
                Arguments.of(CONFIG_KEY_ID, "de|fault", "controller-key-id-bar"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("unsafeControllerConfigurations")
    void unsafeControllerConfigurationIsAConfigurationErrorThatSaysWhy(String parameter, String value, String why) {
        Bridge broker = framework.broker("broker", Map.of("host", "127.0.0.1"));
        Map<String, Object> config = ControllerFixture.controllerConfig("uc/host1");
        config.put(parameter, value);

        EvaControllerHandler handler = framework
                .start(new EvaControllerHandler(framework.controller(broker, "ctl", config)));

        if (CONFIG_KEY_ID.equals(parameter)) {
            // the binding's own check: a translated text of its own, without the English reason
            assertEquals("@text/offline.config-error." + why, handler.getThing().getStatusInfo().getDescription());
        } else {
            assertConfigurationError(handler.getThing().getStatusInfo(), StatusDescriptions.CONTROLLER_CONFIG_INVALID,
                    why);
        }
        assertNull(handler.api());
    }

    static Stream<Arguments> unsafeItemIds() {
        return Stream.of(Arguments.of("lig#hts/lamp1", StatusDescriptions.ID_WILDCARD),
                Arguments.of("lig+hts/lamp1", StatusDescriptions.ID_WILDCARD),
                Arguments.of("lights/floor+1/lamp1", StatusDescriptions.ID_WILDCARD),
                Arguments.of("lig\u0000hts/lamp1", StatusDescriptions.ID_CONTROL_CHARACTER),
                Arguments.of("lights/floor\u00001/lamp1", StatusDescriptions.ID_CONTROL_CHARACTER),
                Arguments.of("lights/lamp1\u0000", StatusDescriptions.ID_CONTROL_CHARACTER));
    }

    @ParameterizedTest(name = "item id {0}")
    @MethodSource("unsafeItemIds")
    void unsafeItemIdIsAConfigurationErrorThatSaysWhy(String id, String textKey) {
        EvaSensorHandler handler = items.start(new EvaSensorHandler(items.thing(THING_TYPE_SENSOR,
                Map.of(CONFIG_ID, id))));

        ThingStatusInfo status = handler.getThing().getStatusInfo();
        assertEquals(ThingStatus.OFFLINE, status.getStatus());
        assertEquals(ThingStatusDetail.CONFIGURATION_ERROR, status.getStatusDetail());
        assertTrue(String.valueOf(status.getDescription()).startsWith("@text/" + textKey + " ["),
                status.getDescription());
        assertTrue(items.controller.registered.isEmpty(), "nothing is subscribed or asked for");
    }

    private static void assertConfigurationError(ThingStatusInfo status, String textKey, String why) {
        assertEquals(ThingStatus.OFFLINE, status.getStatus());
        assertEquals(ThingStatusDetail.CONFIGURATION_ERROR, status.getStatusDetail());
        String description = String.valueOf(status.getDescription());
        assertTrue(description.startsWith("@text/" + textKey + " [\""), description);
        assertTrue(description.contains(why), description);
    }
}
