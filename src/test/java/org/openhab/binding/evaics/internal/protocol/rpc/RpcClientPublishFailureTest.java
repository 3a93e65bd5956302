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
import static org.mockito.ArgumentMatchers.*;
import static org.mockito.Mockito.*;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.codec.FrameFormat;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttTransport;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttTransportException;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttTransportException.Reason;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;
import org.openhab.binding.evaics.internal.protocol.state.EvaTopics;

import com.google.gson.JsonObject;

/**
 * What a call reports when its publish fails: a request the transport never handed to Paho was not sent; one Paho
 * had when the connection dropped may have left, so the controller may or may not have run it (found by
 * {@code BrokerRestartTest}: a call reported "not sent" had run). The outcome of a publish is the transport's, so
 * the transport is a stand-in here; the real one is in the broker tests.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class RpcClientPublishFailureTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final MqttTransport transport = mock(MqttTransport.class);

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private EvaRpcException failureOfACallWhosePublishFails(Reason reason) throws Exception {
        when(transport.subscribe(anyString(), anyInt(), any())).thenReturn(CompletableFuture.completedFuture(null));
        when(transport.isConnected()).thenReturn(true);
        when(transport.publish(anyString(), any(byte[].class), anyInt(), anyBoolean())).thenReturn(
                CompletableFuture.failedFuture(new MqttTransportException(reason, "the transport's own words")));
        try (RpcClient client = new RpcClient(transport, new EvaTopics(""), new ControllerId("uc", "host1"),
                "default", "key-for-this-test", FrameFormat.BINARY,
                new RpcSettings(Duration.ofSeconds(5), ProtocolLimits.DEFAULT_MAX_PENDING_CALLS, 0),
                ProtocolLimits.defaults(), timer)) {
            client.start().get(5, TimeUnit.SECONDS);
            CompletableFuture<?> call = client.call("test", new JsonObject(), Duration.ofSeconds(5));
            CompletionException failure = assertThrows(CompletionException.class, call::join);
            EvaRpcException e = assertInstanceOf(EvaRpcException.class, failure.getCause());
            assertEquals(EvaRpcException.Kind.NOT_CONNECTED, e.kind());
            assertEquals(0, client.pendingCalls());
            return e;
        }
    }

    @Test
    void aPublishLostWithTheConnectionMayHaveRun() throws Exception {
        EvaRpcException e = failureOfACallWhosePublishFails(Reason.CONNECTION_LOST);
        assertTrue(String.valueOf(e.getMessage()).contains("may or may not have been executed"), e.getMessage());
        assertFalse(String.valueOf(e.getMessage()).contains("not sent"), e.getMessage());
    }

    @Test
    void aPublishRefusedBeforePahoHadItWasNotSent() throws Exception {
        EvaRpcException e = failureOfACallWhosePublishFails(Reason.NOT_CONNECTED);
        assertTrue(String.valueOf(e.getMessage()).contains("'test' to uc/host1 not sent"), e.getMessage());
    }
}
