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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.handler.CallFailures;
import org.openhab.binding.evaics.internal.handler.EvaControllerHandler;
import org.openhab.binding.evaics.internal.handler.StatusDescriptions;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaApi;
import org.openhab.binding.evaics.internal.protocol.state.ItemState;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.core.config.discovery.AbstractThingHandlerDiscoveryService;
import org.openhab.core.config.discovery.DiscoveryResultBuilder;
import org.openhab.core.i18n.LocaleProvider;
import org.openhab.core.i18n.TranslationProvider;
import org.openhab.core.thing.ThingTypeUID;
import org.openhab.core.thing.ThingUID;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offers the items of a controller as unit, sensor and lvar things under its bridge. It asks the controller with
 * authenticated {@code state} calls (protocol.md §8.2 to §8.4): units and sensors of a UC, lvars of an LM PLC, all
 * three of an SFA. A scan needs the controller ONLINE; with background discovery on, a scan runs every time the
 * controller comes ONLINE.
 * <p>
 * The inbox label is {@code @text/discovery.evaics.<type>.label ["<full id>"]}, translated by openHAB with the
 * translation and locale providers bound here.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
@Component(scope = ServiceScope.PROTOTYPE, service = EvaItemDiscoveryService.class)
public class EvaItemDiscoveryService extends AbstractThingHandlerDiscoveryService<EvaControllerHandler> {

    /** Enough for the state calls of a large controller; a scan ends earlier when all calls are answered. */
    public static final int SCAN_TIMEOUT_SECONDS = 30;

    /** i18n keys of the inbox labels by EVA item type; their parameter is the item's full id. */
    public static final Map<String, String> LABEL_KEYS = Map.of("unit", "discovery.evaics.unit.label", "sensor",
            "discovery.evaics.sensor.label", "lvar", "discovery.evaics.lvar.label");

    private static final Map<String, ThingTypeUID> THING_TYPES = Map.of("unit", THING_TYPE_UNIT, "sensor",
            THING_TYPE_SENSOR, "lvar", THING_TYPE_LVAR);
    private static final Map<String, List<String>> TYPES_BY_PRODUCT = Map.of("uc", List.of("unit", "sensor"), "lm",
            List.of("lvar"), "sfa", List.of("unit", "sensor", "lvar"));

    private final Logger logger = LoggerFactory.getLogger(EvaItemDiscoveryService.class);

    public EvaItemDiscoveryService() {
        super(EvaControllerHandler.class, ITEM_THING_TYPES, SCAN_TIMEOUT_SECONDS, true);
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
    protected void startScan() {
        scan();
    }

    @Override
    protected void startBackgroundDiscovery() {
        thingHandler.setOnlineListener(this::scan);
    }

    @Override
    protected void stopBackgroundDiscovery() {
        thingHandler.setOnlineListener(null);
    }

    /** Asks the controller for its items; does nothing while it is not ONLINE. */
    void scan() {
        EvaApi api = thingHandler.api();
        if (api == null) {
            logger.debug("Item discovery on {} skipped: controller not online", thingHandler.getThing().getUID());
            stopScan();
            return;
        }
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (String type : TYPES_BY_PRODUCT.getOrDefault(thingHandler.controllerId().productCode(), List.of())) {
            calls.add(api.stateAll(type).whenComplete((states, failure) -> {
                if (failure != null) {
                    // the user asked, or the controller just came online: say why nothing was found
                    logger.debug("Item discovery of {}s on {} failed: {}", type, thingHandler.controllerId(),
                            CallFailures.describe(failure));
                } else {
                    states.forEach(this::discovered);
                }
            }));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).whenComplete((ok, failure) -> stopScan());
    }

    private void discovered(ItemState state) {
        Oid oid = state.oid();
        @Nullable ThingTypeUID type = THING_TYPES.get(oid.type());
        @Nullable String labelKey = LABEL_KEYS.get(oid.type());
        if (type == null || labelKey == null) {
            return;
        }
        ThingUID bridgeUID = thingHandler.getThing().getUID();
        thingDiscovered(DiscoveryResultBuilder.create(new ThingUID(type, bridgeUID, oid.uidSegment()))
                .withBridge(bridgeUID).withProperty(CONFIG_ITEM_ID, oid.fullId())
                .withProperty(PROPERTY_OID, oid.toString()).withRepresentationProperty(PROPERTY_OID)
                .withLabel(StatusDescriptions.text(labelKey, oid.fullId())).build());
    }
}
