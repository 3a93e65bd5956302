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
package org.openhab.binding.evaics.test.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.EvaIcsBindingConstants;
import org.openhab.core.config.core.Configuration;
import org.openhab.core.thing.Channel;
import org.openhab.core.thing.ChannelUID;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingTypeUID;
import org.openhab.core.thing.ThingUID;
import org.openhab.core.thing.binding.builder.BridgeBuilder;
import org.openhab.core.thing.binding.builder.ChannelBuilder;
import org.openhab.core.thing.binding.builder.ThingBuilder;
import org.openhab.core.thing.type.ChannelKind;
import org.openhab.core.thing.type.ChannelTypeUID;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The binding's thing types as openHAB reads them from the packaged descriptors ({@code OH-INF/thing/*.xml} on the
 * class path): channels with their item types and kinds, configuration parameters with their defaults, the
 * representation property. {@link #create} builds a thing the way openHAB's thing factory does, so that hosted
 * handlers see the channels and default configuration they would see in openHAB.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class ThingTypes {

    /** Where the build puts the descriptors ({@code ESH-INF/} in the sources). */
    static final String DESCRIPTOR_FOLDER = "OH-INF/thing";

    /** One channel of a thing type. */
    public record ChannelDefinition(String id, String typeId, @Nullable String itemType, boolean trigger,
            String label) {
    }

    /** One thing or bridge type. */
    public record ThingTypeDefinition(ThingTypeUID uid, boolean bridge, String label, List<ChannelDefinition> channels,
            Map<String, Object> defaults, List<String> parameters, @Nullable String representationProperty) {
    }

    private final Map<ThingTypeUID, ThingTypeDefinition> types;

    private ThingTypes(Map<ThingTypeUID, ThingTypeDefinition> types) {
        this.types = types;
    }

    /** Reads every descriptor in {@value #DESCRIPTOR_FOLDER} of the class path. */
    public static ThingTypes load() {
        URL folder = Objects.requireNonNull(ThingTypes.class.getClassLoader()).getResource(DESCRIPTOR_FOLDER);
        if (folder == null || !"file".equals(folder.getProtocol())) {
            throw new IllegalStateException(DESCRIPTOR_FOLDER + " is not a folder on the class path: " + folder);
        }
        Map<String, ChannelDefinition> channelTypes = new HashMap<>();
        List<Element> thingTypes = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".xml")).sorted().toList()) {
                Element root = parse(file).getDocumentElement();
                for (Element channelType : children(root, "channel-type")) {
                    String id = channelType.getAttribute("id");
                    String kind = text(channelType, "kind");
                    channelTypes.put(id, new ChannelDefinition(id, id, text(channelType, "item-type"),
                            "trigger".equals(kind), String.valueOf(text(channelType, "label"))));
                }
                thingTypes.addAll(children(root, "thing-type"));
                thingTypes.addAll(children(root, "bridge-type"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Map<ThingTypeUID, ThingTypeDefinition> types = new LinkedHashMap<>();
        for (Element type : thingTypes) {
            ThingTypeDefinition definition = definition(type, channelTypes);
            types.put(definition.uid(), definition);
        }
        return new ThingTypes(types);
    }

    public ThingTypeDefinition get(ThingTypeUID type) {
        ThingTypeDefinition definition = types.get(type);
        if (definition == null) {
            throw new IllegalArgumentException("no thing type " + type + " in the descriptors");
        }
        return definition;
    }

    /**
     * A thing of the type with the type's channels, the type's default configuration overlaid with
     * {@code configuration}, and the given properties.
     */
    public Thing create(ThingTypeUID type, ThingUID uid, @Nullable ThingUID bridge, String label,
            Map<String, Object> configuration, Map<String, String> properties) {
        ThingTypeDefinition definition = get(type);
        Map<String, Object> merged = new HashMap<>(definition.defaults());
        merged.putAll(configuration);
        List<Channel> channels = new ArrayList<>();
        for (ChannelDefinition channel : definition.channels()) {
            ChannelUID channelUID = new ChannelUID(uid, channel.id());
            ChannelBuilder builder = channel.trigger() ? ChannelBuilder.create(channelUID).withKind(ChannelKind.TRIGGER)
                    : ChannelBuilder.create(channelUID, channel.itemType());
            channels.add(builder.withType(new ChannelTypeUID(EvaIcsBindingConstants.BINDING_ID, channel.typeId()))
                    .withLabel(channel.label()).build());
        }
        if (definition.bridge()) {
            return BridgeBuilder.create(type, uid).withBridge(bridge).withLabel(label)
                    .withConfiguration(new Configuration(merged)).withChannels(channels).withProperties(properties)
                    .build();
        }
        return ThingBuilder.create(type, uid).withBridge(bridge).withLabel(label)
                .withConfiguration(new Configuration(merged)).withChannels(channels).withProperties(properties).build();
    }

    private static ThingTypeDefinition definition(Element type, Map<String, ChannelDefinition> channelTypes) {
        ThingTypeUID uid = new ThingTypeUID(EvaIcsBindingConstants.BINDING_ID, type.getAttribute("id"));
        List<ChannelDefinition> channels = new ArrayList<>();
        for (Element list : children(type, "channels")) {
            for (Element channel : children(list, "channel")) {
                String typeId = channel.getAttribute("typeId");
                ChannelDefinition channelType = channelTypes.get(typeId);
                if (channelType == null) {
                    throw new IllegalStateException("channel type " + typeId + " of " + uid + " is not declared");
                }
                channels.add(new ChannelDefinition(channel.getAttribute("id"), typeId, channelType.itemType(),
                        channelType.trigger(), channelType.label()));
            }
        }
        Map<String, Object> defaults = new HashMap<>();
        List<String> parameters = new ArrayList<>();
        for (Element description : children(type, "config-description")) {
            for (Element parameter : children(description, "parameter")) {
                String name = parameter.getAttribute("name");
                parameters.add(name);
                String value = text(parameter, "default");
                if (value != null) {
                    defaults.put(name, typed(parameter.getAttribute("type"), value));
                }
            }
        }
        return new ThingTypeDefinition(uid, "bridge-type".equals(type.getLocalName()),
                String.valueOf(text(type, "label")), List.copyOf(channels), Map.copyOf(defaults),
                List.copyOf(parameters), text(type, "representation-property"));
    }

    /** Configuration values as openHAB stores them: numbers as BigDecimal, booleans as Boolean. */
    private static Object typed(String type, String value) {
        return switch (type) {
            case "integer", "decimal" -> new BigDecimal(value.strip());
            case "boolean" -> Boolean.valueOf(value.strip());
            default -> value;
        };
    }

    private static Document parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            return builder.parse(in);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> result = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && localName.equals(element.getLocalName())) {
                result.add(element);
            }
        }
        return result;
    }

    private static @Nullable String text(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        return found.isEmpty() ? null : found.get(0).getTextContent().strip();
    }
}
