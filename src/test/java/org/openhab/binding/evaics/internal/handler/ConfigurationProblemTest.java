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

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;

/**
 * A configuration problem is logged in English and shown as a translated text whose arguments are the values only.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class ConfigurationProblemTest {

    @Test
    void aBadPortIsATranslatedTextWithTheValueAndTheLimits() {
        EvaBrokerConfiguration config = new EvaBrokerConfiguration();
        config.host = "broker.local";
        config.port = 70000;

        ConfigurationProblem problem = assertThrows(ConfigurationProblem.class, config::toMqttSettings);

        assertEquals("the port 70000 is outside 1..65535", problem.getMessage());
        assertEquals("@text/offline.config-error.broker-port-range [\"70000\", \"1\", \"65535\"]",
                problem.statusDescription());
    }

    @Test
    void aProblemWithoutArgumentsIsTheKeyAlone() {
        EvaControllerConfiguration config = new EvaControllerConfiguration();
        config.controllerId = "uc/host1";
        config.key = "";

        ConfigurationProblem problem = assertThrows(ConfigurationProblem.class, config::validate);

        assertEquals("@text/offline.config-error.controller-key-missing", problem.statusDescription());
    }

    @Test
    void aReasonFromTheProtocolLayerIsTheArgumentOfTheGenericText() {
        EvaControllerConfiguration config = new EvaControllerConfiguration();
        config.controllerId = "uc/host#";

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, config::validate);

        assertFalse(e instanceof ConfigurationProblem);
        assertTrue(ConfigurationProblem.describe(e, StatusDescriptions.CONTROLLER_CONFIG_INVALID)
                .startsWith("@text/" + StatusDescriptions.CONTROLLER_CONFIG_INVALID + " [\""));
    }
}
