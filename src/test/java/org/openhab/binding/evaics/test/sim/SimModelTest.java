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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;
import org.openhab.binding.evaics.internal.protocol.state.EvaTopics;
import org.openhab.binding.evaics.internal.protocol.state.Oid;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The simulator's item rules without a broker: lvar {@code set} rules and timers (protocol.md §8.3), unit actions
 * (protocol.md §8.2, §9.3, §14) and what gets announced (protocol.md §9.1, §9.4).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class SimModelTest {

    private static final Oid LVAR = Oid.parse("lvar:flags/away");
    private static final Oid TIMER = Oid.parse("lvar:timers/t1");
    private static final Oid UNIT = Oid.parse("unit:lights/lamp1");
    /** Short enough to wait for, long enough not to fire while a test is still setting up. */
    private static final double SHORT_EXPIRY_SECONDS = 0.2;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 5;
    private static final double MILLIS_PER_SECOND = 1000;

    private record Published(String topic, byte[] payload, int qos, boolean retained) {
        JsonObject json() {
            return JsonParser.parseString(new String(payload, StandardCharsets.UTF_8))
                    .getAsJsonObject();
        }
    }

    private final List<Published> published = new ArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final SimModel model = new SimModel(ControllerId.parse("lm/sim1"), new EvaTopics(""), scheduler,
            (topic, payload, qos, retained) -> {
                synchronized (published) {
                    published.add(new Published(topic, payload, qos, retained));
                }
            }, 1, 3, Duration.ZERO);

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    private JsonObject state(Oid oid) {
        JsonObject state = model.stateObject(oid);
        assertNotNull(state);
        return state;
    }

    private int status(Oid oid) {
        return state(oid).get("status").getAsInt();
    }

    private String value(Oid oid) {
        return state(oid).get("value").getAsString();
    }

    private int publishedCount() {
        synchronized (published) {
            return published.size();
        }
    }

    private Published last() {
        synchronized (published) {
            return published.get(published.size() - 1);
        }
    }

    private void awaitStatus(Oid oid, int status) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (status(oid) != status) {
            assertTrue(System.nanoTime() < deadline, "status " + status + " not reached");
            Thread.sleep(POLL_MILLIS);
        }
    }

    @Test
    void changesAreAnnouncedRetainedWithTimeControllerAndGrowingIeid() throws SimError {
        model.add(LVAR, 1, "0", 0, false);
        model.lvarSet(LVAR.toString(), null, "1");
        Published announcement = last();
        assertEquals("lvar/flags/away", announcement.topic());
        assertTrue(announcement.retained());
        assertEquals(1, announcement.qos());
        JsonObject json = announcement.json();
        assertEquals(List.of("t", "c", "status", "value", "set_time", "ieid", "expires"),
                List.copyOf(json.keySet()));
        assertEquals("lm/sim1", json.get("c").getAsString());
        assertEquals("1", json.get("value").getAsString());
        assertEquals(3, json.getAsJsonArray("ieid").get(0).getAsLong());
        long before = json.getAsJsonArray("ieid").get(1).getAsLong();
        model.lvarSet(LVAR.toString(), null, "2");
        assertTrue(last().json().getAsJsonArray("ieid").get(1).getAsLong() > before);
    }

    @Test
    void disabledLvarIgnoresEverythingButStatus1() throws SimError {
        model.add(LVAR, 0, "5", 0, false);
        int announced = publishedCount();
        model.lvarSet(LVAR.toString(), null, "7");
        model.lvarSet(LVAR.toString(), -1, null);
        assertEquals(0, status(LVAR));
        assertEquals("5", value(LVAR));
        assertEquals(announced, publishedCount(), "nothing changed, nothing announced");
        model.lvarSet(LVAR.toString(), 1, "7");
        assertEquals(1, status(LVAR));
        assertEquals("7", value(LVAR));
    }

    @Test
    void status0WithValueChangesOnlyTheStatus() throws SimError {
        model.add(LVAR, 1, "5", 0, false);
        model.lvarSet(LVAR.toString(), 0, "9");
        assertEquals(0, status(LVAR));
        assertEquals("5", value(LVAR));
    }

    @Test
    void writingAValueRevivesAnExpiredLvar() throws SimError {
        model.add(LVAR, -1, "", 0, false);
        model.lvarSet(LVAR.toString(), null, "3");
        assertEquals(1, status(LVAR));
        assertEquals("3", value(LVAR));
    }

    @Test
    void timerExpiresToStatusMinus1AndEmptyValue() throws Exception {
        model.add(TIMER, 1, "", SHORT_EXPIRY_SECONDS, false);
        model.lvarSet(TIMER.toString(), null, "on");
        awaitStatus(TIMER, -1);
        assertEquals("", value(TIMER));
        assertEquals(-1, last().json().get("status").getAsInt(), "expiry announced");
    }

    @Test
    void setOnATimerIsAnnouncedEvenWithoutChange() throws SimError {
        model.add(TIMER, 1, "x", WAIT.toSeconds(), false);
        int announced = publishedCount();
        model.lvarSet(TIMER.toString(), null, "x");
        assertEquals(announced + 1, publishedCount());
    }

    @Test
    void clearOnATimerStopsItAndKeepsTheValue() throws Exception {
        model.add(TIMER, 1, "", SHORT_EXPIRY_SECONDS, false);
        model.lvarSet(TIMER.toString(), null, "on");
        model.lvarClear(TIMER.toString());
        assertEquals(0, status(TIMER));
        assertEquals("on", value(TIMER));
        Thread.sleep((long) (SHORT_EXPIRY_SECONDS * 2 * MILLIS_PER_SECOND));
        assertEquals(0, status(TIMER), "stopped timer does not expire");
    }

    @Test
    void clearWithoutTimerSetsValue0() throws SimError {
        model.add(LVAR, 1, "1", 0, false);
        model.lvarClear(LVAR.toString());
        assertEquals(1, status(LVAR));
        assertEquals("0", value(LVAR));
    }

    @Test
    void toggleResetsFrom0AndClearsOtherwise() throws SimError {
        model.add(LVAR, 1, "0", 0, false);
        model.lvarToggle(LVAR.toString());
        assertEquals("1", value(LVAR));
        model.lvarToggle(LVAR.toString());
        assertEquals("0", value(LVAR));
    }

    @Test
    void simpleLvarTakesValuesWhileDisabled() throws SimError {
        model.add(LVAR, 0, "1", 0, true);
        model.lvarSet(LVAR.toString(), null, "2");
        assertEquals("2", value(LVAR));
        assertEquals(0, status(LVAR));
    }

    @Test
    void statusOutsideMinus1To1IsInvalidForNormalLvars() {
        model.add(LVAR, 1, "1", 0, false);
        SimError e = assertThrows(SimError.class, () -> model.lvarSet(LVAR.toString(), 2, null));
        assertEquals(SimError.INVALID_PARAMS, e.code());
    }

    @Test
    void unitActionAnnouncesRunningThenFinalState() throws Exception {
        model.add(UNIT, 0, "", 0, false);
        model.setActionDuration(Duration.ofMillis(20));
        int before = publishedCount();
        JsonElement answer = model.action(UNIT.toString(), 1, null, null, SimModel.DEFAULT_PRIORITY, 0).join();
        assertEquals("running", answer.getAsJsonObject().get("status").getAsString());
        awaitStatus(UNIT, 1);
        List<Published> announced;
        synchronized (published) {
            announced = List.copyOf(published.subList(before, published.size()));
        }
        assertEquals(2, announced.size());
        JsonObject running = announced.get(0).json();
        assertEquals(0, running.get("status").getAsInt());
        assertEquals(1, running.get("nstatus").getAsInt());
        assertEquals("", running.get("nvalue").getAsString(), "current value as nvalue when no v");
        JsonObject done = announced.get(1).json();
        assertEquals(1, done.get("status").getAsInt());
        assertEquals(1, done.get("nstatus").getAsInt());
    }

    @Test
    void actionWithWaitAnswersWhenCompleted() throws SimError {
        model.add(UNIT, 0, "", 0, false);
        model.setActionDuration(Duration.ofMillis(20));
        CompletableFuture<JsonElement> answer = model.action(UNIT.toString(), 1, "v", null, 1, WAIT.toSeconds());
        JsonObject action = answer.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join().getAsJsonObject();
        assertEquals("completed", action.get("status").getAsString());
        assertEquals(0, action.get("exitcode").getAsInt());
        assertEquals("v", action.get("nvalue").getAsString());
    }

    @Test
    void actionToTheCurrentStateIsIgnored() throws SimError {
        model.add(UNIT, 1, "", 0, false);
        JsonObject action = model.action(UNIT.toString(), 1, null, null, 1, 0).join().getAsJsonObject();
        assertEquals("ignored", action.get("status").getAsString());
        assertTrue(action.get("finished").getAsBoolean());
    }

    @Test
    void actionOnADisabledUnitIsRefused() throws SimError {
        model.add(UNIT, 0, "", 0, false);
        model.enableActions(UNIT.toString(), false);
        JsonObject action = model.action(UNIT.toString(), 1, null, null, 1, 0).join().getAsJsonObject();
        assertEquals("refused", action.get("status").getAsString());
        assertEquals(0, status(UNIT));
    }

    @Test
    void actionOnABusyUnitIsRefused() throws SimError {
        model.add(UNIT, 0, "", 0, false);
        model.setActionDuration(WAIT);
        model.action(UNIT.toString(), 1, null, null, 1, 0).join();
        JsonObject second = model.action(UNIT.toString(), 0, null, null, 1, 0).join().getAsJsonObject();
        assertEquals("refused", second.get("status").getAsString());
    }

    @Test
    void itemsAreFoundByOidFullIdOrBareId() throws SimError {
        model.add(UNIT, 0, "", 0, false);
        for (String ref : List.of("unit:lights/lamp1", "lights/lamp1", "lamp1")) {
            assertEquals(UNIT.toString(), model.state(ref, Set.of("unit"), false).get("oid").getAsString());
        }
        assertEquals(SimError.NOT_FOUND,
                assertThrows(SimError.class, () -> model.state("sensor:lights/lamp1", Set.of("unit"), false))
                        .code());
    }

    @Test
    void destroyPublishesAnEmptyRetainedPayload() {
        model.add(UNIT, 0, "", 0, false);
        assertTrue(model.destroy(UNIT));
        Published destroyed = last();
        assertEquals("unit/lights/lamp1", destroyed.topic());
        assertEquals(0, destroyed.payload().length);
        assertTrue(destroyed.retained());
        assertNull(model.stateObject(UNIT));
    }
}
