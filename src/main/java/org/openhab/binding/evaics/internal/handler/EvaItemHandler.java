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

import static org.openhab.binding.evaics.internal.EvaIcsBindingConstants.PROPERTY_OID;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaApi;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaRpcException;
import org.openhab.binding.evaics.internal.protocol.state.Announcement;
import org.openhab.binding.evaics.internal.protocol.state.ItemState;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.core.thing.Bridge;
import org.openhab.core.thing.Channel;
import org.openhab.core.thing.ChannelUID;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusDetail;
import org.openhab.core.thing.ThingStatusInfo;
import org.openhab.core.thing.binding.BaseThingHandler;
import org.openhab.core.thing.binding.ThingHandler;
import org.openhab.core.types.Command;
import org.openhab.core.types.RefreshType;
import org.openhab.core.types.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of the handlers of EVA items (units, sensors, lvars; protocol.md §8, §9): one item of the controller bridge it
 * is attached to.
 * <p>
 * Life cycle: {@link #initialize()} checks the configuration, then registers with the controller bridge
 * ({@link EvaItemHost}) if that is ONLINE, sets UNKNOWN and asks for the item's state with an authenticated
 * {@code state} call; the first state makes the thing ONLINE. The registration is dropped when the bridge goes
 * offline or the handler is disposed, and answers arriving for a dropped registration change nothing. Nothing here
 * blocks: calls return futures, whose callbacks (on the MQTT client's threads) only update channels and status.
 * <p>
 * Commands: each one is one encrypted call through {@link EvaItemHost#api()}, sent now or refused now (logged) when
 * the controller is offline; nothing is queued. Channels show what the controller reports, never what was asked
 * for: after a command was answered the item's state is refreshed, and the controller's announcement follows.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public abstract class EvaItemHandler extends BaseThingHandler implements EvaItemListener {

    /** One API call for this item. */
    @FunctionalInterface
    protected interface Call<T> {
        CompletableFuture<T> send(EvaApi api, Oid oid);
    }

    /** A first refresh that failed for a passing reason is tried again after this, doubling up to the maximum. */
    static final Duration FIRST_REFRESH_RETRY = Duration.ofSeconds(2);
    static final Duration MAX_REFRESH_RETRY = Duration.ofSeconds(60);

    private final Logger logger = LoggerFactory.getLogger(EvaItemHandler.class);
    private final String itemType;
    private final Object registrationLock = new Object();

    /** The item, while the configuration is valid. */
    private volatile @Nullable Oid oid;
    /** The registration with the controller, while attached. */
    private volatile @Nullable ItemRegistration registration;

    /**
     * @param itemType the EVA item type this handler serves ({@code unit}, {@code sensor}, {@code lvar})
     */
    protected EvaItemHandler(Thing thing, String itemType) {
        super(thing);
        this.itemType = itemType;
    }

    @Override
    public void initialize() {
        EvaItemConfig config = getConfigAs(EvaItemConfig.class);
        Oid configured;
        try {
            configured = ItemIds.toOid(itemType, config.id);
            configure(config);
        } catch (ItemConfigException e) {
            logger.debug("Thing {} has a configuration error: {}", getThing().getUID(), e.getMessage());
            oid = null;
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR, e.statusDescription());
            return;
        }
        oid = configured;
        updateProperty(PROPERTY_OID, configured.toString());
        attach(configured, null);
    }

    /**
     * Type-specific configuration, after the id was accepted and before the thing registers with its controller.
     *
     * @throws ItemConfigException if the configuration cannot work
     */
    protected void configure(EvaItemConfig config) throws ItemConfigException {
    }

    @Override
    public void dispose() {
        oid = null;
        detach();
    }

    @Override
    public void bridgeStatusChanged(ThingStatusInfo bridgeStatusInfo) {
        Oid configured = oid;
        if (configured == null) {
            // a configuration error stays until the configuration changes
            return;
        }
        detach();
        if (bridgeStatusInfo.getStatus() == ThingStatus.ONLINE) {
            attach(configured, ThingStatus.ONLINE);
        } else {
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.BRIDGE_OFFLINE);
        }
    }

    @Override
    public void handleCommand(ChannelUID channelUID, Command command) {
        if (command instanceof RefreshType) {
            ItemRegistration current = registration;
            if (current != null) {
                refresh(current);
            }
            return;
        }
        handleItemCommand(channelUID.getIdWithoutGroup(), command);
    }

    /** A command other than REFRESH for one of this thing's channels. */
    protected abstract void handleItemCommand(String channelId, Command command);

    /** Puts a state of this item on the channels. */
    protected abstract void updateChannels(ItemState state);

    /**
     * Updates a channel through the UID its thing already holds: building a {@link ChannelUID} validates every
     * segment of it, which for a state with six channels was a third of the CPU an announcement costs on its way to
     * the channels (benchmark, docs/benchmarks.md). A channel the thing does not have gets a fresh UID as before.
     */
    @Override
    protected void updateState(String channelID, State state) {
        Channel channel = getThing().getChannel(channelID);
        if (channel != null) {
            updateState(channel.getUID(), state);
        } else {
            super.updateState(channelID, state);
        }
    }

    /** A command was answered successfully; called while the thing is still attached. */
    protected void commandAnswered(Object result) {
    }

    @Override
    public void stateReported(ItemState state) {
        ItemRegistration current = registration;
        if (current == null || !current.oid().equals(state.oid())) {
            logger.trace("Thing {} ignores a state of {}", getThing().getUID(), state.oid());
            return;
        }
        apply(current, state);
    }

    @Override
    public void itemGone(String reason) {
        synchronized (registrationLock) {
            ItemRegistration current = registration;
            if (current == null) {
                return;
            }
            current.forget();
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.GONE,
                    StatusDescriptions.text(StatusDescriptions.GONE_REMOVED, reason));
        }
    }

    @Override
    public void actionEvent(Announcement.ActionEvent event) {
        ItemRegistration current = registration;
        if (current != null && current.oid().equals(event.oid())) {
            actionReported(event);
        }
    }

    /** An action event of this item (protocol.md §9.6); only units run actions. */
    protected void actionReported(Announcement.ActionEvent event) {
    }

    /**
     * Sends one command of a channel now, or refuses it now if the controller is offline (logged at DEBUG: the
     * thing's status already says why). A failure is logged at WARN, the only place a user learns of it; a success
     * refreshes the item's state.
     *
     * @param what the command as it should appear in the log, e.g. {@code switch ON}
     * @return the call's future; failed with {@link EvaRpcException.Kind#NOT_CONNECTED} if refused
     */
    protected final <T> CompletableFuture<T> send(String what, Call<T> call) {
        return send(what, call, false);
    }

    /**
     * Sends one call of a rule action as {@link #send} does, but logs a failure only at DEBUG: the rule action hands
     * it to the rule, which decides what it means.
     */
    protected final <T> CompletableFuture<T> sendForRule(String what, Call<T> call) {
        return send(what, call, true);
    }

    private <T> CompletableFuture<T> send(String what, Call<T> call, boolean callerReports) {
        ItemRegistration current = registration;
        EvaApi api = current == null ? null : current.host().api();
        if (current == null || api == null) {
            String reason = oid == null ? "the thing is not configured correctly"
                    : "controller " + controllerName() + " is offline";
            logger.debug("Command {} for {} refused: {}", what, itemName(), reason);
            return CompletableFuture
                    .failedFuture(new EvaRpcException(EvaRpcException.Kind.NOT_CONNECTED,
                            EvaRpcException.CODE_NOT_READY, reason));
        }
        CompletableFuture<T> future = call.send(api, current.oid());
        future.whenComplete((result, failure) -> {
            if (failure != null && callerReports) {
                logger.debug("Call {} for {} failed: {}", what, current.oid(), CallFailures.describe(failure));
            } else if (failure != null) {
                logger.warn("Command {} for {} failed: {}", what, current.oid(), CallFailures.describe(failure));
            } else if (registration == current) {
                if (result != null) {
                    commandAnswered(result);
                }
                refresh(current);
            }
        });
        return future;
    }

    /**
     * Sends one call that only asks the controller something: nothing is logged on success and the state is not
     * refreshed afterwards.
     *
     * @return the call's future; failed with {@link EvaRpcException.Kind#NOT_CONNECTED} if the controller is offline
     */
    protected final <T> CompletableFuture<T> ask(Call<T> call) {
        ItemRegistration current = registration;
        EvaApi api = current == null ? null : current.host().api();
        if (current == null || api == null) {
            return CompletableFuture.failedFuture(new EvaRpcException(EvaRpcException.Kind.NOT_CONNECTED,
                    EvaRpcException.CODE_NOT_READY, "controller " + controllerName() + " is offline"));
        }
        return call.send(api, current.oid());
    }

    /**
     * How long a call for this item waits for its answer: the controller's call timeout, or the default while the
     * thing is not attached to a controller (a call is then refused at once).
     */
    public Duration callTimeout() {
        ItemRegistration current = registration;
        return current != null ? current.host().callTimeout() : ProtocolLimits.DEFAULT_CALL_TIMEOUT;
    }

    /** A command for the {@code status} channel: passed to {@code send} if it is an integer, else refused. */
    protected final void statusCommand(String what, Command command, IntConsumer send) {
        Integer status = CommandValues.status(command);
        if (status == null) {
            refuse(what, "the status must be an integer");
        } else {
            send.accept(status);
        }
    }

    /** Logs a command that cannot be turned into a call. */
    protected final void refuse(String what, String reason) {
        logger.warn("Command {} for {} refused: {}", what, itemName(), reason);
    }

    /** Logs a command for a channel that takes none. */
    protected final void ignoreReadOnly(String channelId, Command command) {
        logger.debug("Channel {} of {} is read-only; command {} ignored", channelId, itemName(), command);
    }

    /** The last state applied, or null if none arrived since the thing was attached. */
    protected final @Nullable ItemState lastState() {
        ItemRegistration current = registration;
        return current == null ? null : current.lastState();
    }

    /**
     * @param bridgeStatus the bridge status just reported, null to read it from the bridge
     */
    private void attach(Oid item, @Nullable ThingStatus bridgeStatus) {
        Bridge bridge = getBridge();
        if (bridge == null) {
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR,
                    StatusDescriptions.text(StatusDescriptions.NO_BRIDGE));
            return;
        }
        ThingHandler bridgeHandler = bridge.getHandler();
        if (bridgeHandler != null && !(bridgeHandler instanceof EvaItemHost)) {
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR,
                    StatusDescriptions.text(StatusDescriptions.NOT_A_CONTROLLER));
            return;
        }
        ThingStatus status = bridgeStatus != null ? bridgeStatus : bridge.getStatus();
        if (!(bridgeHandler instanceof EvaItemHost host) || status != ThingStatus.ONLINE) {
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.BRIDGE_OFFLINE);
            // openHAB tells only initialised things about their bridge: a bridge that came ONLINE between reading
            // its status and this update, while this thing was INITIALIZING, would otherwise go unnoticed
            if (bridgeStatus == null && bridge.getStatus() == ThingStatus.ONLINE
                    && bridge.getHandler() instanceof EvaItemHost) {
                bridgeStatusChanged(bridge.getStatusInfo());
            }
            return;
        }
        ItemRegistration created = new ItemRegistration(host, item);
        synchronized (registrationLock) {
            registration = created;
            // UNKNOWN first: the host may deliver a state it already has while registering
            updateStatus(ThingStatus.UNKNOWN);
            host.registerItem(item, this);
        }
        refresh(created);
    }

    private void detach() {
        synchronized (registrationLock) {
            ItemRegistration current = registration;
            registration = null;
            if (current != null) {
                current.host().unregisterItem(current.oid(), this);
            }
        }
    }

    private void refresh(ItemRegistration current) {
        EvaApi api = current.host().api();
        if (api == null) {
            logger.debug("State of {} not refreshed: controller {} is offline", current.oid(),
                    current.host().controllerId());
            return;
        }
        if (!current.beginRefresh()) {
            return;
        }
        current.host().refreshState(api, current.oid()).whenComplete((state, failure) -> {
            boolean again = current.endRefresh();
            if (registration != current) {
                return;
            }
            if (failure != null) {
                refreshFailed(current, failure);
            } else if (state.oid().equals(current.oid())) {
                apply(current, state);
            } else {
                logger.debug("State call for {} answered with another item; ignored", current.oid());
            }
            if (again) {
                refresh(current);
            }
        });
    }

    private void refreshFailed(ItemRegistration current, Throwable failure) {
        String controller = current.host().controllerId().toString();
        synchronized (registrationLock) {
            if (registration != current) {
                return;
            }
            if (CallFailures.isRemoteError(failure, EvaRpcException.CODE_NOT_FOUND)) {
                current.forget();
                updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.GONE,
                        StatusDescriptions.text(StatusDescriptions.GONE_NOT_FOUND, controller));
            } else if (CallFailures.isRemoteError(failure, EvaRpcException.CODE_ACCESS_DENIED)) {
                updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR,
                        StatusDescriptions.text(StatusDescriptions.ACCESS_DENIED, controller));
            } else {
                // the controller bridge watches the connection; one lost answer is no reason to change the status,
                // but a thing that never got a state would stay UNKNOWN until the item changes: try again
                Duration retry = current.refreshFailed(FIRST_REFRESH_RETRY, MAX_REFRESH_RETRY);
                logger.debug("State of {} not refreshed: {}{}", current.oid(), CallFailures.describe(failure),
                        retry == null ? "" : "; trying again in " + retry.toSeconds() + " s");
                if (retry != null) {
                    retryRefresh(current, retry);
                }
            }
        }
    }

    private void retryRefresh(ItemRegistration current, Duration delay) {
        try {
            scheduler.schedule(() -> {
                if (registration == current) {
                    refresh(current);
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            logger.debug("State of {} not retried: scheduler shut down", current.oid());
        }
    }

    /**
     * Puts a state on the channels while the registration is current. Under the registration lock, like
     * {@link #detach()}: once {@link #dispose()} returned, no state of this registration reaches the callback, which
     * openHAB takes away right after.
     */
    private void apply(ItemRegistration current, ItemState state) {
        synchronized (registrationLock) {
            if (registration != current) {
                return;
            }
            if (!current.accept(state)) {
                logger.debug("State of {} with ieid {} is older than the last one; ignored", state.oid(),
                        state.ieid());
                return;
            }
            updateChannels(state);
            if (getThing().getStatus() != ThingStatus.ONLINE) {
                updateStatus(ThingStatus.ONLINE);
            }
        }
    }

    /** Runs an update of this thing's channels while it is attached; never once {@link #dispose()} returned. */
    protected final void whileAttached(Runnable update) {
        synchronized (registrationLock) {
            if (registration != null) {
                update.run();
            }
        }
    }

    private String itemName() {
        Oid configured = oid;
        return configured != null ? configured.toString() : getThing().getUID().toString();
    }

    private String controllerName() {
        ItemRegistration current = registration;
        if (current != null) {
            return current.host().controllerId().toString();
        }
        Bridge bridge = getBridge();
        if (bridge == null) {
            return "(no bridge)";
        }
        return bridge.getHandler() instanceof EvaItemHost host ? host.controllerId().toString()
                : bridge.getUID().toString();
    }
}
