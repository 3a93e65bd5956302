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
package org.openhab.core.thing.binding;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.core.common.ThreadPoolManager;
import org.openhab.core.config.core.ConfigDescription;
import org.openhab.core.config.core.Configuration;
import org.openhab.core.thing.Bridge;
import org.openhab.core.thing.ChannelUID;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusDetail;
import org.openhab.core.thing.ThingStatusInfo;
import org.openhab.core.thing.ThingTypeUID;
import org.openhab.core.thing.ThingUID;
import org.openhab.core.thing.binding.builder.ThingBuilder;
import org.openhab.core.thing.type.ChannelTypeUID;
import org.openhab.core.types.Command;
import org.openhab.core.types.RefreshType;
import org.openhab.core.types.State;
import org.openhab.core.types.TimeSeries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stand-in of openHAB's {@code BaseThingHandler} (api-subset section 2).
 * <p>
 * Everything a handler reports (states, status, triggers, commands, thing and property changes) is forwarded to the
 * {@link ThingHandlerCallback} while holding the handler's monitor; without a callback (before
 * {@link #setCallback} or after it was cleared on disposal) the report is dropped with a warning, as in openHAB. The
 * framework work that follows in openHAB (storing the status on the thing, moving the handler to an updated thing)
 * is the callback's business, so a test callback decides how much of it to imitate.
 */
@NonNullByDefault
public abstract class BaseThingHandler implements ThingHandler {

    /** The shared pool openHAB gives thing handlers. */
    private static final String THING_HANDLER_THREADPOOL_NAME = "thingHandler";

    private final Logger logger = LoggerFactory.getLogger(BaseThingHandler.class);

    protected final ScheduledExecutorService scheduler = ThreadPoolManager
            .getScheduledPool(THING_HANDLER_THREADPOOL_NAME);

    protected Thing thing;

    private @Nullable ThingHandlerCallback callback;

    public BaseThingHandler(Thing thing) {
        this.thing = thing;
    }

    @Override
    public void handleRemoval() {
        updateStatus(ThingStatus.REMOVED);
    }

    /**
     * Validates and stores the new parameters; an initialised handler is disposed before and initialised after the
     * change so that it picks the new configuration up.
     */
    @Override
    public void handleConfigurationUpdate(Map<String, Object> configurationParameters) {
        if (!isModifyingCurrentConfig(configurationParameters)) {
            return;
        }
        validateConfigurationParameters(configurationParameters);
        Configuration configuration = editConfiguration();
        for (Map.Entry<String, Object> parameter : configurationParameters.entrySet()) {
            configuration.put(parameter.getKey(), parameter.getValue());
        }
        if (isInitialized()) {
            dispose();
            updateConfiguration(configuration);
            initialize();
        } else {
            updateConfiguration(configuration);
            synchronized (this) {
                ThingHandlerCallback callback = this.callback;
                if (callback != null) {
                    callback.configurationUpdated(getThing());
                } else {
                    warnNoCallback("updating the configuration");
                }
            }
        }
    }

    protected boolean isModifyingCurrentConfig(Map<String, Object> configurationParameters) {
        Configuration current = getConfig();
        Configuration proposed = new Configuration(configurationParameters);
        for (String key : proposed.keySet()) {
            if (!Objects.equals(current.get(key), proposed.get(key))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void dispose() {
        // nothing to release by default
    }

    @Override
    public Thing getThing() {
        return thing;
    }

    @Override
    public void thingUpdated(Thing thing) {
        dispose();
        this.thing = thing;
        initialize();
    }

    @Override
    public synchronized void setCallback(@Nullable ThingHandlerCallback thingHandlerCallback) {
        this.callback = thingHandlerCallback;
    }

    protected synchronized @Nullable ThingHandlerCallback getCallback() {
        return callback;
    }

    @Override
    public void channelLinked(ChannelUID channelUID) {
        handleCommand(channelUID, RefreshType.REFRESH);
    }

    @Override
    public void channelUnlinked(ChannelUID channelUID) {
        // nothing to do by default
    }

    protected void validateConfigurationParameters(Map<String, Object> configurationParameters) {
        ThingHandlerCallback callback = getCallback();
        if (callback != null) {
            callback.validateConfigurationParameters(getThing(), configurationParameters);
        }
    }

    protected @Nullable ConfigDescription getConfigDescription() {
        ThingHandlerCallback callback = getCallback();
        return callback == null ? null : callback.getConfigDescription(getThing().getThingTypeUID());
    }

    protected @Nullable ConfigDescription getConfigDescription(ChannelTypeUID channelTypeUID) {
        ThingHandlerCallback callback = getCallback();
        return callback == null ? null : callback.getConfigDescription(channelTypeUID);
    }

    protected Configuration getConfig() {
        return getThing().getConfiguration();
    }

    protected <T> T getConfigAs(Class<T> configurationClass) {
        return getConfig().as(configurationClass);
    }

    protected void updateState(ChannelUID channelUID, State state) {
        synchronized (this) {
            ThingHandlerCallback callback = this.callback;
            if (callback != null) {
                callback.stateUpdated(channelUID, state);
            } else {
                warnNoCallback("updating channel " + channelUID);
            }
        }
    }

    protected void updateState(String channelID, State state) {
        updateState(new ChannelUID(getThing().getUID(), channelID), state);
    }

    protected void sendTimeSeries(ChannelUID channelUID, TimeSeries timeSeries) {
        synchronized (this) {
            ThingHandlerCallback callback = this.callback;
            if (callback != null) {
                callback.sendTimeSeries(channelUID, timeSeries);
            } else {
                warnNoCallback("sending a time series for channel " + channelUID);
            }
        }
    }

    protected void sendTimeSeries(String channelID, TimeSeries timeSeries) {
        sendTimeSeries(new ChannelUID(getThing().getUID(), channelID), timeSeries);
    }

    protected void triggerChannel(ChannelUID channelUID, String event) {
        synchronized (this) {
            ThingHandlerCallback callback = this.callback;
            if (callback != null) {
                callback.channelTriggered(getThing(), channelUID, event);
            } else {
                warnNoCallback("triggering channel " + channelUID);
            }
        }
    }

    protected void triggerChannel(String channelID, String event) {
        triggerChannel(new ChannelUID(getThing().getUID(), channelID), event);
    }

    protected void triggerChannel(String channelID) {
        triggerChannel(channelID, "");
    }

    protected void triggerChannel(ChannelUID channelUID) {
        triggerChannel(channelUID, "");
    }

    protected void postCommand(String channelID, Command command) {
        postCommand(new ChannelUID(getThing().getUID(), channelID), command);
    }

    protected void postCommand(ChannelUID channelUID, Command command) {
        synchronized (this) {
            ThingHandlerCallback callback = this.callback;
            if (callback != null) {
                callback.postCommand(channelUID, command);
            } else {
                warnNoCallback("posting a command to channel " + channelUID);
            }
        }
    }

    protected void updateStatus(ThingStatus status, ThingStatusDetail statusDetail, @Nullable String description) {
        synchronized (this) {
            ThingHandlerCallback callback = this.callback;
            if (callback != null) {
                callback.statusUpdated(getThing(), new ThingStatusInfo(status, statusDetail, description));
            } else {
                warnNoCallback("updating the thing status");
            }
        }
    }

    protected void updateStatus(ThingStatus status, ThingStatusDetail statusDetail) {
        updateStatus(status, statusDetail, null);
    }

    protected void updateStatus(ThingStatus status) {
        updateStatus(status, ThingStatusDetail.NONE, null);
    }

    /**
     * @return a builder pre-filled with a copy of the current thing
     */
    protected ThingBuilder editThing() {
        return ThingBuilder.create(getThing());
    }

    /**
     * Hands a changed copy of the thing to the framework and makes it the handler's thing.
     *
     * @param thing the new thing, typically from {@link #editThing()}
     * @throws IllegalArgumentException if it is the current thing instance
     */
    protected void updateThing(Thing thing) {
        if (thing == this.thing) {
            throw new IllegalArgumentException(
                    "Changes must not be done on the current thing - create a copy, e.g. via editThing()");
        }
        synchronized (this) {
            ThingHandlerCallback callback = this.callback;
            if (callback != null) {
                callback.thingUpdated(thing);
                this.thing = thing;
            } else {
                warnNoCallback("updating the thing");
            }
        }
    }

    protected Configuration editConfiguration() {
        return new Configuration(getThing().getConfiguration());
    }

    /**
     * Stores the configuration on the current thing and tells the framework; the old configuration is restored if
     * the framework refuses it.
     */
    protected void updateConfiguration(Configuration configuration) {
        Map<String, Object> old = getThing().getConfiguration().getProperties();
        try {
            getThing().getConfiguration().setProperties(configuration.getProperties());
            synchronized (this) {
                ThingHandlerCallback callback = this.callback;
                if (callback != null) {
                    callback.thingUpdated(getThing());
                } else {
                    warnNoCallback("updating the configuration");
                }
            }
        } catch (RuntimeException e) {
            logger.warn("Error while applying configuration changes to thing '{}', reverting them: {}",
                    getThing().getUID(), e.getMessage());
            getThing().getConfiguration().setProperties(old);
            throw e;
        }
    }

    protected Map<String, String> editProperties() {
        return new HashMap<>(getThing().getProperties());
    }

    /**
     * Writes changed entries straight into the current thing (null clears all properties) and tells the framework
     * only if something changed.
     */
    protected void updateProperties(@Nullable Map<String, String> properties) {
        boolean changed = false;
        Thing current = getThing();
        if (properties == null) {
            changed = !current.getProperties().isEmpty();
            current.setProperties(Map.of());
        } else {
            Map<String, String> existing = current.getProperties();
            for (Map.Entry<String, String> entry : properties.entrySet()) {
                if (!Objects.equals(existing.get(entry.getKey()), entry.getValue())) {
                    current.setProperty(entry.getKey(), entry.getValue());
                    changed = true;
                }
            }
        }
        if (changed) {
            notifyThingUpdated("updating properties");
        }
    }

    protected void updateProperty(String name, @Nullable String value) {
        Thing current = getThing();
        if (!Objects.equals(current.getProperties().get(name), value)) {
            current.setProperty(name, value);
            notifyThingUpdated("updating property " + name);
        }
    }

    private void notifyThingUpdated(String action) {
        synchronized (this) {
            ThingHandlerCallback callback = this.callback;
            if (callback != null) {
                callback.thingUpdated(getThing());
            } else {
                warnNoCallback(action);
            }
        }
    }

    protected @Nullable Bridge getBridge() {
        ThingUID bridgeUID = getThing().getBridgeUID();
        synchronized (this) {
            ThingHandlerCallback callback = this.callback;
            if (bridgeUID != null && callback != null) {
                return callback.getBridge(bridgeUID);
            }
            return null;
        }
    }

    protected boolean isLinked(String channelId) {
        return isLinked(new ChannelUID(getThing().getUID(), channelId));
    }

    protected boolean isLinked(ChannelUID channelUID) {
        synchronized (this) {
            ThingHandlerCallback callback = this.callback;
            if (callback != null) {
                return callback.isChannelLinked(channelUID);
            }
            warnNoCallback("checking the link of channel " + channelUID);
            return false;
        }
    }

    /**
     * @return whether the thing is ONLINE, OFFLINE or UNKNOWN, i.e. {@code initialize()} has run
     */
    protected boolean isInitialized() {
        ThingStatus status = getThing().getStatus();
        return status == ThingStatus.ONLINE || status == ThingStatus.OFFLINE || status == ThingStatus.UNKNOWN;
    }

    @Override
    public void bridgeStatusChanged(ThingStatusInfo bridgeStatusInfo) {
        ThingStatusInfo own = getThing().getStatusInfo();
        if (bridgeStatusInfo.getStatus() == ThingStatus.ONLINE && own.getStatus() == ThingStatus.OFFLINE
                && own.getStatusDetail() == ThingStatusDetail.BRIDGE_OFFLINE) {
            updateStatus(ThingStatus.ONLINE);
        } else if (bridgeStatusInfo.getStatus() == ThingStatus.OFFLINE) {
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.BRIDGE_OFFLINE);
        }
    }

    protected void changeThingType(ThingTypeUID thingTypeUID, Configuration configuration) {
        synchronized (this) {
            ThingHandlerCallback callback = this.callback;
            if (callback != null) {
                callback.migrateThingType(getThing(), thingTypeUID, configuration);
            } else {
                warnNoCallback("changing the thing type");
            }
        }
    }

    private void warnNoCallback(String action) {
        logger.warn("Handler {} of thing {} tried {} although the handler was already disposed.",
                getClass().getSimpleName(), getThing().getUID(), action);
    }
}
