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

import static org.openhab.binding.evaics.test.StdStreams.err;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * JUnit 5 adapter for {@link TestBroker}: one broker per test class (mosquitto where it is installed, else the
 * embedded one), started before the first test and stopped after the last; before each test it is started again on
 * the same port if a test stopped it. A failed test gets the tail of the broker's log on stderr.
 * <p>
 * Either register it with options:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final BrokerExtension BROKER = new BrokerExtension(TestBroker.options().tcpNoDelay(true));
 * </pre>
 *
 * or use {@code @ExtendWith(BrokerExtension.class)} for a default (anonymous, plain TCP) broker and take a
 * {@link TestBroker} parameter in test or lifecycle methods. Register it as a static field: JUnit does not
 * call class-level callbacks on extensions held in instance fields.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class BrokerExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, ParameterResolver, TestWatcher {

    private final BrokerOptions options;
    private @Nullable TestBroker broker;

    /** A default broker: anonymous access, plain TCP. */
    public BrokerExtension() {
        this(TestBroker.options());
    }

    public BrokerExtension(BrokerOptions options) {
        this.options = options;
    }

    /** The broker of the running test class. */
    public TestBroker broker() {
        TestBroker current = broker;
        if (current == null) {
            throw new IllegalStateException("the broker is started in beforeAll; register the extension statically");
        }
        return current;
    }

    public String uri() {
        return broker().uri();
    }

    public int port() {
        return broker().port();
    }

    public void stop() {
        broker().stop();
    }

    public void start() {
        broker().start();
    }

    public void restart() {
        broker().restart();
    }

    @Override
    @NonNullByDefault({})
    public void beforeAll(ExtensionContext context) {
        broker = options.start();
    }

    @Override
    @NonNullByDefault({})
    public void beforeEach(ExtensionContext context) {
        TestBroker current = broker;
        if (current != null && !current.isRunning()) {
            current.start();
        }
    }

    @Override
    @NonNullByDefault({})
    public void afterAll(ExtensionContext context) {
        TestBroker current = broker;
        broker = null;
        if (current != null) {
            current.close();
        }
    }

    @Override
    @NonNullByDefault({})
    public void testFailed(ExtensionContext context, Throwable cause) {
        TestBroker current = broker;
        if (current != null) {
            err().println("--- " + current + " log (" + context.getDisplayName() + " failed) ---\n"
                    + current.logTail());
        }
    }

    @Override
    @NonNullByDefault({})
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestBroker.class;
    }

    @Override
    @NonNullByDefault({})
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return broker();
    }
}
