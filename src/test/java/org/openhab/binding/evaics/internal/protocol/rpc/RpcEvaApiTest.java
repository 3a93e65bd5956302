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
package org.openhab.binding.evaics.internal.protocol.rpc;

import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.evaics.internal.protocol.rpc.RpcFixture.*;

import java.util.List;
import java.util.Objects;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openhab.binding.evaics.internal.protocol.codec.FrameFormat;
import org.openhab.binding.evaics.internal.protocol.state.Ieid;
import org.openhab.binding.evaics.internal.protocol.state.ItemState;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.binding.evaics.test.broker.BrokerExtension;
import org.openhab.binding.evaics.test.sim.LoggedRequest;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Every {@link EvaApi} method against the simulated UC and LM over a real MQTT broker, in each frame format: the
 * request arrives with exactly the params of protocol.md §8 ({@code k} last, as sent), and the result is decoded into
 * the typed form.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class RpcEvaApiTest {

    @RegisterExtension
    @Order(1)
    static final BrokerExtension BROKER = new BrokerExtension();
    @RegisterExtension
    @Order(2)
    static final RpcFixtureExtension RPC = new RpcFixtureExtension(BROKER);

    private final RpcFixture f = RPC.fixture();

    /** The simulated controller's state of an item; fails when it has none. */
    private JsonObject ucState(Oid oid) {
        return Objects.requireNonNull(f.uc.state(oid), () -> "the controller has no state for " + oid);
    }

    private static void assertParams(LoggedRequest request, String expectedJson) {
        JsonObject expected = JsonParser.parseString(expectedJson).getAsJsonObject();
        expected.addProperty("k", API_KEY);
        JsonObject params = request.params();
        assertNotNull(params, "params sent as an object");
        assertEquals(expected, params);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(params.keySet()), "param order, k last");
    }

    @ParameterizedTest
    @EnumSource(FrameFormat.class)
    void testReportsProductAndVersion(FrameFormat format) {
        RpcEvaApi ucApi = f.ucApi(format);
        JsonObject result = await(ucApi.test());
        assertEquals("uc", result.get("product_code").getAsString());
        assertEquals("sim1", result.get("system").getAsString());
        assertEquals("uc/sim1", result.get("controller").getAsString());
        assertEquals("3.4.2", result.get("version").getAsString());
        LoggedRequest request = f.uc.awaitRequest("test", WAIT);
        assertEquals(format, request.format());
        assertEquals(KEY_ID, request.keyId());
        assertParams(request, "{}");
    }

    @ParameterizedTest
    @EnumSource(FrameFormat.class)
    void stateOfOneItemIsParsed(FrameFormat format) {
        RpcEvaApi ucApi = f.ucApi(format);
        ItemState fan = await(ucApi.state(FAN1));
        assertEquals(FAN1, fan.oid());
        assertEquals(UC, fan.controller());
        assertEquals(1, fan.status());
        assertEquals("55", fan.value());
        assertEquals(Boolean.TRUE, fan.actionEnabled());
        Ieid ieid = fan.ieid();
        assertNotNull(ieid);
        assertEquals(f.uc.bootId(), ieid.bootId());
        assertParams(f.uc.awaitRequest("state", WAIT), "{\"i\":\"unit:hvac/fan1\"}");
    }

    @ParameterizedTest
    @EnumSource(FrameFormat.class)
    void stateAllListsEveryItemOfTheType(FrameFormat format) {
        RpcEvaApi ucApi = f.ucApi(format);
        RpcEvaApi lmApi = f.lmApi(format);
        List<ItemState> units = await(ucApi.stateAll("unit"));
        assertEquals(List.of(FAN1, LAMP1, LAMP2), units.stream().map(ItemState::oid).toList());
        List<ItemState> sensors = await(ucApi.stateAll("sensor"));
        assertEquals(List.of(HUM1, TEMP1), sensors.stream().map(ItemState::oid).toList());
        assertEquals(-1, sensors.get(0).status());
        List<ItemState> lvars = await(lmApi.stateAll("lvar"));
        assertEquals(List.of(AWAY, TIMER1), lvars.stream().map(ItemState::oid).toList());
        assertEquals(30.0, lvars.get(1).expires());
        assertParams(f.uc.requests("state").get(0), "{\"p\":\"unit\"}");
        assertParams(f.lm.awaitRequest("state", WAIT), "{\"p\":\"lvar\"}");
    }

    @ParameterizedTest
    @EnumSource(FrameFormat.class)
    void actionRunsAndCompletes(FrameFormat format) {
        RpcEvaApi ucApi = f.ucApi(format);
        ActionResult action = await(ucApi.action(LAMP1, 1, null));
        assertEquals("running", action.status());
        assertFalse(action.finished());
        assertNull(action.exitcode());
        assertEquals("unit:lights/lamp1", action.raw().get("item_oid").getAsString());
        assertParams(f.uc.awaitRequest("action", WAIT), "{\"i\":\"unit:lights/lamp1\",\"s\":1}");
        awaitTrue("lamp1 on", () -> ucState(LAMP1).get("status").getAsInt() == 1);
        ActionResult done = await(ucApi.result(action.uuid()));
        assertEquals(action.uuid(), done.uuid());
        assertEquals("completed", done.status());
        assertTrue(done.finished());
        assertEquals(0, done.exitcode());
        assertParams(f.uc.awaitRequest("result", WAIT), "{\"u\":\"" + action.uuid() + "\"}");
    }

    @ParameterizedTest
    @EnumSource(FrameFormat.class)
    void actionWithValueSendsV(FrameFormat format) {
        RpcEvaApi ucApi = f.ucApi(format);
        ActionResult action = await(ucApi.action(FAN1, 1, "80"));
        assertEquals("80", action.raw().get("nvalue").getAsString());
        assertParams(f.uc.awaitRequest("action", WAIT), "{\"i\":\"unit:hvac/fan1\",\"s\":1,\"v\":\"80\"}");
        awaitTrue("fan1 at 80", () -> "80".equals(ucState(FAN1).get("value").getAsString()));
    }

    @ParameterizedTest
    @EnumSource(FrameFormat.class)
    void actionToggleSwitchesTheUnit(FrameFormat format) {
        RpcEvaApi ucApi = f.ucApi(format);
        ActionResult action = await(ucApi.actionToggle(LAMP2));
        assertEquals(0, action.raw().get("nstatus").getAsInt());
        assertParams(f.uc.awaitRequest("action_toggle", WAIT), "{\"i\":\"unit:lights/lamp2\"}");
        awaitTrue("lamp2 off", () -> ucState(LAMP2).get("status").getAsInt() == 0);
    }

    @ParameterizedTest
    @EnumSource(FrameFormat.class)
    void terminateStopsTheRunningAction(FrameFormat format) {
        RpcEvaApi ucApi = f.ucApi(format);
        f.uc.setActionDuration(WAIT.multipliedBy(2));
        ActionResult action = await(ucApi.action(LAMP1, 1, null));
        assertEquals(true, await(ucApi.terminate(LAMP1)).get("ok").getAsBoolean());
        assertParams(f.uc.awaitRequest("terminate", WAIT), "{\"i\":\"unit:lights/lamp1\"}");
        assertEquals("terminated", await(ucApi.result(action.uuid())).status());
        assertEquals(0, ucState(LAMP1).get("status").getAsInt());
    }

    @ParameterizedTest
    @EnumSource(FrameFormat.class)
    void killAnswersOk(FrameFormat format) {
        RpcEvaApi ucApi = f.ucApi(format);
        assertEquals(true, await(ucApi.kill(LAMP1)).get("ok").getAsBoolean());
        assertParams(f.uc.awaitRequest("kill", WAIT), "{\"i\":\"unit:lights/lamp1\"}");
    }

    @ParameterizedTest
    @EnumSource(FrameFormat.class)
    void setChangesTheLvar(FrameFormat format) {
        RpcEvaApi lmApi = f.lmApi(format);
        assertEquals(true, await(lmApi.set(AWAY, null, "1")).get("ok").getAsBoolean());
        assertParams(f.lm.awaitRequest("set", WAIT), "{\"i\":\"lvar:flags/away\",\"v\":\"1\"}");
        assertEquals("1", await(lmApi.state(AWAY)).value());
        await(lmApi.set(AWAY, 0, null));
        assertParams(f.lm.requests("set").get(1), "{\"i\":\"lvar:flags/away\",\"s\":0}");
        assertEquals(0, await(lmApi.state(AWAY)).status());
    }

    @ParameterizedTest
    @EnumSource(FrameFormat.class)
    void resetClearAndToggleFollowTheLvarRules(FrameFormat format) {
        RpcEvaApi lmApi = f.lmApi(format);
        await(lmApi.reset(AWAY));
        assertEquals("1", await(lmApi.state(AWAY)).value());
        await(lmApi.clear(AWAY));
        assertEquals("0", await(lmApi.state(AWAY)).value());
        await(lmApi.toggle(AWAY));
        assertEquals("1", await(lmApi.state(AWAY)).value());
        for (String method : List.of("reset", "clear", "toggle")) {
            assertParams(f.lm.awaitRequest(method, WAIT), "{\"i\":\"lvar:flags/away\"}");
        }
    }

    @ParameterizedTest
    @EnumSource(FrameFormat.class)
    void runReturnsTheMacroAction(FrameFormat format) {
        RpcEvaApi lmApi = f.lmApi(format);
        JsonArray args = JsonParser.parseString("[\"x\",2]").getAsJsonArray();
        JsonObject kwargs = JsonParser.parseString("{\"level\":\"high\"}").getAsJsonObject();
        ActionResult run = await(lmApi.run(ALL_OFF, args, kwargs));
        assertEquals("completed", run.status());
        assertTrue(run.finished());
        assertEquals(0, run.exitcode());
        assertEquals(args, run.raw().get("args"));
        assertParams(f.lm.awaitRequest("run", WAIT),
                "{\"i\":\"lmacro:scenes/all_off\",\"a\":[\"x\",2],\"kw\":{\"level\":\"high\"}}");
        await(lmApi.run(ALL_OFF, null, null));
        assertParams(f.lm.requests("run").get(1), "{\"i\":\"lmacro:scenes/all_off\"}");
    }

    @ParameterizedTest
    @EnumSource(FrameFormat.class)
    void rawCallPassesParamsThrough(FrameFormat format) {
        RpcEvaApi ucApi = f.ucApi(format);
        JsonObject params = JsonParser.parseString("{\"p\":\"unit\"}").getAsJsonObject();
        JsonArray groups = await(ucApi.call("groups", params)).getAsJsonArray();
        assertEquals(JsonParser.parseString("[\"hvac\",\"lights\"]"), groups);
        assertEquals(JsonParser.parseString("{\"p\":\"unit\"}"), params, "caller's params not modified");
        assertParams(f.uc.awaitRequest("groups", WAIT), "{\"p\":\"unit\"}");
    }
}
