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
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.apache.felix.framework.FrameworkFactory;
import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/**
 * A real Apache Felix framework for the bundle load test: started with the runtime bundles openHAB provides (Felix
 * SCR, the OSGi DS API, Gson) and a bundle that exports the openHAB core API stand-in with the package versions of
 * openHAB 5.2.1. SLF4J is exported by the system bundle, as pax-logging does in openHAB.
 */
@NonNullByDefault
final class OsgiFramework implements AutoCloseable {

    /** openHAB 5.2.1 exports its core packages with this version. */
    static final String OPENHAB_PACKAGE_VERSION = "5.2.1";

    private static final String STAND_IN_ROOT = "org/openhab/core";
    private static final String SLF4J_VERSION = "2.0.12";
    private static final long STOP_TIMEOUT_MS = 10_000;

    private final Framework framework;

    OsgiFramework(Path storage) throws BundleException {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA,
                String.join(",", "org.slf4j;version=" + SLF4J_VERSION, "org.slf4j.spi;version=" + SLF4J_VERSION,
                        "org.slf4j.event;version=" + SLF4J_VERSION, "org.slf4j.helpers;version=" + SLF4J_VERSION,
                        "sun.misc", "sun.nio.ch"));
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

    Bundle install(Path jar) throws BundleException {
        return context().installBundle(jar.toUri().toString());
    }

    /** Finds a jar on the test class path by its file name prefix (e.g. {@code gson-}). */
    static Path classPathJar(String fileNamePrefix) {
        String classPath = Objects.requireNonNull(System.getProperty("java.class.path"));
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            Path name = path.getFileName();
            if (name != null && name.toString().startsWith(fileNamePrefix) && name.toString().endsWith(".jar")) {
                return path;
            }
        }
        throw new IllegalStateException("no jar starting with " + fileNamePrefix + " on the test class path");
    }

    /**
     * Packs the compiled stand-in ({@code target/classes/org/openhab/core/**}) into a bundle that exports every
     * stand-in package with openHAB 5.2.1's version.
     */
    static Path standInBundle(Path classes, Path target) throws IOException {
        Path root = classes.resolve(STAND_IN_ROOT);
        TreeSet<String> packages = new TreeSet<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(file -> {
                files.add(file);
                Path parent = classes.relativize(file).getParent();
                if (parent != null) {
                    packages.add(parent.toString().replace(java.io.File.separatorChar, '.'));
                }
            });
        }
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        main.putValue(Constants.BUNDLE_SYMBOLICNAME, "org.openhab.core.standin");
        main.putValue(Constants.BUNDLE_VERSION, OPENHAB_PACKAGE_VERSION);
        main.putValue(Constants.EXPORT_PACKAGE, String.join(",",
                packages.stream().map(p -> p + ";version=" + OPENHAB_PACKAGE_VERSION).toList()));
        // the stand-in's own needs are resolved lazily: classes the load test never touches may stay unresolved
        main.putValue(Constants.DYNAMICIMPORT_PACKAGE, "*");
        main.putValue(Constants.IMPORT_PACKAGE,
                "org.slf4j,org.osgi.framework,org.osgi.service.component;version=\"[1.4,2)\"");
        Path jar = target.resolve("openhab-core-standin.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            for (Path file : files) {
                jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(java.io.File.separatorChar, '/')));
                Files.copy(file, jarOut);
                jarOut.closeEntry();
            }
        }
        return jar;
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
