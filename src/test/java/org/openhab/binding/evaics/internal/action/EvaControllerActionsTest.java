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
package org.openhab.binding.evaics.internal.action;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openhab.binding.evaics.internal.EvaIcsBindingConstants;
import org.openhab.binding.evaics.internal.handler.BridgeTestFramework;
import org.openhab.binding.evaics.internal.handler.ControllerFixture;
import org.openhab.binding.evaics.internal.handler.EvaControllerHandler;
import org.openhab.binding.evaics.test.broker.BrokerExtension;
import org.openhab.binding.evaics.test.broker.TestBroker;
import org.openhab.binding.evaics.test.sim.EvaSimulator;
import org.openhab.binding.evaics.test.sim.LoggedRequest;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.binding.ThingActions;
import org.openhab.core.thing.binding.ThingHandler;
import org.openhab.core.thing.binding.builder.BridgeBuilder;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The controller's rule actions against the simulator: {@code call} returns the JSON result, {@code run} the macro
 * action (protocol.md §8.1, §8.3, §8.5); failures are returned, never thrown into the rule.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class EvaControllerActionsTest {

    private static final Duration WAIT = BridgeTestFramework.WAIT_LIMIT;

    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(TestBroker.options().tcpNoDelay(true));

    private final ControllerFixture fixture = new ControllerFixture(BROKER);

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private EvaControllerActions actions(String controllerId) {
        EvaControllerHandler handler = fixture.controller("ctl", ControllerFixture.controllerConfig(controllerId));
        fixture.framework.awaitStatus(handler.getThing(), ThingStatus.ONLINE);
        EvaControllerActions actions = new EvaControllerActions();
        actions.setThingHandler(handler);
        return actions;
    }

    private EvaSimulator uc() {
        return fixture.started(fixture.simulator("uc/host1").unit("lights/lamp1", 1, "on"));
    }

    private EvaSimulator lm() {
        return fixture.started(fixture.simulator("lm/host1").macro("tests/m1"));
    }

    @Test
    void callReturnsTheResultAsJson() {
        uc();
        EvaControllerActions actions = actions("uc/host1");

        @Nullable String result = actions.call("test", null);

        assertNotNull(result);
        assertEquals("uc", JsonParser.parseString(result).getAsJsonObject().get("product_code").getAsString());
    }

    @Test
    void callSendsTheGivenParams() {
        uc();
        EvaControllerActions actions = actions("uc/host1");

        @Nullable String result = actions.call("state", "{\"i\":\"unit:lights/lamp1\"}");

        assertNotNull(result);
        JsonObject state = JsonParser.parseString(result).getAsJsonObject();
        assertEquals("on", state.get("value").getAsString());
    }

    @Test
    void callWithParamsThatAreNoJsonObjectSendsNothing() {
        EvaSimulator sim = uc();
        EvaControllerActions actions = actions("uc/host1");

        assertNull(actions.call("state", "[1]"));
        assertNull(actions.call("state", "{not json"));
        assertNull(actions.call(" ", null));
        assertTrue(sim.requests("state").isEmpty());
    }

    @Test
    void failedCallReturnsNull() {
        uc();
        EvaControllerActions actions = actions("uc/host1");

        assertNull(actions.call("state", "{\"i\":\"unit:lights/missing\"}"));
        assertNull(actions.call("no_such_method", null));
    }

    @Test
    void callWhileTheControllerIsNotOnlineReturnsNull() {
        EvaControllerActions actions = new EvaControllerActions();
        actions.setThingHandler(new EvaControllerHandler(
                BridgeBuilder.create(EvaIcsBindingConstants.THING_TYPE_CONTROLLER, "x").build()));

        assertNull(actions.call("test", null));
        assertEquals(Map.of(EvaControllerActions.OUTPUT_ERROR, "the controller is not online"),
                actions.run("tests/m1", null));
    }

    @Test
    void runStartsTheMacroWithPositionalArguments() {
        EvaSimulator sim = lm();
        EvaControllerActions actions = actions("lm/host1");

        Map<String, Object> result = actions.run("tests/m1", "[1, \"two\"]");

        assertFalse(result.containsKey(EvaControllerActions.OUTPUT_ERROR), result.toString());
        assertFalse(String.valueOf(result.get(EvaControllerActions.OUTPUT_UUID)).isEmpty());
        assertNotNull(result.get(EvaControllerActions.OUTPUT_STATUS));
        assertInstanceOf(Boolean.class, result.get(EvaControllerActions.OUTPUT_FINISHED));
        LoggedRequest run = sim.awaitRequest("run", WAIT);
        assertEquals("lmacro:tests/m1", String.valueOf(run.requiredParam("i").getAsString()));
        assertEquals(JsonParser.parseString("[1,\"two\"]"), run.param("a"));
    }

    @Test
    void runPassesAJsonObjectAsKeywordArguments() {
        EvaSimulator sim = lm();
        EvaControllerActions actions = actions("lm/host1");

        Map<String, Object> result = actions.run("lmacro:tests/m1", "{\"x\": 1}");

        assertFalse(result.containsKey(EvaControllerActions.OUTPUT_ERROR), result.toString());
        LoggedRequest run = sim.awaitRequest("run", WAIT);
        assertEquals(JsonParser.parseString("{\"x\":1}"), run.param("kw"));
        assertNull(run.param("a"));
    }

    @Test
    void runOfAnUnknownMacroReturnsTheErrorCode() {
        lm();
        EvaControllerActions actions = actions("lm/host1");

        Map<String, Object> result = actions.run("tests/missing", null);

        assertTrue(String.valueOf(result.get(EvaControllerActions.OUTPUT_ERROR)).startsWith("error 1"),
                result.toString());
    }

    @Test
    void runWithInvalidArgumentsSendsNothing() {
        EvaSimulator sim = lm();
        EvaControllerActions actions = actions("lm/host1");

        assertTrue(actions.run("tests/m1", "{bad").containsKey(EvaControllerActions.OUTPUT_ERROR));
        assertTrue(actions.run("tests/m1", "42").containsKey(EvaControllerActions.OUTPUT_ERROR));
        assertTrue(actions.run(null, null).containsKey(EvaControllerActions.OUTPUT_ERROR));
        assertTrue(sim.requests("run").isEmpty());
    }

    @Test
    void staticTwinsDelegateAndRefuseForeignActions() {
        uc();
        EvaControllerActions actions = actions("uc/host1");
        ThingActions foreign = new ThingActions() {
            @Override
            public void setThingHandler(ThingHandler handler) {
            }

            @Override
            public @Nullable ThingHandler getThingHandler() {
                return null;
            }
        };

        assertNotNull(EvaControllerActions.call(actions, "test", null));
        assertNull(EvaControllerActions.call(foreign, "test", null));
        assertTrue(EvaControllerActions.run(foreign, "tests/m1", null).containsKey(EvaControllerActions.OUTPUT_ERROR));
    }
}
