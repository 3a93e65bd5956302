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
package org.openhab.binding.evaics.test.broker;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;

/**
 * The mosquitto harness: {@link TestBrokerContract}, mosquitto's answer to a wrong password, and its files.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
@NeedsMosquitto("checks the mosquitto harness itself")
class MosquittoBrokerTest extends TestBrokerContract {

    private static final int CONNACK_NOT_AUTHORIZED = 5;

    @Override
    TestBroker start(BrokerOptions options) {
        return MosquittoBroker.start(options);
    }

    @Test
    void wrongPasswordIsNotAuthorized() throws IOException {
        try (TestBroker broker = start(TestBroker.options().allowAnonymous(false).user("alice", "s3cret"))) {
            assertEquals(CONNACK_NOT_AUTHORIZED, connack(broker.port(), "alice", "wrong"));
            assertEquals(CONNACK_NOT_AUTHORIZED, connack(broker.port(), null, null));
        }
    }

    @Test
    void closeStopsTheProcessAndRemovesTheDirectory() {
        MosquittoBroker broker = MosquittoBroker.start(TestBroker.options());
        Path log = broker.logFile();
        assertTrue(Files.exists(log));
        broker.close();
        assertFalse(broker.isRunning());
        assertFalse(Files.exists(log.getParent()));
    }
}
