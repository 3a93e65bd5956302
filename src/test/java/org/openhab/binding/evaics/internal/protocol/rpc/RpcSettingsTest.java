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

import java.time.Duration;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;

import com.google.gson.JsonParser;

/**
 * {@link RpcSettings} defaults and validation, and the action object checks of {@link RpcEvaApi} (protocol.md §8.5).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class RpcSettingsTest {

    @Test
    void defaultsAreFiveSecondsTheLimitsBoundAndQos0() {
        RpcSettings settings = RpcSettings.defaults();
        assertEquals(Duration.ofSeconds(5), settings.callTimeout());
        assertEquals(ProtocolLimits.DEFAULT_MAX_PENDING_CALLS, settings.maxPendingCalls());
        assertEquals(0, settings.qos());
    }

    @Test
    void settingsFollowTheProtocolLimits() {
        ProtocolLimits limits = ProtocolLimits.defaults().withMaxPendingCalls(7)
                .withDefaultCallTimeout(Duration.ofSeconds(2));
        RpcSettings settings = RpcSettings.from(limits);
        assertEquals(7, settings.maxPendingCalls());
        assertEquals(Duration.ofSeconds(2), settings.callTimeout());
    }

    @Test
    void qos1IsAcceptedQos2IsNot() {
        assertEquals(1, RpcSettings.defaults().withQos(1).qos());
        assertThrows(IllegalArgumentException.class, () -> RpcSettings.defaults().withQos(2));
        assertThrows(IllegalArgumentException.class, () -> RpcSettings.defaults().withQos(-1));
    }

    @Test
    void timeoutMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> RpcSettings.defaults().withCallTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> RpcSettings.defaults().withCallTimeout(Duration.ofMillis(-1)));
    }

    @Test
    void pendingBoundMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> RpcSettings.defaults().withMaxPendingCalls(0));
    }

    @Test
    void actionObjectIsReadFromTheVector() throws Exception {
        ActionResult result = RpcEvaApi.actionResult(JsonParser.parseString(
                "{\"uuid\":\"0b1c3f5e-0000-4000-8000-000000000001\",\"status\":\"completed\",\"finished\":true,"
                        + "\"priority\":100,\"exitcode\":0,\"nstatus\":1,\"nvalue\":null}"));
        assertEquals("0b1c3f5e-0000-4000-8000-000000000001", result.uuid());
        assertEquals("completed", result.status());
        assertTrue(result.finished());
        assertEquals(0, result.exitcode());
        assertEquals(1, result.raw().get("nstatus").getAsInt());
    }

    @Test
    void actionObjectWithNullExitcodeHasNone() throws Exception {
        assertNull(RpcEvaApi.actionResult(
                JsonParser.parseString("{\"uuid\":\"u\",\"status\":\"running\",\"finished\":false,\"exitcode\":null}"))
                .exitcode());
    }

    @Test
    void actionObjectWithoutBooleanFinishedIsRefused() {
        assertThrows(RpcEvaApi.BadShape.class, () -> RpcEvaApi
                .actionResult(JsonParser.parseString("{\"uuid\":\"u\",\"status\":\"running\",\"finished\":\"no\"}")));
    }

    @Test
    void actionObjectWithFractionalExitcodeIsRefused() {
        assertThrows(RpcEvaApi.BadShape.class, () -> RpcEvaApi.actionResult(
                JsonParser.parseString("{\"uuid\":\"u\",\"status\":\"failed\",\"finished\":true,\"exitcode\":1.5}")));
    }

    @Test
    void actionResultThatIsNoObjectIsRefused() {
        assertThrows(RpcEvaApi.BadShape.class, () -> RpcEvaApi.actionResult(JsonParser.parseString("[]")));
    }
}
