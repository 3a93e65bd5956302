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
package org.openhab.binding.evaics.internal.osgi.probe.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The probe's access to the framework's services: waits (bounded) until a service is registered, as SCR activates
 * openHAB's components asynchronously.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class Services {

    private static final long POLL_MILLIS = 20;

    private final BundleContext context;
    private final Duration timeout;

    Services(BundleContext context, Duration timeout) {
        this.context = context;
        this.timeout = timeout;
    }

    /** The service of the type with the highest ranking, waiting for it. */
    <T> T get(Class<T> type) {
        return await(() -> {
            ServiceReference<T> ref = context.getServiceReference(type);
            return ref == null ? null : context.getService(ref);
        }, "service " + type.getName());
    }

    /** Every service of the type registered now. */
    <T> List<T> all(Class<T> type) {
        List<T> services = new ArrayList<>();
        try {
            for (ServiceReference<T> ref : context.getServiceReferences(type, null)) {
                T service = context.getService(ref);
                if (service != null) {
                    services.add(service);
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return services;
    }

    /** Polls until the supplier gives a value; fails after the timeout. */
    <T> T await(Supplier<@Nullable T> supplier, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            @Nullable
            T value = supplier.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + what + " within " + timeout);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}
