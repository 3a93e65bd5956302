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
package org.openhab.binding.evaics.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.openhab.binding.evaics.internal.EndToEndFixture.lmSimulator;
import static org.openhab.binding.evaics.internal.EndToEndFixture.ucSimulator;

import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openhab.binding.evaics.test.broker.BrokerExtension;
import org.openhab.binding.evaics.test.broker.TestBroker;
import org.openhab.binding.evaics.test.sim.EvaSimulator;

/**
 * What the end-to-end tests share (protocol.md §2, §8, §9, §10 through the whole binding): the test broker, the
 * simulated UC and LM PLC on it, started once per test class and reset before every test, and one {@link
 * EndToEndFixture} per test, which the test starts with {@link #start(Map)} or {@link #startBrokerOnly()} and which is
 * closed after it.
 * <p>
 * The broker and the simulators are static fields of this class, shared by its subclasses: JUnit starts them before
 * each test class and stops them after it, and runs the test classes one after another (this build does not enable
 * JUnit's parallel execution).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
abstract class EndToEndTestBase {

    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(TestBroker.options().tcpNoDelay(true));

    private static @Nullable EvaSimulator ucSim;
    private static @Nullable EvaSimulator lmSim;
    private @Nullable EndToEndFixture fixture;

    @BeforeAll
    static void startSimulators() {
        ucSim = ucSimulator(BROKER).start();
        lmSim = lmSimulator(BROKER).start();
    }

    @AfterAll
    static void stopSimulators() {
        EvaSimulator uc = ucSim;
        EvaSimulator lm = lmSim;
        ucSim = null;
        lmSim = null;
        if (uc != null) {
            uc.close();
        }
        if (lm != null) {
            lm.close();
        }
    }

    @BeforeEach
    void resetSimulators() {
        uc().reset();
        lm().reset();
    }

    @AfterEach
    void closeFixture() {
        EndToEndFixture current = fixture;
        fixture = null;
        if (current != null) {
            current.close();
        }
    }

    static EvaSimulator uc() {
        EvaSimulator sim = ucSim;
        assertNotNull(sim);
        return sim;
    }

    static EvaSimulator lm() {
        EvaSimulator sim = lmSim;
        assertNotNull(sim);
        return sim;
    }

    /** The fixture the test started. */
    EndToEndFixture e2e() {
        EndToEndFixture current = fixture;
        assertNotNull(current);
        return current;
    }

    /**
     * Starts every thing (the UC bridge with the default configuration plus {@code ucConfig}); the simulators then
     * forget the requests of the start, so that a test sees only the ones it causes.
     */
    EndToEndFixture start(Map<String, Object> ucConfig) {
        EndToEndFixture created = new EndToEndFixture(BROKER, ucConfig);
        fixture = created;
        uc().clearRequests();
        lm().clearRequests();
        return created;
    }

    /** Starts only the broker bridge. */
    EndToEndFixture startBrokerOnly() {
        EndToEndFixture created = new EndToEndFixture(BROKER);
        fixture = created;
        return created;
    }
}
