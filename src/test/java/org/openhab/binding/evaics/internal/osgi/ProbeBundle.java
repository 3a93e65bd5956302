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
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.internal.osgi.probe.OpenHabProbe;
import org.osgi.framework.Constants;

/**
 * Packs the compiled probe implementation ({@code probe/impl/*.class} of the test classes) into a bundle. Inside the
 * framework it sees the real openHAB classes (DynamicImport-Package: the exporting core bundles) and the
 * {@link OpenHabProbe} API from the system bundle, and registers its {@link OpenHabProbe} service.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class ProbeBundle {

    static final String SYMBOLIC_NAME = "org.openhab.binding.evaics.itest.probe";
    private static final String IMPL_PACKAGE = OpenHabProbe.class.getPackageName() + ".impl";

    private ProbeBundle() {
    }

    /** Writes the probe bundle into the folder and returns its path. */
    static Path build(Path folder) throws IOException {
        Path classes;
        try {
            classes = Path.of(OpenHabProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        String implDir = IMPL_PACKAGE.replace('.', '/');
        List<Path> files;
        try (Stream<Path> list = Files.list(classes.resolve(implDir))) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".class")).sorted().toList();
        }
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        main.putValue(Constants.BUNDLE_SYMBOLICNAME, SYMBOLIC_NAME);
        main.putValue(Constants.BUNDLE_VERSION, "1.0.0");
        main.putValue(Constants.BUNDLE_ACTIVATOR, IMPL_PACKAGE + ".ProbeActivator");
        main.putValue(Constants.IMPORT_PACKAGE, "org.osgi.framework," + OpenHabProbe.class.getPackageName());
        main.putValue(Constants.DYNAMICIMPORT_PACKAGE, "*");
        Path jar = folder.resolve("evaics-itest-probe.jar");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            for (Path file : files) {
                jarOut.putNextEntry(new JarEntry(implDir + "/" + file.getFileName()));
                Files.copy(file, jarOut);
                jarOut.closeEntry();
            }
        }
        return jar;
    }
}
