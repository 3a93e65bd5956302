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
import static org.openhab.binding.evaics.test.Thrown.causeOf;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openhab.binding.evaics.internal.cli.RequestFrame;
import org.openhab.binding.evaics.internal.cli.ServerFrameCodec;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.codec.FrameCodec;
import org.openhab.binding.evaics.internal.protocol.codec.FrameException;
import org.openhab.binding.evaics.internal.protocol.codec.FrameFormat;
import org.openhab.binding.evaics.internal.protocol.crypto.EvaKey;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttSettings;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttTransport;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaApi;
import org.openhab.binding.evaics.internal.protocol.rpc.RpcClient;
import org.openhab.binding.evaics.internal.protocol.rpc.RpcSettings;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;
import org.openhab.binding.evaics.internal.protocol.state.EvaTopics;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.binding.evaics.test.broker.BrokerExtension;
import org.openhab.binding.evaics.test.broker.TestBroker;
import org.openhab.binding.evaics.test.log.CapturedLog;
import org.openhab.binding.evaics.test.sim.EvaSimulator;
import org.openhab.binding.evaics.test.sim.Misbehaviour;
import org.openhab.core.library.types.OnOffType;
import org.openhab.core.thing.Bridge;
import org.openhab.core.thing.ChannelUID;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusDetail;
import org.openhab.core.thing.ThingStatusInfo;
import org.openhab.core.types.RefreshType;

import com.google.gson.JsonObject;

/**
 * Secrets never leak (issue 6, item 6): a full scenario with a password-protected broker and an API key - commands,
 * refreshes, refused calls, a silent controller, a wrong key, a wrong password, an invalid configuration, garbage
 * announcements and a broker restart - logged at TRACE by every SLF4J logger and at every level by Paho's
 * java.util.logging, and then searched for the API keys and passwords used: in the logs, in thing properties and
 * status descriptions, in the {@code toString()} of settings, configurations, frames and clients, and in every
 * exception message seen. Runs in the surefire execution {@code log-capture} ({@link CapturedLog}).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@Tag(CapturedLog.TAG)
@NonNullByDefault
class SecretsNeverLeakTest {

    /** A line slf4j-simple writes for a logger of openHAB's core: "12 [thread] LEVEL org.openhab.core.... - ". */
    private static final Pattern OPENHAB_CORE_LINE = Pattern
            .compile("^\\d+ \\[[^\\]]*\\] [A-Z]+ org\\.openhab\\.core\\.");

    private static final Duration WAIT = BridgeTestFramework.WAIT_LIMIT;
    private static final String USER = "openhab";
    /** Random, so that no text can contain them by chance. */
    private static final String PASSWORD = "Pw-" + random();
    private static final String WRONG_PASSWORD = "WrongPw-" + random();
    private static final String KEY = "Key-" + random();
    private static final String WRONG_KEY = "WrongKey-" + random();
    private static final List<String> SECRETS = List.of(PASSWORD, WRONG_PASSWORD, KEY, WRONG_KEY);
    private static final Oid LAMP = Oid.parse("unit:lights/lamp1");
    private static final Oid TEMP = Oid.parse("sensor:env/temp1");

    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(
            TestBroker.options().allowAnonymous(false).user(USER, PASSWORD).tcpNoDelay(true));

    private final List<String> texts = new ArrayList<>();

    private static String random() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Test
    void noSecretInLogsPropertiesStatusesToStringsOrExceptionMessages() throws Exception {
        List<Thing> things = new ArrayList<>();
        try (CapturedLog log = CapturedLog.start();
                ControllerFixture fixture = new ControllerFixture(BROKER,
                        Map.of("username", USER, "password", PASSWORD))) {
            BridgeTestFramework framework = fixture.framework;
            things.add(fixture.broker);
            EvaSimulator sim = fixture.started(simulator("uc/host1").unit("lights/lamp1", 0, "").sensor("env/temp1",
                    1, "20.5"));
            fixture.started(simulator("uc/host2"));

            // a controller with the key, its items, commands and refreshes
            EvaControllerHandler controller = fixture.controller("ctl", controllerConfig("uc/host1", KEY));
            framework.awaitStatus(controller.getThing(), ThingStatus.ONLINE);
            things.add(controller.getThing());
            EvaUnitHandler lamp = framework.start(new EvaUnitHandler(
                    framework.item(controller.getThing(), THING_TYPE_UNIT, "lamp", Map.of(CONFIG_ID, LAMP.fullId()))));
            EvaSensorHandler temp = framework.start(new EvaSensorHandler(framework.item(controller.getThing(),
                    THING_TYPE_SENSOR, "temp", Map.of(CONFIG_ID, TEMP.fullId()))));
            things.add(lamp.getThing());
            things.add(temp.getThing());
            framework.awaitStatus(lamp.getThing(), ThingStatus.ONLINE);
            lamp.handleCommand(new ChannelUID(lamp.getThing().getUID(), CHANNEL_SWITCH), OnOffType.ON);
            BridgeTestFramework.await("lamp on", () -> OnOffType.ON.equals(framework.state(lamp.getThing(),
                    CHANNEL_SWITCH)));
            temp.handleCommand(new ChannelUID(temp.getThing().getUID(), CHANNEL_VALUE_STRING), RefreshType.REFRESH);
            await(lamp.action(0, "off again"));

            // refused and unanswered calls
            sim.denyAccess(ControllerFixture.KEY_ID, true);
            failureMessage(lamp.action(1, "denied"));
            sim.denyAccess(ControllerFixture.KEY_ID, false);
            EvaApi api = controller.api();
            assertNotNull(api);
            sim.misbehave(Misbehaviour.SILENT);
            failureMessage(api.state(TEMP));
            framework.awaitStatus(controller.getThing(), ThingStatus.OFFLINE, ThingStatusDetail.COMMUNICATION_ERROR);
            failureMessage(lamp.action(1, "while offline"));
            sim.behave();
            framework.awaitStatus(controller.getThing(), ThingStatus.ONLINE);
            sim.publishGarbageStates(TEMP, false);

            // a wrong key, a configuration that cannot work, a wrong broker password
            EvaControllerHandler wrongKey = fixture.controller("ctl-wrong-key", controllerConfig("uc/host2",
                    WRONG_KEY));
            things.add(wrongKey.getThing());
            framework.awaitStatus(wrongKey.getThing(), ThingStatus.OFFLINE, ThingStatusDetail.COMMUNICATION_ERROR);
            Map<String, Object> invalid = controllerConfig("uc/host3", KEY);
            invalid.put("keyId", "bad|id");
            EvaControllerHandler invalidController = fixture.controller("ctl-invalid", invalid);
            things.add(invalidController.getThing());
            assertEquals(ThingStatusDetail.CONFIGURATION_ERROR, invalidController.getThing().getStatusInfo().getStatusDetail());
            Map<String, Object> wrongPassword = new HashMap<>();
            wrongPassword.put("host", TestBroker.HOST);
            wrongPassword.put("port", BROKER.port());
            wrongPassword.put("username", USER);
            wrongPassword.put("password", WRONG_PASSWORD);
            Bridge refused = framework.broker("broker-refused", wrongPassword);
            framework.start(new EvaBrokerHandler(refused));
            things.add(refused);
            framework.awaitStatus(refused, ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR);

            // a broker restart in the middle
            BROKER.restart();
            framework.awaitStatus(controller.getThing(), ThingStatus.OFFLINE);
            framework.awaitStatus(controller.getThing(), ThingStatus.ONLINE);

            MqttTransport transport = fixture.brokerHandler.transport();
            assertNotNull(transport);
            collectToStrings(transport);
            things.forEach(thing -> collectThing(framework, thing));
            sim.requests().forEach(request -> texts.add(request.toString()));

            String logged = log.text();
            assertTrue(logged.contains("TRACE " + RpcClient.class.getName() + " - Sending 'test'"),
                    "TRACE lines of the binding are captured");
            assertTrue(logged.contains("TRACE org.openhab.binding.evaics.internal.protocol.state.AnnouncementRouter"
                    + " - Ignored message"), "TRACE lines of the binding are captured");
            assertFalse(log.pahoRecords().isEmpty(), "Paho's logging is captured");
            // openHAB's ConfigParser (4.3 and 5.x) traces every configuration value it maps into a configuration
            // class, the API key and broker password included (docs/security.md): openHAB's logging, not the binding's
            String loggedOutsideOpenHab = log.lines().stream().filter(line -> !OPENHAB_CORE_LINE.matcher(line).find())
                    .collect(Collectors.joining("\n"));
            assertNoSecret("the SLF4J log", loggedOutsideOpenHab);
            assertNoSecret("Paho's log", String.join("\n", log.pahoRecords()));
        }
        for (String text : texts) {
            assertNoSecret("a text the binding produced", text);
        }
    }

    private EvaSimulator.Builder simulator(String controllerId) {
        return EvaSimulator.builder(MqttSettings.builder(BROKER.uri()).username(USER).password(PASSWORD))
                .controller(controllerId).key(ControllerFixture.KEY_ID, KEY);
    }

    private static Map<String, Object> controllerConfig(String controllerId, String key) {
        Map<String, Object> config = ControllerFixture.controllerConfig(controllerId);
        config.put("key", key);
        return config;
    }

    /** The texts the protocol layer makes from secrets, with the secrets in place. */
    private void collectToStrings(MqttTransport transport) throws Exception {
        texts.add(transport.toString());
        texts.add(transport.settings().toString());
        EvaBrokerConfiguration broker = new EvaBrokerConfiguration();
        broker.host = TestBroker.HOST;
        broker.username = USER;
        broker.password = PASSWORD;
        texts.add(broker.toString());
        texts.add(broker.toMqttSettings().toString());
        EvaControllerConfiguration controller = new EvaControllerConfiguration();
        controller.controllerId = "uc/host1";
        controller.key = KEY;
        texts.add(controller.toString());
        texts.add(controller.validate().toString());
        controller.frameFormat = "json";
        texts.add(String.valueOf(assertThrows(IllegalArgumentException.class, controller::validate).getMessage()));

        FrameCodec codec = new FrameCodec(ControllerFixture.KEY_ID, KEY, FrameFormat.BINARY, ProtocolLimits.defaults());
        texts.add(codec.toString());
        texts.add(EvaKey.derive(KEY).toString());
        ServerFrameCodec server = new ServerFrameCodec(keyId -> KEY, ProtocolLimits.defaults());
        JsonObject request = new JsonObject();
        request.addProperty("jsonrpc", "2.0");
        request.addProperty("method", "test");
        JsonObject params = new JsonObject();
        params.addProperty("k", KEY);
        request.add("params", params);
        request.addProperty("id", "1");
        RequestFrame decoded = server.decodeRequest(codec.encodeRequest(new byte[RpcClient.REQUEST_ID_BYTES], request));
        texts.add(decoded.toString());
        texts.add(server.toString());
        byte[] answer = new ServerFrameCodec(keyId -> WRONG_KEY, ProtocolLimits.defaults()).encodeResponse(decoded,
                request);
        texts.add(String.valueOf(assertThrows(FrameException.class, () -> codec.decodeResponse(answer)).getMessage()));

        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (RpcClient rpc = new RpcClient(transport, new EvaTopics(""), ControllerId.parse("uc/host1"),
                ControllerFixture.KEY_ID, KEY, FrameFormat.TEXT, RpcSettings.defaults(), ProtocolLimits.defaults(),
                timer)) {
            texts.add(rpc.toString());
            texts.add(failureMessage(rpc.call("test", new JsonObject())));
        } finally {
            timer.shutdownNow();
        }
    }

    private void collectThing(BridgeTestFramework framework, Thing thing) {
        texts.add(thing.getProperties().toString());
        for (ThingStatusInfo status : framework.history(thing)) {
            texts.add(String.valueOf(status.getDescription()));
        }
    }

    /** The message of the failure the call ends with; it is also checked for secrets. */
    private String failureMessage(CompletableFuture<?> call) throws InterruptedException {
        try {
            Object result = call.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected a failure, got " + result);
        } catch (ExecutionException e) {
            String message = String.valueOf(causeOf(e).getMessage());
            texts.add(message);
            return message;
        } catch (TimeoutException e) {
            throw new AssertionError("the call never ended", e);
        }
    }

    private static <T> T await(CompletableFuture<T> call) throws Exception {
        return call.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void assertNoSecret(String where, String text) {
        for (String secret : SECRETS) {
            int at = text.indexOf(secret);
            assertTrue(at < 0, () -> where + " contains a secret: ..."
                    + text.substring(Math.max(0, at - 120), Math.min(text.length(), at + 40)));
        }
    }
}
