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
package org.openhab.binding.evaics.internal.console;

import static org.junit.jupiter.api.Assertions.*;
import static org.mockito.Mockito.*;
import static org.openhab.binding.evaics.internal.EvaIcsBindingConstants.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openhab.binding.evaics.test.RecordingConsole;
import org.openhab.core.config.core.Configuration;
import org.openhab.binding.evaics.test.host.I18nFile;
import org.openhab.core.thing.Bridge;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingRegistry;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusDetail;
import org.openhab.core.thing.ThingStatusInfo;
import org.openhab.core.thing.ThingTypeUID;
import org.openhab.core.thing.ThingUID;
import org.openhab.core.thing.binding.builder.BridgeBuilder;
import org.openhab.core.thing.binding.builder.ThingBuilder;

/**
 * {@code evaics ...} in openHAB's console without a network: argument checks, the listing of things that have no
 * handler, the messages for things that cannot answer, the usage lines and the completion. What needs running
 * handlers is in {@code EndToEndConsoleTest}.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class EvaConsoleCommandExtensionTest {

    private static final String SECRET = "console-Secret-Key-4711";
    private static final ThingUID BROKER = new ThingUID(THING_TYPE_BROKER, "b1");
    private static final ThingUID UC = new ThingUID(THING_TYPE_CONTROLLER, BROKER, "uc1");
    private static final ThingUID GONE = new ThingUID(THING_TYPE_BROKER, "gone");
    private static final ThingUID ORPHAN = new ThingUID(THING_TYPE_CONTROLLER, GONE, "lm9");

    private final ThingRegistry registry = mock(ThingRegistry.class);
    private final EvaConsoleCommandExtension extension = new EvaConsoleCommandExtension(registry,
            I18nFile.statusLocalization(), new I18nFile());
    private final List<Thing> things = new ArrayList<>();

    @BeforeEach
    void things() {
        Bridge broker = BridgeBuilder.create(THING_TYPE_BROKER, BROKER)
                .withConfiguration(new Configuration(Map.of(CONFIG_PASSWORD, SECRET))).build();
        broker.setStatusInfo(new ThingStatusInfo(ThingStatus.OFFLINE, ThingStatusDetail.COMMUNICATION_ERROR,
                "Broker unreachable"));
        Bridge uc = BridgeBuilder.create(THING_TYPE_CONTROLLER, UC).withBridge(BROKER)
                .withConfiguration(new Configuration(Map.of(CONFIG_CONTROLLER_ID, "uc/plant", CONFIG_KEY, SECRET)))
                .build();
        uc.setStatusInfo(new ThingStatusInfo(ThingStatus.OFFLINE, ThingStatusDetail.BRIDGE_OFFLINE, null));
        Bridge orphan = BridgeBuilder.create(THING_TYPE_CONTROLLER, ORPHAN).withBridge(GONE)
                .withConfiguration(new Configuration(Map.of(CONFIG_CONTROLLER_ID, "lm/plc"))).build();
        add(broker);
        add(uc);
        add(orphan);
        add(item(THING_TYPE_UNIT, "lamp"));
        add(item(THING_TYPE_UNIT, "gate"));
        add(item(THING_TYPE_SENSOR, "temp"));
        // a thing of another binding is not listed
        add(ThingBuilder.create(new ThingTypeUID("other", "broker"), "x").build());
        when(registry.getAll()).thenReturn(things);
    }

    private static Thing item(ThingTypeUID type, String id) {
        return ThingBuilder.create(type, new ThingUID(type, UC, id)).withBridge(UC).build();
    }

    private void add(Thing thing) {
        things.add(thing);
        when(registry.get(thing.getUID())).thenReturn(thing);
    }

    private RecordingConsole run(String... args) {
        RecordingConsole console = new RecordingConsole();
        extension.execute(args, console);
        assertFalse(console.text().contains(SECRET), console.text());
        assertFalse(console.text().contains("Exception"), console.text());
        return console;
    }

    private void assertOneLine(String expected, String... args) {
        RecordingConsole console = run(args);
        assertEquals(List.of(expected), console.lines(), console.text());
    }

    @Test
    void commandAndUsages() {
        assertEquals("evaics", extension.getCommand());
        List<String> usages = extension.getUsages();
        assertEquals(3, usages.size(), usages.toString());
        assertTrue(usages.get(0).startsWith("evaics list"), usages.toString());
        assertTrue(usages.get(1).startsWith("evaics call <controllerThingUID> test|state [OID|TYPE]"),
                usages.toString());
        assertTrue(usages.get(2).startsWith("evaics announcements <brokerThingUID> [N]"), usages.toString());
    }

    @Test
    void noArgumentsPrintsTheUsage() {
        RecordingConsole console = run();
        assertEquals(List.of(), console.lines());
        assertEquals(extension.getUsages(), console.usages());
    }

    @Test
    void unknownSubcommandIsNamedAndTheUsageFollows() {
        RecordingConsole console = run("frobnicate");
        assertEquals(List.of("evaics: unknown subcommand 'frobnicate'"), console.lines());
        assertEquals(extension.getUsages(), console.usages());
    }

    @Test
    void listShowsBrokersControllersIdsItemCountsAndStatuses() {
        RecordingConsole console = run("list");
        assertEquals(List.of( //
                "evaics:broker:b1 controllers=1 status=OFFLINE (COMMUNICATION_ERROR): Broker unreachable",
                "  evaics:controller:b1:uc1 controller=uc/plant units=2 sensors=1 lvars=0 status=OFFLINE "
                        + "(BRIDGE_OFFLINE)",
                "(controllers without a broker thing)",
                "  evaics:controller:gone:lm9 controller=lm/plc units=0 sensors=0 lvars=0 status=UNINITIALIZED"),
                console.lines(), console.text());
    }

    @Test
    void listWithoutThingsSaysSo() {
        things.clear();
        assertOneLine("No EVA ICS broker or controller things.", "list");
    }

    @Test
    void listTakesNoArguments() {
        assertOneLine("evaics list: usage: evaics list", "list", "extra");
    }

    @Test
    void callWithWrongArgumentsPrintsItsUsage() {
        String usage = "evaics call: usage: evaics call <controllerThingUID> test|state [OID|TYPE]";
        assertOneLine(usage, "call");
        assertOneLine(usage, "call", UC.getAsString());
        assertOneLine(usage, "call", UC.getAsString(), "state", "unit:a/b", "extra");
        assertOneLine(usage + " (the methods are test and state)", "call", UC.getAsString(), "action");
        assertOneLine(usage + " (test takes no argument)", "call", UC.getAsString(), "test", "x");
    }

    @Test
    void callWithAnInvalidOidSaysWhy() {
        RecordingConsole console = run("call", UC.getAsString(), "state", "unit:");
        assertEquals(1, console.lines().size(), console.text());
        assertTrue(console.lines().get(0).startsWith("evaics call: OID 'unit:' is invalid"), console.text());
    }

    @Test
    void callOfAThingThatIsNoControllerOrHasNoHandlerIsRefused() {
        assertOneLine("evaics call: 'nonsense' is not a thing UID", "call", "nonsense", "test");
        assertOneLine("evaics call: no thing evaics:controller:b1:nope", "call", "evaics:controller:b1:nope",
                "test");
        assertOneLine("evaics call: evaics:broker:b1 is not an EVA ICS controller (evaics:controller)", "call",
                BROKER.getAsString(), "test");
        assertOneLine("evaics call: evaics:controller:b1:uc1 has no handler (status OFFLINE (BRIDGE_OFFLINE))",
                "call", UC.getAsString(), "state");
    }

    @Test
    void announcementsWithWrongArgumentsSaysWhy() {
        String usage = "evaics announcements: usage: evaics announcements <brokerThingUID> [N]";
        assertOneLine(usage, "announcements");
        assertOneLine(usage, "announcements", BROKER.getAsString(), "1", "2");
        assertOneLine("evaics announcements: evaics:controller:b1:uc1 is not an EVA ICS broker (evaics:broker)",
                "announcements", UC.getAsString());
        assertOneLine("evaics announcements: evaics:broker:b1 has no handler (status OFFLINE (COMMUNICATION_ERROR): "
                + "Broker unreachable)", "announcements", BROKER.getAsString(), "5");
    }

    @Test
    void completesSubcommandsThingUidsAndMethods() {
        assertEquals(List.of("announcements "), complete(0, "a"));
        assertEquals(List.of("call "), complete(0, "c"));
        assertEquals(List.of(UC.getAsString() + " ", ORPHAN.getAsString() + " "), complete(1, "call", ""));
        assertEquals(List.of(BROKER.getAsString() + " "), complete(1, "announcements", ""));
        assertEquals(List.of("state "), complete(2, "call", UC.getAsString(), "s"));
        assertEquals(List.of(), complete(1, "list", ""));
    }

    private List<String> complete(int index, String... args) {
        List<String> candidates = new ArrayList<>();
        extension.complete(args, index, args[index].length(), candidates);
        return candidates.stream().sorted().toList();
    }
}
