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

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Certificate and public-key pinning on top of the usual trust decision: the broker's chain is first checked by
 * the delegate (the CA file or the Java runtime's trust store, and the host name when it is verified), then its
 * certificate against the pins. A pin that is enabled but not known yet is learned: the handshake records what it
 * saw, and {@link #learnAfterSuccess()} (called once the broker accepted the connection) makes that the pin for
 * every later handshake and returns it so that the owner can store it. Any later certificate that does not match
 * fails the handshake with a {@link PinMismatchException}.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class PinningTrustManager extends X509ExtendedTrustManager {

    /** One pinned kind: the pin, or null while learning, and what the last handshake saw while learning. */
    private static final class Slot {
        final ServerPin.Kind kind;
        @Nullable
        ServerPin pin;
        @Nullable
        ServerPin seen;

        Slot(ServerPin.Kind kind, @Nullable ServerPin pin) {
            this.kind = kind;
            this.pin = pin;
        }
    }

    private final X509ExtendedTrustManager delegate;
    private final List<Slot> slots = new ArrayList<>();
    private @Nullable PinMismatchException lastMismatch;

    /**
     * @param delegate the usual trust decision
     * @param settings whose pinning settings apply
     */
    PinningTrustManager(X509ExtendedTrustManager delegate, MqttSettings settings) {
        this.delegate = delegate;
        for (ServerPin.Kind kind : ServerPin.Kind.values()) {
            if (settings.pinning(kind)) {
                slots.add(new Slot(kind, settings.pin(kind)));
            }
        }
    }

    /** The pin of the kind in force now (configured or learned), or null when not pinned or still learning. */
    synchronized @Nullable ServerPin pin(ServerPin.Kind kind) {
        for (Slot slot : slots) {
            if (slot.kind == kind) {
                return slot.pin;
            }
        }
        return null;
    }

    /**
     * Makes what the last handshake saw the pin of every kind still learning; call when the broker has accepted
     * the connection.
     *
     * @return the pins learned now, usually none
     */
    synchronized List<ServerPin> learnAfterSuccess() {
        List<ServerPin> learned = new ArrayList<>();
        for (Slot slot : slots) {
            ServerPin seen = slot.seen;
            if (slot.pin == null && seen != null) {
                slot.pin = seen;
                learned.add(seen);
            }
            slot.seen = null;
        }
        return learned;
    }

    /** The refusal of the last handshake, or null if it was not refused for a pin. */
    synchronized @Nullable PinMismatchException lastMismatch() {
        return lastMismatch;
    }

    private synchronized void checkPins(X509Certificate @Nullable [] chain) throws CertificateException {
        lastMismatch = null;
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the broker presented no certificate");
        }
        X509Certificate certificate = chain[0];
        for (Slot slot : slots) {
            ServerPin pin = slot.pin;
            if (pin == null) {
                slot.seen = ServerPin.of(slot.kind, certificate);
            } else if (!pin.matches(certificate)) {
                PinMismatchException mismatch = new PinMismatchException(pin, pin.sameAlgorithmOf(certificate));
                lastMismatch = mismatch;
                throw mismatch;
            }
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate @Nullable [] chain, @Nullable String authType,
            @Nullable Socket socket) throws CertificateException {
        delegate.checkServerTrusted(chain, authType, socket);
        checkPins(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate @Nullable [] chain, @Nullable String authType,
            @Nullable SSLEngine engine) throws CertificateException {
        delegate.checkServerTrusted(chain, authType, engine);
        checkPins(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate @Nullable [] chain, @Nullable String authType)
            throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
        checkPins(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate @Nullable [] chain, @Nullable String authType,
            @Nullable Socket socket) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate @Nullable [] chain, @Nullable String authType,
            @Nullable SSLEngine engine) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate @Nullable [] chain, @Nullable String authType)
            throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}
