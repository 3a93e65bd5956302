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
package org.openhab.binding.evaics.internal.protocol.mqtt;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Builds the TLS socket factory for {@code ssl://} connections (protocol.md §1: optional TLS with CA file and client
 * certificate): trust is the CA file's certificates, or the JVM's default trust store when no CA file is set;
 * the client certificate and key, when set, are offered for client-certificate authentication. Key material
 * lives only in memory. With certificate or public-key pinning, that trust decision is wrapped in a
 * {@link PinningTrustManager}.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class TlsContexts {

    private static final String PROTOCOL = "TLS";
    private static final String KEY_ALIAS = "client";
    /** In-memory key store only; the password protects nothing but is required by the API. */
    private static final char[] IN_MEMORY_PASSWORD = "in-memory".toCharArray();

    private TlsContexts() {
    }

    /** The socket factory, and the pinning trust manager it uses when the settings pin anything. */
    record Tls(SSLSocketFactory socketFactory, @Nullable PinningTrustManager pinning) {
    }

    /**
     * @throws IllegalArgumentException naming the file and the problem when TLS material cannot be used
     */
    static Tls create(MqttSettings settings) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            Path caFile = settings.caFile();
            trust.init(caFile == null ? null : trustStore(caFile));
            TrustManager[] trustManagers = trust.getTrustManagers();
            PinningTrustManager pinning = null;
            if (settings.pinning(ServerPin.Kind.CERTIFICATE) || settings.pinning(ServerPin.Kind.PUBLIC_KEY)) {
                pinning = new PinningTrustManager(x509(trustManagers), settings);
                trustManagers = new TrustManager[] { pinning };
            }
            SSLContext context = SSLContext.getInstance(PROTOCOL);
            context.init(keyManagers(settings.clientCertFile(), settings.clientKeyFile()), trustManagers, null);
            return new Tls(context.getSocketFactory(), pinning);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("TLS setup failed: " + describe(e), e);
        }
    }

    private static X509ExtendedTrustManager x509(TrustManager[] trustManagers) throws GeneralSecurityException {
        for (TrustManager manager : trustManagers) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the Java runtime offers no X.509 trust manager");
    }

    private static KeyStore trustStore(Path caFile) throws IOException, GeneralSecurityException {
        KeyStore store = emptyStore();
        List<X509Certificate> certificates = PemFiles.readCertificates(caFile);
        for (int i = 0; i < certificates.size(); i++) {
            store.setCertificateEntry("ca-" + i, certificates.get(i));
        }
        return store;
    }

    private static KeyManager @Nullable [] keyManagers(@Nullable Path certFile, @Nullable Path keyFile)
            throws IOException, GeneralSecurityException {
        if (certFile == null || keyFile == null) {
            return null;
        }
        List<X509Certificate> chain = PemFiles.readCertificates(certFile);
        PrivateKey key = PemFiles.readPrivateKey(keyFile);
        PemFiles.checkKeyMatches(key, chain.get(0), keyFile, certFile);
        KeyStore store = emptyStore();
        store.setKeyEntry(KEY_ALIAS, key, IN_MEMORY_PASSWORD, chain.toArray(new X509Certificate[0]));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, IN_MEMORY_PASSWORD);
        return factory.getKeyManagers();
    }

    private static KeyStore emptyStore() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "file not found: " + e.getMessage();
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "file not readable: " + e.getMessage();
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
