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
package org.openhab.core.config.discovery;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.core.common.ThreadPoolManager;
import org.openhab.core.i18n.LocaleProvider;
import org.openhab.core.i18n.TranslationProvider;
import org.openhab.core.thing.ThingTypeUID;
import org.openhab.core.thing.ThingUID;
import org.osgi.framework.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stand-in of openHAB's {@code AbstractDiscoveryService} (api-subset section 7).
 * <p>
 * {@link #thingDiscovered(DiscoveryResult)} and {@link #thingRemoved(ThingUID)} notify every registered
 * {@link DiscoveryListener}; a listener that throws does not stop the others. As in openHAB, results are remembered
 * until removed and replayed to a listener that registers later. An active scan ends with
 * {@link ScanListener#onFinished()} when {@link #stopScan()} is called or the timeout passes, and with
 * {@link ScanListener#onErrorOccurred(Exception)} when it is aborted. The members whose types differ between openHAB
 * 4.3 and 5.x ({@code removeOlderResults}, {@code getTimestampOfLastScan}) and the 5.x-only constructors are left
 * out.
 */
@NonNullByDefault
public abstract class AbstractDiscoveryService implements DiscoveryService {

    /** The shared pool openHAB gives discovery services. */
    private static final String DISCOVERY_THREADPOOL_NAME = "discovery";

    private final Logger logger = LoggerFactory.getLogger(AbstractDiscoveryService.class);

    protected final ScheduledExecutorService scheduler = ThreadPoolManager.getScheduledPool(DISCOVERY_THREADPOOL_NAME);

    protected @Nullable ScanListener scanListener = null;

    protected @NonNullByDefault({}) TranslationProvider i18nProvider;
    protected @NonNullByDefault({}) LocaleProvider localeProvider;

    private final Set<DiscoveryListener> discoveryListeners = new CopyOnWriteArraySet<>();
    private final Map<ThingUID, DiscoveryResult> cachedResults = new ConcurrentHashMap<>();
    private final Set<ThingTypeUID> supportedThingTypes;
    private final int timeout;
    private final @Nullable String scanInputLabel;
    private final @Nullable String scanInputDescription;
    private volatile boolean backgroundDiscoveryEnabled;
    private @Nullable ScheduledFuture<?> scheduledStop;

    /**
     * @param supportedThingTypes the thing types this service discovers; null means none
     * @param timeout scan timeout in seconds, 0 = no automatic stop
     * @param backgroundDiscoveryEnabledByDefault whether background discovery runs unless configured otherwise
     * @param scanInputLabel label of the scan input, or null if scans take no input
     * @param scanInputDescription description of the scan input, or null
     * @throws IllegalArgumentException if the timeout is negative
     */
    protected AbstractDiscoveryService(@Nullable Set<ThingTypeUID> supportedThingTypes, int timeout,
            boolean backgroundDiscoveryEnabledByDefault, @Nullable String scanInputLabel,
            @Nullable String scanInputDescription) throws IllegalArgumentException {
        if (timeout < 0) {
            throw new IllegalArgumentException("The timeout must be >= 0!");
        }
        this.supportedThingTypes = supportedThingTypes == null ? Set.of() : Set.copyOf(supportedThingTypes);
        this.timeout = timeout;
        this.backgroundDiscoveryEnabled = backgroundDiscoveryEnabledByDefault;
        this.scanInputLabel = scanInputLabel;
        this.scanInputDescription = scanInputDescription;
    }

    protected AbstractDiscoveryService(@Nullable Set<ThingTypeUID> supportedThingTypes, int timeout,
            boolean backgroundDiscoveryEnabledByDefault) throws IllegalArgumentException {
        this(supportedThingTypes, timeout, backgroundDiscoveryEnabledByDefault, null, null);
    }

    protected AbstractDiscoveryService(@Nullable Set<ThingTypeUID> supportedThingTypes, int timeout)
            throws IllegalArgumentException {
        this(supportedThingTypes, timeout, true);
    }

    protected AbstractDiscoveryService(int timeout) throws IllegalArgumentException {
        this(null, timeout);
    }

    @Override
    public Set<ThingTypeUID> getSupportedThingTypes() {
        return supportedThingTypes;
    }

    @Override
    public boolean isScanInputSupported() {
        return scanInputLabel != null && scanInputDescription != null;
    }

    @Override
    public @Nullable String getScanInputLabel() {
        return scanInputLabel;
    }

    @Override
    public @Nullable String getScanInputDescription() {
        return scanInputDescription;
    }

    @Override
    public int getScanTimeout() {
        return timeout;
    }

    @Override
    public boolean isBackgroundDiscoveryEnabled() {
        return backgroundDiscoveryEnabled;
    }

    @Override
    public void addDiscoveryListener(@Nullable DiscoveryListener listener) {
        if (listener == null) {
            return;
        }
        for (DiscoveryResult cached : cachedResults.values()) {
            listener.thingDiscovered(this, cached);
        }
        discoveryListeners.add(listener);
    }

    @Override
    public void removeDiscoveryListener(@Nullable DiscoveryListener listener) {
        if (listener != null) {
            discoveryListeners.remove(listener);
        }
    }

    @Override
    public void startScan(@Nullable ScanListener listener) {
        beginScan(listener, this::startScan);
    }

    @Override
    public void startScan(String input, @Nullable ScanListener listener) {
        beginScan(listener, () -> startScan(input));
    }

    private void beginScan(@Nullable ScanListener listener, Runnable scan) {
        synchronized (this) {
            // a running scan ends before the next one starts
            stopScan();
            cancelScheduledStop();
            scanListener = listener;
            if (timeout > 0) {
                scheduledStop = scheduler.schedule(this::stopScanSafely, timeout, TimeUnit.SECONDS);
            }
            try {
                scan.run();
            } catch (RuntimeException e) {
                cancelScheduledStop();
                scanListener = null;
                throw e;
            }
        }
    }

    private void stopScanSafely() {
        try {
            stopScan();
        } catch (RuntimeException e) {
            logger.debug("Stopping the scan of {} failed: {}", getClass().getSimpleName(), e.getMessage());
        }
    }

    private void cancelScheduledStop() {
        ScheduledFuture<?> stop = scheduledStop;
        if (stop != null) {
            stop.cancel(false);
            scheduledStop = null;
        }
    }

    @Override
    public void abortScan() {
        synchronized (this) {
            cancelScheduledStop();
            ScanListener listener = scanListener;
            if (listener != null) {
                listener.onErrorOccurred(new CancellationException("Scan has been aborted."));
                scanListener = null;
            }
        }
    }

    /**
     * Starts an active scan; results are reported with {@link #thingDiscovered(DiscoveryResult)}.
     */
    protected abstract void startScan();

    /**
     * Starts an active scan for the given input; services that support scan input override it.
     *
     * @param input the user's input
     */
    protected void startScan(String input) {
        logger.debug("{} does not support a scan with input", getClass().getSimpleName());
    }

    /**
     * Ends the active scan and tells its listener that it finished.
     */
    protected void stopScan() {
        synchronized (this) {
            ScanListener listener = scanListener;
            if (listener != null) {
                listener.onFinished();
                scanListener = null;
            }
        }
    }

    /**
     * @param discoveryResult the result to offer to every listener (the inbox)
     */
    protected void thingDiscovered(DiscoveryResult discoveryResult) {
        cachedResults.put(discoveryResult.getThingUID(), discoveryResult);
        for (DiscoveryListener listener : discoveryListeners) {
            try {
                listener.thingDiscovered(this, discoveryResult);
            } catch (RuntimeException e) {
                logger.error("An error occurred while calling the discovery listener {}: {}",
                        listener.getClass().getName(), e.getMessage());
            }
        }
    }

    /**
     * @param thingUID the thing whose result is withdrawn from every listener (the inbox)
     */
    protected void thingRemoved(ThingUID thingUID) {
        cachedResults.remove(thingUID);
        for (DiscoveryListener listener : discoveryListeners) {
            try {
                listener.thingRemoved(this, thingUID);
            } catch (RuntimeException e) {
                logger.error("An error occurred while calling the discovery listener {}: {}",
                        listener.getClass().getName(), e.getMessage());
            }
        }
    }

    /**
     * Applies the {@value DiscoveryService#CONFIG_PROPERTY_BACKGROUND_DISCOVERY} property and starts background
     * discovery if it is enabled.
     */
    protected void activate(@Nullable Map<String, Object> configProperties) {
        applyBackgroundProperty(configProperties);
        if (backgroundDiscoveryEnabled) {
            startBackgroundDiscovery();
        }
    }

    /**
     * Starts or stops background discovery when the
     * {@value DiscoveryService#CONFIG_PROPERTY_BACKGROUND_DISCOVERY} property changes it.
     */
    protected void modified(@Nullable Map<String, Object> configProperties) {
        boolean wasEnabled = backgroundDiscoveryEnabled;
        applyBackgroundProperty(configProperties);
        if (wasEnabled && !backgroundDiscoveryEnabled) {
            stopBackgroundDiscovery();
        } else if (!wasEnabled && backgroundDiscoveryEnabled) {
            startBackgroundDiscovery();
        }
    }

    protected void deactivate() {
        if (backgroundDiscoveryEnabled) {
            stopBackgroundDiscovery();
        }
    }

    void applyBackgroundProperty(@Nullable Map<String, Object> configProperties) {
        if (configProperties == null) {
            return;
        }
        Object property = configProperties.get(CONFIG_PROPERTY_BACKGROUND_DISCOVERY);
        if (property != null) {
            backgroundDiscoveryEnabled = property instanceof String text ? Boolean.parseBoolean(text)
                    : Boolean.TRUE.equals(property);
        }
    }

    /**
     * Hook: start watching for things in the background; does nothing by default.
     */
    protected void startBackgroundDiscovery() {
        // nothing by default
    }

    /**
     * Hook: stop watching for things in the background; does nothing by default.
     */
    protected void stopBackgroundDiscovery() {
        // nothing by default
    }

    /**
     * openHAB translates {@code @text/} labels here with {@link #i18nProvider}; the stand-in returns the result
     * unchanged.
     */
    protected DiscoveryResult getLocalizedDiscoveryResult(DiscoveryResult discoveryResult, @Nullable Bundle bundle) {
        return discoveryResult;
    }
}
