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
package org.openhab.binding.evaics.internal.protocol.rpc;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openhab.binding.evaics.test.broker.BrokerExtension;

/**
 * One {@link RpcFixture} per test class on the class's test broker: started before the class's tests, its simulators
 * reset before each test, the clients a test made closed after it, and everything closed after the class. Register it
 * after the {@link BrokerExtension} it uses, so that the broker is up first (JUnit orders extension fields only by
 * {@code @Order}):
 *
 * <pre>
 * &#64;RegisterExtension
 * &#64;Order(1)
 * static final BrokerExtension BROKER = new BrokerExtension();
 * &#64;RegisterExtension
 * &#64;Order(2)
 * static final RpcFixtureExtension RPC = new RpcFixtureExtension(BROKER);
 * </pre>
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class RpcFixtureExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final BrokerExtension broker;
    private @Nullable RpcFixture fixture;

    RpcFixtureExtension(BrokerExtension broker) {
        this.broker = broker;
    }

    /** The class's fixture; available from the test instance on. */
    RpcFixture fixture() {
        RpcFixture current = fixture;
        if (current == null) {
            throw new IllegalStateException("the RPC fixture starts before the test class's tests");
        }
        return current;
    }

    @Override
    public void beforeAll(@Nullable ExtensionContext context) {
        fixture = new RpcFixture(broker.uri());
    }

    @Override
    public void beforeEach(@Nullable ExtensionContext context) {
        fixture().reset();
    }

    @Override
    public void afterEach(@Nullable ExtensionContext context) {
        fixture().closeClients();
    }

    @Override
    public void afterAll(@Nullable ExtensionContext context) {
        RpcFixture current = fixture;
        fixture = null;
        if (current != null) {
            current.close();
        }
    }
}
