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
import static org.openhab.binding.evaics.internal.EndToEndFixture.*;
import static org.openhab.binding.evaics.internal.handler.EvaItemConstants.CHANNEL_SWITCH;

import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openhab.binding.evaics.internal.action.EvaLvarActions;
import org.openhab.binding.evaics.internal.action.EvaUnitActions;
import org.openhab.binding.evaics.test.host.ThingHost;
import org.openhab.binding.evaics.test.log.CapturedLog;
import org.openhab.binding.evaics.test.sim.Misbehaviour;
import org.openhab.core.library.types.OnOffType;

/**
 * How loudly a failed call is logged (openHAB's logging guidelines): a rule action whose result carries the error
 * logs nothing at WARN, one that can only answer yes or no logs the reason once at WARN, and a channel command, whose
 * failure nobody else hears of, logs it once at WARN. The calls fail because the controller does not answer them.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@Tag(CapturedLog.TAG)
@NonNullByDefault
class RuleActionLogLevelsTest extends EndToEndTestBase {

    private static final String BINDING_WARN = " WARN org.openhab.binding.evaics.";

    @BeforeEach
    void start() {
        start(Map.of());
    }

    private static List<String> bindingWarnings(CapturedLog log) {
        return log.lines().stream().filter(line -> line.contains(BINDING_WARN)).toList();
    }

    @Test
    void aRuleActionWithAnErrorOutputLogsNoWarning() {
        EndToEndFixture e2e = e2e();
        uc().misbehaveOn(Misbehaviour.SILENT, "action");
        try (CapturedLog log = CapturedLog.start()) {
            Map<String, Object> result = e2e.host.service(e2e.lamp, EvaUnitActions.class).action(1, null);

            assertTrue(result.containsKey(EvaUnitActions.RESULT_ERROR), result.toString());
            assertEquals(List.of(), bindingWarnings(log));
        }
    }

    @Test
    void aYesOrNoRuleActionLogsTheReasonOnceAtWarn() {
        EndToEndFixture e2e = e2e();
        lm().misbehaveOn(Misbehaviour.SILENT, "reset");
        try (CapturedLog log = CapturedLog.start()) {
            assertFalse(e2e.host.service(e2e.away, EvaLvarActions.class).reset());

            List<String> warnings = bindingWarnings(log);
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("Rule action reset failed"), warnings.toString());
        }
    }

    @Test
    void aFailedChannelCommandLogsOnceAtWarn() {
        EndToEndFixture e2e = e2e();
        uc().misbehaveOn(Misbehaviour.SILENT, "action");
        try (CapturedLog log = CapturedLog.start()) {
            e2e.command(e2e.lamp, CHANNEL_SWITCH, OnOffType.ON);

            assertTrue(ThingHost.waitFor(() -> !bindingWarnings(log).isEmpty(), LIMIT), "no warning logged");
            List<String> warnings = bindingWarnings(log);
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("Command switch ON for " + LAMP + " failed"), warnings.toString());
        }
    }
}
