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

import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.evaics.test.StdStreams.out;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhab.binding.evaics.test.broker.TestBroker;
import org.openhab.binding.evaics.test.broker.TestBroker.TlsFiles;
import org.openhab.binding.evaics.test.broker.TestCertificates;
import org.openhab.binding.evaics.test.broker.TestCertificates.Authority;
import org.openhab.binding.evaics.test.broker.TestCertificates.Issued;
import org.openhab.binding.evaics.test.broker.TestCertificates.KeyType;
import org.openhab.binding.evaics.test.broker.TestCertificates.Usage;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusDetail;
import org.openhab.core.thing.ThingStatusInfo;

/**
 * TLS through the broker bridge's configuration (issue 6, item 5), against TLS listeners of the test broker with
 * certificates made by the test: a trusted CA connects; a wrong CA and a certificate that does not name the host
 * are OFFLINE with the reason in the status description; client-certificate authentication works with the
 * {@code caFile}, {@code clientCertFile} and {@code clientKeyFile} parameters. The transport's own TLS rules are in
 * {@code MqttTransportTlsTest}; passwords in {@link EvaBrokerHandlerTest}.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class EvaBrokerHandlerTlsTest {

    @TempDir
    static Path dir = Path.of("");

    private static @Nullable TestBroker tlsBroker;
    private static @Nullable TestBroker wrongNameBroker;
    private static @Nullable TestBroker clientCertBroker;
    private static Path caFile = Path.of("");
    private static Path otherCaFile = Path.of("");
    private static Path clientCert = Path.of("");
    private static Path clientKey = Path.of("");

    private final BridgeTestFramework framework = new BridgeTestFramework();

    @BeforeAll
    static void startBrokers() {
        Authority ca = TestCertificates.newAuthority("EVA bridge test CA");
        caFile = ca.writeCertificate(dir.resolve("ca.pem"));
        otherCaFile = TestCertificates.newAuthority("unrelated CA").writeCertificate(dir.resolve("other-ca.pem"));
        Issued server = ca.issue("127.0.0.1", Usage.SERVER, KeyType.EC, List.of("localhost"), List.of("127.0.0.1"));
        TlsFiles serverFiles = new TlsFiles(caFile, server.writeCertificate(dir.resolve("server.pem")),
                server.writeKey(dir.resolve("server.key")));
        Issued wrongName = ca.issue("broker.invalid", Usage.SERVER, KeyType.EC, List.of("broker.invalid"),
                List.of());
        TlsFiles wrongNameFiles = new TlsFiles(caFile, wrongName.writeCertificate(dir.resolve("wrong.pem")),
                wrongName.writeKey(dir.resolve("wrong.key")));
        Issued client = ca.issue("openhab", Usage.CLIENT, KeyType.EC, List.of(), List.of());
        clientCert = client.writeCertificate(dir.resolve("client.pem"));
        clientKey = client.writeKey(dir.resolve("client.key"));

        tlsBroker = TestBroker.options().tls(serverFiles).start();
        wrongNameBroker = TestBroker.options().tls(wrongNameFiles).start();
        clientCertBroker = TestBroker.options().tls(serverFiles).requireCertificate(true).start();
    }

    @AfterAll
    static void stopBrokers() {
        for (TestBroker broker : new @Nullable TestBroker[] { tlsBroker, wrongNameBroker,
                clientCertBroker }) {
            if (broker != null) {
                broker.close();
            }
        }
    }

    @AfterEach
    void tearDown() {
        framework.close();
    }

    private EvaBrokerHandler start(@Nullable TestBroker broker, Map<String, Object> options) {
        assertNotNull(broker);
        Map<String, Object> config = new HashMap<>();
        config.put("host", TestBroker.HOST);
        config.put("port", broker.port());
        config.put("secure", true);
        config.put("reconnectTime", 1000);
        config.putAll(options);
        return framework.start(new EvaBrokerHandler(framework.broker("tls-broker", config)));
    }

    private String offlineReason(EvaBrokerHandler handler) {
        ThingStatusInfo status = framework.awaitStatus(handler.getThing(), ThingStatus.OFFLINE,
                ThingStatusDetail.COMMUNICATION_ERROR);
        String description = String.valueOf(status.getDescription());
        String prefix = "@text/" + StatusDescriptions.BROKER_UNREACHABLE + " [\"";
        assertTrue(description.startsWith(prefix), description);
        return description.substring(prefix.length());
    }

    @Test
    void trustedCaGoesOnline() {
        EvaBrokerHandler handler = start(tlsBroker, Map.of("caFile", caFile.toString()));

        framework.awaitStatus(handler.getThing(), ThingStatus.ONLINE);
    }

    @Test
    void wrongCaIsOfflineWithTheReason() {
        EvaBrokerHandler handler = start(tlsBroker, Map.of("caFile", otherCaFile.toString()));

        String reason = offlineReason(handler);
        out().println("broker bridge, wrong CA: " + reason);
        assertTrue(reason.contains("certification path") || reason.contains("PKIX"), reason);
    }

    @Test
    void certificateForAnotherHostIsOfflineWithTheReason() {
        EvaBrokerHandler handler = start(wrongNameBroker, Map.of("caFile", caFile.toString()));

        String reason = offlineReason(handler);
        out().println("broker bridge, host name mismatch: " + reason);
        assertTrue(reason.contains("127.0.0.1"), reason);
    }

    @Test
    void certificateForAnotherHostConnectsWhenVerificationIsOff() {
        EvaBrokerHandler handler = start(wrongNameBroker,
                Map.of("caFile", caFile.toString(), "hostnameValidated", false));

        framework.awaitStatus(handler.getThing(), ThingStatus.ONLINE);
    }

    @Test
    void clientCertificateFromTheConfigurationAuthenticates() {
        EvaBrokerHandler handler = start(clientCertBroker, Map.of("caFile", caFile.toString(), "clientCertFile",
                clientCert.toString(), "clientKeyFile", clientKey.toString()));

        framework.awaitStatus(handler.getThing(), ThingStatus.ONLINE);
    }

    @Test
    void missingClientCertificateIsOfflineWithTheReason() {
        EvaBrokerHandler handler = start(clientCertBroker, Map.of("caFile", caFile.toString()));

        String reason = offlineReason(handler);
        out().println("broker bridge, no client certificate: " + reason);
        assertFalse(reason.isBlank());
    }
}
