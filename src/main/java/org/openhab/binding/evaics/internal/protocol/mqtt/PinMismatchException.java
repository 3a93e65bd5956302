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

import java.security.cert.CertificateException;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * The broker presented a certificate (or public key) whose hash is not the pinned one: thrown by the trust manager
 * during the TLS handshake and reported through {@link MqttConnectionListener#pinRefused}.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class PinMismatchException extends CertificateException {

    private static final long serialVersionUID = 1L;

    private final transient ServerPin pinned;
    private final transient ServerPin presented;

    public PinMismatchException(ServerPin pinned, ServerPin presented) {
        super("the broker's " + pinned.kind().text() + " " + presented + " does not match the pinned " + pinned);
        this.pinned = pinned;
        this.presented = presented;
    }

    public ServerPin.Kind kind() {
        return pinned.kind();
    }

    /** The pin the broker had to match. */
    public ServerPin pinned() {
        return pinned;
    }

    /** The pin of what the broker presented, in the pinned pin's algorithm. */
    public ServerPin presented() {
        return presented;
    }
}
