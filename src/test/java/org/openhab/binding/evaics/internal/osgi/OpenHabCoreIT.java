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
package org.openhab.binding.evaics.internal.osgi;

import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.evaics.internal.osgi.CoreTestbed.*;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openhab.binding.evaics.internal.osgi.probe.OpenHabProbe;
import org.openhab.binding.evaics.internal.osgi.probe.OpenHabProbe.ActionModuleType;
import org.openhab.binding.evaics.internal.osgi.probe.OpenHabProbe.InboxEntry;
import org.openhab.binding.evaics.internal.osgi.probe.OpenHabProbe.ThingState;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.binding.evaics.test.broker.BrokerExtension;
import org.openhab.binding.evaics.test.broker.TestBroker;
import org.openhab.binding.evaics.test.sim.EvaSimulator;
import org.osgi.framework.Bundle;

import com.google.gson.JsonObject;

/**
 * The built binding in the real openHAB core (Apache Felix, the core bundles of {@code openhab.version} and their
 * runtime), against a real MQTT broker and the simulated UC and LM PLC, through openHAB's own services only: the
 * registries of thing types, channel types and config descriptions, the ThingRegistry and ThingManager, items,
 * links and the event bus, discovery and the inbox, the module types and handlers of the rule engine. The tests run
 * in order on one set of things (added by the first tests that need them); openHAB's log is checked for stack
 * traces at the end.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenHabCoreIT {

    private static final String FACTORY_COMPONENT = "org.openhab.binding.evaics.internal.EvaHandlerFactory";
    private static final String CONSOLE_COMPONENT = "org.openhab.binding.evaics.internal.console."
            + "EvaConsoleCommandExtension";
    /** {@code ComponentConfigurationDTO.SATISFIED}: every reference bound, not yet used. */
    private static final int COMPONENT_SATISFIED = 4;
    /** {@code ComponentConfigurationDTO.ACTIVE}. */
    private static final int COMPONENT_ACTIVE = 8;
    private static final long PAHO_CONNECT_TIMEOUT_MS = 10_000;
    /**
     * What makes a log entry the binding's: a frame of its classes (not of this test's probe) or one of its things.
     */
    private static final Pattern BINDING = Pattern
            .compile("org\\.openhab\\.binding\\.evaics\\.internal\\.(?!osgi\\.)|evaics:");
    /** Representation values of the things the tests added: discovered too, but IGNORED by openHAB's inbox. */
    private static final Set<String> EXISTING = Set.of(UC, LM, "unit:" + LAMP, "sensor:" + TEMP, "lvar:" + AWAY);

    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(TestBroker.options().tcpNoDelay(true));

    private static @Nullable CoreTestbed testbed;
    private static String broker = "";
    private static String ucThing = "";
    private static String lmThing = "";
    private static String lampThing = "";
    private static String tempThing = "";
    private static String awayThing = "";

    @BeforeAll
    static void startCore(@TempDir Path work) throws Exception {
        CoreTestbed started = new CoreTestbed(BROKER, work, OpenHabCoreIT.class.getSimpleName());
        testbed = started;
        started.startBinding();
    }

    @AfterAll
    static void stopCore() throws Exception {
        CoreTestbed current = testbed;
        testbed = null;
        if (current != null) {
            current.stop();
        }
    }

    private static CoreTestbed bed() {
        CoreTestbed current = testbed;
        assertNotNull(current);
        return current;
    }

    private static OpenHabProbe probe() {
        return bed().probe;
    }

    // ---- the bundle in the framework

    @Test
    @Order(1)
    void bindingResolvesAndItsHandlerFactoryComponentIsActive() {
        Bundle binding = bed().binding;
        assertEquals(BINDING_SYMBOLIC_NAME, binding.getSymbolicName());
        assertEquals(Bundle.ACTIVE, binding.getState(), "bundle state");
        assertEquals(List.of(COMPONENT_ACTIVE), probe().componentStates(binding.getBundleId(), FACTORY_COMPONENT),
                "states of the factory component as ServiceComponentRuntime reports them");
    }

    @Test
    @Order(1)
    void consoleCommandComponentGetsItsServices() {
        // thing registry, status localization and locale provider: a missing one leaves it UNSATISFIED_REFERENCE
        List<Integer> states = probe().componentStates(bed().binding.getBundleId(), CONSOLE_COMPONENT);
        assertEquals(1, states.size(), states.toString());
        assertTrue(states.get(0) == COMPONENT_SATISFIED || states.get(0) == COMPONENT_ACTIVE, states.toString());
    }

    @Test
    @Order(1)
    void embeddedPahoConnectsOverTcpFromInsideTheFramework() throws Exception {
        // reflection: the class lives in the binding bundle's class loader, not on the test's class path
        Bundle binding = bed().binding;
        Class<?> clientClass = binding.loadClass("org.eclipse.paho.client.mqttv3.MqttClient");
        Class<?> persistenceInterface = binding.loadClass("org.eclipse.paho.client.mqttv3.MqttClientPersistence");
        Object persistence = binding.loadClass("org.eclipse.paho.client.mqttv3.persist.MemoryPersistence")
                .getConstructor().newInstance();
        Object client = Objects.requireNonNull(clientClass.getConstructor(String.class, String.class,
                persistenceInterface).newInstance(BROKER.uri(), "evaics-osgi-it", persistence));
        Method setTimeToWait = clientClass.getMethod("setTimeToWait", long.class);
        setTimeToWait.invoke(client, PAHO_CONNECT_TIMEOUT_MS);
        clientClass.getMethod("connect").invoke(client);
        try {
            assertEquals(Boolean.TRUE, clientClass.getMethod("isConnected").invoke(client));
        } finally {
            clientClass.getMethod("disconnect").invoke(client);
            clientClass.getMethod("close").invoke(client);
        }
    }

    // ---- 1. descriptors

    /**
     * What the UI shows of the binding's types, as openHAB's registries report them: written to
     * {@code target/openhab-it/ui-types-<version>.txt}, and the semantic tags, item types and state options a user
     * relies on when adding equipment from a thing are there.
     */
    @Test
    @Order(2)
    void registriesReportTheTagsItemTypesAndOptionsTheUiShows() throws Exception {
        await(() -> probe().channelTypes(BINDING_ID).isEmpty() ? null : Boolean.TRUE, "channel types of the binding");
        List<String> summary = probe().typeSummary(BINDING_ID);
        Path report = Path.of("target", "openhab-it", "ui-types-" + property("evaics.openhab.version") + ".txt");
        Files.createDirectories(Objects.requireNonNull(report.getParent()));
        Files.write(report, summary);
        assertSummary(summary, "evaics:unit-switch | Switch | Switch | [Power, Switch]");
        assertSummary(summary, "evaics:unit-status | Status | Number | [Control] | null | [0=Off, 1=On]");
        assertSummary(summary,
                "evaics:sensor-value-temperature | Temperature | Number:Temperature | [Measurement, Temperature]");
        assertSummary(summary, "evaics:sensor-value | Value | Number | [Measurement]");
        assertSummary(summary, "evaics:sensor | EVA ICS Sensor | - | - | Sensor");
    }

    private static void assertSummary(List<String> summary, String start) {
        assertTrue(summary.stream().anyMatch(line -> line.startsWith(start)),
                "no type line starts with '" + start + "':\n" + String.join("\n", summary));
    }

    @Test
    @Order(2)
    void registriesHaveEveryThingTypeChannelTypeAndConfigDescriptionOfEshInf() throws Exception {
        Descriptors expected = Descriptors.read(Path.of("ESH-INF", "thing"));
        await(() -> probe().thingTypes(BINDING_ID).containsAll(expected.thingTypes) ? Boolean.TRUE : null,
                "thing types " + expected.thingTypes);
        assertEquals(Set.copyOf(expected.thingTypes), probe().thingTypes(BINDING_ID));
        assertEquals(Set.copyOf(expected.channelTypes), probe().channelTypes(BINDING_ID));
        Set<String> uris = new HashSet<>(probe().configDescriptions("thing-type:" + BINDING_ID + ":"));
        uris.addAll(probe().configDescriptions("channel-type:" + BINDING_ID + ":"));
        assertEquals(expected.configDescriptions.keySet(), uris);
        for (Map.Entry<String, List<String>> description : expected.configDescriptions.entrySet()) {
            assertEquals(description.getValue(), probe().configParameters(description.getKey()),
                    "parameters of " + description.getKey());
        }
    }

    // ---- 2. things

    @Test
    @Order(3)
    void brokerControllerAndItemThingsGoOnline() {
        broker = bed().addBroker("broker1");
        ucThing = bed().addController(broker, "uc1", UC, KEY);
        lmThing = bed().addController(broker, "lm1", LM, KEY);
        lampThing = bed().addItem("unit", ucThing, "lamp", Map.of("id", LAMP));
        tempThing = bed().addItem("sensor", ucThing, "temp", Map.of("id", TEMP, "unit", "°C"));
        awayThing = bed().addItem("lvar", lmThing, "away", Map.of("id", AWAY));
        bed().awaitOnline(List.of(broker, ucThing, lmThing, lampThing, tempThing, awayThing));
    }

    // ---- 3. items, links, commands on the event bus

    @Test
    @Order(4)
    void itemCommandReachesTheControllerAndTheItemFollowsItsAnnouncement() {
        probe().addItem("Switch", "EvaLamp");
        probe().link("EvaLamp", lampThing + ":switch");
        probe().addItem("Number:Temperature", "EvaTemp");
        probe().link("EvaTemp", tempThing + ":value");
        awaitItem("EvaLamp", "OFF");
        awaitItem("EvaTemp", "21.5 °C");

        bed().uc.clearRequests();
        probe().sendCommand("EvaLamp", "ON");
        JsonObject call = Objects.requireNonNull(bed().uc.awaitRequest("action", LIMIT).params());
        assertEquals("unit:" + LAMP, call.get("i").getAsString());
        assertEquals(1, call.get("s").getAsInt());
        awaitItem("EvaLamp", "ON");
        assertEquals(1, simState(bed().uc, "unit:" + LAMP).get("status").getAsInt());

        bed().uc.setSensorValue(Oid.parse("sensor:" + TEMP), "23.25");
        awaitItem("EvaTemp", "23.25 °C");
    }

    private static void awaitItem(String item, String state) {
        await(() -> state.equals(probe().itemState(item)) ? Boolean.TRUE : null,
                item + " in state " + state + " (is " + probe().itemState(item) + ")");
    }

    private static JsonObject simState(EvaSimulator sim, String oid) {
        JsonObject state = sim.state(Oid.parse(oid));
        assertNotNull(state, oid);
        return state;
    }

    // ---- 4. discovery and the inbox

    @Test
    @Order(5)
    void controllersAndItemsAppearInTheInboxOnceAfterARescan() {
        try (EvaSimulator annex = EvaSimulator.builder(BROKER.uri()).controller("uc/annex").key(KEY_ID, KEY)
                .unit("pumps/p1", 0, "").start()) {
            annex.announceDiscovery();
            assertTrue(probe().startScan(BINDING_ID), "no scan started");
            List<String> expected = List.of("uc/annex", "unit:" + GATE, "lvar:" + TIMER, "unit:" + LAMP,
                    "sensor:" + TEMP, "lvar:" + AWAY);
            List<InboxEntry> first = awaitInbox(expected);
            assertTrue(probe().startScan(BINDING_ID), "no rescan started");
            annex.announceDiscovery();
            List<InboxEntry> second = awaitInbox(expected);
            assertNoDuplicates(second);
            assertEquals(Set.copyOf(first), Set.copyOf(second), "the rescan changed the inbox: " + first + " -> "
                    + second);
            for (InboxEntry entry : second) {
                boolean exists = EXISTING.contains(entry.representationValue());
                assertEquals(exists ? "IGNORED" : "NEW", entry.flag(), entry.toString());
            }
        } finally {
            probe().clearInbox(BINDING_ID);
        }
    }

    /** Waits until the inbox holds entries with all the representation values; returns the inbox then. */
    private static List<InboxEntry> awaitInbox(List<String> representationValues) {
        return await(() -> {
            List<InboxEntry> inbox = probe().inbox(BINDING_ID);
            Set<@Nullable String> values = new HashSet<>();
            inbox.forEach(e -> values.add(e.representationValue()));
            return values.containsAll(representationValues) ? inbox : null;
        }, "inbox entries " + representationValues + " (inbox: " + probe().inbox(BINDING_ID) + ")");
    }

    private static void assertNoDuplicates(List<InboxEntry> inbox) {
        Set<String> uids = new HashSet<>();
        Set<String> values = new HashSet<>();
        for (InboxEntry entry : inbox) {
            assertTrue(uids.add(entry.thingUid()), "duplicate thing UID in the inbox: " + inbox);
            String value = entry.representationValue();
            assertNotNull(value, "no representation property: " + entry);
            assertTrue(values.add(value), "duplicate representation value in the inbox: " + inbox);
        }
    }

    // ---- 5. rule actions

    @Test
    @Order(6)
    void everyRuleActionIsItsOwnModuleTypeWithTheMethodsInputsAndOutputs() {
        Map<String, ActionModuleType> expected = Descriptors.ruleActions();
        List<ActionModuleType> registered = await(() -> {
            List<ActionModuleType> types = probe().actionModuleTypes(BINDING_ID + ".");
            return types.size() >= expected.size() ? types : null;
        }, expected.size() + " action module types (registered: " + probe().actionModuleTypes(BINDING_ID + ".")
                + ")");
        List<String> problems = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Map.Entry<String, ActionModuleType> action : expected.entrySet()) {
            ActionModuleType want = action.getValue();
            List<ActionModuleType> candidates = registered.stream()
                    .filter(t -> t.uid().startsWith(want.uid() + "#") || t.uid().equals(want.uid())).toList();
            ActionModuleType match = candidates.stream()
                    .filter(t -> t.inputs().equals(want.inputs()) && t.outputs().equals(want.outputs())).findFirst()
                    .orElse(null);
            if (match == null) {
                problems.add(action.getKey() + ": expected " + want + ", registered " + candidates);
            } else if (!used.add(match.uid())) {
                problems.add(action.getKey() + ": shares module type " + match.uid() + " with another action");
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(expected.size(), registered.size(), "module types: " + registered);
        List<String> complaints = new ArrayList<>(bed().log.linesContaining("This should be fixed in the binding"));
        complaints.addAll(bed().log.linesContaining("Eva").stream()
                .filter(l -> l.contains("ActionOutput") || l.contains("ActionInput") || l.contains("RuleAction"))
                .toList());
        assertEquals(List.of(), complaints, "openHAB complains about the binding's action annotations");
    }

    @Test
    @Order(7)
    void ruleActionsRunThroughTheModuleHandlerFactoryChangeTheControllers() {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("status", 1);
        inputs.put("value", "42");
        Map<String, Object> unit = runAction("EvaUnitActions.action", lampThing, inputs);
        assertNotNull(unit.get("uuid"), "outputs of action: " + unit);
        await(() -> "42".equals(simState(bed().uc, "unit:" + LAMP).get("value").getAsString()) ? Boolean.TRUE : null,
                "the lamp's value 42");

        runAction("EvaUnitActions.actionToggle", lampThing, Map.of());
        await(() -> simState(bed().uc, "unit:" + LAMP).get("status").getAsInt() == 0 ? Boolean.TRUE : null,
                "the lamp toggled off");

        Map<String, Object> set = runAction("EvaLvarActions.set", awayThing, Map.of("status", 1, "value", "7"));
        assertEquals(Boolean.TRUE, set.get("result"), "outputs of set: " + set);
        assertEquals("7", simState(bed().lm, "lvar:" + AWAY).get("value").getAsString());

        Map<String, Object> toggle = runAction("EvaLvarActions.toggle", awayThing, Map.of());
        assertEquals(Boolean.TRUE, toggle.get("result"), "outputs of toggle: " + toggle);
        assertEquals("0", simState(bed().lm, "lvar:" + AWAY).get("value").getAsString());

        bed().lm.clearRequests();
        Map<String, Object> run = runAction("EvaControllerActions.run", lmThing, Map.of("macroId", MACRO));
        assertNotNull(run.get("uuid"), "outputs of run: " + run);
        assertEquals("lmacro:" + MACRO,
                Objects.requireNonNull(bed().lm.awaitRequest("run", LIMIT).params()).get("i").getAsString());

        Map<String, Object> call = runAction("EvaControllerActions.call", ucThing, Map.of("method", "test"));
        assertTrue(String.valueOf(call.get("result")).contains(UC), "outputs of call: " + call);
    }

    /** Runs the action of the module type registered for the Java method. */
    private static Map<String, Object> runAction(String method, String thing, Map<String, Object> inputs) {
        ActionModuleType want = Objects.requireNonNull(Descriptors.ruleActions().get(method), method);
        ActionModuleType type = probe().actionModuleTypes(want.uid()).stream()
                .filter(t -> t.uid().startsWith(want.uid() + "#") || t.uid().equals(want.uid())).findFirst()
                .orElseThrow(() -> new AssertionError("no module type for " + method));
        return probe().runAction(type.uid(), thing, inputs);
    }

    // ---- 6. statuses of wrong configurations

    @Test
    @Order(8)
    void wrongApiKeyAndBadBrokerPortGiveOfflineStatusesWithUsefulDescriptions() throws Exception {
        bed().log.mark();
        // a second broker bridge: on the first one, uc/plant has its thing already (one thing per controller)
        String broker2 = bed().addBroker("broker2");
        bed().awaitOnline(List.of(broker2));
        String wrongKey = bed().addController(broker2, "wrongkey", UC, "not-the-key-of-uc-plant");
        ThingState refused = bed().awaitStatus(wrongKey, s -> "OFFLINE".equals(s.status()), "OFFLINE");
        assertEquals("COMMUNICATION_ERROR", refused.detail(), refused.toString());
        assertUseful(refused, UC);
        assertFalse(refused.localizedDescription().contains("not-the-key"), "the key leaked: " + refused);

        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName(TestBroker.HOST))) {
            closedPort = socket.getLocalPort();
        }
        String badPort = bed().addBroker("badport", closedPort);
        ThingState unreachable = bed().awaitStatus(badPort, s -> "OFFLINE".equals(s.status()), "OFFLINE");
        assertEquals("COMMUNICATION_ERROR", unreachable.detail(), unreachable.toString());
        assertUseful(unreachable, "Cannot connect to the broker");
        assertTrue(unreachable.localizedDescription().contains("refused"), unreachable.toString());

        probe().removeThing(wrongKey);
        probe().removeThing(broker2);
        probe().removeThing(badPort);
        assertEquals(List.of(), bed().log.stackTracesSinceMark(BINDING), "stack traces in openHAB's log");
    }

    /** The UI's text: localized (no {@code @text/} key left), and naming what is wrong. */
    private static void assertUseful(ThingState state, String mentions) {
        String text = state.localizedDescription();
        assertFalse(text.isBlank(), "no description: " + state);
        assertFalse(text.contains("@text/"), "not localized: " + state);
        assertTrue(text.contains(mentions), "the description does not name " + mentions + ": " + state);
    }

    @Test
    @Order(9)
    void openHabLoggedNoStackTraceAboutTheBinding() {
        // only those that mention the binding: openHAB 5.2.1's automation bundle logs one of its own at start-up
        // (TemplateYAMLParser: "Service factory returned null") in this runtime
        assertEquals(List.of(), bed().log.stackTraces(BINDING), "stack traces in openHAB's log " + bed().log.file());
    }
}
