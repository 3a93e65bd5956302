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
package org.openhab.binding.evaics.internal.discovery;

import static org.openhab.binding.evaics.internal.EvaIcsBindingConstants.*;

import java.util.Set;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.internal.handler.EvaBrokerHandler;
import org.openhab.binding.evaics.internal.handler.StatusDescriptions;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;
import org.openhab.core.config.discovery.AbstractThingHandlerDiscoveryService;
import org.openhab.core.config.discovery.DiscoveryResultBuilder;
import org.openhab.core.i18n.LocaleProvider;
import org.openhab.core.i18n.TranslationProvider;
import org.openhab.core.thing.ThingUID;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offers every EVA controller that announces itself on a broker (protocol.md §2.1) as a controller bridge under that
 * broker bridge. The key is left for the user to enter; the key id is EVA's usual {@code default}.
 * <p>
 * Announces repeat every {@code announce_interval} (30 s in the stock setup) and each one reports the same thing
 * UID again, so the inbox holds one entry per controller; the entries have a TTL, so a controller that stopped
 * announcing drops out eventually. Announces are accepted while background discovery is on or a scan runs; a scan
 * listens for one stock announce interval.
 * <p>
 * The inbox label is {@code @text/discovery.evaics.controller.label ["<controller id>"]}, translated by openHAB with
 * the translation and locale providers bound here.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
@Component(scope = ServiceScope.PROTOTYPE, service = EvaControllerDiscoveryService.class)
public class EvaControllerDiscoveryService extends AbstractThingHandlerDiscoveryService<EvaBrokerHandler> {

    /** One announce interval of EVA's stock setup (protocol.md §2.1). */
    public static final int SCAN_TIMEOUT_SECONDS = 30;
    /** Ten missed announces of the stock setup. */
    public static final long RESULT_TTL_SECONDS = 300;
    /** i18n key of the inbox label; its parameter is the controller id. */
    public static final String LABEL_KEY = "discovery.evaics.controller.label";

    private final Logger logger = LoggerFactory.getLogger(EvaControllerDiscoveryService.class);
    private volatile boolean background;
    private volatile boolean scanning;

    public EvaControllerDiscoveryService() {
        super(EvaBrokerHandler.class, Set.of(THING_TYPE_CONTROLLER), SCAN_TIMEOUT_SECONDS, true);
    }

    @Reference(unbind = "-")
    public void bindTranslationProvider(TranslationProvider translationProvider) {
        this.i18nProvider = translationProvider;
    }

    @Reference(unbind = "-")
    public void bindLocaleProvider(LocaleProvider localeProvider) {
        this.localeProvider = localeProvider;
    }

    @Override
    public void initialize() {
        thingHandler.setDiscoveryListener(this::controllerAnnounced);
        super.initialize();
    }

    @Override
    public void dispose() {
        super.dispose();
        thingHandler.setDiscoveryListener(null);
    }

    @Override
    protected void startScan() {
        scanning = true;
    }

    @Override
    protected void stopScan() {
        scanning = false;
        super.stopScan();
    }

    @Override
    protected void startBackgroundDiscovery() {
        background = true;
    }

    @Override
    protected void stopBackgroundDiscovery() {
        background = false;
    }

    /** Called on the MQTT thread for every announce on the broker. */
    void controllerAnnounced(ControllerId controller) {
        if (!background && !scanning) {
            return;
        }
        if (!controller.isKnownProduct()) {
            logger.debug("Announce of {} ignored: not a uc, lm or sfa controller", controller);
            return;
        }
        ThingUID bridgeUID = thingHandler.getThing().getUID();
        ThingUID uid = new ThingUID(THING_TYPE_CONTROLLER, bridgeUID, controller.uidSegment());
        thingDiscovered(DiscoveryResultBuilder.create(uid).withBridge(bridgeUID)
                .withProperty(CONFIG_CONTROLLER_ID, controller.toString()).withProperty(CONFIG_KEY_ID, DEFAULT_KEY_ID)
                .withRepresentationProperty(PROPERTY_CONTROLLER_ID)
                .withLabel(StatusDescriptions.text(LABEL_KEY, controller.toString()))
                .withTTL(RESULT_TTL_SECONDS).build());
    }
}
