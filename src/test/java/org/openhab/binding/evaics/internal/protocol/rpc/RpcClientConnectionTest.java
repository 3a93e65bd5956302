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

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.codec.FrameFormat;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaRpcException.Kind;
import org.openhab.binding.evaics.test.broker.BrokerExtension;
import org.openhab.binding.evaics.test.sim.Misbehaviour;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The client across broker outages (protocol.md §6.5 step 7, §10 step 3; contract: nothing is queued across a
 * disconnect): calls fail at once while disconnected, waiting calls fail when the connection drops, and the response
 * subscription comes back with the connection.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class RpcClientConnectionTest {

    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    private @Nullable RpcFixture fixture;

    @BeforeEach
    void startSimulators() {
        fixture = new RpcFixture(BROKER.uri());
    }

    @AfterEach
    void stopSimulators() {
        RpcFixture f = fixture;
        if (f != null) {
            try {
                f.closeClients();
            } finally {
                f.close();
            }
        }
    }

    private RpcFixture f() {
        return Objects.requireNonNull(fixture);
    }

    @Test
    void callWhileTheBrokerIsDownFailsAtOnce() {
        RpcFixture f = f();
        RpcClient client = f.client(UC, FrameFormat.BINARY, RpcSettings.defaults());
        BROKER.stop();
        awaitTrue("transport disconnected", () -> !f.transport.isConnected());
        CompletableFuture<JsonElement> call = client.call("test", new JsonObject());
        assertTrue(call.isDone(), "failed without waiting");
        EvaRpcException e = failure(call);
        assertEquals(Kind.NOT_CONNECTED, e.kind());
        assertEquals(EvaRpcException.CODE_NOT_READY, e.code());
        assertEquals(0, client.pendingCalls());
    }

    @Test
    void waitingCallsFailWhenTheConnectionDrops() {
        RpcFixture f = f();
        f.uc.misbehave(Misbehaviour.SILENT);
        RpcClient client = f.client(UC, FrameFormat.BINARY, RpcSettings.defaults().withCallTimeout(WAIT.multipliedBy(2)));
        CompletableFuture<JsonElement> call = client.call("test", new JsonObject());
        f.uc.awaitRequest("test", WAIT);
        BROKER.stop();
        EvaRpcException e = failure(call);
        assertEquals(Kind.NOT_CONNECTED, e.kind());
        assertTrue(String.valueOf(e.getMessage()).contains("connection to the broker lost"), e.getMessage());
        assertEquals(0, client.pendingCalls());
    }

    @Test
    void brokerRestartRestoresTheResponseSubscription() {
        RpcFixture f = f();
        RpcClient client = f.client(UC, FrameFormat.BINARY, RpcSettings.defaults());
        await(client.call("test", new JsonObject()));
        BROKER.broker().restart();
        awaitTrue("client and simulator reconnected", () -> f.transport.isConnected() && f.uc.isConnected());
        JsonObject result = await(client.call("test", new JsonObject())).getAsJsonObject();
        assertEquals("uc/sim1", result.get("controller").getAsString());
    }

    @Test
    void startWhileTheBrokerIsDownCompletesAfterTheConnect() {
        RpcFixture f = f();
        BROKER.stop();
        awaitTrue("transport disconnected", () -> !f.transport.isConnected());
        RpcClient client = new RpcClient(f.transport, f.topics, UC, KEY_ID, API_KEY, FrameFormat.BINARY,
                RpcSettings.defaults(), ProtocolLimits.defaults(),
                f.timer);
        try {
            CompletableFuture<@Nullable Void> started = client.start();
            assertFalse(started.isDone(), "no SUBACK without a broker");
            BROKER.start();
            await(started);
            awaitTrue("simulator reconnected", f.uc::isConnected);
            await(client.call("test", new JsonObject()));
        } finally {
            client.close();
        }
    }
}
