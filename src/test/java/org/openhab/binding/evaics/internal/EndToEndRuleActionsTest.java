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
import static org.openhab.binding.evaics.internal.handler.EvaItemConstants.*;

import java.time.Duration;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openhab.binding.evaics.internal.action.EvaControllerActions;
import org.openhab.binding.evaics.internal.action.EvaLvarActions;
import org.openhab.binding.evaics.internal.action.EvaUnitActions;
import org.openhab.binding.evaics.test.host.ThingHost;
import org.openhab.binding.evaics.test.sim.LoggedRequest;
import org.openhab.core.library.types.DecimalType;
import org.openhab.core.library.types.OnOffType;
import org.openhab.core.library.types.StringType;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Every rule action through the whole binding (protocol.md §8.2, §8.3, §8.5): the action objects openHAB hands to rules
 * are the ones the factory created for the things; each one makes one encrypted call with the right method and
 * params and returns what the controller answered.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class EndToEndRuleActionsTest extends EndToEndTestBase {

    /** Long enough to terminate an action while it runs. */
    private static final Duration LONG_ACTION = Duration.ofSeconds(30);

    @BeforeEach
    void start() {
        start(Map.of());
    }

    private EvaUnitActions lampActions() {
        EndToEndFixture e2e = e2e();
        return e2e.host.service(e2e.lamp, EvaUnitActions.class);
    }

    private EvaLvarActions awayActions() {
        EndToEndFixture e2e = e2e();
        return e2e.host.service(e2e.away, EvaLvarActions.class);
    }

    private EvaControllerActions lmActions() {
        EndToEndFixture e2e = e2e();
        return e2e.host.service(e2e.lm, EvaControllerActions.class);
    }

    @Test
    void unitActionRunsActionAndReturnsTheActionObject() {
        EndToEndFixture e2e = e2e();
        Map<String, Object> result = lampActions().action(1, "full");

        LoggedRequest action = awaitRequest(uc(), "action", LAMP);
        assertEquals(1, action.requiredParam("s").getAsInt());
        assertEquals("full", action.requiredParam("v").getAsString());
        assertNotNull(result.get(EvaUnitActions.RESULT_UUID), result.toString());
        assertNotNull(result.get(EvaUnitActions.RESULT_STATUS), result.toString());
        assertFalse(result.containsKey(EvaUnitActions.RESULT_ERROR), result.toString());
        e2e.awaitLastState(e2e.lamp, CHANNEL_SWITCH, OnOffType.ON);
        e2e.awaitLastState(e2e.lamp, CHANNEL_VALUE, new StringType("full"));
    }

    @Test
    void unitToggleRunsActionToggle() {
        EndToEndFixture e2e = e2e();
        Map<String, Object> result = lampActions().toggle();

        awaitRequest(uc(), "action_toggle", LAMP);
        assertNotNull(result.get(EvaUnitActions.RESULT_UUID), result.toString());
        e2e.awaitLastState(e2e.lamp, CHANNEL_STATUS, new DecimalType(1));
    }

    @Test
    void unitTerminateEndsTheRunningActionAndTheTriggerSaysSo() {
        EndToEndFixture e2e = e2e();
        uc().setActionDuration(LONG_ACTION);
        lampActions().action(1, null);
        e2e.awaitLastState(e2e.lamp, CHANNEL_NSTATUS, new DecimalType(1));

        assertTrue(lampActions().terminate());

        awaitRequest(uc(), "terminate", LAMP);
        e2e.awaitLastState(e2e.lamp, CHANNEL_NSTATUS, new DecimalType(0));
        assertTrue(ThingHost.waitFor(
                () -> e2e.host.triggers(EndToEndFixture.channel(e2e.lamp, CHANNEL_ACTION)).contains("terminated"),
                LIMIT), "no terminated trigger");
    }

    @Test
    void unitKillRunsKill() {
        assertTrue(lampActions().kill());

        awaitRequest(uc(), "kill", LAMP);
    }

    @Test
    void lvarSetRunsSetWithStatusAndValue() {
        EndToEndFixture e2e = e2e();
        assertTrue(awayActions().set(1, "5"));

        LoggedRequest set = awaitRequest(lm(), "set", AWAY);
        assertEquals(1, set.requiredParam("s").getAsInt());
        assertEquals("5", set.requiredParam("v").getAsString());
        e2e.awaitLastState(e2e.away, CHANNEL_VALUE, new StringType("5"));
    }

    @Test
    void lvarSetWithoutStatusSendsOnlyTheValue() {
        assertTrue(awayActions().set(null, "6"));

        LoggedRequest set = awaitRequest(lm(), "set", AWAY);
        assertNull(set.param("s"));
        assertEquals("6", set.requiredParam("v").getAsString());
    }

    @Test
    void lvarResetToggleAndClearRunTheirMethods() {
        EndToEndFixture e2e = e2e();
        assertTrue(awayActions().reset());
        awaitRequest(lm(), "reset", AWAY);
        e2e.awaitLastState(e2e.away, CHANNEL_VALUE, new StringType("1"));

        assertTrue(awayActions().toggle());
        awaitRequest(lm(), "toggle", AWAY);
        e2e.awaitLastState(e2e.away, CHANNEL_VALUE, new StringType("0"));

        assertTrue(awayActions().clear());
        awaitRequest(lm(), "clear", AWAY);
    }

    @Test
    void controllerRunStartsTheMacroWithItsArguments() {
        Map<String, Object> result = lmActions().run("scenes/leave", "[\"now\", 2]");

        LoggedRequest run = awaitRequest(lm(), "run", MACRO);
        JsonArray expected = JsonParser.parseString("[\"now\", 2]").getAsJsonArray();
        assertEquals(expected, run.param("a"));
        assertEquals("completed", result.get(EvaControllerActions.OUTPUT_STATUS), result.toString());
        assertEquals(Boolean.TRUE, result.get(EvaControllerActions.OUTPUT_FINISHED));
        assertNotNull(result.get(EvaControllerActions.OUTPUT_UUID));
    }

    @Test
    void controllerRunPassesKeywordArguments() {
        lmActions().run("lmacro:scenes/leave", "{\"mode\": \"away\"}");

        LoggedRequest run = awaitRequest(lm(), "run", MACRO);
        JsonObject kwargs = run.requiredParam("kw").getAsJsonObject();
        assertEquals("away", kwargs.get("mode").getAsString());
    }

    @Test
    void controllerCallReturnsTheJsonResult() {
        EndToEndFixture e2e = e2e();
        String result = e2e.host.service(e2e.uc, EvaControllerActions.class).call("state",
                "{\"i\": \"" + LAMP + "\"}");

        assertNotNull(result);
        JsonObject state = JsonParser.parseString(result).getAsJsonObject();
        assertEquals(LAMP.toString(), state.get("oid").getAsString());
        LoggedRequest call = awaitRequest(uc(), "state", LAMP);
        assertEquals(KEY, call.requiredParam("k").getAsString());
    }

    @Test
    void controllerCallOfAnUnknownMethodReturnsNull() {
        EndToEndFixture e2e = e2e();
        assertNull(e2e.host.service(e2e.uc, EvaControllerActions.class).call("no_such_method", null));

        uc().awaitRequest("no_such_method", LIMIT);
    }
}
