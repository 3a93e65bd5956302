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
package org.openhab.binding.evaics.internal.osgi;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.eclipse.jdt.annotation.NonNull;
import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openhab.binding.evaics.test.broker.MosquittoExtension;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * Loads the built bundle into a real OSGi framework (Apache Felix + Felix SCR), next to a bundle that exports the
 * openHAB core API stand-in with openHAB 5.2.1's package versions and the runtime libraries openHAB provides. This
 * catches what breaks real installs and no unit test sees: missing or over-strict imports, lost service files of the
 * embedded Paho client, missing component descriptors.
 */
@NonNullByDefault
class BundleLoadIT {

    private static final String FACTORY_INTERFACE = "org.openhab.core.thing.binding.ThingHandlerFactory";
    private static final String FACTORY_COMPONENT = "org.openhab.binding.evaics.internal.EvaHandlerFactory";
    private static final String SCR_RUNTIME = "org.osgi.service.component.runtime.ServiceComponentRuntime";
    /** {@code ComponentConfigurationDTO.ACTIVE}. */
    private static final int COMPONENT_ACTIVE = 8;
    private static final long CONNECT_TIMEOUT_MS = 10_000;

    @RegisterExtension
    static final MosquittoExtension BROKER = new MosquittoExtension();

    private static @Nullable OsgiFramework framework;
    private static @Nullable Bundle binding;

    @BeforeAll
    static void startFramework(@TempDir Path dir) throws Exception {
        Path bundleJar = Path.of(System.getProperty("evaics.bundle", "target/missing.jar"));
        assertTrue(Files.isRegularFile(bundleJar), "the built bundle is missing: " + bundleJar + " (run mvn verify)");

        OsgiFramework osgi = new OsgiFramework(dir.resolve("felix-cache"));
        framework = osgi;
        List<Bundle> runtime = new ArrayList<>();
        for (String jar : List.of("org.osgi.util.function-", "org.osgi.util.promise-", "org.osgi.service.component-",
                "org.apache.felix.scr-", "gson-", "unit-api-")) {
            runtime.add(osgi.install(OsgiFramework.classPathJar(jar)));
        }
        runtime.add(osgi.install(OsgiFramework.standInBundle(Path.of("target/classes"), dir)));
        for (Bundle bundle : runtime) {
            bundle.start();
        }
        Bundle evaics = osgi.install(bundleJar);
        binding = evaics;
        evaics.start();
    }

    @AfterAll
    static void stopFramework() throws Exception {
        OsgiFramework osgi = framework;
        if (osgi != null) {
            osgi.close();
        }
    }

    @Test
    void bundleResolvesAndStarts() {
        Bundle evaics = binding();
        assertEquals("org.openhab.binding.evaics", evaics.getSymbolicName());
        assertEquals(Bundle.ACTIVE, evaics.getState(), "bundle state");
    }

    @Test
    void handlerFactoryIsRegisteredByTheBindingAndItsComponentIsActive() throws Exception {
        Bundle evaics = binding();
        ServiceReference<?>[] refs = osgi().context().getServiceReferences(FACTORY_INTERFACE, null);
        assertNotNull(refs, "no ThingHandlerFactory service registered");
        ServiceReference<?> ours = null;
        for (ServiceReference<?> ref : refs) {
            if (ref.getBundle() != null && ref.getBundle().getBundleId() == evaics.getBundleId()) {
                ours = ref;
            }
        }
        assertNotNull(ours, "the binding registered no ThingHandlerFactory");
        Object factory = osgi().context().getService(ours);
        assertNotNull(factory, "the factory component could not be activated");
        assertEquals(FACTORY_COMPONENT, factory.getClass().getName());

        assertEquals(List.of(COMPONENT_ACTIVE), componentStates(evaics, FACTORY_COMPONENT),
                "state of the factory component as reported by SCR");
    }

    @Test
    void embeddedPahoConnectsOverTcpFromInsideTheFramework() throws Exception {
        Bundle evaics = binding();
        Class<?> clientClass = evaics.loadClass("org.eclipse.paho.client.mqttv3.MqttClient");
        Class<?> persistenceInterface = evaics.loadClass("org.eclipse.paho.client.mqttv3.MqttClientPersistence");
        Object persistence = evaics.loadClass("org.eclipse.paho.client.mqttv3.persist.MemoryPersistence")
                .getConstructor().newInstance();
        Object client = Objects.requireNonNull(clientClass
                .getConstructor(String.class, String.class, persistenceInterface)
                .newInstance(BROKER.uri(), "evaics-osgi-load-test", persistence));
        Method setTimeToWait = clientClass.getMethod("setTimeToWait", long.class);
        setTimeToWait.invoke(client, CONNECT_TIMEOUT_MS);
        clientClass.getMethod("connect").invoke(client);
        try {
            assertEquals(Boolean.TRUE, clientClass.getMethod("isConnected").invoke(client));
        } finally {
            clientClass.getMethod("disconnect").invoke(client);
            clientClass.getMethod("close").invoke(client);
        }
    }

    /** The states SCR reports for the configurations of one component of a bundle (via reflection: SCR's classes live in the framework). */
    private List<@Nullable Integer> componentStates(Bundle bundle, String componentName) throws Exception {
        // all references: the test's own copy of the DS API classes differs from the framework's
        ServiceReference<?>[] refs = osgi().context().getAllServiceReferences(SCR_RUNTIME, null);
        assertNotNull(refs, "Felix SCR is not running");
        ServiceReference<?> ref = refs[0];
        Object scr = osgi().context().getService(ref);
        assertNotNull(scr);
        Class<?> runtime = Objects.requireNonNull(scr.getClass().getClassLoader()).loadClass(SCR_RUNTIME);
        Object bundles = Array.newInstance(Bundle.class, 1);
        Array.set(bundles, 0, bundle);
        Collection<@NonNull ?> descriptions = (Collection<@NonNull ?>) Objects.requireNonNull(
                runtime.getMethod("getComponentDescriptionDTOs", Bundle[].class).invoke(scr, bundles));
        List<@Nullable Integer> states = new ArrayList<>();
        for (Object description : descriptions) {
            if (componentName.equals(description.getClass().getField("name").get(description))) {
                Method configurations = runtime.getMethod("getComponentConfigurationDTOs",
                        description.getClass());
                for (Object configuration : (Collection<@NonNull ?>) Objects
                        .requireNonNull(configurations.invoke(scr, description))) {
                    states.add((Integer) configuration.getClass().getField("state").get(configuration));
                }
            }
        }
        return states;
    }

    private static OsgiFramework osgi() {
        OsgiFramework osgi = framework;
        assertNotNull(osgi);
        return osgi;
    }

    private static Bundle binding() {
        Bundle evaics = binding;
        assertNotNull(evaics);
        return evaics;
    }
}
