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
package org.openhab.binding.evaics.internal.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openhab.binding.evaics.internal.cli.CliRun.Result;
import org.openhab.binding.evaics.internal.protocol.codec.MsgPackJson;
import org.openhab.binding.evaics.internal.protocol.codec.Zlib;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.binding.evaics.test.broker.BrokerExtension;
import org.openhab.binding.evaics.test.sim.EvaSimulator;
import org.openhab.binding.evaics.test.sim.LoggedRequest;
import org.openhab.binding.evaics.test.sim.Misbehaviour;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The CLI's main logic ({@link EvaicsCli#run}, in-process) against a real MQTT broker and the simulated UC and LM:
 * {@code call} in both frame formats and its failure exit codes, {@code watch} and {@code discover} for a bounded
 * {@code --duration}.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class EvaicsCliIntegrationTest {

    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    private static final String KEY_ID = "default";
    private static final String KEY = "Xb7pQ2mK9vL4sT8wR1zN6cY3hJ5fD0gA";
    private static final String UC = "uc/sim1";
    private static final String LM = "lm/sim1";
    private static final Oid LAMP1 = Oid.parse("unit:lights/lamp1");
    private static final Oid FAN1 = Oid.parse("unit:hvac/fan1");
    /** Long enough for watch/discover to connect, subscribe and see what the test publishes. */
    private static final String DURATION_SECONDS = "3";
    /** Generous bound for anything to show up; only reached when something is broken. */
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long POLL_MILLIS = 50;
    private static final long ANNOUNCE_EVERY_MILLIS = 100;

    private static @Nullable EvaSimulator ucSim;
    private static @Nullable EvaSimulator lmSim;
    private static final ExecutorService RUNNER = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "cli-test-run");
        thread.setDaemon(true);
        return thread;
    });

    @BeforeAll
    static void startSimulators() {
        ucSim = EvaSimulator.builder(BROKER.uri()).controller(UC).key(KEY_ID, KEY).unit("lights/lamp1", 0, "")
                .unit("hvac/fan1", 1, "55").sensor("env/temp1", 1, "21.5").start();
        lmSim = EvaSimulator.builder(BROKER.uri()).controller(LM).key(KEY_ID, KEY).lvar("flags/away", 1, "0", 0)
                .start();
    }

    @AfterAll
    static void stopSimulators() {
        for (EvaSimulator sim : Arrays.asList(ucSim, lmSim)) {
            if (sim != null) {
                sim.close();
            }
        }
        RUNNER.shutdownNow();
    }

    private final EvaSimulator uc = Objects.requireNonNull(ucSim);
    private final EvaSimulator lm = Objects.requireNonNull(lmSim);

    @BeforeEach
    void resetSimulators() {
        uc.reset();
        lm.reset();
    }

    private static Result call(String format, String... methodAndParams) {
        List<String> args = new ArrayList<>(List.of("call", "--broker", BROKER.uri(), "--controller", UC,
                "--key-id", KEY_ID, "--key", KEY));
        if ("text".equals(format)) {
            args.add("--text");
        }
        args.addAll(List.of(methodAndParams));
        return CliRun.run(args.toArray(String[]::new));
    }

    private static JsonObject successfulResult(Result result) {
        assertEquals(ExitCode.OK, result.exitCode(), result::toString);
        assertEquals("", result.stderr(), result::toString);
        assertEquals(1, result.outLines().size(), result::toString);
        return result.json().getAsJsonObject();
    }

    // ------------------------------------------------------------------ call

    @ParameterizedTest
    @ValueSource(strings = { "binary", "text" })
    void callTestPrintsTheResult(String format) {
        JsonObject result = successfulResult(call(format, "test"));
        assertEquals(UC, result.get("controller").getAsString());
        assertTrue(result.get("ok").getAsBoolean());
    }

    @ParameterizedTest
    @ValueSource(strings = { "binary", "text" })
    void callStatePrintsTheItemState(String format) {
        JsonObject result = successfulResult(call(format, "state", "{\"i\":\"" + LAMP1 + "\"}"));
        assertEquals(LAMP1.toString(), result.get("oid").getAsString());
        assertEquals(0, result.get("status").getAsInt());
    }

    @ParameterizedTest
    @ValueSource(strings = { "binary", "text" })
    void callActionPrintsTheActionObject(String format) {
        JsonObject result = successfulResult(call(format, "action", "{\"i\":\"" + LAMP1 + "\",\"s\":1,\"w\":5}"));
        assertEquals(LAMP1.toString(), result.get("item_oid").getAsString());
        assertFalse(result.get("uuid").getAsString().isEmpty());
        assertTrue(result.get("finished").getAsBoolean(), result::toString);
    }

    @Test
    void callSendsTheParamsWithTheKeyAsK() {
        successfulResult(call("binary", "state", "{\"i\":\"" + LAMP1 + "\"}"));
        LoggedRequest request = uc.awaitRequest("state", WAIT);
        assertEquals(KEY_ID, request.keyId());
        JsonObject params = Objects.requireNonNull(request.params());
        assertEquals(List.of("i", "k"), new ArrayList<>(params.keySet()));
        assertEquals(KEY, params.get("k").getAsString());
    }

    @Test
    void callOfAnUnknownMethodPrintsTheErrorObjectAndExitsOne() {
        Result result = call("binary", "no_such_method");
        assertEquals(ExitCode.REMOTE_ERROR, result.exitCode(), result::toString);
        JsonObject error = result.json().getAsJsonObject();
        assertEquals(6, error.get("code").getAsInt(), result::toString);
        assertTrue(error.has("message"));
    }

    @Test
    void callToASilentControllerExitsThreeWithNothingOnStdout() {
        uc.misbehave(Misbehaviour.SILENT);
        Result result = call("binary", "--timeout", "1", "test");
        assertEquals(ExitCode.NO_ANSWER, result.exitCode(), result::toString);
        assertEquals("", result.stdout());
        assertEquals(1, result.errLines().size(), result::toString);
    }

    @Test
    void callWithAWrongKeyExitsThree() {
        Result result = CliRun.run("call", "--broker", BROKER.uri(), "--controller", UC, "--key-id", KEY_ID,
                "--key", "wrong-key", "--timeout", "1", "test");
        assertEquals(ExitCode.NO_ANSWER, result.exitCode(), result::toString);
        assertEquals("", result.stdout());
        assertFalse(result.stderr().contains("wrong-key"), result::toString);
    }

    @Test
    void callAnsweredOnlyWith500ExitsOneWithCode7() {
        uc.misbehave(Misbehaviour.ANSWER_500);
        Result result = call("binary", "--timeout", "1", "test");
        assertEquals(ExitCode.REMOTE_ERROR, result.exitCode(), result::toString);
        JsonObject error = result.json().getAsJsonObject();
        assertEquals(CallCommand.DISPATCH_FAILED_CODE, error.get("code").getAsInt());
        assertTrue(error.get("message").getAsString().contains("500|"), result::toString);
    }

    @Test
    void callWithoutABrokerExitsTwoWithOneLineOnStderr() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Result result = CliRun.run("call", "--broker", "tcp://127.0.0.1:" + port, "--controller", UC, "--key-id",
                KEY_ID, "--key", KEY, "test");
        assertEquals(ExitCode.USAGE, result.exitCode(), result::toString);
        assertEquals("", result.stdout());
        assertEquals(1, result.errLines().size(), result::toString);
        assertFalse(result.stderr().contains(KEY));
    }

    // ------------------------------------------------------------------ watch

    @Test
    void watchPrintsRetainedStatesChangesAndDestroyedItems() throws Exception {
        CliRun watch = CliRun.prepare("watch", "--broker", BROKER.uri(), "--duration", DURATION_SECONDS);
        CompletableFuture<Result> done = CompletableFuture.supplyAsync(watch::execute, RUNNER);
        awaitLine(watch, line -> LAMP1.toString().equals(oid(line)));

        uc.setState(LAMP1, 1, "on");
        awaitLine(watch, line -> LAMP1.toString().equals(oid(line)) && line.get("status").getAsInt() == 1);
        uc.destroy(FAN1);
        awaitLine(watch, line -> FAN1.toString().equals(oid(line)) && line.has("destroyed"));

        Result result = finish(done);
        assertEquals(ExitCode.OK, result.exitCode(), result::toString);
        JsonObject changed = lines(result).stream()
                .filter(line -> LAMP1.toString().equals(oid(line)) && line.get("status").getAsInt() == 1)
                .findFirst().orElseThrow();
        assertEquals("on", changed.get("value").getAsString());
        assertEquals(UC, changed.get("controller").getAsString());
        assertTrue(changed.get("t").isJsonPrimitive(), changed::toString);
        JsonObject destroyed = lines(result).stream().filter(line -> line.has("destroyed")).findFirst()
                .orElseThrow();
        assertEquals(FAN1.toString(), oid(destroyed));
        assertTrue(destroyed.get("destroyed").getAsBoolean());
    }

    @Test
    void watchReportsBadMessagesOnStderrAndSkipsThem() throws Exception {
        CliRun watch = CliRun.prepare("watch", "--broker", BROKER.uri(), "--duration", DURATION_SECONDS);
        CompletableFuture<Result> done = CompletableFuture.supplyAsync(watch::execute, RUNNER);
        awaitLine(watch, line -> LAMP1.toString().equals(oid(line)));
        List<byte[]> garbage = uc.publishGarbageStates(Oid.parse("unit:junk/bad1"), false);
        awaitTrue("every garbage message reported on stderr",
                () -> CliRun.lines(watch.stderr()).size() >= garbage.size());

        Result result = finish(done);
        assertEquals(ExitCode.OK, result.exitCode(), result::toString);
        for (String line : result.errLines()) {
            assertTrue(line.startsWith("skipped "), line);
        }
        for (JsonObject line : lines(result)) {
            assertNotEquals("unit:junk/bad1", oid(line), line::toString);
        }
    }

    @Test
    void watchPrintsOneLinePerEntryOfBulkBatches() throws Exception {
        CliRun watch = CliRun.prepare("watch", "--broker", BROKER.uri(), "--duration", DURATION_SECONDS);
        CompletableFuture<Result> done = CompletableFuture.supplyAsync(watch::execute, RUNNER);
        awaitLine(watch, line -> LAMP1.toString().equals(oid(line)));

        JsonObject batch = JsonParser.parseString("{\"t\":1700000100.5,\"c\":\"" + UC + "\",\"d\":["
                + "{\"oid\":\"sensor:bulk/s1\",\"status\":1,\"value\":\"7\",\"ieid\":[1,2]},"
                + "{\"oid\":\"sensor:bulk/s2\",\"status\":1,\"value\":\"8\",\"ieid\":[1,3]},"
                + "{\"oid\":\"sensor:bulk/gone\",\"destroyed\":true}]}").getAsJsonObject();
        uc.publishRaw("state/bulk1", batch.toString().getBytes(StandardCharsets.UTF_8), 1, false);
        JsonObject compressed = batch.deepCopy();
        compressed.getAsJsonArray("d").get(0).getAsJsonObject().addProperty("oid", "sensor:bulk/z1");
        byte[] body = Zlib.deflate(MsgPackJson.encode(compressed));
        byte[] payload = new byte[body.length + 2];
        payload[1] = 0x03;
        System.arraycopy(body, 0, payload, 2, body.length);
        uc.publishRaw("state/bulk1", payload, 1, false);
        awaitLine(watch, line -> "sensor:bulk/z1".equals(oid(line)));

        Result result = finish(done);
        assertEquals(ExitCode.OK, result.exitCode(), result::toString);
        JsonObject s2 = lines(result).stream().filter(line -> "sensor:bulk/s2".equals(oid(line))).findFirst()
                .orElseThrow();
        assertEquals("8", s2.get("value").getAsString());
        assertEquals(UC, s2.get("controller").getAsString());
        assertEquals(1700000100.5, s2.get("t").getAsDouble());
        assertEquals(2, lines(result).stream()
                .filter(line -> "sensor:bulk/gone".equals(oid(line)) && line.has("destroyed")).count());
    }

    // ------------------------------------------------------------------ discover

    @Test
    void discoverPrintsEachAnnouncedControllerOnce() throws Exception {
        CliRun discover = CliRun.prepare("discover", "--broker", BROKER.uri(), "--duration", DURATION_SECONDS);
        CompletableFuture<Result> done = CompletableFuture.supplyAsync(discover::execute, RUNNER);
        announceUntilListed(discover, uc, UC);
        announceUntilListed(discover, lm, LM);
        uc.announceDiscovery();

        Result result = finish(done);
        assertEquals(ExitCode.OK, result.exitCode(), result::toString);
        assertEquals(List.of("{\"controller\":\"" + UC + "\"}", "{\"controller\":\"" + LM + "\"}"),
                result.outLines());
    }

    @Test
    void discoverWithAKeyAlsoListsTheItems() throws Exception {
        CliRun discover = CliRun.prepare("discover", "--broker", BROKER.uri(), "--duration", DURATION_SECONDS,
                "--key-id", KEY_ID, "--key", KEY);
        CompletableFuture<Result> done = CompletableFuture.supplyAsync(discover::execute, RUNNER);
        announceUntilListed(discover, uc, UC);
        announceUntilListed(discover, lm, LM);

        Result result = finish(done);
        assertEquals(ExitCode.OK, result.exitCode(), result::toString);
        assertEquals("", result.stderr(), result::toString);
        List<JsonObject> items = lines(result).stream().filter(line -> line.has("oid")).toList();
        assertEquals(List.of("unit:hvac/fan1", "unit:lights/lamp1", "sensor:env/temp1", "lvar:flags/away"),
                items.stream().map(EvaicsCliIntegrationTest::oid).toList());
        JsonObject fan = items.get(0);
        assertEquals(1, fan.get("status").getAsInt());
        assertEquals("55", fan.get("value").getAsString());
        assertEquals(UC, fan.get("controller").getAsString());
        assertEquals(LM, items.get(3).get("controller").getAsString());
        assertEquals(List.of("state", "state"), uc.requests().stream().map(LoggedRequest::method).toList());
    }

    // ------------------------------------------------------------------ helpers

    private static @Nullable String oid(JsonObject line) {
        JsonElement oid = line.get("oid");
        return oid == null ? null : oid.getAsString();
    }

    private static List<JsonObject> lines(String stdout) {
        return CliRun.lines(stdout).stream().map(line -> JsonParser.parseString(line).getAsJsonObject()).toList();
    }

    private static List<JsonObject> lines(Result result) {
        return lines(result.stdout());
    }

    private static void awaitLine(CliRun run, Predicate<JsonObject> condition) {
        awaitTrue("a matching line on stdout", () -> lines(run.stdout()).stream().anyMatch(condition));
    }

    /** Announces until the controller's line is out: discover has subscribed by then. */
    private static void announceUntilListed(CliRun run, EvaSimulator sim, String controller) {
        String expected = "{\"controller\":\"" + controller + "\"}";
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!CliRun.lines(run.stdout()).contains(expected)) {
            if (System.nanoTime() > deadline) {
                fail(controller + " not listed within " + WAIT + "\n" + run.stdout() + run.stderr());
            }
            sim.announceDiscovery();
            sleep(ANNOUNCE_EVERY_MILLIS);
        }
    }

    private static void awaitTrue(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(what + " not within " + WAIT);
            }
            sleep(POLL_MILLIS);
        }
    }

    private static Result finish(CompletableFuture<Result> done)
            throws InterruptedException, ExecutionException, TimeoutException {
        return done.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }
}
