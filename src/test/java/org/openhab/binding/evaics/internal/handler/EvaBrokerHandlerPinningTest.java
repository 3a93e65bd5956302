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

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhab.binding.evaics.internal.protocol.mqtt.ServerPin;
import org.openhab.binding.evaics.internal.protocol.mqtt.ServerPin.Kind;
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
 * Certificate and public-key pinning through the broker bridge's configuration ({@code certificatepin},
 * {@code certificate}, {@code publickeypin}, {@code publickey}, as openHAB's {@code mqtt:broker} thing), against a
 * TLS listener of the test broker restarted with other certificates: the pin of the first connection is stored in the
 * configuration, a bridge with the right pin goes ONLINE, and a broker with another certificate or key is OFFLINE
 * COMMUNICATION_ERROR with the pin status.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class EvaBrokerHandlerPinningTest {

    @TempDir
    Path dir = Path.of("");

    private final Authority ca = TestCertificates.newAuthority("bridge pinning CA");
    private final BridgeTestFramework framework = new BridgeTestFramework();
    private Path caFile = Path.of("");
    private Path certFile = Path.of("");
    private Path keyFile = Path.of("");
    private @Nullable TestBroker broker;
    private Issued current = newCertificate();

    @BeforeEach
    void startBroker() {
        caFile = ca.writeCertificate(dir.resolve("ca.pem"));
        certFile = current.writeCertificate(dir.resolve("server.pem"));
        keyFile = current.writeKey(dir.resolve("server.key"));
        broker = TestBroker.options().tls(new TlsFiles(caFile, certFile, keyFile)).start();
    }

    @AfterEach
    void tearDown() {
        framework.close();
        TestBroker running = broker;
        if (running != null) {
            running.close();
        }
    }

    private TestBroker broker() {
        TestBroker running = broker;
        assertNotNull(running);
        return running;
    }

    private Issued newCertificate() {
        return ca.issue("127.0.0.1", Usage.SERVER, KeyType.EC, List.of(), List.of("127.0.0.1"));
    }

    /** Restarts the broker with the certificate. */
    private void serve(Issued certificate) {
        current = certificate;
        certificate.writeCertificate(certFile);
        certificate.writeKey(keyFile);
        broker().restart();
    }

    private EvaBrokerHandler start(String id, Map<String, Object> options) {
        Map<String, Object> config = new HashMap<>();
        config.put("host", TestBroker.HOST);
        config.put("port", broker().port());
        config.put("secure", true);
        config.put("caFile", caFile.toString());
        config.put("reconnectTime", 1000);
        config.putAll(options);
        return framework.start(new EvaBrokerHandler(framework.broker(id, config)));
    }

    private String pin(Kind kind, Issued certificate) throws Exception {
        return ServerPin.of(kind, certificate.certificate()).toString();
    }

    private static @Nullable Object configured(EvaBrokerHandler handler, String parameter) {
        return handler.getThing().getConfiguration().get(parameter);
    }

    private ThingStatusInfo awaitRefused(EvaBrokerHandler handler, String key) {
        return framework.awaitStatus(handler.getThing(),
                status -> status.getStatus() == ThingStatus.OFFLINE
                        && status.getStatusDetail() == ThingStatusDetail.COMMUNICATION_ERROR
                        && String.valueOf(status.getDescription()).startsWith("@text/" + key + " "),
                "OFFLINE COMMUNICATION_ERROR " + key);
    }

    @Test
    void theFirstConnectionStoresTheCertificatePinAndAnotherCertificateIsRefused() throws Exception {
        EvaBrokerHandler handler = start("learning", Map.of("certificatepin", true));

        framework.awaitStatus(handler.getThing(), ThingStatus.ONLINE);
        String pinned = pin(Kind.CERTIFICATE, current);
        BridgeTestFramework.await("certificate pin stored", () -> pinned.equals(configured(handler, "certificate")));
        assertNull(configured(handler, "publickey"));

        serve(newCertificate());
        ThingStatusInfo refused = awaitRefused(handler, StatusDescriptions.CERTIFICATE_PIN_MISMATCH);
        assertEquals(StatusDescriptions.text(StatusDescriptions.CERTIFICATE_PIN_MISMATCH, pinned,
                pin(Kind.CERTIFICATE, current)), refused.getDescription());
        assertEquals(pinned, configured(handler, "certificate"));
    }

    @Test
    void aStoredPinSurvivesARestartOfTheBridge() throws Exception {
        String pinned = pin(Kind.CERTIFICATE, current);
        EvaBrokerHandler handler = start("right-pin", Map.of("certificatepin", true, "certificate", pinned));
        framework.awaitStatus(handler.getThing(), ThingStatus.ONLINE);
        assertEquals(pinned, configured(handler, "certificate"));

        serve(newCertificate());
        EvaBrokerHandler restarted = start("restarted",
                Map.of("certificatepin", true, "certificate", pinned.toLowerCase()));
        awaitRefused(restarted, StatusDescriptions.CERTIFICATE_PIN_MISMATCH);
    }

    @Test
    void thePublicKeyPinIsStoredAndAcceptsOnlyTheSameKey() throws Exception {
        EvaBrokerHandler handler = start("key", Map.of("publickeypin", true));
        framework.awaitStatus(handler.getThing(), ThingStatus.ONLINE);
        String pinned = pin(Kind.PUBLIC_KEY, current);
        BridgeTestFramework.await("public key pin stored", () -> pinned.equals(configured(handler, "publickey")));

        // a renewed certificate of the same key is still accepted
        serve(ca.reissue(current, "127.0.0.1", Usage.SERVER, List.of(), List.of("127.0.0.1")));
        framework.awaitStatus(handler.getThing(),
                status -> status.getStatus() == ThingStatus.ONLINE && framework.history(handler.getThing()).stream()
                        .anyMatch(s -> s.getStatus() == ThingStatus.OFFLINE),
                "ONLINE again after the restart");

        serve(newCertificate());
        ThingStatusInfo refused = awaitRefused(handler, StatusDescriptions.PUBLIC_KEY_PIN_MISMATCH);
        assertEquals(StatusDescriptions.text(StatusDescriptions.PUBLIC_KEY_PIN_MISMATCH, pinned,
                pin(Kind.PUBLIC_KEY, current)), refused.getDescription());
    }

    @Test
    void aMalformedPinIsAConfigurationError() {
        EvaBrokerHandler handler = start("bad-pin", Map.of("certificatepin", true, "certificate", "SHA-256:12"));

        ThingStatusInfo status = handler.getThing().getStatusInfo();
        assertEquals(ThingStatusDetail.CONFIGURATION_ERROR, status.getStatusDetail());
        assertTrue(String.valueOf(status.getDescription()).contains("the certificate pin is not SHA-256"),
                status.getDescription());
    }

    @Test
    void pinningIsIgnoredWithoutTlsAsMqttBrokerDoes() {
        TestBroker plain = TestBroker.options().start();
        try {
            Map<String, Object> config = new HashMap<>();
            config.put("host", TestBroker.HOST);
            config.put("port", plain.port());
            config.put("certificatepin", true);
            config.put("publickeypin", true);
            EvaBrokerHandler handler = framework.start(new EvaBrokerHandler(framework.broker("plain", config)));
            framework.awaitStatus(handler.getThing(), ThingStatus.ONLINE);
            assertNull(configured(handler, "certificate"));
        } finally {
            plain.close();
        }
    }
}
