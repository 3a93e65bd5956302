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

import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.evaics.internal.EvaIcsBindingConstants.*;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.Mockito;
import org.openhab.binding.evaics.internal.handler.EvaBrokerHandler;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttSettings;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttTransport;
import org.openhab.binding.evaics.internal.protocol.state.ControllerAnnouncementSink;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;
import org.openhab.binding.evaics.test.broker.BrokerExtension;
import org.openhab.binding.evaics.test.broker.TestBroker;
import org.openhab.binding.evaics.test.host.I18nFile;
import org.openhab.core.config.core.Configuration;
import org.openhab.core.config.discovery.DiscoveryResult;
import org.openhab.core.config.discovery.ScanListener;
import org.openhab.core.thing.Bridge;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusInfo;
import org.openhab.core.thing.ThingUID;
import org.openhab.core.thing.binding.ThingHandlerCallback;
import org.openhab.core.thing.binding.builder.BridgeBuilder;

/**
 * Controller discovery from announces (protocol.md §2.1) on a real broker: one result per controller under its broker
 * bridge, with the controller id as representation property and no duplicates when the announce repeats.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class EvaControllerDiscoveryServiceTest {

    private static final Duration WAIT_LIMIT = Duration.ofSeconds(20);
    private static final long POLL_MILLIS = 10;

    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(TestBroker.options().tcpNoDelay(true));

    private final TestInbox inbox = new TestInbox();
    private @Nullable EvaBrokerHandler handler;
    private @Nullable EvaControllerDiscoveryService service;
    private @Nullable MqttTransport publisher;

    @AfterEach
    void tearDown() {
        EvaControllerDiscoveryService current = service;
        if (current != null) {
            current.dispose();
        }
        EvaBrokerHandler broker = handler;
        if (broker != null) {
            broker.dispose();
        }
        MqttTransport announcer = publisher;
        if (announcer != null) {
            announcer.close();
        }
    }

    private EvaControllerDiscoveryService start(String space, boolean background) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put("host", TestBroker.HOST);
        config.put("port", BROKER.port());
        config.put("space", space);
        Bridge bridge = BridgeBuilder.create(THING_TYPE_BROKER, "broker1")
                .withConfiguration(new Configuration(config)).build();
        EvaBrokerHandler broker = new EvaBrokerHandler(bridge);
        ThingHandlerCallback callback = Mockito.mock(ThingHandlerCallback.class);
        Mockito.doAnswer(invocation -> {
            bridge.setStatusInfo(invocation.getArgument(1, ThingStatusInfo.class));
            return null;
        }).when(callback).statusUpdated(Mockito.any(), Mockito.any());
        broker.setCallback(callback);
        handler = broker;
        EvaControllerDiscoveryService discovery = new EvaControllerDiscoveryService();
        discovery.activate(Map.of("background", background));
        discovery.setThingHandler(broker);
        discovery.addDiscoveryListener(inbox);
        // as openHAB does it: the service comes up before the handler
        discovery.initialize();
        service = discovery;
        broker.initialize();
        await("broker online", () -> bridge.getStatus() == ThingStatus.ONLINE);

        MqttTransport announcer = new MqttTransport(MqttSettings.builder(BROKER.uri()).build());
        publisher = announcer;
        announcer.start();
        await("publisher connected", announcer::isConnected);
        return discovery;
    }

    private void announce(String topic, String controller) throws Exception {
        MqttTransport announcer = publisher;
        assertNotNull(announcer);
        announcer.publish(topic, controller.getBytes(StandardCharsets.UTF_8), 1, false).get(WAIT_LIMIT.toSeconds(),
                TimeUnit.SECONDS);
    }

    @Test
    void announceBecomesAControllerResultUnderTheBroker() throws Exception {
        start("", true);

        announce("controller/discovery", "uc/host1");
        await("result", () -> !inbox.results.isEmpty());

        ThingUID uid = new ThingUID("evaics:controller:broker1:uc_host1");
        DiscoveryResult result = inbox.results.get(uid);
        assertNotNull(result, inbox.results.toString());
        assertEquals(THING_TYPE_CONTROLLER, result.getThingTypeUID());
        assertEquals(new ThingUID("evaics:broker:broker1"), result.getBridgeUID());
        assertEquals("uc/host1", result.getProperties().get(CONFIG_CONTROLLER_ID));
        assertEquals(DEFAULT_KEY_ID, result.getProperties().get(CONFIG_KEY_ID));
        assertFalse(result.getProperties().containsKey(CONFIG_KEY));
        assertEquals(PROPERTY_CONTROLLER_ID, result.getRepresentationProperty());
        // no translation provider bound: the label stays openHAB's reference to the translated text
        assertEquals("@text/discovery.evaics.controller.label [\"uc/host1\"]", result.getLabel());
        assertTrue(result.getTimeToLive() > 0);
    }

    @Test
    void labelIsTranslatedWithTheControllerIdAsParameter() throws Exception {
        EvaControllerDiscoveryService discovery = start("", true);
        I18nFile i18n = new I18nFile();
        discovery.bindTranslationProvider(i18n);
        discovery.bindLocaleProvider(i18n);

        announce("controller/discovery", "lm/host2");
        await("result", () -> !inbox.results.isEmpty());

        DiscoveryResult result = inbox.results.get(new ThingUID("evaics:controller:broker1:lm_host2"));
        assertNotNull(result, inbox.results.toString());
        assertEquals("EVA ICS Controller lm/host2", result.getLabel());
    }

    @Test
    void repeatedAnnounceKeepsOneResult() throws Exception {
        start("", true);

        announce("controller/discovery", "lm/host1");
        announce("controller/discovery", "lm/host1");
        await("two reports", () -> inbox.reports.get() == 2);

        assertEquals(1, inbox.results.size());
    }

    @Test
    void announceOfAnUnknownProductIsIgnored() throws Exception {
        start("", true);

        announce("controller/discovery", "xyz/host1");
        announce("controller/discovery", "sfa/host1");
        await("result", () -> !inbox.results.isEmpty());

        assertEquals(1, inbox.results.size());
        assertNotNull(inbox.results.get(new ThingUID("evaics:controller:broker1:sfa_host1")));
    }

    @Test
    void announceInTheConfiguredSpaceIsDiscoveredOthersAreNot() throws Exception {
        start("plant1", true);

        announce("controller/discovery", "uc/outside");
        announce("plant1/controller/discovery", "uc/inside");
        await("result", () -> !inbox.results.isEmpty());

        assertEquals(1, inbox.results.size());
        assertNotNull(inbox.results.get(new ThingUID("evaics:controller:broker1:uc_inside")));
    }

    @Test
    void withoutBackgroundDiscoveryOnlyAScanListens() throws Exception {
        EvaControllerDiscoveryService discovery = start("", false);
        EvaBrokerHandler broker = handler;
        assertNotNull(broker);
        // a controller sink sees the announce too: it tells when the announce before the scan has been handled
        AtomicBoolean seen = new AtomicBoolean();
        ControllerAnnouncementSink before = Mockito.mock(ControllerAnnouncementSink.class);
        Mockito.doAnswer(invocation -> {
            seen.set(true);
            return null;
        }).when(before).controllerAnnounced();
        broker.registerController(ControllerId.parse("uc/before"), before);

        announce("controller/discovery", "uc/before");
        await("announce before the scan handled", seen::get);
        discovery.startScan(Mockito.mock(ScanListener.class));
        announce("controller/discovery", "uc/during");
        await("result", () -> !inbox.results.isEmpty());

        assertEquals(1, inbox.results.size());
        assertNotNull(inbox.results.get(new ThingUID("evaics:controller:broker1:uc_during")));
    }

    @Test
    void systemNameOutsideUidCharactersIsSanitisedAndKeptApart() {
        String dotted = ControllerId.parse("uc/my.host").uidSegment();
        String underscored = ControllerId.parse("uc/my_host").uidSegment();

        assertTrue(dotted.startsWith("uc_my_host__"), dotted);
        assertEquals("uc_my_host", underscored);
        assertTrue(dotted.matches("[A-Za-z0-9_-]+"), dotted);
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(what + " did not happen within " + WAIT_LIMIT);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
