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
package org.openhab.binding.evaics.internal;

import static org.junit.jupiter.api.Assertions.*;
import static org.mockito.Mockito.*;
import static org.openhab.binding.evaics.internal.EndToEndFixture.*;

import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openhab.binding.evaics.internal.protocol.TextOutput;
import org.openhab.binding.evaics.internal.console.EvaConsoleCommandExtension;
import org.openhab.binding.evaics.test.RecordingConsole;
import org.openhab.binding.evaics.test.host.ThingHost;
import org.openhab.binding.evaics.test.sim.LoggedRequest;
import org.openhab.binding.evaics.test.sim.Misbehaviour;
import org.openhab.binding.evaics.test.host.I18nFile;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingRegistry;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusDetail;
import org.openhab.core.thing.ThingUID;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * {@code evaics ...} in openHAB's console against the whole binding: the things of a {@link ThingHost} (as the
 * thing registry holds them) with their real handlers, the test broker and the simulated UC and LM PLC.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class EndToEndConsoleTest extends EndToEndTestBase {

    private final ThingRegistry registry = mock(ThingRegistry.class);
    private final EvaConsoleCommandExtension extension = new EvaConsoleCommandExtension(registry,
            I18nFile.statusLocalization(), new I18nFile());

    @BeforeEach
    void start() {
        EndToEndFixture e2e = start(Map.of());
        List<ThingUID> uids = List.of(e2e.broker.getUID(), e2e.uc, e2e.lm, e2e.lamp, e2e.temp, e2e.away);
        // the current instances: a handler may replace its thing
        when(registry.getAll()).thenAnswer(invocation -> uids.stream().map(e2e::thing).toList());
        for (ThingUID uid : uids) {
            when(registry.get(uid)).thenAnswer(invocation -> e2e.thing(uid));
        }
    }

    private RecordingConsole run(String... args) {
        RecordingConsole console = new RecordingConsole();
        extension.execute(args, console);
        assertFalse(console.text().contains(KEY), "the API key was printed: " + console.text());
        assertFalse(console.text().contains("Exception"), console.text());
        return console;
    }

    /** The single line printed, which must be one JSON document written as the CLI writes it. */
    private static JsonElement jsonLine(RecordingConsole console) {
        assertEquals(1, console.lines().size(), console.text());
        String line = console.lines().get(0);
        JsonElement json = JsonParser.parseString(line);
        assertEquals(TextOutput.json(json), line, "not in the CLI's format");
        return json;
    }

    @Test
    void listShowsTheBridgesWithControllerIdsItemCountsAndStatus() {
        EndToEndFixture e2e = e2e();
        RecordingConsole console = run("list");

        assertEquals(List.of( //
                e2e.broker.getUID() + " controllers=2 status=ONLINE",
                "  " + e2e.lm + " controller=lm/plc units=0 sensors=0 lvars=1 status=ONLINE",
                "  " + e2e.uc + " controller=uc/plant units=1 sensors=1 lvars=0 status=ONLINE"), console.lines());
    }

    @Test
    void callTestPrintsTheControllersAnswer() {
        EndToEndFixture e2e = e2e();
        JsonElement result = jsonLine(run("call", e2e.uc.getAsString(), "test"));

        assertEquals("uc", result.getAsJsonObject().get("product_code").getAsString(), result.toString());
        uc().awaitRequest("test", LIMIT);
    }

    @Test
    void callStateOfAnItemAsksForThatItem() {
        EndToEndFixture e2e = e2e();
        JsonElement result = jsonLine(run("call", e2e.uc.getAsString(), "state", LAMP.toString()));

        assertEquals(LAMP.toString(), result.getAsJsonObject().get("oid").getAsString(), result.toString());
        awaitRequest(uc(), "state", LAMP);
    }

    @Test
    void callStateOfATypeAsksForAllItemsOfTheType() {
        EndToEndFixture e2e = e2e();
        JsonElement result = jsonLine(run("call", e2e.uc.getAsString(), "state", "sensor"));

        JsonArray states = result.getAsJsonArray();
        assertEquals(1, states.size(), result.toString());
        assertEquals(TEMP.toString(), states.get(0).getAsJsonObject().get("oid").getAsString());
        LoggedRequest request = uc().awaitRequest("state", LIMIT);
        assertEquals("sensor", request.requiredParam("p").getAsString());
    }

    @Test
    void callStateWithoutArgumentOnTheLmGetsEveryLvar() {
        EndToEndFixture e2e = e2e();
        JsonElement result = jsonLine(run("call", e2e.lm.getAsString(), "state"));

        assertEquals(2, result.getAsJsonArray().size(), result.toString());
    }

    @Test
    void errorTheControllerAnswersIsPrintedAsTheCliPrintsIt() {
        EndToEndFixture e2e = e2e();
        JsonElement error = jsonLine(run("call", e2e.uc.getAsString(), "state", "unit:nowhere/nothing"));

        JsonObject object = error.getAsJsonObject();
        assertTrue(object.get("code").getAsJsonPrimitive().isNumber(), error.toString());
        assertTrue(object.has("message"), error.toString());
    }

    @Test
    void callWithoutAnAnswerSaysSoInOneLine() {
        EndToEndFixture e2e = e2e();
        uc().misbehaveOn(Misbehaviour.SILENT, "state");
        RecordingConsole console = run("call", e2e.uc.getAsString(), "state", LAMP.toString());

        assertEquals(1, console.lines().size(), console.text());
        assertTrue(console.lines().get(0).startsWith("evaics call: no answer from uc/plant to 'state' within"),
                console.text());
    }

    @Test
    void callToAnOfflineControllerIsRefusedWithItsStatus() {
        EndToEndFixture e2e = e2e();
        uc().misbehave(Misbehaviour.SILENT);
        e2e.awaitStatus(e2e.uc, ThingStatus.OFFLINE, ThingStatusDetail.COMMUNICATION_ERROR);
        uc().clearRequests();
        RecordingConsole console = run("call", e2e.uc.getAsString(), "test");

        assertEquals(1, console.lines().size(), console.text());
        assertTrue(console.lines().get(0)
                .startsWith("evaics call: " + e2e.uc + " is not online: OFFLINE (COMMUNICATION_ERROR): "),
                console.text());
        List<String> list = run("list").lines();
        assertTrue(list.stream().anyMatch(line -> line.startsWith("  " + e2e.uc
                + " controller=uc/plant units=1 sensors=1 lvars=0 status=OFFLINE (COMMUNICATION_ERROR): ")),
                list.toString());
        // the description as the UI shows it, not the key the handler set
        String description = String.valueOf(e2e.thing(e2e.uc).getStatusInfo().getDescription());
        assertTrue(description.startsWith("@text/"), description);
        assertFalse(console.text().contains("@text/"), console.text());
        assertFalse(String.join("\n", list).contains("@text/"), list.toString());
    }

    @Test
    void announcementsShowsTheLastStatesAsWatchPrintsThem() {
        EndToEndFixture e2e = e2e();
        String broker = e2e.broker.getUID().getAsString();
        uc().setState(LAMP, 1, "bright");
        String expectedStart = "{\"oid\":\"" + LAMP + "\",\"status\":1,\"value\":\"bright\",\"controller\":\"" + UC
                + "\",\"t\":";
        assertTrue(ThingHost.waitFor(() -> run("announcements", broker, "1").lines().stream()
                .anyMatch(line -> line.startsWith(expectedStart)), LIMIT), run("announcements", broker).text());

        uc().destroy(GATE);
        assertTrue(ThingHost.waitFor(() -> run("announcements", broker, "1").lines()
                .equals(List.of("{\"oid\":\"" + GATE + "\",\"destroyed\":true}")), LIMIT),
                run("announcements", broker).text());

        List<String> all = run("announcements", broker).lines();
        // the retained states of the start came first, the LM's lvars among them
        assertTrue(all.stream().anyMatch(line -> line.startsWith("{\"oid\":\"" + AWAY + "\"")), all.toString());
        assertTrue(all.size() <= 50, all.toString());
        all.forEach(line -> assertTrue(JsonParser.parseString(line).isJsonObject(), line));
    }

    @Test
    void announcementsCountMustBeInRange() {
        EndToEndFixture e2e = e2e();
        String broker = e2e.broker.getUID().getAsString();
        for (String count : List.of("0", "51", "ten")) {
            RecordingConsole console = run("announcements", broker, count);
            assertEquals(List.of("evaics announcements: N must be a number from 1 to 50, not '" + count + "'"),
                    console.lines());
        }
    }

    @Test
    void thingsOfTheRegistryWithoutHandlerAreReportedAsSuch() {
        EndToEndFixture e2e = e2e();
        Thing lamp = e2e.thing(e2e.lamp);
        RecordingConsole console = run("call", lamp.getUID().getAsString(), "test");

        assertEquals(List.of("evaics call: " + e2e.lamp + " is not an EVA ICS controller (evaics:controller)"),
                console.lines());
    }
}
