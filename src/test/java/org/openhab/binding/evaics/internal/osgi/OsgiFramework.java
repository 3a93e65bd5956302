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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.felix.framework.FrameworkFactory;
import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.internal.osgi.probe.OpenHabProbe;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/**
 * Apache Felix (the test's class path has 7.0.5) running the real openHAB core as the openHAB repository's README
 * describes it: the openHAB core bundles and their third-party runtime, all copied by maven-dependency-plugin into one
 * folder per openHAB version (system property {@code evaics.openhab.runtime}); SPI Fly weaving indriya; the system
 * properties {@code openhab.userdata} and {@code openhab.conf} on scratch folders; openHAB's log (pax-logging-api
 * without a back end) in its file fallback, see {@link PaxLog}.
 * <p>
 * The framework takes exactly one package from the test's class path: the {@link OpenHabProbe} API, through which
 * the test talks to the probe bundle inside (see {@link ProbeBundle}); and {@code sun.misc} / {@code sun.nio.ch} of
 * the JDK, which the binding's embedded libraries import optionally.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class OsgiFramework implements AutoCloseable {

    private static final long STOP_TIMEOUT_MS = 30_000;

    private final Framework framework;

    /**
     * Starts an empty framework.
     *
     * @param work a scratch folder for the framework cache and openHAB's userdata and conf folders
     * @param log the file openHAB's log goes to
     */
    OsgiFramework(Path work, Path log) throws BundleException, IOException {
        Path userdata = Files.createDirectories(work.resolve("userdata"));
        Path conf = Files.createDirectories(work.resolve("conf"));
        System.setProperty("openhab.userdata", userdata.toString());
        System.setProperty("openhab.conf", conf.toString());

        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, work.resolve("felix-cache").toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA,
                OpenHabProbe.class.getPackageName() + ";version=1.0.0,sun.misc,sun.nio.ch");
        // felix-<version>.properties of the openHAB repository: without indriya's ServiceLoader, Units.<clinit> fails
        config.put("org.apache.aries.spifly.auto.consumers", "tech.units.indriya");
        config.put("org.apache.aries.spifly.auto.providers", "tech.units.indriya");
        // Felix's implicit boot delegation hands a class request that comes from outside a bundle (e.g. JDK Proxy code
        // checking visibility for openHAB's SafeCaller) to the framework's parent class loader: here the test's class
        // path, with its own copies of openHAB's classes. openHAB's Karaf has no such copies; turn it off.
        config.put("felix.bootdelegation.implicit", "false");
        config.putAll(PaxLog.frameworkProperties(log));
        // Karaf's beginning start level; openHAB's StartLevelService counts its own levels only from there on
        config.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, "100");
        framework = new FrameworkFactory().newFramework(config);
        framework.start();
    }

    BundleContext context() {
        BundleContext context = framework.getBundleContext();
        if (context == null) {
            throw new IllegalStateException("framework not started");
        }
        return context;
    }

    /**
     * Installs every jar of the runtime folder and starts them: SPI Fly first (it must weave indriya before indriya's
     * classes load), then the other third-party bundles, then openHAB's. Fragments are installed, not started.
     *
     * @return the started bundles, in start order
     */
    List<Bundle> installRuntime(Path runtime) throws BundleException, IOException {
        List<Path> jars;
        try (Stream<Path> files = Files.list(runtime)) {
            jars = files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                    .sorted(Comparator.comparing(OsgiFramework::startRank).thenComparing(Path::toString)).toList();
        }
        if (jars.isEmpty()) {
            throw new IllegalStateException("no bundles in " + runtime + " (run mvn verify: dependency:copy fills it)");
        }
        List<Bundle> bundles = new ArrayList<>();
        for (Path jar : jars) {
            bundles.add(install(jar));
        }
        List<Bundle> started = new ArrayList<>();
        for (Bundle bundle : bundles) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                bundle.start();
                started.add(bundle);
            }
        }
        return started;
    }

    private static int startRank(Path jar) {
        String name = jar.getFileName().toString();
        if (name.startsWith("org.apache.aries.spifly")) {
            return 0;
        }
        return name.startsWith("org.openhab.core") ? 2 : 1;
    }

    Bundle install(Path jar) throws BundleException {
        return context().installBundle(jar.toUri().toString());
    }

    @Override
    public void close() throws BundleException {
        framework.stop();
        try {
            framework.waitForStop(STOP_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
