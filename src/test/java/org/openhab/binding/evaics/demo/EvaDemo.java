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
package org.openhab.binding.evaics.demo;

import static org.openhab.binding.evaics.internal.EvaIcsBindingConstants.*;
import static org.openhab.binding.evaics.internal.handler.EvaItemConstants.*;
import static org.openhab.binding.evaics.test.StdStreams.out;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.action.EvaControllerActions;
import org.openhab.binding.evaics.internal.handler.EvaBrokerHandler;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttSettings;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttTransport;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.binding.evaics.test.broker.EmbeddedBroker;
import org.openhab.binding.evaics.test.broker.TestBroker;
import org.openhab.binding.evaics.test.broker.Wiretap;
import org.openhab.binding.evaics.test.host.ThingHost;
import org.openhab.binding.evaics.test.sim.EvaSimulator;
import org.openhab.binding.evaics.test.sim.LoggedRequest;
import org.openhab.core.config.discovery.DiscoveryResult;
import org.openhab.core.library.types.OnOffType;
import org.openhab.core.library.types.QuantityType;
import org.openhab.core.library.types.StringType;
import org.openhab.core.library.unit.SIUnits;
import org.openhab.core.thing.Bridge;
import org.openhab.core.thing.ChannelUID;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingUID;
import org.openhab.core.thing.binding.ThingHandler;
import org.openhab.core.types.Command;
import org.openhab.core.types.State;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * The demo behind the README's quick start ({@code mvn -B -q -Pdemo verify}): the binding's real handlers, created
 * by its handler factory, in a small headless openHAB ({@link ThingHost}), an MQTT broker inside this JVM
 * ({@link EmbeddedBroker}) and two simulated EVA ICS controllers ({@link EvaSimulator}). It walks through discovery,
 * encrypted commands and rule actions (showing what crossed the broker), state announcements and two forged
 * announcements, prints what happens in plain words, and ends with one summary line. Exit code 0 when every step
 * did what it should, 1 when one did not, 2 when the demo did not finish in time.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class EvaDemo {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_TIMEOUT = 2;
    /** The whole demo normally takes a few seconds; the watchdog ends it after this. */
    static final Duration TOTAL_LIMIT = Duration.ofSeconds(60);
    /** Upper bound of every wait inside a step. */
    static final Duration STEP_LIMIT = Duration.ofSeconds(10);
    /** A step's events are printed once none arrived for this long. */
    static final Duration QUIET = Duration.ofMillis(200);
    /** How long unit actions run in the simulated UC: long enough to see the action running. */
    static final Duration ACTION_DURATION = Duration.ofMillis(150);
    /** Bytes of ciphertext shown at each end of an excerpt. */
    static final int EXCERPT_BYTES = 8;
    static final int KEY_LENGTH = 32;
    static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static final String INDENT = "    ";
    static final String EVENT_INDENT = "      · ";

    static final String UC = "uc/plant";
    static final String LM = "lm/plc";
    static final Oid LAMP = Oid.parse("unit:lights/lamp1");
    static final Oid TEMP = Oid.parse("sensor:env/temp1");
    static final Oid AWAY = Oid.parse("lvar:modes/away");
    static final Oid MACRO = Oid.parse("lmacro:scenes/leave");

    private final PrintStream out;
    private final Narrator narrator = new Narrator();
    private final SecureRandom random = new SecureRandom();
    private final List<String> keys = new ArrayList<>();
    private int steps;
    private int calls;
    private int failures;

    /** The demo's failure: what did not happen, in words. */
    static final class DemoFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DemoFailure(String message) {
            super(message, null, false, false);
        }
    }

    public EvaDemo(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(TOTAL_LIMIT.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            out().println("DEMO FAILED: it did not finish within " + TOTAL_LIMIT.toSeconds() + " s");
            out().flush();
            Runtime.getRuntime().halt(EXIT_TIMEOUT);
        }, "demo-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        int code = new EvaDemo(out()).run();
        out().flush();
        // Paho's and the simulators' threads must not keep the JVM alive; the exit code is Maven's
        System.exit(code);
    }

    /** Runs the demo; returns the exit code. */
    public int run() {
        out.println("EVA ICS binding demo: the binding's handlers in a small openHAB host, an MQTT broker and two");
        out.println("simulated EVA ICS controllers, all inside this JVM.");
        String failed = null;
        Parts parts = new Parts();
        try {
            walk(parts);
        } catch (DemoFailure e) {
            failures++;
            failed = e.getMessage();
            out.println(INDENT + "FAILED: " + failed);
        } catch (RuntimeException e) {
            failures++;
            failed = "unexpected " + e;
            out.println(INDENT + "FAILED: " + failed);
        } finally {
            parts.close();
        }
        out.println();
        String counts = steps + " steps, " + calls + " encrypted calls, " + narrator.channelChanges()
                + " channel updates, " + failures + " failures";
        if (failed == null) {
            out.println("DEMO OK: " + counts);
            return EXIT_OK;
        }
        out.println("DEMO FAILED at step " + steps + ": " + failed + " (" + counts + ")");
        return EXIT_FAILED;
    }

    /** What the demo starts, closed in reverse order. */
    private final class Parts {
        @Nullable
        EmbeddedBroker broker;
        @Nullable
        EvaSimulator uc;
        @Nullable
        EvaSimulator lm;
        @Nullable
        Wiretap wiretap;
        @Nullable
        MqttTransport intruder;
        @Nullable
        ThingHost host;
        @Nullable
        MqttTransport bindingTransport;

        void close() {
            Wiretap tap = wiretap;
            if (tap != null) {
                calls = tap.messages(EvaDemo::isRequestTopic).size();
            }
            ThingHost currentHost = host;
            if (currentHost != null) {
                currentHost.close();
                // the broker bridge closes its connection in the background; let it say goodbye to the broker
                MqttTransport transport = bindingTransport;
                if (transport != null) {
                    ThingHost.waitFor(() -> !transport.isConnected(), STEP_LIMIT);
                }
            }
            for (AutoCloseable part : new AutoCloseable[] { intruder, wiretap, lm, uc, broker }) {
                if (part != null) {
                    try {
                        part.close();
                    } catch (Exception e) {
                        out.println(INDENT + "(closing " + part + " failed: " + e.getMessage() + ")");
                    }
                }
            }
        }
    }

    private void walk(Parts parts) {
        step("Start an MQTT broker inside this JVM (Moquette)");
        EmbeddedBroker broker = EmbeddedBroker.start(TestBroker.options());
        parts.broker = broker;
        say("listening on " + broker.uri() + " (loopback only, nothing written to disk)");
        events();

        step("Start two simulated EVA ICS controllers on that broker");
        String ucKey = newKey();
        String lmKey = newKey();
        EvaSimulator uc = EvaSimulator.builder(broker.uri()).controller(UC).key(DEFAULT_KEY_ID, ucKey)
                .unit(LAMP.fullId(), 0, "").sensor(TEMP.fullId(), 1, "21.5").actionDuration(ACTION_DURATION).start();
        parts.uc = uc;
        EvaSimulator lm = EvaSimulator.builder(broker.uri()).controller(LM).key(DEFAULT_KEY_ID, lmKey)
                .lvar(AWAY.fullId(), 1, "0", 0).macro(MACRO.fullId()).start();
        parts.lm = lm;
        say(UC + ": a Universal Controller with unit " + LAMP.fullId() + " (off) and sensor " + TEMP.fullId()
                + " (21.5)");
        say(LM + ": a Logic Manager PLC with logic variable " + AWAY.fullId() + " (0) and macro " + MACRO.fullId());
        say("each one answers only calls encrypted with its own API key (key id \"" + DEFAULT_KEY_ID + "\")");
        Wiretap wiretap = Wiretap.start(broker.uri(), "#", STEP_LIMIT);
        parts.wiretap = wiretap;
        say("a wiretap client subscribes to every topic: it sees what anyone on the broker sees");
        MqttTransport intruder = new MqttTransport(MqttSettings.builder(broker.uri()).build());
        parts.intruder = intruder;
        intruder.start();
        events();

        ThingHost host = new ThingHost(narrator);
        parts.host = host;

        step("Add the broker bridge evaics:broker:home");
        Map<String, Object> brokerConfig = new HashMap<>();
        brokerConfig.put(CONFIG_HOST, TestBroker.HOST);
        brokerConfig.put(CONFIG_PORT, broker.port());
        Bridge brokerThing = host.broker("home", brokerConfig);
        narrator.name(brokerThing.getUID(), "Broker bridge");
        host.add(brokerThing);
        awaitStatus(host, brokerThing.getUID(), "the broker bridge to connect");
        parts.bindingTransport = host.handler(brokerThing.getUID(), EvaBrokerHandler.class).transport();
        events();

        step("Controller " + UC + " announces itself on controller/discovery");
        uc.announceDiscovery();
        ThingUID ucUID = new ThingUID(THING_TYPE_CONTROLLER, brokerThing.getUID(), "uc_plant");
        DiscoveryResult ucResult = awaitResult(host, ucUID);
        events();
        say("the announce is the plain text \"" + UC + "\"; the inbox proposes controller "
                + ucResult.getProperties().get(CONFIG_CONTROLLER_ID) + " with key id \""
                + ucResult.getProperties().get(CONFIG_KEY_ID) + "\" and no key");
        events();

        step("Add " + UC + " from the inbox with its API key");
        narrator.name(ucUID, "Controller " + UC);
        host.inbox().approve(ucUID, Map.of(CONFIG_KEY, ucKey));
        awaitStatus(host, ucUID, UC + " to answer the heartbeat");
        events();
        Map<String, String> properties = host.thing(ucUID).getProperties();
        say("it answered the encrypted heartbeat call (test): " + properties.get(PROPERTY_PRODUCT_NAME) + " "
                + properties.get(PROPERTY_VERSION) + ", build " + properties.get(PROPERTY_PRODUCT_BUILD));
        ThingUID lampUID = new ThingUID(THING_TYPE_UNIT, ucUID, LAMP.uidSegment());
        ThingUID tempUID = new ThingUID(THING_TYPE_SENSOR, ucUID, TEMP.uidSegment());
        DiscoveryResult lampResult = awaitResult(host, lampUID);
        awaitResult(host, tempUID);
        events();
        say("once ONLINE, the binding listed its items with an encrypted state call (item discovery); each entry"
                + " has the representation property " + lampResult.getRepresentationProperty() + ", e.g. "
                + lampResult.getProperties().get(PROPERTY_OID));
        events();

        step("Create things from the two inbox entries");
        narrator.name(lampUID, "Hall lamp");
        narrator.name(tempUID, "Hall temperature");
        host.inbox().approve(lampUID, Map.of());
        host.inbox().approve(tempUID, Map.of("unit", "°C"));
        awaitStatus(host, lampUID, "the Hall lamp to get its state");
        awaitStatus(host, tempUID, "the Hall temperature to get its state");
        events();
        say("each thing asked for its state with an encrypted state call");
        events();

        step("Command: switch the Hall lamp ON (what a UI switch or a rule does)");
        uc.clearRequests();
        int beforeSwitch = wiretap.mark();
        command(host, lampUID, CHANNEL_SWITCH, OnOffType.ON);
        LoggedRequest action = awaitRequest(uc, "action", LAMP);
        awaitChannel(lampUID, CHANNEL_SWITCH, OnOffType.ON);
        await("the action trigger of the Hall lamp", () -> host.triggers(channel(lampUID, CHANNEL_ACTION))
                .contains("completed"));
        showCall(uc, wiretap, beforeSwitch, action, ucKey, LAMP);
        say("the channels change only now, with the controller's state announcements:");
        events();

        step("The controller announces a new temperature");
        int beforeAnnouncement = wiretap.mark();
        uc.setSensorValue(TEMP, "22.75");
        awaitChannel(tempUID, CHANNEL_VALUE, new QuantityType<>(22.75, SIUnits.CELSIUS));
        String tempTopic = uc.topics().itemTopic(TEMP);
        Wiretap.Message announcement = awaitMessage(wiretap, beforeAnnouncement, tempTopic);
        say("plain JSON on " + tempTopic + ": " + new String(announcement.payload(), StandardCharsets.UTF_8));
        events();

        step("Controller " + LM + " announces itself; add it with its key, the legacy text frame format and"
                + " verified states");
        lm.announceDiscovery();
        ThingUID lmUID = new ThingUID(THING_TYPE_CONTROLLER, brokerThing.getUID(), "lm_plc");
        awaitResult(host, lmUID);
        narrator.name(lmUID, "Controller " + LM);
        host.inbox().approve(lmUID,
                Map.of(CONFIG_KEY, lmKey, CONFIG_FRAME_FORMAT, "text", CONFIG_STATE_SOURCE, "verified"));
        awaitStatus(host, lmUID, LM + " to answer the heartbeat");
        ThingUID awayUID = new ThingUID(THING_TYPE_LVAR, lmUID, AWAY.uidSegment());
        awaitResult(host, awayUID);
        narrator.name(awayUID, "Away mode");
        host.inbox().approve(awayUID, Map.of());
        awaitStatus(host, awayUID, "the Away mode to get its state");
        events();
        say("verified: an announcement only makes the binding ask the controller with an encrypted state call");
        events();

        step("Command: set the Away mode logic variable to 1 (channel value)");
        lm.clearRequests();
        int beforeSet = wiretap.mark();
        command(host, awayUID, CHANNEL_VALUE, new StringType("1"));
        LoggedRequest set = awaitRequest(lm, "set", AWAY);
        awaitChannel(awayUID, CHANNEL_SWITCH, OnOffType.ON);
        showCall(lm, wiretap, beforeSet, set, lmKey, AWAY);
        events();

        step("Rule action: run the macro " + MACRO.fullId() + " on " + LM + " (actions.run)");
        lm.clearRequests();
        int beforeRun = wiretap.mark();
        Map<String, Object> result = host.service(lmUID, EvaControllerActions.class).run(MACRO.fullId(),
                "[\"now\"]");
        check("completed".equals(result.get(EvaControllerActions.OUTPUT_STATUS)),
                "the macro did not complete: " + result);
        say("the rule got: status " + result.get(EvaControllerActions.OUTPUT_STATUS) + ", exit code "
                + result.get(EvaControllerActions.OUTPUT_EXITCODE) + ", action uuid "
                + result.get(EvaControllerActions.OUTPUT_UUID));
        showCall(lm, wiretap, beforeRun, awaitRequest(lm, "run", MACRO), lmKey, MACRO);
        events();

        step("Forgery: someone publishes \"Hall lamp OFF\" in the name of another controller");
        String forgedLamp = "{\"c\":\"uc/intruder\",\"status\":0,\"value\":\"\",\"nstatus\":0}";
        int beforeForgery = wiretap.mark();
        publish(intruder, uc.topics().itemTopic(LAMP), forgedLamp);
        // delivered to the wiretap, so delivered to the binding too; then give the binding time to react
        awaitMessage(wiretap, beforeForgery, uc.topics().itemTopic(LAMP));
        narrator.awaitQuiet(QUIET, STEP_LIMIT);
        check(OnOffType.ON.equals(narrator.state(channel(lampUID, CHANNEL_SWITCH))),
                "the forged announcement switched the Hall lamp channel");
        say("published " + forgedLamp + " on " + uc.topics().itemTopic(LAMP));
        say("ignored: it names controller uc/intruder, not " + UC + "; the Hall lamp stays ON");
        events();

        step("Forgery: someone publishes \"Away mode 0\" in the name of " + LM + " (verified mode)");
        lm.clearRequests();
        String forgedAway = "{\"c\":\"" + LM + "\",\"status\":1,\"value\":\"0\"}";
        publish(intruder, lm.topics().itemTopic(AWAY), forgedAway);
        awaitRequest(lm, "state", AWAY);
        narrator.awaitQuiet(QUIET, STEP_LIMIT);
        check(new StringType("1").equals(narrator.state(channel(awayUID, CHANNEL_VALUE))),
                "the forged announcement changed the Away mode channel");
        say("published " + forgedAway + " on " + lm.topics().itemTopic(AWAY));
        say("not believed: the binding asked " + LM + " with an encrypted state call, which still says 1");
        say("(with stateSource=announcements it would have been shown: restrict who may publish with broker"
                + " ACLs, see docs/security.md)");
        events();

        step("Check every API call that crossed the broker");
        List<Wiretap.Message> requests = wiretap.messages(EvaDemo::isRequestTopic);
        for (Wiretap.Message request : requests) {
            String text = new String(request.payload(), StandardCharsets.ISO_8859_1);
            for (String key : keys) {
                check(!text.contains(key), "an API key crossed the broker in clear on " + request.topic());
            }
        }
        say(requests.size() + " encrypted calls seen by the wiretap (heartbeats, state calls, commands, the macro);"
                + " none contains an API key");
        events();
    }

    // ---- steps and checks ----

    private void step(String title) {
        steps++;
        out.println();
        out.println("[" + steps + "] " + title);
    }

    /** Prints the events so far once they stopped coming. */
    private void events() {
        narrator.awaitQuiet(QUIET, STEP_LIMIT);
        for (String line : narrator.drain()) {
            out.println(EVENT_INDENT + line);
        }
    }

    private void say(String text) {
        out.println(INDENT + text);
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            throw new DemoFailure(failure);
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        check(ThingHost.waitFor(condition, STEP_LIMIT), "waited " + STEP_LIMIT.toSeconds() + " s for " + what);
    }

    private static void awaitStatus(ThingHost host, ThingUID thing, String what) {
        await(what, () -> host.thing(thing).getStatus() == ThingStatus.ONLINE);
    }

    private void awaitChannel(ThingUID thing, String channelId, State expected) {
        await(narrator.nameOf(thing) + " " + channelId + " to become " + Narrator.show(expected),
                () -> expected.equals(narrator.state(channel(thing, channelId))));
    }

    private static DiscoveryResult awaitResult(ThingHost host, ThingUID uid) {
        await("inbox entry " + uid, () -> host.inbox().result(uid) != null);
        DiscoveryResult result = host.inbox().result(uid);
        if (result == null) {
            throw new DemoFailure("inbox entry " + uid + " vanished");
        }
        return result;
    }

    private static LoggedRequest awaitRequest(EvaSimulator simulator, String method, Oid item) {
        try {
            return simulator.awaitRequest(r -> method.equals(r.method()) && r.param("i") instanceof JsonPrimitive i
                    && item.toString().equals(i.getAsString()), STEP_LIMIT);
        } catch (AssertionError e) {
            throw new DemoFailure(simulator.controller() + " never received " + method + " for " + item);
        }
    }

    private static ChannelUID channel(ThingUID thing, String channelId) {
        return new ChannelUID(thing, channelId);
    }

    private static void command(ThingHost host, ThingUID thing, String channelId, Command command) {
        ThingHandler handler = host.thing(thing).getHandler();
        if (handler == null) {
            throw new DemoFailure(thing + " has no handler");
        }
        handler.handleCommand(channel(thing, channelId), command);
    }

    /** The first message on the topic after the mark, waiting for it. */
    private static Wiretap.Message awaitMessage(Wiretap wiretap, int mark, String topic) {
        await("the wiretap to see a message on " + topic,
                () -> wiretap.since(mark).stream().anyMatch(m -> m.topic().equals(topic)));
        return wiretap.since(mark).stream().filter(m -> m.topic().equals(topic)).findFirst().orElseThrow();
    }

    private static boolean isRequestTopic(String topic) {
        return topic.endsWith("/api/request");
    }

    private static void publish(MqttTransport transport, String topic, String payload) {
        try {
            transport.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false).get(STEP_LIMIT.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new DemoFailure("could not publish on " + topic + ": " + e.getMessage());
        }
    }

    // ---- what crossed the broker ----

    /**
     * Shows one call as the broker carried it (request and answer, excerpts of the ciphertext) and as the controller
     * read it after decrypting, and checks that neither the key, nor the method, nor the item appear on the broker.
     */
    private void showCall(EvaSimulator controller, Wiretap wiretap, int mark, LoggedRequest logged, String key,
            Oid item) {
        String requestTopic = controller.topics().requestTopic(controller.controller());
        // the first request after the mark: the state call that follows a command comes after its answer
        Wiretap.Message request = awaitMessage(wiretap, mark, requestTopic);
        String text = new String(request.payload(), StandardCharsets.ISO_8859_1);
        for (String secret : List.of(key, String.valueOf(logged.method()), item.toString())) {
            check(!text.contains(secret), "'" + secret + "' crossed the broker in clear");
        }
        say("on the broker: " + requestTopic + ", " + request.payload().length + " bytes: " + excerpt(request));
        say("  the API key, the method (" + logged.method() + ") and the item (" + item
                + ") do not appear in it; the broker only sees the key id");
        say("the controller decrypted it with its key: " + logged.method() + " " + params(logged));
        String answerTopic = controller.topics().responseTopic(controller.controller(), logged.callId());
        List<Wiretap.Message> answers = wiretap.await(m -> m.topic().equals(answerTopic), 1, STEP_LIMIT);
        if (!answers.isEmpty()) {
            Wiretap.Message answer = answers.get(0);
            say("its answer: .../api/response/" + logged.callId() + ", " + answer.payload().length
                    + " bytes, encrypted the same way");
        }
    }

    /** The readable header of a frame and the first and last bytes of its ciphertext. */
    private static String excerpt(Wiretap.Message message) {
        byte[] payload = message.payload();
        if (payload.length > 2 && payload[0] == 0) {
            int separator = 2;
            while (separator < payload.length && payload[separator] != 0) {
                separator++;
            }
            String keyId = new String(payload, 2, separator - 2, StandardCharsets.UTF_8);
            int block = separator + 1;
            return String.format("%02x %02x, key id \"%s\", 00, then IV + AES-256-CBC ciphertext + HMAC-SHA256: %s",
                    payload[0], payload[1], keyId, hex(payload, block));
        }
        String text = new String(payload, StandardCharsets.US_ASCII);
        int second = text.indexOf('|', 1);
        if (text.startsWith("|") && second > 0) {
            String token = text.substring(second + 1);
            int shown = Math.min(token.length(), 2 * EXCERPT_BYTES);
            return "\"" + text.substring(0, second + 1) + "\" then a Fernet token (AES-128-CBC + HMAC-SHA256): "
                    + token.substring(0, shown) + "…";
        }
        return hex(payload, 0);
    }

    private static String hex(byte[] data, int from) {
        StringBuilder sb = new StringBuilder();
        int length = data.length - from;
        for (int i = 0; i < Math.min(EXCERPT_BYTES, length); i++) {
            sb.append(String.format("%02x", data[from + i]));
        }
        if (length > 2 * EXCERPT_BYTES) {
            sb.append("…");
            for (int i = data.length - EXCERPT_BYTES; i < data.length; i++) {
                sb.append(String.format("%02x", data[i]));
            }
        }
        return sb.append(" (").append(length).append(" bytes)").toString();
    }

    /** The params as the controller read them, without the key. */
    private static String params(LoggedRequest logged) {
        JsonObject params = logged.params();
        if (params == null) {
            return "{}";
        }
        JsonObject shown = params.deepCopy();
        JsonElement k = shown.remove("k");
        String suffix = k == null ? "" : " (plus k, the API key, which it checked)";
        return shown + suffix;
    }

    private String newKey() {
        StringBuilder key = new StringBuilder(KEY_LENGTH);
        for (int i = 0; i < KEY_LENGTH; i++) {
            key.append(KEY_ALPHABET.charAt(random.nextInt(KEY_ALPHABET.length())));
        }
        String created = key.toString();
        keys.add(created);
        return created;
    }
}
