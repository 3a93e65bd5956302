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
import static org.openhab.binding.evaics.internal.handler.EvaItemConstants.*;
import static org.openhab.binding.evaics.test.StdStreams.out;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openhab.binding.evaics.internal.cli.RequestFrame;
import org.openhab.binding.evaics.internal.cli.ServerFrameCodec;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.codec.FrameFormat;
import org.openhab.binding.evaics.internal.protocol.codec.MsgPackJson;
import org.openhab.binding.evaics.internal.protocol.codec.Zlib;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttSettings;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttTransport;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaApi;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaRpcException;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;
import org.openhab.binding.evaics.internal.protocol.state.EvaTopics;
import org.openhab.binding.evaics.internal.protocol.state.ItemState;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.binding.evaics.test.broker.BrokerExtension;
import org.openhab.binding.evaics.test.broker.NeedsMosquitto;
import org.openhab.binding.evaics.test.broker.TestBroker;
import org.openhab.binding.evaics.test.log.CapturedLog;
import org.openhab.binding.evaics.test.sim.EvaSimulator;
import org.openhab.binding.evaics.test.sim.LoggedRequest;
import org.openhab.binding.evaics.test.sim.Misbehaviour;
import org.openhab.core.thing.ChannelUID;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusInfo;
import org.openhab.core.types.RefreshType;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * A hostile party on the broker against the whole binding (issue 6, item 3): a broker bridge, a controller bridge
 * (binary-compressed frames) and sensor things on a real MQTT broker, with a simulated controller and an attacker that
 * publishes what it likes. Forged, tampered, replayed, oversized, bomb, deeply nested and invalid messages must
 * neither complete a call nor change a channel; after each attack the broker connection is still up (no exception
 * reached Paho, which would drop it), no thread died of an uncaught exception, nothing was caught by a last-resort
 * handler (checked in the TRACE log of this JVM, see {@link CapturedLog}) and the next call works.
 * <p>
 * Attacks on answers need the call's response topic: the attacker here reads it from the simulator's request log,
 * which is more than a real attacker knows before the controller answers.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@Tag(CapturedLog.TAG)
@TestInstance(Lifecycle.PER_CLASS)
@NonNullByDefault
class HostileBrokerTest {

    private static final Duration WAIT = BridgeTestFramework.WAIT_LIMIT;
    private static final ControllerId CONTROLLER = ControllerId.parse("uc/host1");
    private static final Oid TEMP = Oid.parse("sensor:env/temp1");
    /** Only announcements of the tests change this one, so their ieids cannot collide with the simulator's. */
    private static final Oid TARGET = Oid.parse("sensor:env/target");
    /** The value every forgery carries; no channel may ever show it. */
    private static final String FORGED = "666";
    private static final int OVERSIZE = ProtocolLimits.DEFAULT_MAX_PAYLOAD_BYTES + 1;
    /** Inflates beyond the 16 MiB limit. */
    private static final int BOMB_PADDING = ProtocolLimits.DEFAULT_MAX_INFLATED_BYTES + 1024;
    private static final int DEEP = 100_000;
    private static final int IV_OFFSET = 2;
    private static final int CIPHERTEXT_OFFSET = 18;
    private static final int MAC_BYTES = 32;
    /** Forged ieids claim a later boot of the controller, so they order after everything it announced. */
    private static final long FORGED_BOOT_OFFSET = 1;
    /** Messages a last-resort handler logs: each means an exception went where it should not. */
    private static final List<String> LAST_RESORT_LOGS = List.of("failed on topic", "Unexpected failure parsing",
            "failed unexpectedly", "failed to serve a request");

    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(TestBroker.options().tcpNoDelay(true));

    private final EvaTopics topics = new EvaTopics("");
    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> answersSeen = new ConcurrentHashMap<>();
    private final AtomicInteger ieid = new AtomicInteger();
    private Thread.@Nullable UncaughtExceptionHandler previousHandler;
    private @Nullable CapturedLog log;
    private @Nullable ControllerFixture fixture;
    private @Nullable EvaSimulator sim;
    private @Nullable EvaControllerHandler controller;
    private @Nullable EvaSensorHandler temp;
    private @Nullable EvaSensorHandler target;
    private @Nullable MqttTransport attacker;
    private int brokerHistoryMark;

    @BeforeAll
    void startPlant() throws Exception {
        previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
        log = CapturedLog.start();
        ControllerFixture f = new ControllerFixture(BROKER);
        fixture = f;
        sim = f.started(f.simulator(CONTROLLER.toString()).sensor("env/temp1", 1, "20.5").sensor("env/target", 1,
                "0"));
        Map<String, Object> config = ControllerFixture.controllerConfig(CONTROLLER.toString());
        config.put("frameFormat", FrameFormat.BINARY_COMPRESSED.configValue());
        EvaControllerHandler c = f.controller("ctl", config);
        controller = c;
        f.framework.awaitStatus(c.getThing(), ThingStatus.ONLINE);
        temp = f.framework.start(new EvaSensorHandler(
                f.framework.item(c.getThing(), THING_TYPE_SENSOR, "temp", Map.of(CONFIG_ID, TEMP.fullId()))));
        target = f.framework.start(new EvaSensorHandler(
                f.framework.item(c.getThing(), THING_TYPE_SENSOR, "target", Map.of(CONFIG_ID, TARGET.fullId()))));
        f.framework.awaitStatus(temp().getThing(), ThingStatus.ONLINE);
        f.framework.awaitStatus(target().getThing(), ThingStatus.ONLINE);

        MqttTransport a = new MqttTransport(MqttSettings.builder(BROKER.uri()).build());
        attacker = a;
        a.start();
        a.subscribe(topics.responseFilter(CONTROLLER), 1, (topic, payload, retained) -> answersSeen.put(topic,
                payload)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        BridgeTestFramework.await("attacker connected", a::isConnected);
    }

    @AfterAll
    void stopPlant() {
        MqttTransport a = attacker;
        if (a != null) {
            a.close();
        }
        ControllerFixture f = fixture;
        if (f != null) {
            f.close();
        }
        CapturedLog l = log;
        if (l != null) {
            l.close();
        }
        Thread.setDefaultUncaughtExceptionHandler(previousHandler);
    }

    @BeforeEach
    void mark() {
        ControllerFixture f = f();
        sim().behave();
        brokerHistoryMark = f.framework.history(f.broker).size();
    }

    /** What every attack must leave intact. */
    @AfterEach
    void bindingSurvived() throws Exception {
        ControllerFixture f = f();
        sim().behave();
        List<ThingStatusInfo> brokerHistory = f.framework.history(f.broker);
        assertEquals(List.of(), brokerHistory.subList(brokerHistoryMark, brokerHistory.size()),
                "the broker connection never dropped");
        MqttTransport transport = f.brokerHandler.transport();
        assertNotNull(transport);
        assertTrue(transport.isConnected());
        assertEquals(List.of(), uncaught, "uncaught exceptions");
        assertNotNull(api().test().get(WAIT.toMillis(), TimeUnit.MILLISECONDS), "the next call works");
        for (String line : log().lines()) {
            for (String lastResort : LAST_RESORT_LOGS) {
                assertFalse(line.contains(lastResort), line);
            }
            assertFalse(line.startsWith("\tat "), "an exception was logged with its stack trace: " + line);
        }
    }

    // ---- answers ----

    /** What an attacker publishes on the response topic of a call. */
    enum ForgedAnswer {
        WRONG_KEY("not authentic"),
        TAMPERED_MAC("not authentic"),
        TAMPERED_IV("not authentic"),
        TAMPERED_CIPHERTEXT("not authentic"),
        FLIPPED_STATUS_BYTE("bad status"),
        /** Authentic, but uncompressed while the call was compressed: the compression flag of the exchange flipped. */
        UNCOMPRESSED_BODY("rejected"),
        /** A valid answer to an earlier call of the same method and item. */
        REPLAYED_OLDER_ANSWER("JSON-RPC id mismatch"),
        ONLY_500(""),
        OVERSIZE("too large to be read");

        final String reason;

        ForgedAnswer(String reason) {
            this.reason = reason;
        }
    }

    @ParameterizedTest
    @EnumSource(ForgedAnswer.class)
    void forgedAnswerCompletesNoCallAndChangesNoChannel(ForgedAnswer attack) throws Exception {
        if (attack == ForgedAnswer.OVERSIZE) {
            NeedsMosquitto.Condition.assumeMosquitto("Moquette 0.17 never acknowledges a QoS 1 publish above about "
                    + "64 KiB on a topic its publisher subscribes to, as the attacker does here (docs/brokers.md)");
        }
        ControllerFixture f = f();
        byte[] older = attack == ForgedAnswer.REPLAYED_OLDER_ANSWER ? recordOlderAnswer() : new byte[0];
        sim().misbehaveOn(Misbehaviour.SILENT, "state");
        int events = f.framework.channelEvents().size();
        int mark = sim().requests().size();

        CompletableFuture<ItemState> call = api().state(TEMP);
        temp().handleCommand(new ChannelUID(temp().getThing().getUID(), CHANNEL_VALUE_STRING), RefreshType.REFRESH);
        List<LoggedRequest> calls = awaitStateCalls(mark, TEMP, 2);
        for (LoggedRequest request : calls) {
            for (byte[] payload : forge(attack, request, older)) {
                publish(topics.responseTopic(CONTROLLER, request.callId()), payload, false);
            }
        }

        EvaRpcException failure = failure(call);
        out().println("forged answer " + attack + ": " + failure.getMessage());
        if (attack == ForgedAnswer.ONLY_500) {
            assertEquals(EvaRpcException.Kind.DISPATCH_FAILED, failure.kind());
        } else {
            assertEquals(EvaRpcException.Kind.TIMEOUT, failure.kind());
            assertTrue(String.valueOf(failure.getMessage()).contains(attack.reason), failure.getMessage());
        }
        sim().behave();
        String sentinel = "sentinel-" + attack.ordinal();
        sim().setSensorValue(TEMP, sentinel);
        awaitChannel(temp(), sentinel);
        assertNoChannelEvent(events, FORGED);
        if (attack == ForgedAnswer.REPLAYED_OLDER_ANSWER) {
            assertNoChannelEvent(events, "older");
        }
    }

    @Test
    void duplicateAnswersCompleteTheCallOnce() throws Exception {
        sim().misbehave(Misbehaviour.DUPLICATE);
        sim().setSensorValue(TEMP, "22.25");

        assertEquals("22.25", api().state(TEMP).get(WAIT.toMillis(), TimeUnit.MILLISECONDS).value());
    }

    @Test
    void injected500BeforeTheAnswerDoesNotEndTheCall() throws Exception {
        sim().misbehave(Misbehaviour.INJECT_500_THEN_ANSWER);
        sim().setSensorValue(TEMP, "23.5");

        assertEquals("23.5", api().state(TEMP).get(WAIT.toMillis(), TimeUnit.MILLISECONDS).value());
    }

    @Test
    void replayedAnswerBeforeTheRealOneDoesNotWin() throws Exception {
        sim().setSensorValue(TEMP, "older");
        api().state(TEMP).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        sim().setSensorValue(TEMP, "24.75");
        sim().misbehave(Misbehaviour.REPLAY_THEN_ANSWER);

        assertEquals("24.75", api().state(TEMP).get(WAIT.toMillis(), TimeUnit.MILLISECONDS).value());
    }

    // ---- announcements ----

    @Test
    void oversizeAnnouncementIsDropped() {
        JsonObject state = forgedState(FORGED);
        state.addProperty("pad", "x".repeat(OVERSIZE));

        attackThenSentinel(topics.itemTopic(TARGET), utf8(state.toString()), false);
    }

    @Test
    void zlibBombOnTheBulkTopicIsBoundedAndDropped() {
        JsonObject batch = bulk(forgedState(FORGED));
        batch.addProperty("pad", "A".repeat(BOMB_PADDING));
        byte[] bomb = binaryBulk(MsgPackJson.encode(batch));
        assertTrue(bomb.length < ProtocolLimits.DEFAULT_MAX_PAYLOAD_BYTES, "the bomb is small: " + bomb.length);

        attackThenBulkSentinel(bomb);
    }

    @Test
    void deeplyNestedJsonAnnouncementIsDropped() {
        String state = forgedState(FORGED).toString();
        String nested = state.substring(0, state.length() - 1) + ",\"x\":" + "[".repeat(DEEP) + "]".repeat(DEEP)
                + "}";

        attackThenSentinel(topics.itemTopic(TARGET), utf8(nested), false);
    }

    @Test
    void deeplyNestedMsgpackOnTheBulkTopicIsDropped() {
        byte[] batch = MsgPackJson.encode(bulk(forgedState(FORGED)));
        ByteArrayOutputStream nested = new ByteArrayOutputStream();
        // one more map entry "x": an array nested DEEP levels
        nested.write(batch[0] + 1);
        nested.write(batch, 1, batch.length - 1);
        nested.write(0xa1);
        nested.write('x');
        for (int i = 0; i < DEEP; i++) {
            nested.write(0x91);
        }
        nested.write(0xc0);

        attackThenBulkSentinel(binaryBulk(nested.toByteArray()));
    }

    @Test
    void invalidUtf8AnnouncementIsDropped() {
        byte[] invalid = utf8(forgedState(FORGED + "##").toString());
        // 0xFF and 0xFE never occur in UTF-8
        int at = new String(invalid, StandardCharsets.US_ASCII).indexOf("##");
        invalid[at] = (byte) 0xFF;
        invalid[at + 1] = (byte) 0xFE;

        attackThenSentinel(topics.itemTopic(TARGET), invalid, false);
    }

    @Test
    void announcementNamingAnotherControllerChangesNothingHere() {
        JsonObject state = forgedState(FORGED);
        state.addProperty("c", "uc/host2");

        attackThenSentinel(topics.itemTopic(TARGET), utf8(state.toString()), false);
    }

    @Test
    void forgedEmptyRetainedMessageOnlyMakesTheBindingAsk() {
        ControllerFixture f = f();
        int mark = sim().requests().size();
        int statusMark = f.framework.history(target().getThing()).size();

        attackThenSentinel(topics.itemTopic(TARGET), new byte[0], true);

        awaitStateCalls(mark, TARGET, 1);
        assertEquals(ThingStatus.ONLINE, target().getThing().getStatus());
        List<ThingStatusInfo> history = f.framework.history(target().getThing());
        assertEquals(List.of(), history.subList(statusMark, history.size()), "the thing was never gone");
    }

    @Test
    void forgedBulkDestroyedEntryOnlyMakesTheBindingAsk() {
        ControllerFixture f = f();
        int mark = sim().requests().size();
        int statusMark = f.framework.history(target().getThing()).size();
        JsonObject destroyed = new JsonObject();
        destroyed.addProperty("oid", TARGET.toString());
        destroyed.addProperty("destroyed", true);

        attackThenBulkSentinel(binaryBulk(MsgPackJson.encode(bulk(destroyed))));

        awaitStateCalls(mark, TARGET, 1);
        assertEquals(ThingStatus.ONLINE, target().getThing().getStatus());
        List<ThingStatusInfo> history = f.framework.history(target().getThing());
        assertEquals(List.of(), history.subList(statusMark, history.size()), "the thing was never gone");
    }

    // ---- helpers ----

    /**
     * Publishes the attack and then a valid announcement of {@link #TARGET} on the same topic: once that shows on the
     * channel, the attack (delivered before it, MQTT keeps the order per topic) was handled.
     */
    private void attackThenSentinel(String topic, byte[] attack, boolean retained) {
        ControllerFixture f = f();
        int events = f.framework.channelEvents().size();
        publish(topic, attack, retained);
        String sentinel = "sentinel-" + ieid.incrementAndGet();
        publish(topic, utf8(forgedState(sentinel).toString()), false);
        awaitChannel(target(), sentinel);
        assertNoChannelEvent(events, FORGED);
    }

    /** As {@link #attackThenSentinel} on the bulk topic; the sentinel is a compressed batch, too. */
    private void attackThenBulkSentinel(byte[] attack) {
        ControllerFixture f = f();
        String topic = "state/" + CONTROLLER.systemName();
        int events = f.framework.channelEvents().size();
        publish(topic, attack, false);
        String sentinel = "sentinel-" + ieid.incrementAndGet();
        publish(topic, binaryBulk(MsgPackJson.encode(bulk(forgedState(sentinel)))), false);
        awaitChannel(target(), sentinel);
        assertNoChannelEvent(events, FORGED);
    }

    /** A state announcement of {@link #TARGET} as the controller would publish it, with a fresh high ieid. */
    private JsonObject forgedState(String value) {
        JsonObject state = new JsonObject();
        state.addProperty("oid", TARGET.toString());
        state.addProperty("c", CONTROLLER.toString());
        state.addProperty("status", 1);
        state.addProperty("value", value);
        JsonArray order = new JsonArray();
        order.add(sim().bootId() + FORGED_BOOT_OFFSET);
        order.add(ieid.incrementAndGet());
        state.add("ieid", order);
        state.addProperty("t", System.currentTimeMillis() / 1000.0);
        return state;
    }

    private static JsonObject bulk(JsonObject state) {
        JsonObject batch = new JsonObject();
        batch.addProperty("c", CONTROLLER.toString());
        JsonArray entries = new JsonArray();
        entries.add(state);
        batch.add("d", entries);
        return batch;
    }

    /** {@code 00 03} and the zlib-compressed msgpack (protocol.md §9.5). */
    private static byte[] binaryBulk(byte[] msgpack) {
        byte[] compressed = Zlib.deflate(msgpack);
        byte[] payload = new byte[compressed.length + 2];
        payload[1] = 0x03;
        System.arraycopy(compressed, 0, payload, 2, compressed.length);
        return payload;
    }

    /** Makes a genuine state call while the sensor says "older" and returns the answer the attacker saw. */
    private byte[] recordOlderAnswer() throws Exception {
        sim().setSensorValue(TEMP, "older");
        int mark = sim().requests().size();
        api().state(TEMP).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        LoggedRequest request = awaitStateCalls(mark, TEMP, 1).get(0);
        String topic = topics.responseTopic(CONTROLLER, request.callId());
        BridgeTestFramework.await("the attacker saw the answer", () -> answersSeen.containsKey(topic));
        sim().setSensorValue(TEMP, "newer");
        awaitChannel(temp(), "newer");
        byte[] answer = answersSeen.get(topic);
        assertNotNull(answer);
        return answer;
    }

    private List<byte[]> forge(ForgedAnswer attack, LoggedRequest request, byte[] older) {
        JsonObject state = sim().state(TEMP);
        assertNotNull(state);
        JsonObject forgedResult = state.deepCopy();
        forgedResult.addProperty("value", FORGED);
        JsonArray order = new JsonArray();
        order.add(sim().bootId() + FORGED_BOOT_OFFSET);
        order.add(Integer.MAX_VALUE);
        forgedResult.add("ieid", order);
        JsonObject response = new JsonObject();
        response.addProperty("jsonrpc", "2.0");
        JsonElement id = request.id();
        response.add("id", id == null ? null : id.deepCopy());
        response.add("result", forgedResult);
        RequestFrame frame = new RequestFrame(FrameFormat.BINARY_COMPRESSED, request.keyId(), request.callId(),
                HexFormat.of().parseHex(request.callId()), request.body());
        ServerFrameCodec genuine = new ServerFrameCodec(keyId -> ControllerFixture.KEY, ProtocolLimits.defaults());
        byte[] authentic = genuine.encodeResponse(frame, response);
        return switch (attack) {
            case WRONG_KEY -> List.of(new ServerFrameCodec(keyId -> "not-" + ControllerFixture.KEY,
                    ProtocolLimits.defaults()).encodeResponse(frame, response));
            case TAMPERED_MAC -> List.of(flip(authentic, authentic.length - MAC_BYTES));
            case TAMPERED_IV -> List.of(flip(authentic, IV_OFFSET));
            case TAMPERED_CIPHERTEXT -> List.of(flip(authentic, CIPHERTEXT_OFFSET));
            case FLIPPED_STATUS_BYTE -> {
                byte[] out = authentic.clone();
                out[1] = (byte) 0xC9;
                yield List.of(out);
            }
            case UNCOMPRESSED_BODY -> List.of(genuine.encodeResponse(new RequestFrame(FrameFormat.BINARY,
                    request.keyId(), request.callId(), frame.requestId(), request.body()), response));
            case REPLAYED_OLDER_ANSWER -> List.of(older);
            case ONLY_500 -> List.of(ServerFrameCodec.dispatchFailure());
            case OVERSIZE -> {
                byte[] out = Arrays.copyOf(authentic, OVERSIZE);
                yield List.of(out);
            }
        };
    }

    private static byte[] flip(byte[] data, int index) {
        byte[] out = data.clone();
        out[index] ^= 1;
        return out;
    }

    private void publish(String topic, byte[] payload, boolean retained) {
        try {
            attacker().publish(topic, payload, 1, retained).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("attacker could not publish on " + topic, e);
        }
    }

    private List<LoggedRequest> awaitStateCalls(int from, Oid oid, int count) {
        List<LoggedRequest> found = new ArrayList<>();
        BridgeTestFramework.await(count + " state calls for " + oid, () -> {
            found.clear();
            List<LoggedRequest> requests = sim().requests();
            for (LoggedRequest request : requests.subList(Math.min(from, requests.size()), requests.size())) {
                JsonElement item = request.param("i");
                if ("state".equals(request.method()) && item != null && oid.toString().equals(item.getAsString())) {
                    found.add(request);
                }
            }
            return found.size() >= count;
        });
        return List.copyOf(found);
    }

    private void awaitChannel(EvaSensorHandler handler, String value) {
        BridgeTestFramework.await(handler.getThing().getUID() + " shows " + value,
                () -> value.equals(String.valueOf(f().framework.state(handler.getThing(), CHANNEL_VALUE_STRING))));
    }

    private void assertNoChannelEvent(int from, String value) {
        ControllerFixture f = f();
        List<BridgeTestFramework.ChannelEvent> events = f.framework.channelEvents();
        for (BridgeTestFramework.ChannelEvent event : events.subList(from, events.size())) {
            assertFalse(event.value().contains(value), "channel " + event.channel() + " got " + event.value());
        }
    }

    private static EvaRpcException failure(CompletableFuture<?> call) throws InterruptedException {
        try {
            Object result = call.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("the call completed with " + result);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof EvaRpcException rpc) {
                return rpc;
            }
            throw new AssertionError("unexpected failure", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the call never ended", e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private ControllerFixture f() {
        ControllerFixture f = fixture;
        assertNotNull(f);
        return f;
    }

    private EvaSimulator sim() {
        EvaSimulator s = sim;
        assertNotNull(s);
        return s;
    }

    private EvaApi api() {
        EvaControllerHandler c = controller;
        assertNotNull(c);
        EvaApi api = c.api();
        assertNotNull(api, "controller online");
        return api;
    }

    private EvaSensorHandler temp() {
        EvaSensorHandler t = temp;
        assertNotNull(t);
        return t;
    }

    private EvaSensorHandler target() {
        EvaSensorHandler t = target;
        assertNotNull(t);
        return t;
    }

    private MqttTransport attacker() {
        MqttTransport a = attacker;
        assertNotNull(a);
        return a;
    }

    private CapturedLog log() {
        CapturedLog l = log;
        assertNotNull(l);
        return l;
    }
}
