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
package org.openhab.binding.evaics.test.sim;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.codec.FrameCodec;
import org.openhab.binding.evaics.internal.protocol.codec.FrameException;
import org.openhab.binding.evaics.internal.protocol.codec.FrameFormat;
import org.openhab.binding.evaics.internal.protocol.codec.ResponseFrame;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttSettings;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttTransport;
import org.openhab.binding.evaics.internal.protocol.state.Announcement;
import org.openhab.binding.evaics.internal.protocol.state.AnnouncementParser;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;
import org.openhab.binding.evaics.internal.protocol.state.EvaTopics;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.binding.evaics.internal.protocol.state.ZlibMsgPackBodyDecoder;
import org.openhab.binding.evaics.test.broker.BrokerExtension;
import org.openhab.binding.evaics.test.broker.NeedsMosquitto;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The simulator on a real MQTT broker, driven with raw frames: the JSON-RPC envelope rules of protocol.md §4.4 and
 * §6.3, the key check (protocol.md §6.2), silence on undecodable requests, and its announcements (protocol.md §2.1,
 * §2.2, §9).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class EvaSimulatorTest {

    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    private static final String KEY_ID = "default";
    private static final String API_KEY = "simulator-test-key";
    private static final ControllerId UC = ControllerId.parse("uc/simtest");
    private static final Oid LAMP = Oid.parse("unit:lights/lamp1");
    private static final Oid TEMP = Oid.parse("sensor:env/temp1");
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** How long to make sure nothing arrives. */
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final int REQUEST_ID_BYTES = 16;
    private static final int GARBAGE_MESSAGES = 8;

    private record Message(String topic, byte[] payload, boolean retained) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private static @Nullable EvaSimulator shared;
    private static @Nullable MqttTransport sharedProbe;
    private static final BlockingQueue<Message> MESSAGES = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        shared = EvaSimulator.builder(BROKER.uri()).controller(UC.toString()).key(KEY_ID, API_KEY)
                .unit("lights/lamp1", 0, "").sensor("env/temp1", 1, "21.5").start();
        MqttTransport probe = new MqttTransport(MqttSettings.builder(BROKER.uri()).build());
        sharedProbe = probe;
        probe.start();
        probe.subscribe("#", 1, (topic, payload, retained) -> MESSAGES.add(new Message(topic, payload, retained)))
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @AfterAll
    static void stop() {
        MqttTransport probe = sharedProbe;
        if (probe != null) {
            probe.close();
        }
        EvaSimulator sim = shared;
        if (sim != null) {
            sim.close();
        }
    }

    private final EvaSimulator sim = Objects.requireNonNull(shared);
    private final MqttTransport probe = Objects.requireNonNull(sharedProbe);
    private final EvaTopics topics = new EvaTopics("");

    @BeforeEach
    void reset() throws InterruptedException {
        sim.reset();
        // reset announces the configured items again; those must not be taken for a test's messages
        Set<String> pending = new HashSet<>(Set.of("unit/lights/lamp1", "sensor/env/temp1"));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!pending.isEmpty()) {
            Message message = MESSAGES.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (message == null) {
                fail("reset announcements missing: " + pending);
            } else {
                pending.remove(message.topic());
            }
        }
    }

    @AfterEach
    void drain() {
        MESSAGES.clear();
    }

    private Message next(String topic) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Message message = MESSAGES.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (message == null) {
                return fail("no message on " + topic);
            }
            if (message.topic().equals(topic)) {
                return message;
            }
        }
    }

    private void assertNothingOn(String topicPrefix) throws InterruptedException {
        long deadline = System.nanoTime() + QUIET.toNanos();
        while (true) {
            Message message = MESSAGES.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (message == null) {
                return;
            }
            assertFalse(message.topic().startsWith(topicPrefix), () -> "unexpected message on " + message.topic());
        }
    }

    /** Sends {@code request} framed by {@code codec} and returns the raw answer payload. */
    private byte[] exchange(FrameCodec codec, JsonObject request) throws Exception {
        byte[] requestId = new byte[REQUEST_ID_BYTES];
        requestId[0] = (byte) System.nanoTime();
        requestId[1] = (byte) (System.nanoTime() >> 8);
        String responseTopic = topics.responseTopic(UC, FrameCodec.callId(requestId));
        probe.publish(topics.requestTopic(UC), codec.encodeRequest(requestId, request), 1)
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return next(responseTopic).payload();
    }

    private static FrameCodec codec(FrameFormat format) {
        return new FrameCodec(KEY_ID, API_KEY, format, ProtocolLimits.defaults());
    }

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    private static JsonObject request(String method, String params) {
        return json("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":" + params + ",\"id\":7}");
    }

    private JsonElement answer(FrameFormat format, JsonObject request) throws Exception {
        FrameCodec codec = codec(format);
        ResponseFrame frame = codec.decodeResponse(exchange(codec, request));
        assertFalse(frame.dispatchFailed());
        return Objects.requireNonNull(frame.body());
    }

    private int errorCode(JsonObject request) throws Exception {
        JsonObject response = answer(FrameFormat.BINARY, request).getAsJsonObject();
        assertEquals(7, response.get("id").getAsInt());
        return response.getAsJsonObject("error").get("code").getAsInt();
    }

    @ParameterizedTest
    @EnumSource(FrameFormat.class)
    void answersInTheRequestsFormat(FrameFormat format) throws Exception {
        JsonObject response = answer(format, request("test", "{\"k\":\"" + API_KEY + "\"}")).getAsJsonObject();
        assertEquals("2.0", response.get("jsonrpc").getAsString());
        assertEquals(List.of("jsonrpc", "result", "id"), List.copyOf(response.keySet()));
        assertEquals("uc", response.getAsJsonObject("result").get("product_code").getAsString());
        assertEquals(20, response.getAsJsonObject("result").get("log_level").getAsInt());
    }

    @Test
    void wrongJsonRpcVersionGetsPlain500() throws Exception {
        byte[] answer = exchange(codec(FrameFormat.BINARY),
                json("{\"jsonrpc\":\"1.0\",\"method\":\"test\",\"params\":{},\"id\":7}"));
        assertEquals("500|", new String(answer, StandardCharsets.US_ASCII));
    }

    @Test
    void emptyRequestObjectGetsPlain500() throws Exception {
        byte[] answer = exchange(codec(FrameFormat.TEXT), new JsonObject());
        assertEquals("500|", new String(answer, StandardCharsets.US_ASCII));
    }

    @Test
    void notificationGetsANullBody() throws Exception {
        JsonObject notification = json("{\"jsonrpc\":\"2.0\",\"method\":\"test\",\"params\":{\"k\":\"" + API_KEY
                + "\"}}");
        assertEquals(JsonNull.INSTANCE, answer(FrameFormat.BINARY, notification));
    }

    @Test
    void arrayParamsUseTheFirstElement() throws Exception {
        JsonObject response = answer(FrameFormat.BINARY, request("test", "[{\"k\":\"" + API_KEY + "\"}]"))
                .getAsJsonObject();
        assertTrue(response.getAsJsonObject("result").get("ok").getAsBoolean());
    }

    @Test
    void missingKIsAccessDenied() throws Exception {
        assertEquals(2, errorCode(request("test", "{}")));
    }

    @Test
    void wrongKIsAccessDenied() throws Exception {
        assertEquals(2, errorCode(request("test", "{\"k\":\"nope\"}")));
    }

    @Test
    void unknownMethodIsError6() throws Exception {
        assertEquals(6, errorCode(request("set", "{\"k\":\"" + API_KEY + "\",\"i\":\"lvar:a/b\"}")));
    }

    @Test
    void unknownParamIsError11() throws Exception {
        assertEquals(11, errorCode(request("test", "{\"k\":\"" + API_KEY + "\",\"x\":1}")));
    }

    @Test
    void actionWithoutStatusIsError11() throws Exception {
        assertEquals(11, errorCode(request("action", "{\"k\":\"" + API_KEY + "\",\"i\":\"" + LAMP + "\"}")));
    }

    @Test
    void unknownStatusLabelIsError1() throws Exception {
        assertEquals(1,
                errorCode(request("action", "{\"k\":\"" + API_KEY + "\",\"i\":\"" + LAMP + "\",\"s\":\"dim\"}")));
    }

    @Test
    void stateWithoutItemOrTypeIsError1() throws Exception {
        assertEquals(1, errorCode(request("state", "{\"k\":\"" + API_KEY + "\"}")));
    }

    @Test
    void requestWithAnUnknownKeyIdIsDroppedSilently() throws Exception {
        FrameCodec stranger = new FrameCodec("stranger", API_KEY, FrameFormat.BINARY, ProtocolLimits.defaults());
        long before = sim.counters().requestsUndecodable();
        byte[] requestId = new byte[REQUEST_ID_BYTES];
        probe.publish(topics.requestTopic(UC), stranger.encodeRequest(requestId, request("test", "{}")), 1)
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNothingOn(topics.responseTopic(UC, HexFormat.of().formatHex(requestId)));
        assertEquals(before + 1, sim.counters().requestsUndecodable());
        assertEquals(FrameException.Reason.UNKNOWN_KEY_ID, sim.lastUndecodableReason());
    }

    @Test
    void requestsAreLoggedWithTheirParams() throws Exception {
        answer(FrameFormat.BINARY_COMPRESSED,
                request("state", "{\"i\":\"" + TEMP + "\",\"k\":\"" + API_KEY + "\"}"));
        LoggedRequest logged = sim.awaitRequest("state", WAIT);
        assertEquals(FrameFormat.BINARY_COMPRESSED, logged.format());
        assertEquals(TEMP.toString(), Objects.requireNonNull(logged.param("i")).getAsString());
        assertEquals(API_KEY, Objects.requireNonNull(logged.param("k")).getAsString());
        assertFalse(logged.toString().contains(API_KEY), "the log line hides k");
    }

    @Test
    void itemStatesAreAnnouncedRetainedAndParse() throws Exception {
        sim.setSensorValue(TEMP, "22.25");
        Message message = next("sensor/env/temp1");
        ProtocolLimits limits = ProtocolLimits.defaults();
        Announcement parsed = new AnnouncementParser("", new ZlibMsgPackBodyDecoder(limits), limits)
                .parse(message.topic(), message.payload());
        Announcement.ItemStateChanged changed = assertInstanceOf(Announcement.ItemStateChanged.class, parsed);
        assertEquals("22.25", changed.state().value());
        assertEquals(UC, changed.state().controller());
    }

    @Test
    @NeedsMosquitto(NeedsMosquitto.RETAIN_FLAG)
    void stateIsRetainedOnTheBroker() throws Exception {
        sim.setSensorValue(TEMP, "19.0");
        next("sensor/env/temp1");
        BlockingQueue<Message> late = new LinkedBlockingQueue<>();
        MqttTransport lateSubscriber = new MqttTransport(MqttSettings.builder(BROKER.uri()).build());
        try {
            lateSubscriber.start();
            lateSubscriber.subscribe("sensor/env/temp1", 1,
                    (topic, payload, retained) -> late.add(new Message(topic, payload, retained)));
            Message retained = late.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(retained);
            assertTrue(retained.retained());
            assertEquals("19.0", json(retained.text()).get("value").getAsString());
        } finally {
            lateSubscriber.close();
        }
    }

    @Test
    void discoveryAnnounceIsThePlainControllerId() throws Exception {
        sim.announceDiscovery();
        assertEquals("uc/simtest", next("controller/discovery").text());
    }

    @Test
    void serverEventCarriesEventTimeAndController() throws Exception {
        sim.serverEvent("leaving");
        JsonObject event = json(next("controller/uc/simtest/events").text());
        assertEquals("leaving", event.get("e").getAsString());
        assertEquals("uc/simtest", event.get("c").getAsString());
        assertTrue(event.get("t").getAsDouble() > 0);
    }

    @Test
    void garbageStatesArePublishedOnTheItemTopic() throws Exception {
        List<byte[]> garbage = sim.publishGarbageStates(TEMP, false);
        assertEquals(GARBAGE_MESSAGES, garbage.size());
        for (byte[] payload : garbage) {
            assertArrayEquals(payload, next("sensor/env/temp1").payload());
        }
    }
}
