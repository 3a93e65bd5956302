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
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.internal.action.EvaControllerActions;
import org.openhab.binding.evaics.internal.action.EvaLvarActions;
import org.openhab.binding.evaics.internal.action.EvaUnitActions;
import org.openhab.binding.evaics.internal.osgi.probe.OpenHabProbe.ActionModuleType;
import org.openhab.binding.evaics.internal.osgi.probe.OpenHabProbe.Parameter;
import org.openhab.core.automation.annotation.ActionInput;
import org.openhab.core.automation.annotation.ActionOutput;
import org.openhab.core.automation.annotation.RuleAction;
import org.openhab.core.thing.binding.ThingActionsScope;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What openHAB should find in the binding, read from the sources rather than from openHAB: the thing types, channel
 * types and config descriptions of {@code ESH-INF/thing/*.xml}, and the rule actions of the binding's action
 * classes (their {@code @RuleAction} methods, with the inputs and outputs the Java methods declare).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class Descriptors {

    static final List<Class<?>> ACTION_CLASSES = List.of(EvaControllerActions.class, EvaUnitActions.class,
            EvaLvarActions.class);

    /** UIDs of thing types and bridge types. */
    final List<String> thingTypes = new ArrayList<>();
    final List<String> channelTypes = new ArrayList<>();
    /** Config description URI to parameter names, in document order. */
    final Map<String, List<String>> configDescriptions = new TreeMap<>();

    private Descriptors() {
    }

    /** Reads every {@code *.xml} of the folder (the project's {@code ESH-INF/thing}). */
    static Descriptors read(Path thingFolder) throws IOException {
        Descriptors descriptors = new Descriptors();
        try (Stream<Path> files = Files.list(thingFolder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".xml")).sorted().toList()) {
                descriptors.readFile(file);
            }
        }
        return descriptors;
    }

    private void readFile(Path file) throws IOException {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            document = factory.newDocumentBuilder().parse(file.toFile());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("cannot parse " + file, e);
        }
        Element root = document.getDocumentElement();
        String bindingId = root.getAttribute("bindingId");
        for (Element type : children(root)) {
            String id = bindingId + ":" + type.getAttribute("id");
            switch (type.getLocalName()) {
                case "thing-type", "bridge-type" -> {
                    thingTypes.add(id);
                    configDescription(type, "thing-type:" + id);
                }
                case "channel-type", "channel-group-type" -> {
                    channelTypes.add(id);
                    configDescription(type, "channel-type:" + id);
                }
                case "config-description" -> configDescription(root, type.getAttribute("uri"));
                default -> {
                }
            }
        }
    }

    /** The inline config description of a type (or a top-level one), if it has one. */
    private void configDescription(Element parent, String uri) {
        for (Element description : children(parent)) {
            if ("config-description".equals(description.getLocalName())
                    && (description.getAttribute("uri").isEmpty() || uri.equals(description.getAttribute("uri")))) {
                List<String> names = new ArrayList<>();
                for (Element parameter : children(description)) {
                    if ("parameter".equals(parameter.getLocalName())) {
                        names.add(parameter.getAttribute("name"));
                    }
                }
                configDescriptions.put(uri, names);
            }
        }
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE && nodes.item(i) instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }

    /**
     * Every rule action of the binding's action classes as a module type should show it: UID prefix
     * {@code <scope>.<method>} (openHAB appends {@code #<hash of the parameter types>}), the inputs of the
     * {@code @ActionInput} parameters (Java type of the parameter unless the annotation names one), and the outputs
     * of the {@code @ActionOutput} annotations; keyed by {@code Class.method}.
     */
    static Map<String, ActionModuleType> ruleActions() {
        Map<String, ActionModuleType> actions = new LinkedHashMap<>();
        for (Class<?> type : ACTION_CLASSES) {
            ThingActionsScope scope = type.getAnnotation(ThingActionsScope.class);
            for (Method method : type.getDeclaredMethods()) {
                if (scope != null && method.isAnnotationPresent(RuleAction.class)) {
                    actions.put(type.getSimpleName() + "." + method.getName(),
                            new ActionModuleType(scope.name() + "." + method.getName(), inputs(method),
                                    outputs(method)));
                }
            }
        }
        return actions;
    }

    private static List<Parameter> inputs(Method method) {
        List<Parameter> inputs = new ArrayList<>();
        for (java.lang.reflect.Parameter parameter : method.getParameters()) {
            for (ActionInput input : parameter.getAnnotationsByType(ActionInput.class)) {
                String type = input.type().isEmpty() ? parameter.getType().getCanonicalName() : input.type();
                inputs.add(new Parameter(input.name(), type, input.required()));
            }
        }
        return inputs;
    }

    private static List<Parameter> outputs(Method method) {
        return Stream.of(method.getAnnotationsByType(ActionOutput.class))
                .map(output -> new Parameter(output.name(), output.type(), false)).toList();
    }
}
