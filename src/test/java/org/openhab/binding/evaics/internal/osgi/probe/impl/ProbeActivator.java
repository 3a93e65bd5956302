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

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.osgi.probe.OpenHabProbe;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Activator of the probe bundle: registers the {@link OpenHabProbe} the test talks to.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class ProbeActivator implements BundleActivator {

    private @Nullable ServiceRegistration<OpenHabProbe> registration;

    @Override
    public void start(@Nullable BundleContext context) {
        if (context != null) {
            Services services = new Services(context, Duration.ofSeconds(OpenHabProbe.SERVICE_TIMEOUT_SECONDS));
            registration = context.registerService(OpenHabProbe.class, new CoreProbe(services), null);
        }
    }

    @Override
    public void stop(@Nullable BundleContext context) {
        ServiceRegistration<OpenHabProbe> current = registration;
        registration = null;
        if (current != null) {
            current.unregister();
        }
    }
}
