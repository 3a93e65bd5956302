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

import static org.openhab.binding.evaics.internal.EvaIcsBindingConstants.*;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.action.EvaControllerActions;
import org.openhab.binding.evaics.internal.discovery.EvaItemDiscoveryService;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttTransport;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaApi;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaRpcException;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaRpcException.Kind;
import org.openhab.binding.evaics.internal.protocol.rpc.RpcClient;
import org.openhab.binding.evaics.internal.protocol.rpc.RpcEvaApi;
import org.openhab.binding.evaics.internal.protocol.rpc.RpcSettings;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;
import org.openhab.binding.evaics.internal.protocol.state.EvaTopics;
import org.openhab.binding.evaics.internal.protocol.state.ItemState;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.core.thing.Bridge;
import org.openhab.core.thing.ChannelUID;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusDetail;
import org.openhab.core.thing.ThingStatusInfo;
import org.openhab.core.thing.binding.BaseBridgeHandler;
import org.openhab.core.thing.binding.ThingHandlerService;
import org.openhab.core.types.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * The {@code evaics:controller} bridge: one EVA ICS controller on the broker of its parent bridge. It owns the
 * encrypted RPC client for that controller (protocol.md §4 to §6, §10 steps 2 to 5), the heartbeat, and the delivery of
 * announcements and refreshed states to its item things ({@link ItemDispatcher}).
 * <p>
 * Status: ONLINE once the controller answered an authenticated {@code test} call (protocol.md §8.1), which also fills
 * the product properties; then every registered item is refreshed by a {@code state} call. The heartbeat repeats
 * the {@code test} call; a failure makes the controller OFFLINE COMMUNICATION_ERROR with the reason, within two
 * heartbeat intervals of its last answer (the heartbeat call never waits longer than one interval), and the next
 * answer makes it ONLINE again, followed by a refresh. A {@code restart}/{@code leaving} event of the controller
 * (protocol.md §2.2) runs the heartbeat at once: anyone can publish one, so it is a reason to check, not a verdict.
 * <p>
 * After a (re)connect, and after the controller stopped answering, the {@code test} call is repeated sooner than the
 * heartbeat until an answer comes: {@link #FIRST_REPROBE_DELAY} later, then after pauses that double up to the
 * heartbeat interval. A controller reconnects to a restarted broker on its own schedule and does not announce that
 * (EVA ICS 3.4.2 republishes no states after a reconnect), so a call sent before it subscribed again is lost; without
 * these calls the controller would stay OFFLINE until the next heartbeat. Each repeat is a new call, sent even while
 * earlier ones wait for their answers: the first answer makes the controller ONLINE, and a failure of a call older
 * than an answered one changes nothing.
 * <p>
 * A wrong key: EVA stays silent on a frame it cannot open (protocol.md §4.4), so a wrong key id or API key looks like a
 * dead controller. When the heartbeat gets no answer at all but the broker bridge saw the controller alive within
 * {@link #sightingWindow(Duration)} (its discovery announce, or a state announcement with its id in {@code c}, not
 * retained), the status says that the key id or the API key is probably wrong. Those announcements are
 * unauthenticated (protocol.md §11): this only chooses the status text, nothing else.
 * <p>
 * While the broker is not ONLINE the controller is OFFLINE BRIDGE_OFFLINE and its RPC client is closed (pending calls
 * fail; nothing is queued).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public class EvaControllerHandler extends BaseBridgeHandler implements EvaItemHost {

    /** Product code of the placeholder id reported while the configuration is invalid. */
    static final String UNCONFIGURED_PRODUCT = "unconfigured";
    /**
     * The shortest window within which a sighting of the controller on the broker counts: two stock discovery
     * announce intervals (30 s, protocol.md §2.1), since a controller whose items do not change shows itself only by
     * those announces; one of them may get lost.
     */
    static final Duration MINIMUM_SIGHTING_WINDOW = Duration.ofSeconds(60);
    /**
     * The pause after the {@code test} call of a new connection, or after the call that found the controller gone,
     * before the next call if no answer came yet; later pauses double (see the class comment). Short, because a
     * controller reconnecting to a restarted broker is usually back within a second or two.
     */
    static final Duration FIRST_REPROBE_DELAY = Duration.ofMillis(500);

    private final Logger logger = LoggerFactory.getLogger(EvaControllerHandler.class);
    private final ItemDispatcher dispatcher;

    private final Object lock = new Object();
    // written under lock
    private volatile @Nullable ControllerSettings settings;
    // guarded by lock
    private @Nullable EvaBrokerHandler broker;
    private @Nullable Session session;
    private @Nullable ScheduledFuture<?> heartbeatJob;
    // written under lock
    private volatile @Nullable EvaApi onlineApi;
    private volatile @Nullable ControllerId configuredController;
    private volatile @Nullable Runnable onlineListener;
    /** {@link #MINIMUM_SIGHTING_WINDOW}, shorter in tests. */
    private volatile Duration minimumSightingWindow = MINIMUM_SIGHTING_WINDOW;

    /** One RPC client on one broker connection. */
    private static final class Session {
        final MqttTransport transport;
        final RpcClient rpc;
        final EvaApi api;
        /** A heartbeat call is under way: the heartbeat sends no second one. */
        final AtomicBoolean probing = new AtomicBoolean();
        /** The number of the last {@code test} call sent. */
        final AtomicLong probesSent = new AtomicLong();
        /** Guarded by the handler's lock. */
        boolean online;
        /** Guarded by the handler's lock: the number of the newest {@code test} call answered. */
        long newestAnswered;
        /** Guarded by the handler's lock: the next early {@code test} call, if one is planned. */
        @Nullable
        ScheduledFuture<?> reprobe;

        Session(MqttTransport transport, RpcClient rpc) {
            this.transport = transport;
            this.rpc = rpc;
            this.api = new RpcEvaApi(rpc);
        }
    }

    public EvaControllerHandler(Bridge bridge) {
        this(bridge, StateBatcher.Limits.DEFAULT);
    }

    /** With other limits for the batched {@code state} calls; for benchmarks comparing them. */
    EvaControllerHandler(Bridge bridge, StateBatcher.Limits stateBatches) {
        super(bridge);
        this.dispatcher = new ItemDispatcher(scheduler, new Hints(), stateBatches);
    }

    @Override
    public void initialize() {
        ControllerSettings configured;
        try {
            configured = getConfigAs(EvaControllerConfiguration.class).validate();
        } catch (IllegalArgumentException e) {
            logger.debug("Controller {} has an invalid configuration: {}", getThing().getUID(), e.getMessage());
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR,
                    ConfigurationProblem.describe(e, StatusDescriptions.CONTROLLER_CONFIG_INVALID));
            return;
        }
        ControllerId controller = configured.controller();
        configuredController = controller;
        updateProperty(PROPERTY_CONTROLLER_ID, controller.toString());
        Bridge bridge = getBridge();
        if (bridge == null || !(bridge.getHandler() instanceof EvaBrokerHandler brokerHandler)) {
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR,
                    StatusDescriptions.text(StatusDescriptions.NO_BROKER));
            return;
        }
        dispatcher.configure(controller, configured.verified());
        if (!brokerHandler.registerController(controller, dispatcher)) {
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR,
                    StatusDescriptions.text(StatusDescriptions.DUPLICATE_CONTROLLER, controller.toString()));
            return;
        }
        long interval = configured.heartbeatInterval().toMillis();
        synchronized (lock) {
            settings = configured;
            broker = brokerHandler;
            heartbeatJob = scheduler.scheduleWithFixedDelay(this::heartbeat, interval, interval,
                    TimeUnit.MILLISECONDS);
            if (bridge.getStatus() != ThingStatus.ONLINE) {
                updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.BRIDGE_OFFLINE);
                // openHAB tells only initialised children about their bridge: had the broker come ONLINE after the
                // check above, while this thing was still INITIALIZING, nobody would tell it. Now that it is
                // OFFLINE, a later change reaches bridgeStatusChanged; an earlier one shows here.
                if (bridge.getStatus() != ThingStatus.ONLINE) {
                    return;
                }
            }
            updateStatus(ThingStatus.UNKNOWN);
            scheduler.execute(this::connect);
        }
    }

    @Override
    public void dispose() {
        synchronized (lock) {
            ScheduledFuture<?> job = heartbeatJob;
            if (job != null) {
                job.cancel(false);
            }
            heartbeatJob = null;
            EvaBrokerHandler registeredAt = broker;
            ControllerSettings configured = settings;
            if (registeredAt != null && configured != null) {
                registeredAt.unregisterController(configured.controller(), dispatcher);
            }
            closeSessionLocked();
            broker = null;
            settings = null;
        }
    }

    @Override
    public void bridgeStatusChanged(ThingStatusInfo bridgeStatusInfo) {
        synchronized (lock) {
            if (settings == null) {
                // not initialized, or its configuration is invalid: the bridge changes nothing
                return;
            }
            if (bridgeStatusInfo.getStatus() == ThingStatus.ONLINE) {
                execute(this::connect);
            } else {
                closeSessionLocked();
                updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.BRIDGE_OFFLINE);
            }
        }
    }

    @Override
    public void handleCommand(ChannelUID channelUID, Command command) {
        // the bridge has no channels
    }

    @Override
    public Collection<Class<? extends ThingHandlerService>> getServices() {
        return List.of(EvaItemDiscoveryService.class, EvaControllerActions.class);
    }

    // ---- EvaItemHost ----

    @Override
    public @Nullable EvaApi api() {
        return onlineApi;
    }

    /**
     * The configured controller; while the configuration is invalid a placeholder
     * {@code unconfigured/<thing id>} that matches no real controller.
     */
    @Override
    public ControllerId controllerId() {
        ControllerId controller = configuredController;
        return controller != null ? controller : new ControllerId(UNCONFIGURED_PRODUCT, getThing().getUID().getId());
    }

    @Override
    public boolean verifiedStates() {
        ControllerSettings configured = settings;
        return configured != null ? configured.verified()
                : EvaControllerConfiguration.STATE_SOURCE_VERIFIED
                        .equals(getConfigAs(EvaControllerConfiguration.class).stateSource.trim());
    }

    @Override
    public void registerItem(Oid oid, EvaItemListener listener) {
        dispatcher.register(oid, listener);
    }

    @Override
    public void unregisterItem(Oid oid, EvaItemListener listener) {
        dispatcher.unregister(oid, listener);
    }

    @Override
    public CompletableFuture<ItemState> refreshState(EvaApi api, Oid oid) {
        return dispatcher.pacedState(api, oid);
    }

    /** Runs (on the scheduler) every time the controller comes ONLINE; null to stop. */
    public void setOnlineListener(@Nullable Runnable listener) {
        onlineListener = listener;
    }

    /** The configured call timeout; the default while the configuration is invalid. */
    @Override
    public Duration callTimeout() {
        ControllerSettings configured = settings;
        return configured != null ? configured.callTimeout() : ProtocolLimits.DEFAULT_CALL_TIMEOUT;
    }

    /** Replaces {@link #MINIMUM_SIGHTING_WINDOW}, for tests that cannot wait a minute. */
    void setMinimumSightingWindow(Duration window) {
        minimumSightingWindow = window;
    }

    /**
     * How recently the controller must have been seen alive on the broker for a heartbeat without answer to read as
     * a probably wrong key: two heartbeat intervals, because the status is decided once per heartbeat, so the window
     * must reach back past the previous heartbeat with room for one late or lost sighting; at least
     * {@link #MINIMUM_SIGHTING_WINDOW}.
     */
    Duration sightingWindow(Duration heartbeatInterval) {
        Duration twoHeartbeats = heartbeatInterval.multipliedBy(2);
        Duration minimum = minimumSightingWindow;
        return twoHeartbeats.compareTo(minimum) > 0 ? twoHeartbeats : minimum;
    }

    /** Calls of the current RPC client still waiting for an answer; 0 without one (diagnostics and tests). */
    int pendingCalls() {
        synchronized (lock) {
            Session current = session;
            return current == null ? 0 : current.rpc.pendingCalls();
        }
    }

    // ---- connection and heartbeat ----

    private void connect() {
        Session created;
        synchronized (lock) {
            ControllerSettings configured = settings;
            EvaBrokerHandler brokerHandler = broker;
            if (configured == null || brokerHandler == null) {
                return;
            }
            MqttTransport transport = brokerHandler.transport();
            EvaTopics topics = brokerHandler.topics();
            if (transport == null || topics == null || !transport.isConnected()) {
                // the broker's next status change brings us back here
                return;
            }
            Session current = session;
            if (current != null && current.transport == transport) {
                return;
            }
            closeSessionLocked();
            RpcClient rpc;
            ProtocolLimits limits = brokerHandler.limits();
            try {
                rpc = new RpcClient(transport, topics, configured.controller(), configured.keyId(), configured.key(),
                        configured.format(), new RpcSettings(configured.callTimeout(), limits.maxPendingCalls(),
                                brokerHandler.rpcQos()),
                        limits, scheduler);
            } catch (IllegalArgumentException e) {
                updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR, StatusDescriptions
                        .text(StatusDescriptions.CONTROLLER_CONFIG_INVALID, String.valueOf(e.getMessage())));
                return;
            }
            created = new Session(transport, rpc);
            session = created;
        }
        created.rpc.start().whenComplete((ok, failure) -> {
            if (failure != null) {
                probeFailed(created, 0, failure);
            } else {
                probe(created);
                synchronized (lock) {
                    if (session == created && !created.online) {
                        scheduleReprobeLocked(created, FIRST_REPROBE_DELAY.toMillis());
                    }
                }
            }
        });
    }

    private void heartbeat() {
        try {
            Session current;
            synchronized (lock) {
                current = session;
            }
            if (current != null) {
                probe(current);
            }
        } catch (RuntimeException e) {
            // an exception would end the periodic job
            logger.warn("Heartbeat of {} failed unexpectedly: {}", getThing().getUID(), e.getMessage());
        }
    }

    /** One heartbeat {@code test} call, unless one is running already. */
    private void probe(Session current) {
        if (current.probing.compareAndSet(false, true)) {
            sendProbe(current, () -> current.probing.set(false));
        }
    }

    /** One {@code test} call; {@code done} runs when it ends, before its outcome is handled. */
    private void sendProbe(Session current, Runnable done) {
        ControllerSettings configured = settings;
        if (configured == null) {
            done.run();
            return;
        }
        long number = current.probesSent.incrementAndGet();
        current.rpc.call("test", new JsonObject(), configured.heartbeatTimeout()).whenComplete((result, failure) -> {
            done.run();
            if (failure != null) {
                probeFailed(current, number, failure);
            } else {
                probeAnswered(current, number, result);
            }
        });
    }

    /**
     * Plans an early {@code test} call after {@code delayMillis}, unless that is no sooner than the heartbeat; each
     * such call plans the next one with twice the delay, until the controller answers.
     */
    private void scheduleReprobeLocked(Session current, long delayMillis) {
        ControllerSettings configured = settings;
        if (configured == null || delayMillis >= configured.heartbeatInterval().toMillis()) {
            return;
        }
        try {
            current.reprobe = scheduler.schedule(() -> reprobe(current, delayMillis), delayMillis,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            logger.debug("Scheduler refused a task of {}", getThing().getUID());
        }
    }

    private void reprobe(Session current, long delayMillis) {
        synchronized (lock) {
            if (session != current || current.online) {
                return;
            }
            scheduleReprobeLocked(current, delayMillis * 2);
        }
        sendProbe(current, () -> {
        });
    }

    private void probeAnswered(Session current, long number, JsonElement result) {
        synchronized (lock) {
            if (session != current) {
                return;
            }
            current.newestAnswered = Math.max(current.newestAnswered, number);
            if (current.online) {
                return;
            }
            current.online = true;
            cancelReprobeLocked(current);
            onlineApi = current.api;
            dispatcher.setApi(current.api);
            if (result instanceof JsonObject test) {
                updateProperties(properties(test));
            }
            logger.debug("Controller {} answers", current.rpc.controller());
            updateStatus(ThingStatus.ONLINE);
        }
        dispatcher.refreshAll(current.api);
        Runnable listener = onlineListener;
        if (listener != null) {
            execute(listener);
        }
    }

    /** @param number the failed call's number; 0 if no call was sent */
    private void probeFailed(Session current, long number, Throwable failure) {
        Throwable cause = CallFailures.unwrap(failure);
        String reason = String.valueOf(cause.getMessage());
        Duration seen = cause instanceof EvaRpcException e && e.kind() == Kind.TIMEOUT ? seenRecently(current) : null;
        synchronized (lock) {
            if (session != current || (number != 0 && number < current.newestAnswered)) {
                // a later call was answered: this failure is old news
                return;
            }
            if (cause instanceof EvaRpcException e && (e.kind() == Kind.NOT_CONNECTED || e.kind() == Kind.CLOSED
                    || e.kind() == Kind.TOO_MANY_PENDING)) {
                // not sent: no news about the controller. A lost broker connection changes the bridge status; a
                // full pending-call table ends in timeouts that the next heartbeat sees
                logger.debug("Heartbeat of {} not sent: {}", current.rpc.controller(), reason);
                return;
            }
            if (current.online) {
                current.online = false;
                scheduleReprobeLocked(current, FIRST_REPROBE_DELAY.toMillis());
            }
            onlineApi = null;
            dispatcher.setApi(null);
            logger.debug("Controller {} does not answer: {}", current.rpc.controller(), reason);
            if (cause instanceof EvaRpcException e && e.kind() == Kind.REMOTE_ERROR) {
                if (e.code() == EvaRpcException.CODE_ACCESS_DENIED) {
                    updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR,
                            StatusDescriptions.text(StatusDescriptions.CONTROLLER_ACCESS_DENIED,
                                    current.rpc.controller().toString(), reason));
                } else {
                    updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.COMMUNICATION_ERROR,
                            StatusDescriptions.text(StatusDescriptions.CONTROLLER_ERROR, reason));
                }
            } else if (seen != null) {
                logger.debug("Controller {} was seen on the broker {} ms ago but does not answer: the key id or the "
                        + "API key is probably wrong", current.rpc.controller(), seen.toMillis());
                updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.COMMUNICATION_ERROR, StatusDescriptions
                        .text(StatusDescriptions.CONTROLLER_SEEN_NOT_ANSWERING, current.rpc.controller().toString()));
            } else {
                updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.COMMUNICATION_ERROR,
                        StatusDescriptions.text(StatusDescriptions.CONTROLLER_NOT_ANSWERING, reason));
            }
        }
    }

    /**
     * How long ago the broker bridge saw the controller alive, if that is within the {@link #sightingWindow}; else
     * null. A hint only: anyone on the broker can forge what it counts (protocol.md §11).
     */
    private @Nullable Duration seenRecently(Session current) {
        ControllerSettings configured = settings;
        EvaBrokerHandler brokerHandler;
        synchronized (lock) {
            brokerHandler = broker;
        }
        if (configured == null || brokerHandler == null) {
            return null;
        }
        Duration seen = brokerHandler.sinceSeen(current.rpc.controller());
        return seen != null && seen.compareTo(sightingWindow(configured.heartbeatInterval())) <= 0 ? seen : null;
    }

    private void closeSessionLocked() {
        Session current = session;
        session = null;
        onlineApi = null;
        dispatcher.setApi(null);
        if (current != null) {
            cancelReprobeLocked(current);
            current.rpc.close();
        }
    }

    private static void cancelReprobeLocked(Session current) {
        ScheduledFuture<?> planned = current.reprobe;
        current.reprobe = null;
        if (planned != null) {
            planned.cancel(false);
        }
    }

    private void execute(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException e) {
            logger.debug("Scheduler refused a task of {}", getThing().getUID());
        }
    }

    /** Thing properties from a {@code test} result (protocol.md §8.1); absent members are left out. */
    static Map<String, String> properties(JsonObject test) {
        Map<String, String> properties = new HashMap<>();
        copy(test, "product_code", PROPERTY_PRODUCT_CODE, properties);
        copy(test, "product_name", PROPERTY_PRODUCT_NAME, properties);
        copy(test, "product_build", PROPERTY_PRODUCT_BUILD, properties);
        copy(test, "version", PROPERTY_VERSION, properties);
        copy(test, "system", PROPERTY_SYSTEM, properties);
        return properties;
    }

    private static void copy(JsonObject from, String member, String property, Map<String, String> to) {
        if (from.get(member) instanceof JsonPrimitive value) {
            to.put(property, value.getAsString());
        }
    }

    /** Hints from the controller's own topics; unauthenticated, so they only make the heartbeat run early. */
    private final class Hints implements ItemDispatcher.Controller {
        @Override
        public void goingOfflineHint() {
            execute(EvaControllerHandler.this::heartbeat);
        }

        @Override
        public void announceHint() {
            if (onlineApi == null) {
                execute(EvaControllerHandler.this::heartbeat);
            }
        }
    }
}
