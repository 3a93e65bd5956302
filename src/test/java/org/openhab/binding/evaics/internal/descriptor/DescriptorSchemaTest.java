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
package org.openhab.binding.evaics.internal.descriptor;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.SAXException;

/**
 * Validates every descriptor in {@code ESH-INF/} against openHAB's XML schemas, as openHAB's own build does, for
 * every supported openHAB version: 5.2.1 (copied into {@code src/test/resources/schema}) and 4.3.11 (in
 * {@code src/test/resources/schema/4.3.11}). The versions differ (4.3 has no {@code semantic-equipment-tag}, 5.x
 * only accepts semantic point and property tags on channel types), and a descriptor must load in both. The schemas
 * import each other by their public URL; a resolver maps those imports to the local copies of the same version so
 * the test runs offline.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class DescriptorSchemaTest {

    private static final Path DESCRIPTORS = Path.of("ESH-INF");
    private static final String SCHEMA_URL_PREFIX = "https://openhab.org/schemas/";
    /** openHAB version and the test resource folder of its schemas. */
    static final Map<String, String> SCHEMA_FOLDERS = Map.of("5.2.1", "/schema/", "4.3.11", "/schema/4.3.11/");
    private static final Map<String, String> SCHEMA_BY_FOLDER = Map.of("addon", "addon-1.0.0.xsd", "thing",
            "thing-description-1.0.0.xsd", "config", "config-description-1.0.0.xsd");

    @Test
    void descriptorFoldersExist() {
        assertTrue(Files.isRegularFile(DESCRIPTORS.resolve("addon/addon.xml")), "ESH-INF/addon/addon.xml is missing");
        assertFalse(xmlFiles("thing").isEmpty(), "ESH-INF/thing has no thing type descriptor");
    }

    @TestFactory
    Stream<DynamicTest> everyDescriptorValidatesAgainstItsSchema() {
        List<DynamicTest> tests = new ArrayList<>();
        SCHEMA_FOLDERS.forEach((version, schemaFolder) -> SCHEMA_BY_FOLDER.forEach((folder, schemaFile) -> {
            for (Path xml : xmlFiles(folder)) {
                tests.add(DynamicTest.dynamicTest(xml + " (openHAB " + version + ")",
                        () -> validate(xml, schemaFolder, schemaFile)));
            }
        }));
        return tests.stream();
    }

    private static List<Path> xmlFiles(String folder) {
        Path dir = DESCRIPTORS.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir, e);
        }
    }

    @Test
    void bothVersionsHaveAllThreeSchemas() {
        SCHEMA_FOLDERS.values().forEach(folder -> SCHEMA_BY_FOLDER.values().forEach(file -> schemaUrl(folder, file)));
    }

    /** A validator of one schema file of one openHAB version ({@code 4.3.11}, {@code 5.2.1}). */
    static Validator validator(String version, String schemaFile) {
        String schemaFolder = SCHEMA_FOLDERS.get(version);
        if (schemaFolder == null) {
            throw new IllegalArgumentException("no schemas of openHAB " + version);
        }
        try {
            return schema(schemaFolder, schemaFile).newValidator();
        } catch (SAXException e) {
            throw new IllegalStateException("schema " + schemaFolder + schemaFile + " does not load", e);
        }
    }

    private static Schema schema(String schemaFolder, String schemaFile) throws SAXException {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setResourceResolver(new LocalSchemaResolver(schemaFolder));
        return factory.newSchema(schemaUrl(schemaFolder, schemaFile));
    }

    private static void validate(Path xml, String schemaFolder, String schemaFile) throws IOException, SAXException {
        Validator validator = schema(schemaFolder, schemaFile).newValidator();
        try {
            validator.validate(new StreamSource(xml.toFile()));
        } catch (SAXException e) {
            fail(xml + " does not validate against " + schemaFolder + schemaFile + ": " + e.getMessage());
        }
    }

    private static URL schemaUrl(String schemaFolder, String schemaFile) {
        URL url = DescriptorSchemaTest.class.getResource(schemaFolder + schemaFile);
        if (url == null) {
            throw new IllegalStateException("schema " + schemaFolder + schemaFile + " missing from test resources");
        }
        return url;
    }

    /** Maps {@code https://openhab.org/schemas/x.xsd} imports to {@code x.xsd} of one version's schema folder. */
    private static final class LocalSchemaResolver implements LSResourceResolver {
        private final String schemaFolder;

        LocalSchemaResolver(String schemaFolder) {
            this.schemaFolder = schemaFolder;
        }

        @Override
        public @Nullable LSInput resolveResource(@Nullable String type, @Nullable String namespaceURI,
                @Nullable String publicId, @Nullable String systemId, @Nullable String baseURI) {
            if (systemId == null || !systemId.startsWith(SCHEMA_URL_PREFIX)) {
                return null;
            }
            URL local = schemaUrl(schemaFolder, systemId.substring(SCHEMA_URL_PREFIX.length()));
            return new UrlInput(local, publicId, systemId, baseURI);
        }
    }

    private static final class UrlInput implements LSInput {
        private final URL url;
        private @Nullable String publicId;
        private @Nullable String systemId;
        private @Nullable String baseUri;

        UrlInput(URL url, @Nullable String publicId, String systemId, @Nullable String baseUri) {
            this.url = url;
            this.publicId = publicId;
            this.systemId = systemId;
            this.baseUri = baseUri;
        }

        @Override
        public @Nullable Reader getCharacterStream() {
            return null;
        }

        @Override
        public void setCharacterStream(@Nullable Reader characterStream) {
        }

        @Override
        public @Nullable InputStream getByteStream() {
            try {
                return url.openStream();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + url, e);
            }
        }

        @Override
        public void setByteStream(@Nullable InputStream byteStream) {
        }

        @Override
        public @Nullable String getStringData() {
            return null;
        }

        @Override
        public void setStringData(@Nullable String stringData) {
        }

        @Override
        public @Nullable String getSystemId() {
            return systemId;
        }

        @Override
        public void setSystemId(@Nullable String systemId) {
            this.systemId = systemId;
        }

        @Override
        public @Nullable String getPublicId() {
            return publicId;
        }

        @Override
        public void setPublicId(@Nullable String publicId) {
            this.publicId = publicId;
        }

        @Override
        public @Nullable String getBaseURI() {
            return baseUri;
        }

        @Override
        public void setBaseURI(@Nullable String baseURI) {
            this.baseUri = baseURI;
        }

        @Override
        public @Nullable String getEncoding() {
            return null;
        }

        @Override
        public void setEncoding(@Nullable String encoding) {
        }

        @Override
        public boolean getCertifiedText() {
            return false;
        }

        @Override
        public void setCertifiedText(boolean certifiedText) {
        }
    }
}
