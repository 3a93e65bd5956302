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
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openhab.binding.evaics.internal.handler.SensorValueTypes;
import org.openhab.binding.evaics.internal.handler.UnitDimensions;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The semantic model of the descriptors, checked against the default semantic tags of openHAB 4.3.11 and 5.2.1
 * ({@code src/test/resources/semantics}): every channel type that can be linked to an item carries a point tag and
 * at most one property tag that both versions know, the thing categories that name an equipment are equipment tags
 * of both, the sensor value channel has one channel type per supported dimension (as {@link SensorValueTypes} puts
 * them on the channel), and the writable status channels offer their known values as state options.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class SemanticModelTest {

    private static final List<String> VERSIONS = List.of("4.3.11", "5.2.1");
    private static final Path THING_XML = Path.of("ESH-INF/thing");

    /** Tag names (last segment of the key) of one kind (Point, Property, Equipment) in one openHAB version. */
    private static Set<String> tags(String version, String kind) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = SemanticModelTest.class
                .getResourceAsStream("/semantics/" + version + "/tags.properties")) {
            assertNotNull(in, "tags of openHAB " + version);
            properties.load(in);
        }
        Set<String> names = new HashSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(kind + "_") && !key.endsWith("__description")) {
                names.add(key.substring(key.lastIndexOf('_') + 1));
            }
        }
        assertFalse(names.isEmpty(), kind + " tags of openHAB " + version);
        return names;
    }

    private static Document descriptor(String name) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(THING_XML.resolve(name).toFile());
    }

    private static Map<String, Element> channelTypes() throws Exception {
        Map<String, Element> types = new LinkedHashMap<>();
        for (String file : List.of("broker.xml", "controller.xml", "items.xml")) {
            for (Element type : children(descriptor(file).getDocumentElement(), "channel-type")) {
                types.put(type.getAttribute("id"), type);
            }
        }
        return types;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> result = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && name.equals(element.getTagName())) {
                result.add(element);
            }
        }
        return result;
    }

    private static @Nullable String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0).getTextContent().strip();
    }

    private static List<String> tagsOf(Element channelType) {
        List<String> tags = new ArrayList<>();
        for (Element group : children(channelType, "tags")) {
            for (Element tag : children(group, "tag")) {
                tags.add(tag.getTextContent().strip());
            }
        }
        return tags;
    }

    private static boolean isTrigger(Element channelType) {
        return "trigger".equals(text(channelType, "kind"));
    }

    @Test
    void everyStateChannelTypeHasOnePointTagAndAtMostOnePropertyTagOfBothVersions() throws Exception {
        Map<String, Element> types = channelTypes();
        assertTrue(types.size() > 20, "channel types were not read: " + types.size());
        for (String version : VERSIONS) {
            Set<String> points = tags(version, "Point");
            Set<String> properties = tags(version, "Property");
            for (Map.Entry<String, Element> type : types.entrySet()) {
                List<String> tags = tagsOf(type.getValue());
                String where = type.getKey() + " " + tags + " (openHAB " + version + ")";
                if (isTrigger(type.getValue())) {
                    assertEquals(List.of(), tags, where + ": a trigger channel is no point");
                    continue;
                }
                assertFalse(tags.isEmpty(), where + " has no tags");
                assertTrue(points.contains(tags.get(0)), where + ": the first tag is no point tag");
                assertTrue(tags.size() <= 2, where);
                if (tags.size() == 2) {
                    assertTrue(properties.contains(tags.get(1)), where + ": the second tag is no property tag");
                }
            }
        }
    }

    @Test
    void thingCategoriesThatNameAnEquipmentAreEquipmentTagsOfBothVersions() throws Exception {
        Document items = descriptor("items.xml");
        Map<String, @Nullable String> categories = new LinkedHashMap<>();
        for (Element type : children(items.getDocumentElement(), "thing-type")) {
            categories.put(type.getAttribute("id"), text(type, "category"));
        }
        // a sensor is openHAB's Sensor equipment; a unit (relay, lamp, motor ...) and a logic variable have no
        // equipment tag that fits all of them in both versions, so they carry none
        Map<String, @Nullable String> expected = new LinkedHashMap<>();
        expected.put("unit", null);
        expected.put("sensor", "Sensor");
        expected.put("lvar", null);
        assertEquals(expected, categories);
        for (String version : VERSIONS) {
            assertTrue(tags(version, "Equipment").contains("Sensor"), version);
        }
    }

    @Test
    void noThingTypeHasASemanticEquipmentTagBecauseOpenHab43RejectsIt() throws Exception {
        for (String file : List.of("broker.xml", "controller.xml", "items.xml")) {
            assertEquals(0, descriptor(file).getElementsByTagName("semantic-equipment-tag").getLength(), file);
        }
        String withTag = """
                <thing:thing-descriptions bindingId="evaics"
                	xmlns:thing="https://openhab.org/schemas/thing-description/v1.0.0">
                	<thing-type id="sensor">
                		<label>Sensor</label>
                		<category>Sensor</category>
                		<semantic-equipment-tag>Sensor</semantic-equipment-tag>
                	</thing-type>
                </thing:thing-descriptions>
                """;
        assertNull(problems(withTag, "5.2.1"));
        String problem = problems(withTag, "4.3.11");
        assertNotNull(problem, "openHAB 4.3 accepts semantic-equipment-tag");
        assertTrue(problem.contains("semantic-equipment-tag"), problem);
    }

    private static @Nullable String problems(String xml, String version) throws IOException {
        try {
            DescriptorSchemaTest.validator(version, "thing-description-1.0.0.xsd")
                    .validate(new StreamSource(new StringReader(xml)));
            return null;
        } catch (SAXException e) {
            return e.getMessage();
        }
    }

    @Test
    void sensorValueHasOneChannelTypePerSupportedDimension() throws Exception {
        Map<String, Element> types = channelTypes();
        assertEquals(UnitDimensions.DIMENSIONS.size() + 3, SensorValueTypes.TYPES.size());
        for (SensorValueTypes.ValueType valueType : SensorValueTypes.TYPES.values()) {
            Element type = types.get(valueType.channelTypeId());
            assertNotNull(type, "items.xml has no channel type " + valueType.channelTypeId());
            assertEquals(valueType.itemType(), text(type, "item-type"), valueType.channelTypeId());
            assertEquals(valueType.tags(), tagsOf(type), valueType.channelTypeId());
            assertEquals(SensorValueTypes.POINT_TAG, valueType.tags().get(0));
            List<Element> states = children(type, "state");
            assertEquals("true", states.get(0).getAttribute("readOnly"), valueType.channelTypeId());
        }
        List<String> inXml = types.keySet().stream()
                .filter(id -> id.startsWith(SensorValueTypes.PLAIN) && !"sensor-value-string".equals(id)).toList();
        assertEquals(Set.copyOf(inXml), SensorValueTypes.TYPES.keySet());
    }

    @ParameterizedTest
    @CsvSource({ "sensor-value-percent, %", "sensor-value-ppm, ppm" })
    void dimensionlessUnitsHintTheirUnit(String channelType, String unit) throws Exception {
        Element type = channelTypes().get(channelType);
        assertNotNull(type, channelType);
        Element itemType = children(type, "item-type").get(0);
        assertEquals(unit, itemType.getAttribute("unitHint"));
    }

    @Test
    void unitSwitchIsAPowerSwitch() throws Exception {
        Element type = channelTypes().get("unit-switch");
        assertNotNull(type);
        assertEquals(List.of("Switch", "Power"), tagsOf(type));
        assertEquals("Switch", text(type, "category"));
    }

    @ParameterizedTest
    @CsvSource({ "unit-status, '0=Off,1=On'", "lvar-status, '1=Active,0=Disabled,-1=Expired'",
            "sensor-status, '1=OK,0=Disabled,-1=Error'" })
    void statusChannelsOfferTheirKnownValues(String channelType, String expected) throws Exception {
        Element type = channelTypes().get(channelType);
        assertNotNull(type);
        List<String> options = new ArrayList<>();
        for (Element state : children(type, "state")) {
            for (Element group : children(state, "options")) {
                for (Element option : children(group, "option")) {
                    options.add(option.getAttribute("value") + "=" + option.getTextContent().strip());
                }
            }
        }
        assertEquals(List.of(expected.split(",")), options);
        // a unit's other statuses (multi-position units) are still shown and accepted as plain numbers
        assertEquals("%d", children(type, "state").get(0).getAttribute("pattern"));
    }

    @Test
    void theIdParameterNamesTheEvaItemFullId() throws Exception {
        Document items = descriptor("items.xml");
        int found = 0;
        for (Element type : children(items.getDocumentElement(), "thing-type")) {
            for (Element config : children(type, "config-description")) {
                for (Element parameter : children(config, "parameter")) {
                    if ("id".equals(parameter.getAttribute("name"))) {
                        assertEquals("EVA Item Full ID", text(parameter, "label"), type.getAttribute("id"));
                        found++;
                    }
                }
            }
        }
        assertEquals(3, found);
    }
}
