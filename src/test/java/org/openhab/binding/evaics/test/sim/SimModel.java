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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.protocol.codec.Float64;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;
import org.openhab.binding.evaics.internal.protocol.state.EvaTopics;
import org.openhab.binding.evaics.internal.protocol.state.Oid;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * The simulated controller's items and actions: units and sensors (UC), lvars and macros (LM), with the state rules of
 * protocol.md §8.2, §8.3 (lvar {@code set} rules, timers), §8.5 (action objects), §9.1 to §9.4 (state objects,
 * announcements, {@code ieid}) and protocol.md §14 (running state first, final state a few ms later). Every state
 * change is announced retained on the item's topic. Thread-safe: one lock guards the whole model; announcements are
 * published under it so that they leave in the order of the changes.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class SimModel {

    /** Publishes one MQTT message; never throws. */
    @FunctionalInterface
    interface Publisher {
        void publish(String topic, byte[] payload, int qos, boolean retained);
    }

    static final String UNIT = "unit";
    static final String SENSOR = "sensor";
    static final String LVAR = "lvar";
    static final String LMACRO = "lmacro";

    static final int DEFAULT_PRIORITY = 100;
    /** Action history kept for {@code result}; older actions are forgotten. */
    static final int MAX_ACTIONS = 4096;
    /** EVA counts ieid within a boot with a nanosecond clock; start somewhere that looks like it. */
    private static final long IEID_COUNTER_BASE = 5_000_000_000_000L;
    private static final double NANOS_PER_SECOND = 1e9;
    private static final double MILLIS_PER_SECOND = 1e3;
    private static final int EXIT_TERMINATED = -15;

    /** One item; all fields guarded by the model lock. */
    static final class Item {
        final Oid oid;
        int status;
        String value;
        int nstatus;
        String nvalue;
        boolean actionEnabled = true;
        double setTime;
        long bootId;
        long counter;
        double expires;
        boolean simpleLogic;
        @Nullable ScheduledFuture<?> expiryTask;
        @Nullable Action running;

        Item(Oid oid, int status, String value) {
            this.oid = oid;
            this.status = status;
            this.value = value;
            this.nstatus = status;
            this.nvalue = value;
        }
    }

    /** One unit action or macro run; guarded by the model lock. */
    static final class Action {
        final String uuid;
        final Oid oid;
        final int priority;
        final @Nullable Integer nstatus;
        final @Nullable String nvalue;
        final @Nullable JsonArray args;
        final @Nullable JsonObject kwargs;
        final Map<String, Double> times = new LinkedHashMap<>();
        final CompletableFuture<@Nullable Void> done = new CompletableFuture<>();
        String status = "created";
        boolean finished;
        @Nullable Integer exitcode;
        @Nullable ScheduledFuture<?> completion;

        Action(String uuid, Oid oid, int priority, @Nullable Integer nstatus, @Nullable String nvalue,
                @Nullable JsonArray args, @Nullable JsonObject kwargs) {
            this.uuid = uuid;
            this.oid = oid;
            this.priority = priority;
            this.nstatus = nstatus;
            this.nvalue = nvalue;
            this.args = args;
            this.kwargs = kwargs;
        }
    }

    private final Object lock = new Object();
    private final ControllerId controller;
    private final EvaTopics topics;
    private final ScheduledExecutorService scheduler;
    private final Publisher publisher;
    private final int stateQos;
    private final AtomicLong statesPublished = new AtomicLong();
    private final AtomicLong actionsStarted = new AtomicLong();
    // guarded by lock
    private final Map<String, Item> items = new TreeMap<>();
    private final Map<String, Action> actions = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.@Nullable Entry<String, Action> eldest) {
            return size() > MAX_ACTIONS;
        }
    };
    private long bootId;
    private long lastCounter;
    private Duration actionDuration;
    private boolean announce = true;

    SimModel(ControllerId controller, EvaTopics topics, ScheduledExecutorService scheduler, Publisher publisher,
            int stateQos, long bootId, Duration actionDuration) {
        this.controller = controller;
        this.topics = topics;
        this.scheduler = scheduler;
        this.publisher = publisher;
        this.stateQos = stateQos;
        this.bootId = bootId;
        this.actionDuration = actionDuration;
        this.lastCounter = IEID_COUNTER_BASE;
    }

    ControllerId controller() {
        return controller;
    }

    boolean isUc() {
        return "uc".equals(controller.productCode());
    }

    boolean isLm() {
        return "lm".equals(controller.productCode());
    }

    long statesPublished() {
        return statesPublished.get();
    }

    long actionsStarted() {
        return actionsStarted.get();
    }

    void setActionDuration(Duration duration) {
        synchronized (lock) {
            actionDuration = duration;
        }
    }

    /** Turns announcements off while the simulator is not started (the controller announces at start). */
    void setAnnounce(boolean on) {
        synchronized (lock) {
            announce = on;
        }
    }

    long bootId() {
        synchronized (lock) {
            return bootId;
        }
    }

    /** A new boot: later changes carry the new boot id; items keep their ieid until they change (protocol.md §14). */
    void newBoot() {
        synchronized (lock) {
            bootId++;
        }
    }

    static double now() {
        Instant now = Instant.now();
        // microseconds, like EVA's time.time() values in the vectors
        return now.getEpochSecond() + (now.getNano() / 1000) / 1e6;
    }

    // ------------------------------------------------------------------ items

    void add(Oid oid, int status, String value, double expires, boolean simpleLogic) {
        synchronized (lock) {
            Item item = new Item(oid, status, value);
            item.expires = expires;
            item.simpleLogic = simpleLogic;
            touch(item, true);
            Item old = items.put(oid.toString(), item);
            if (old != null) {
                cancelExpiry(old);
            }
            announceLocked(item);
        }
    }

    /** Removes every item without announcing anything, and forgets all actions. */
    void clear() {
        synchronized (lock) {
            for (Item item : items.values()) {
                cancelExpiry(item);
                Action running = item.running;
                if (running != null) {
                    ScheduledFuture<?> completion = running.completion;
                    if (completion != null) {
                        completion.cancel(false);
                    }
                }
            }
            items.clear();
            actions.clear();
        }
    }

    boolean destroy(Oid oid) {
        synchronized (lock) {
            Item item = items.remove(oid.toString());
            if (item == null) {
                return false;
            }
            cancelExpiry(item);
            if (announce) {
                publish(topics.itemTopic(oid), new byte[0], true);
            }
            return true;
        }
    }

    /** Sets status and/or value from outside (a driver, a test); announces when something changed. */
    boolean set(Oid oid, @Nullable Integer status, @Nullable String value) {
        synchronized (lock) {
            Item item = items.get(oid.toString());
            if (item == null) {
                return false;
            }
            applyUpdate(item, status, value);
            return true;
        }
    }

    void setActionEnabled(Oid oid, boolean enabled) throws SimError {
        synchronized (lock) {
            Item item = require(oid.toString(), Set.of(UNIT));
            if (item.actionEnabled != enabled) {
                item.actionEnabled = enabled;
                touch(item, false);
                announceLocked(item);
            }
        }
    }

    @Nullable
    JsonObject stateObject(Oid oid) {
        synchronized (lock) {
            Item item = items.get(oid.toString());
            return item == null ? null : stateObject(item, false);
        }
    }

    void announce(Oid oid) {
        synchronized (lock) {
            Item item = items.get(oid.toString());
            if (item != null) {
                announceLocked(item);
            }
        }
    }

    void announceAll() {
        synchronized (lock) {
            for (Item item : items.values()) {
                announceLocked(item);
            }
        }
    }

    List<Oid> oids() {
        synchronized (lock) {
            return items.values().stream().map(i -> i.oid).toList();
        }
    }

    /**
     * Finds an item by OID, full id or bare id (protocol.md §8) among the given types.
     *
     * @throws SimError not found (1)
     */
    Item require(String ref, Set<String> types) throws SimError {
        Item item = find(ref, types);
        if (item == null) {
            throw SimError.notFound();
        }
        return item;
    }

    private @Nullable Item find(String ref, Set<String> types) {
        Oid oid = Oid.tryParse(ref);
        if (oid != null) {
            return types.contains(oid.type()) ? items.get(ref) : null;
        }
        for (Item item : items.values()) {
            if (types.contains(item.oid.type())
                    && (ref.equals(item.oid.fullId()) || (ref.indexOf('/') < 0 && ref.equals(item.oid.id())))) {
                return item;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ API methods (called with parsed params)

    JsonObject state(String ref, Set<String> types, boolean full) throws SimError {
        synchronized (lock) {
            return stateObject(require(ref, types), full);
        }
    }

    JsonArray states(Set<String> types, @Nullable String group, boolean full) {
        synchronized (lock) {
            JsonArray list = new JsonArray();
            for (Item item : items.values()) {
                if (types.contains(item.oid.type()) && (group == null || group.equals(item.oid.group()))) {
                    list.add(stateObject(item, full));
                }
            }
            return list;
        }
    }

    JsonArray groups(Set<String> types) {
        synchronized (lock) {
            JsonArray list = new JsonArray();
            items.values().stream().filter(i -> types.contains(i.oid.type())).map(i -> i.oid.group()).distinct()
                    .sorted().forEach(list::add);
            return list;
        }
    }

    /** UC {@code update}: a unit or sensor gets a new status and/or value. */
    void update(String ref, @Nullable Integer status, @Nullable String value) throws SimError {
        synchronized (lock) {
            Item item = require(ref, Set.of(UNIT, SENSOR));
            if (item.oid.type().equals(SENSOR) && item.status == 0 && status == null) {
                // a disabled sensor ignores updates (protocol.md §9.2)
                return;
            }
            applyUpdate(item, status, value);
        }
    }

    void enableActions(String ref, boolean enabled) throws SimError {
        synchronized (lock) {
            Item item = require(ref, Set.of(UNIT));
            if (item.actionEnabled != enabled) {
                item.actionEnabled = enabled;
                touch(item, false);
                announceLocked(item);
            }
        }
    }

    /**
     * Starts a unit action (protocol.md §8.2, §9.3, §14): refused when actions are disabled or the unit is busy (action
     * queue 0, EVA's default), ignored when the unit is already in the requested state, else running: the unit
     * announces {@code nstatus}/{@code nvalue} at once and the final state after the action duration.
     *
     * @param wait seconds to wait for completion before answering ({@code w}); 0 answers at once
     * @return the action object, when the answer is due
     */
    CompletableFuture<JsonElement> action(String ref, int target, @Nullable String value, @Nullable String uuid,
            int priority, double wait) throws SimError {
        Action action;
        synchronized (lock) {
            Item unit = require(ref, Set.of(UNIT));
            action = newAction(uuid, unit.oid, priority, target, value, null, null);
            mark(action, "pending");
            if (!unit.actionEnabled || unit.running != null) {
                finish(action, "refused", null);
            } else if (target == unit.status && (value == null || value.equals(unit.value))) {
                finish(action, "ignored", null);
            } else {
                mark(action, "queued");
                mark(action, "running");
                unit.running = action;
                unit.nstatus = target;
                unit.nvalue = value != null ? value : unit.value;
                touch(unit, false);
                announceLocked(unit);
                actionsStarted.incrementAndGet();
                if (actionDuration.isZero()) {
                    completeLocked(unit, action);
                } else {
                    action.completion = scheduler.schedule(() -> complete(unit, action), actionDuration.toNanos(),
                            TimeUnit.NANOSECONDS);
                }
            }
            if (action.finished || wait <= 0) {
                return CompletableFuture.completedFuture(actionObject(action));
            }
        }
        return action.done.copy().completeOnTimeout(null, (long) (wait * MILLIS_PER_SECOND), TimeUnit.MILLISECONDS)
                .thenApply(v -> {
                    synchronized (lock) {
                        return actionObject(action);
                    }
                });
    }

    int currentStatus(String ref) throws SimError {
        synchronized (lock) {
            return require(ref, Set.of(UNIT)).status;
        }
    }

    JsonElement result(@Nullable String uuid, @Nullable String ref, @Nullable String group,
            @Nullable String statusFilter) throws SimError {
        synchronized (lock) {
            if (uuid != null) {
                Action action = actions.get(uuid);
                if (action == null) {
                    throw new SimError(SimError.NOT_FOUND, "action " + uuid + " not found");
                }
                return actionObject(action);
            }
            Oid oid = ref == null ? null : require(ref, Set.of(UNIT, LMACRO)).oid;
            JsonArray list = new JsonArray();
            for (Action action : actions.values()) {
                if ((oid == null || oid.equals(action.oid)) && (group == null || group.equals(action.oid.group()))
                        && matchesStatus(action, statusFilter)) {
                    list.add(actionObject(action));
                }
            }
            return list;
        }
    }

    private static boolean matchesStatus(Action action, @Nullable String filter) {
        if (filter == null) {
            return true;
        }
        return switch (filter) {
            case "Q", "queued" -> "queued".equals(action.status) || "pending".equals(action.status);
            case "R", "running" -> "running".equals(action.status);
            case "F", "finished" -> action.finished;
            case "D", "dead" -> "dead".equals(action.status);
            default -> false;
        };
    }

    /** {@code terminate} by action uuid or unit: error 1 when nothing runs (protocol.md §8.2). */
    JsonObject terminate(@Nullable String uuid, @Nullable String ref) throws SimError {
        synchronized (lock) {
            Action action;
            Item unit;
            if (uuid != null) {
                action = actions.get(uuid);
                unit = action == null ? null : items.get(action.oid.toString());
            } else {
                unit = require(String.valueOf(ref), Set.of(UNIT));
                action = unit.running;
            }
            if (action == null || unit == null || action.finished || unit.running != action) {
                throw SimError.notFound();
            }
            terminateLocked(unit, action);
            return ok();
        }
    }

    JsonObject kill(String ref) throws SimError {
        synchronized (lock) {
            Item unit = require(ref, Set.of(UNIT));
            Action action = unit.running;
            if (action != null) {
                terminateLocked(unit, action);
            }
            return ok();
        }
    }

    JsonObject qClean(String ref) throws SimError {
        synchronized (lock) {
            require(ref, Set.of(UNIT));
            return ok();
        }
    }

    /**
     * LM {@code set} (protocol.md §8.3), applied in this order: a disabled lvar (status 0) ignores everything but
     * {@code s=1}; {@code s} sets the status; {@code v} sets the value only if the status is not 0; writing a value to
     * an expired lvar revives it; an lvar with a timer restarts it and is announced even if nothing changed.
     * "Simple" lvars skip the first and third rule and never expire to -1.
     */
    void lvarSet(String ref, @Nullable Integer status, @Nullable String value) throws SimError {
        synchronized (lock) {
            Item lvar = require(ref, Set.of(LVAR));
            if (status != null && !lvar.simpleLogic && (status < -1 || status > 1)) {
                throw SimError.invalidParam("status must be -1, 0 or 1");
            }
            setLocked(lvar, status, value);
        }
    }

    void lvarReset(String ref) throws SimError {
        lvarSet(ref, 1, "1");
    }

    void lvarClear(String ref) throws SimError {
        synchronized (lock) {
            Item lvar = require(ref, Set.of(LVAR));
            setLocked(lvar, lvar.expires > 0 ? 0 : 1, "0");
        }
    }

    void lvarToggle(String ref) throws SimError {
        synchronized (lock) {
            Item lvar = require(ref, Set.of(LVAR));
            if ("0".equals(lvar.value)) {
                setLocked(lvar, 1, "1");
            } else {
                setLocked(lvar, lvar.expires > 0 ? 0 : 1, "0");
            }
        }
    }

    void lvarAdd(String ref, long delta) throws SimError {
        synchronized (lock) {
            Item lvar = require(ref, Set.of(LVAR));
            long current;
            try {
                current = lvar.value.isEmpty() ? 0 : Long.parseLong(lvar.value);
            } catch (NumberFormatException e) {
                throw new SimError(SimError.FUNC_FAILED, "Function call failed");
            }
            setLocked(lvar, null, Long.toString(current + delta));
        }
    }

    /** LM {@code run}: macros complete at once with exit code 0. */
    JsonObject run(String ref, @Nullable JsonArray args, @Nullable JsonObject kwargs, @Nullable String uuid,
            int priority) throws SimError {
        synchronized (lock) {
            Item macro = require(ref, Set.of(LMACRO));
            Action action = newAction(uuid, macro.oid, priority, null, null, args == null ? new JsonArray() : args,
                    kwargs == null ? new JsonObject() : kwargs);
            mark(action, "pending");
            mark(action, "queued");
            mark(action, "running");
            actionsStarted.incrementAndGet();
            finish(action, "completed", 0);
            return actionObject(action);
        }
    }

    // ------------------------------------------------------------------ internals (lock held)

    private void setLocked(Item lvar, @Nullable Integer status, @Nullable String value) {
        int oldStatus = lvar.status;
        String oldValue = lvar.value;
        if (!lvar.simpleLogic && oldStatus == 0 && (status == null || status != 1)) {
            return;
        }
        if (status != null) {
            lvar.status = status;
        }
        if (value != null && (lvar.simpleLogic || lvar.status != 0)) {
            lvar.value = value;
        }
        if (oldStatus == -1 && status == null && value != null && !value.isEmpty()) {
            lvar.status = 1;
        }
        boolean changed = lvar.status != oldStatus || !lvar.value.equals(oldValue);
        boolean timer = lvar.expires > 0 && lvar.status != 0 && lvar.status != -1;
        if (lvar.expires > 0 && !timer) {
            cancelExpiry(lvar);
        }
        if (timer) {
            startExpiry(lvar);
        }
        if (changed || timer) {
            touch(lvar, true);
            announceLocked(lvar);
        }
    }

    private void startExpiry(Item lvar) {
        cancelExpiry(lvar);
        long nanos = (long) (lvar.expires * NANOS_PER_SECOND);
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        self[0] = scheduler.schedule(() -> {
            synchronized (lock) {
                if (lvar.expiryTask != self[0] || items.get(lvar.oid.toString()) != lvar) {
                    return;
                }
                lvar.expiryTask = null;
                if (!lvar.simpleLogic) {
                    lvar.status = -1;
                }
                lvar.value = "";
                touch(lvar, true);
                announceLocked(lvar);
            }
        }, nanos, TimeUnit.NANOSECONDS);
        lvar.expiryTask = self[0];
    }

    private static void cancelExpiry(Item item) {
        ScheduledFuture<?> task = item.expiryTask;
        if (task != null) {
            task.cancel(false);
            item.expiryTask = null;
        }
    }

    private void applyUpdate(Item item, @Nullable Integer status, @Nullable String value) {
        boolean changed = false;
        if (status != null && status != item.status) {
            item.status = status;
            changed = true;
        }
        if (value != null && !value.equals(item.value)) {
            item.value = value;
            changed = true;
        }
        if (item.running == null) {
            item.nstatus = item.status;
            item.nvalue = item.value;
        }
        if (changed) {
            touch(item, true);
            announceLocked(item);
        }
    }

    private Action newAction(@Nullable String uuid, Oid oid, int priority, @Nullable Integer nstatus,
            @Nullable String nvalue, @Nullable JsonArray args, @Nullable JsonObject kwargs) {
        Action action = new Action(uuid != null ? uuid : UUID.randomUUID().toString(), oid, priority, nstatus, nvalue,
                args, kwargs);
        mark(action, "created");
        actions.put(action.uuid, action);
        return action;
    }

    private static void mark(Action action, String status) {
        action.status = status;
        action.times.put(status, now());
    }

    private static void finish(Action action, String status, @Nullable Integer exitcode) {
        mark(action, status);
        action.finished = true;
        action.exitcode = exitcode;
        action.done.complete(null);
    }

    private void complete(Item unit, Action action) {
        synchronized (lock) {
            completeLocked(unit, action);
        }
    }

    private void completeLocked(Item unit, Action action) {
        if (action.finished || unit.running != action) {
            return;
        }
        unit.running = null;
        unit.status = unit.nstatus;
        unit.value = unit.nvalue;
        finish(action, "completed", 0);
        if (items.get(unit.oid.toString()) == unit) {
            touch(unit, true);
            announceLocked(unit);
        }
    }

    private void terminateLocked(Item unit, Action action) {
        ScheduledFuture<?> completion = action.completion;
        if (completion != null) {
            completion.cancel(false);
        }
        unit.running = null;
        unit.nstatus = unit.status;
        unit.nvalue = unit.value;
        finish(action, "terminated", EXIT_TERMINATED);
        touch(unit, false);
        announceLocked(unit);
    }

    /**
     * New ieid (and set_time for status/value changes): a boot id and a strictly growing counter (protocol.md §9.4).
     */
    private void touch(Item item, boolean setTime) {
        lastCounter = Math.max(lastCounter + 1, IEID_COUNTER_BASE + System.nanoTime() % IEID_COUNTER_BASE);
        item.bootId = bootId;
        item.counter = lastCounter;
        if (setTime || item.setTime == 0) {
            item.setTime = now();
        }
    }

    private void announceLocked(Item item) {
        if (!announce || LMACRO.equals(item.oid.type())) {
            return;
        }
        JsonObject payload = new JsonObject();
        payload.add("t", time(now()));
        payload.addProperty("c", controller.toString());
        addStateFields(payload, item);
        publish(topics.itemTopic(item.oid), payload.toString().getBytes(StandardCharsets.UTF_8), true);
    }

    private void publish(String topic, byte[] payload, boolean retained) {
        statesPublished.incrementAndGet();
        publisher.publish(topic, payload, stateQos, retained);
    }

    /** The state object the {@code state} method returns (protocol.md §9.1): fields, then identity. */
    private static JsonObject stateObject(Item item, boolean full) {
        JsonObject state = new JsonObject();
        addStateFields(state, item);
        state.addProperty("id", item.oid.id());
        state.addProperty("type", item.oid.type());
        state.addProperty("group", item.oid.group());
        state.addProperty("full_id", item.oid.fullId());
        state.addProperty("oid", item.oid.toString());
        if (full) {
            if (UNIT.equals(item.oid.type())) {
                JsonArray labels = new JsonArray();
                labels.add(label(0, "OFF"));
                labels.add(label(1, "ON"));
                state.add("status_labels", labels);
            }
            state.addProperty("description", "");
            state.addProperty("location", "");
        }
        return state;
    }

    private static JsonObject label(int status, String label) {
        JsonObject object = new JsonObject();
        object.addProperty("status", status);
        object.addProperty("label", label);
        return object;
    }

    private static void addStateFields(JsonObject out, Item item) {
        boolean unit = UNIT.equals(item.oid.type());
        if (unit) {
            out.addProperty("nstatus", item.nstatus);
            out.addProperty("nvalue", item.nvalue);
        }
        out.addProperty("status", item.status);
        out.addProperty("value", item.value);
        out.add("set_time", time(item.setTime));
        JsonArray ieid = new JsonArray();
        ieid.add(item.bootId);
        ieid.add(item.counter);
        out.add("ieid", ieid);
        if (unit) {
            out.addProperty("action_enabled", item.actionEnabled);
        }
        if (LVAR.equals(item.oid.type())) {
            if (item.expires == Math.rint(item.expires)) {
                out.addProperty("expires", (long) item.expires);
            } else {
                out.add("expires", time(item.expires));
            }
        }
    }

    /** The action object (protocol.md §8.5). */
    private static JsonObject actionObject(Action action) {
        JsonObject object = new JsonObject();
        object.addProperty("uuid", action.uuid);
        object.addProperty("status", action.status);
        object.addProperty("finished", action.finished);
        object.addProperty("priority", action.priority);
        Integer exitcode = action.exitcode;
        object.add("exitcode", exitcode == null ? JsonNull.INSTANCE : new JsonPrimitive(exitcode));
        object.addProperty("out", "");
        object.addProperty("err", "");
        object.addProperty("item_id", action.oid.id());
        object.addProperty("item_group", action.oid.group());
        object.addProperty("item_type", action.oid.type());
        object.addProperty("item_oid", action.oid.toString());
        JsonObject times = new JsonObject();
        action.times.forEach((name, t) -> times.add(name, time(t)));
        object.add("time", times);
        Double created = action.times.get("created");
        if (action.finished && created != null) {
            object.add("finished_in", time(Math.round((now() - created) * 1e6) / 1e6));
        } else {
            object.add("finished_in", JsonNull.INSTANCE);
        }
        JsonArray args = action.args;
        if (args != null) {
            object.add("args", args);
            JsonObject kwargs = action.kwargs;
            object.add("kwargs", kwargs != null ? kwargs : new JsonObject());
        } else {
            Integer nstatus = action.nstatus;
            object.add("nstatus", nstatus == null ? JsonNull.INSTANCE : new JsonPrimitive(nstatus));
            String nvalue = action.nvalue;
            object.add("nvalue", nvalue == null ? JsonNull.INSTANCE : new JsonPrimitive(nvalue));
        }
        return object;
    }

    static JsonObject ok() {
        JsonObject ok = new JsonObject();
        ok.addProperty("ok", true);
        return ok;
    }

    /** A float the way EVA writes it (Python repr), also as msgpack float64. */
    static JsonPrimitive time(double seconds) {
        return new JsonPrimitive(Float64.of(seconds));
    }
}
