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

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.codec.FrameFormat;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaRpcException.Kind;
import org.openhab.binding.evaics.internal.protocol.state.ItemState;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.binding.evaics.test.broker.BrokerExtension;
import org.openhab.binding.evaics.test.sim.LoggedRequest;
import org.openhab.binding.evaics.test.sim.Misbehaviour;
import org.openhab.binding.evaics.test.sim.SimCost;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Batch calls ({@link RpcClient#callBatch}, protocol.md §6.3) against the simulated controller over a real mosquitto,
 * in all three frame formats: one frame per batch, each call bound to its own entry of the answer by JSON-RPC id
 * (protocol.md §4.4, §10 step 4), and an entry that is missing, duplicated or foreign fails only its own call.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class RpcClientBatchTest {

    @RegisterExtension
    @Order(1)
    static final BrokerExtension BROKER = new BrokerExtension();
    @RegisterExtension
    @Order(2)
    static final RpcFixtureExtension RPC = new RpcFixtureExtension(BROKER);

    private static final RpcSettings SHORT = RpcSettings.defaults().withCallTimeout(SHORT_TIMEOUT);
    private static final Oid MISSING = Oid.parse("unit:lights/nowhere");

    private final RpcFixture f = RPC.fixture();

    private RpcClient client(FrameFormat format) {
        return f.client(UC, format, RpcSettings.defaults());
    }

    private static List<RpcCall> states(Oid... oids) {
        List<RpcCall> calls = new ArrayList<>();
        for (Oid oid : oids) {
            JsonObject params = new JsonObject();
            params.addProperty("i", oid.toString());
            calls.add(new RpcCall("state", params));
        }
        return calls;
    }

    private static String oidOf(CompletableFuture<JsonElement> answer) {
        return await(answer).getAsJsonObject().get("oid").getAsString();
    }

    @ParameterizedTest
    @EnumSource(FrameFormat.class)
    void batchTravelsInOneFrameAndEachCallGetsItsOwnResultOrError(FrameFormat format) {
        long framesBefore = f.uc.counters().requestsDecoded();
        List<CompletableFuture<JsonElement>> answers = client(format)
                .callBatch(states(LAMP1, TEMP1, MISSING, FAN1));
        assertEquals(4, answers.size());
        assertEquals(LAMP1.toString(), oidOf(answers.get(0)));
        assertEquals(TEMP1.toString(), oidOf(answers.get(1)));
        EvaRpcException notFound = failure(answers.get(2));
        assertEquals(Kind.REMOTE_ERROR, notFound.kind());
        assertEquals(EvaRpcException.CODE_NOT_FOUND, notFound.code());
        assertEquals(FAN1.toString(), oidOf(answers.get(3)));
        assertEquals(1, f.uc.counters().requestsDecoded() - framesBefore, "one frame for the batch");
        List<LoggedRequest> logged = f.uc.requests();
        assertEquals(4, logged.size());
        Set<String> callIds = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (LoggedRequest request : logged) {
            assertEquals(format, request.format());
            callIds.add(request.callId());
            ids.add(String.valueOf(request.id()));
            assertTrue(request.body().getAsJsonObject().getAsJsonObject("params").has("k"), "k in every call");
        }
        assertEquals(1, callIds.size(), "one request id for the frame");
        assertEquals(4, ids.size(), "a JSON-RPC id of its own for every call");
    }

    @ParameterizedTest
    @EnumSource(FrameFormat.class)
    void entriesAreBoundByIdNotByPosition(FrameFormat format) {
        f.uc.rewriteAnswers(body -> {
            JsonArray reversed = new JsonArray();
            JsonArray entries = body.getAsJsonArray();
            for (int i = entries.size() - 1; i >= 0; i--) {
                reversed.add(entries.get(i));
            }
            return reversed;
        });
        List<CompletableFuture<JsonElement>> answers = client(format).callBatch(states(LAMP1, TEMP1, FAN1));
        assertEquals(LAMP1.toString(), oidOf(answers.get(0)));
        assertEquals(TEMP1.toString(), oidOf(answers.get(1)));
        assertEquals(FAN1.toString(), oidOf(answers.get(2)));
    }

    @ParameterizedTest
    @EnumSource(FrameFormat.class)
    void missingEntryFailsOnlyItsCall(FrameFormat format) {
        f.uc.rewriteAnswers(body -> {
            JsonArray entries = body.getAsJsonArray().deepCopy();
            entries.remove(1);
            return entries;
        });
        List<CompletableFuture<JsonElement>> answers = client(format).callBatch(states(LAMP1, TEMP1, FAN1));
        assertEquals(LAMP1.toString(), oidOf(answers.get(0)));
        EvaRpcException missing = failure(answers.get(1));
        assertEquals(Kind.BAD_DATA, missing.kind());
        assertEquals(EvaRpcException.CODE_BAD_DATA, missing.code());
        assertTrue(String.valueOf(missing.getMessage()).contains("without an answer to 'state'"),
                missing.getMessage());
        assertEquals(FAN1.toString(), oidOf(answers.get(2)));
    }

    @ParameterizedTest
    @EnumSource(FrameFormat.class)
    void duplicatedEntryFailsOnlyItsCall(FrameFormat format) {
        f.uc.rewriteAnswers(body -> {
            JsonArray entries = body.getAsJsonArray().deepCopy();
            entries.add(entries.get(0).deepCopy());
            return entries;
        });
        List<CompletableFuture<JsonElement>> answers = client(format).callBatch(states(LAMP1, TEMP1));
        EvaRpcException twice = failure(answers.get(0));
        assertEquals(Kind.BAD_DATA, twice.kind());
        assertTrue(String.valueOf(twice.getMessage()).contains("2 times"), twice.getMessage());
        assertEquals(TEMP1.toString(), oidOf(answers.get(1)));
    }

    @ParameterizedTest
    @EnumSource(FrameFormat.class)
    void foreignIdCompletesNothingAndFailsOnlyTheCallItReplaced(FrameFormat format) {
        f.uc.rewriteAnswers(body -> {
            JsonArray entries = body.getAsJsonArray().deepCopy();
            entries.get(0).getAsJsonObject().addProperty("id", UUID.randomUUID().toString());
            return entries;
        });
        List<CompletableFuture<JsonElement>> answers = client(format).callBatch(states(LAMP1, TEMP1, FAN1));
        assertEquals(Kind.BAD_DATA, failure(answers.get(0)).kind());
        assertEquals(TEMP1.toString(), oidOf(answers.get(1)));
        assertEquals(FAN1.toString(), oidOf(answers.get(2)));
    }

    @Test
    void answerWithNoneOfTheIdsIsDroppedLikeAReplayAndTheBatchTimesOut() {
        f.uc.rewriteAnswers(body -> {
            JsonArray entries = body.getAsJsonArray().deepCopy();
            for (JsonElement entry : entries) {
                entry.getAsJsonObject().addProperty("id", UUID.randomUUID().toString());
            }
            return entries;
        });
        RpcClient client = f.client(UC, FrameFormat.BINARY, SHORT);
        List<CompletableFuture<JsonElement>> answers = client.callBatch(states(LAMP1, TEMP1));
        for (CompletableFuture<JsonElement> answer : answers) {
            EvaRpcException e = failure(answer);
            assertEquals(Kind.TIMEOUT, e.kind());
            String message = String.valueOf(e.getMessage());
            assertTrue(message.contains("a batch of 2 calls ('state')"), message);
            assertTrue(message.endsWith("1 answer rejected: JSON-RPC id mismatch"), message);
        }
        assertEquals(1, client.droppedAnswers());
    }

    @Test
    void singleObjectAnswerToABatchIsRejected() {
        f.uc.rewriteAnswers(body -> body.getAsJsonArray().get(0));
        List<CompletableFuture<JsonElement>> answers = f.client(UC, FrameFormat.BINARY, SHORT)
                .callBatch(states(LAMP1, TEMP1));
        EvaRpcException e = failure(answers.get(0));
        assertEquals(Kind.TIMEOUT, e.kind());
        assertTrue(String.valueOf(e.getMessage()).endsWith("1 answer rejected: not a JSON-RPC batch answer"),
                e.getMessage());
        assertEquals(Kind.TIMEOUT, failure(answers.get(1)).kind());
    }

    @Test
    void dispatchFailureFailsEveryCallOfTheFrame() {
        f.uc.misbehave(Misbehaviour.ANSWER_500);
        List<CompletableFuture<JsonElement>> answers = f.client(UC, FrameFormat.BINARY, SHORT)
                .callBatch(states(LAMP1, TEMP1));
        for (CompletableFuture<JsonElement> answer : answers) {
            assertEquals(Kind.DISPATCH_FAILED, failure(answer).kind());
        }
    }

    @Test
    void largeBatchesAreSplitIntoFramesOfAtMostTheBound() {
        List<Oid> oids = new ArrayList<>();
        Oid[] known = { LAMP1, LAMP2, FAN1, TEMP1, HUM1 };
        int calls = 2 * RpcClient.MAX_BATCH_CALLS + 7;
        for (int i = 0; i < calls; i++) {
            oids.add(known[i % known.length]);
        }
        long framesBefore = f.uc.counters().requestsDecoded();
        List<CompletableFuture<JsonElement>> answers = client(FrameFormat.BINARY_COMPRESSED)
                .callBatch(states(oids.toArray(new Oid[0])));
        assertEquals(calls, answers.size());
        for (int i = 0; i < calls; i++) {
            assertEquals(oids.get(i).toString(), oidOf(answers.get(i)));
        }
        assertEquals(3, f.uc.counters().requestsDecoded() - framesBefore);
    }

    @Test
    void smallPayloadLimitMakesSmallerFramesSoThatAnswersFit() {
        int payload = 8 * RpcClient.ANSWER_BYTES_PER_CALL;
        RpcClient client = new RpcClient(f.transport, f.topics, UC, KEY_ID, API_KEY, FrameFormat.TEXT,
                RpcSettings.defaults(), ProtocolLimits.defaults().withMaxPayloadBytes(payload), f.timer);
        try {
            await(client.start());
            assertEquals(8, client.maxBatchCalls());
            Oid[] oids = new Oid[20];
            for (int i = 0; i < oids.length; i++) {
                oids[i] = i % 2 == 0 ? LAMP1 : TEMP1;
            }
            long framesBefore = f.uc.counters().requestsDecoded();
            List<CompletableFuture<JsonElement>> answers = client.callBatch(states(oids));
            for (int i = 0; i < oids.length; i++) {
                assertEquals(oids[i].toString(), oidOf(answers.get(i)));
            }
            assertEquals(3, f.uc.counters().requestsDecoded() - framesBefore);
        } finally {
            client.close();
        }
        assertEquals(RpcClient.MAX_BATCH_CALLS, client(FrameFormat.BINARY).maxBatchCalls());
    }

    @Test
    void everyCallOfABatchCountsAgainstThePendingBound() {
        RpcClient client = f.client(UC, FrameFormat.BINARY, RpcSettings.defaults().withMaxPendingCalls(2));
        long framesBefore = f.uc.counters().requestsDecoded();
        List<CompletableFuture<JsonElement>> answers = client.callBatch(states(LAMP1, TEMP1, FAN1));
        for (CompletableFuture<JsonElement> answer : answers) {
            assertEquals(Kind.TOO_MANY_PENDING, failure(answer).kind());
        }
        assertEquals(0, client.pendingCalls());
        assertEquals(LAMP1.toString(), oidOf(client.callBatch(states(LAMP1, TEMP1)).get(0)));
        assertEquals(framesBefore + 1, f.uc.counters().requestsDecoded());
    }

    @Test
    void emptyAndSingleBatches() {
        RpcClient client = client(FrameFormat.BINARY);
        assertTrue(client.callBatch(List.of()).isEmpty());
        List<CompletableFuture<JsonElement>> one = client.callBatch(states(TEMP1));
        assertEquals(TEMP1.toString(), oidOf(one.get(0)));
        assertFalse(f.uc.requests().get(0).body().isJsonArray(), "one call goes as a plain request");
    }

    @Test
    void controllerChargingRealisticCostsAnswersBatchesAndSingleCallsAlike() {
        f.uc.chargeCost(SimCost.EVA_3_4_2);
        RpcClient client = client(FrameFormat.BINARY);
        List<CompletableFuture<JsonElement>> batch = client.callBatch(states(LAMP1, TEMP1, FAN1));
        CompletableFuture<JsonElement> single = client.call("state", states(HUM1).get(0).params());

        assertEquals(LAMP1.toString(), oidOf(batch.get(0)));
        assertEquals(TEMP1.toString(), oidOf(batch.get(1)));
        assertEquals(FAN1.toString(), oidOf(batch.get(2)));
        assertEquals(HUM1.toString(), oidOf(single));
    }

    @ParameterizedTest
    @EnumSource(FrameFormat.class)
    void apiStatesParsesEachAnswer(FrameFormat format) {
        List<CompletableFuture<ItemState>> states = f.ucApi(format).states(List.of(TEMP1, MISSING, LAMP2));
        assertEquals(TEMP1, await(states.get(0)).oid());
        assertEquals("21.5", await(states.get(0)).value());
        assertEquals(EvaRpcException.CODE_NOT_FOUND, failure(states.get(1)).code());
        assertEquals(LAMP2, await(states.get(2)).oid());
        assertEquals(1, await(states.get(2)).status());
    }
}
