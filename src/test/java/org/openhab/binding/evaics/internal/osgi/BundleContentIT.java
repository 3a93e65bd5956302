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

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the built bundle must contain for openHAB 4.3 and 5.x to load it: the descriptors under {@code OH-INF/},
 * component descriptors, the embedded Paho client with its service file and messages, msgpack, and no class of the
 * openHAB core. Every import of an openHAB core package carries the version range {@code [4.3,6)}, which openHAB
 * 4.3.x and 5.x satisfy; {@link OpenHabCoreIT} shows that they resolve against the real cores.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class BundleContentIT {

    private static List<String> entries = List.of();
    private static Attributes manifest = new Attributes();

    @BeforeAll
    static void readBundle() throws IOException {
        Path jar = Path.of(System.getProperty("evaics.bundle", "target/missing.jar"));
        try (JarFile file = new JarFile(jar.toFile())) {
            entries = file.stream().map(e -> e.getName()).collect(Collectors.toList());
            manifest = Objects.requireNonNull(file.getManifest(), jar + " has no manifest").getMainAttributes();
        }
    }

    @Test
    void containsTheDescriptorsAsOhInf() {
        assertTrue(entries.contains("OH-INF/addon/addon.xml"));
        assertTrue(entries.stream().anyMatch(e -> e.matches("OH-INF/thing/[^/]+\\.xml")), "no OH-INF/thing/*.xml");
        assertFalse(entries.stream().anyMatch(e -> e.startsWith("ESH-INF/")), "ESH-INF must be packaged as OH-INF");
    }

    @Test
    void containsComponentDescriptors() {
        assertTrue(entries.stream().anyMatch(e -> e.matches("OSGI-INF/[^/]+\\.xml")), "no OSGI-INF/*.xml");
        assertNotNull(manifest.getValue("Service-Component"), "no Service-Component header");
    }

    @Test
    void embedsPahoWholeWithItsServiceFileAndMessages() {
        assertTrue(entries.contains("org/eclipse/paho/client/mqttv3/MqttAsyncClient.class"));
        assertTrue(entries.contains("META-INF/services/org.eclipse.paho.client.mqttv3.spi.NetworkModuleFactory"));
        assertTrue(entries.contains("org/eclipse/paho/client/mqttv3/internal/nls/logcat.properties"));
        assertTrue(entries.contains("org/eclipse/paho/client/mqttv3/internal/nls/messages.properties"));
    }

    @Test
    void embedsMsgpack() {
        assertTrue(entries.contains("org/msgpack/core/MessagePack.class"));
    }

    @Test
    void containsNoOpenHabCoreClasses() {
        assertEquals(List.of(), entries.stream().filter(e -> e.startsWith("org/openhab/core/")).toList());
    }

    @Test
    void importsOpenHabWithTheVersionRangeOf43And5xAndGsonFromTheRuntime() {
        String imports = manifest.getValue("Import-Package");
        assertNotNull(imports);
        assertTrue(imports.contains("com.google.gson"), imports);
        // Import-Package: a,b;version="[4.3,6)",... (commas inside the quoted ranges are no separators)
        Matcher clause = Pattern.compile("(org\\.openhab\\.core[\\w.]*)((?:;[^,\"]*(?:\"[^\"]*\")?)*)")
                .matcher(imports);
        List<String> packages = new ArrayList<>();
        while (clause.find()) {
            packages.add(clause.group(1));
            assertTrue(clause.group(2).contains(";version=\"[4.3,6)\""),
                    clause.group(1) + " must be imported with the range [4.3,6): " + clause.group());
        }
        assertTrue(packages.contains("org.openhab.core.thing"), imports);
        assertFalse(imports.contains("org.eclipse.paho"), "Paho must be embedded, not imported: " + imports);
        assertFalse(imports.contains("org.msgpack"), "msgpack must be embedded, not imported: " + imports);
        assertEquals("org.openhab.binding.evaics", manifest.getValue("Bundle-SymbolicName"));
    }
}
