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
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import javax.xml.parsers.DocumentBuilderFactory;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openhab.binding.evaics.internal.action.EvaLvarActions;
import org.openhab.binding.evaics.internal.action.EvaUnitActions;
import org.openhab.binding.evaics.internal.handler.StatusDescriptions;
import org.openhab.core.automation.annotation.ActionInput;
import org.openhab.core.automation.annotation.ActionOutput;
import org.openhab.core.automation.annotation.RuleAction;
import org.openhab.core.thing.binding.ThingActions;
import org.openhab.core.thing.binding.ThingActionsScope;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The item things' texts are all in the default i18n file, under openHAB's key scheme (api-subset §12), with the
 * same wording as {@code items.xml}; status descriptions and rule action annotations only use keys that exist.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class ItemTextsTest {

    private static final Path ITEMS_XML = Path.of("ESH-INF/thing/items.xml");
    private static final Path I18N = Path.of("ESH-INF/i18n/evaics.properties");
    private static final String BINDING = "evaics";
    private static final String TEXT_PREFIX = "@text/";

    private static Properties texts() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(I18N, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    /** Every key items.xml implies, with the text the XML gives it. */
    private static Map<String, String> keysOfItemsXml() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        Document document = factory.newDocumentBuilder().parse(ITEMS_XML.toFile());
        Map<String, String> keys = new LinkedHashMap<>();
        for (Element type : children(document.getDocumentElement(), "thing-type")) {
            String id = type.getAttribute("id");
            addText(keys, "thing-type." + BINDING + "." + id, type);
            for (Element config : children(type, "config-description")) {
                for (Element parameter : children(config, "parameter")) {
                    String prefix = "thing-type.config." + BINDING + "." + id + "." + parameter.getAttribute("name");
                    addText(keys, prefix, parameter);
                    addOptions(keys, prefix + ".option.", parameter);
                }
            }
        }
        for (Element type : children(document.getDocumentElement(), "channel-type")) {
            String prefix = "channel-type." + BINDING + "." + type.getAttribute("id");
            addText(keys, prefix, type);
            for (Element state : children(type, "state")) {
                addOptions(keys, prefix + ".state.option.", state);
            }
        }
        return keys;
    }

    private static void addText(Map<String, String> keys, String prefix, Element element) {
        for (String name : List.of("label", "description")) {
            for (Element text : children(element, name)) {
                keys.put(prefix + "." + name, normalized(text.getTextContent()));
            }
        }
    }

    private static void addOptions(Map<String, String> keys, String prefix, Element element) {
        for (Element options : children(element, "options")) {
            for (Element option : children(options, "option")) {
                keys.put(prefix + option.getAttribute("value"), normalized(option.getTextContent()));
            }
        }
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

    private static String normalized(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    private static void assertKey(Properties texts, String reference) {
        assertTrue(reference.startsWith(TEXT_PREFIX), reference + " is no @text/ reference");
        String key = reference.substring(TEXT_PREFIX.length());
        assertNotNull(texts.getProperty(key), "missing i18n key " + key);
    }

    @Test
    void everyTextOfItemsXmlIsInTheI18nFileWithTheSameWording() throws Exception {
        Properties texts = texts();
        Map<String, String> keys = keysOfItemsXml();
        assertTrue(keys.size() > 40, "items.xml was not read: " + keys.size() + " keys");
        for (Map.Entry<String, String> key : keys.entrySet()) {
            String text = texts.getProperty(key.getKey());
            assertNotNull(text, "missing i18n key " + key.getKey());
            assertEquals(key.getValue(), normalized(text), key.getKey());
        }
    }

    @Test
    void everyStatusDescriptionKeyIsInTheI18nFile() throws IOException {
        Properties texts = texts();
        for (String key : StatusDescriptions.KEYS) {
            assertKey(texts, TEXT_PREFIX + key);
        }
    }

    @Test
    void statusTextsHaveNoApostrophesThatMessageFormatWouldEat() throws IOException {
        Properties texts = texts();
        for (String key : StatusDescriptions.KEYS) {
            String text = Objects.requireNonNull(texts.getProperty(key), key);
            assertFalse(text.contains("'"), key);
        }
    }

    @ParameterizedTest
    @ValueSource(classes = { EvaUnitActions.class, EvaLvarActions.class })
    void ruleActionsAreAnnotatedWithTextsThatExist(Class<?> actions) throws IOException {
        Properties texts = texts();
        ThingActionsScope scope = actions.getAnnotation(ThingActionsScope.class);
        assertNotNull(scope);
        assertEquals(BINDING, scope.name());
        List<Method> ruleActions = ruleActions(actions);
        assertFalse(ruleActions.isEmpty());
        for (Method method : ruleActions) {
            RuleAction action = Objects.requireNonNull(method.getAnnotation(RuleAction.class),
                    method + " has no @RuleAction");
            assertKey(texts, action.label());
            assertKey(texts, action.description());
            ActionOutput[] outputs = method.getAnnotationsByType(ActionOutput.class);
            assertTrue(outputs.length > 0, method + " has no @ActionOutput");
            for (ActionOutput output : outputs) {
                assertKey(texts, output.label());
                assertKey(texts, output.description());
            }
            for (Parameter parameter : method.getParameters()) {
                ActionInput input = parameter.getAnnotation(ActionInput.class);
                assertNotNull(input, method + " parameter " + parameter + " has no @ActionInput");
                assertKey(texts, input.label());
                assertKey(texts, input.description());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(classes = { EvaUnitActions.class, EvaLvarActions.class })
    void everyRuleActionHasAStaticTwinForTheRulesDsl(Class<?> actions) throws NoSuchMethodException {
        for (Method method : ruleActions(actions)) {
            Class<?>[] twinParameters = new Class<?>[method.getParameterCount() + 1];
            twinParameters[0] = ThingActions.class;
            System.arraycopy(method.getParameterTypes(), 0, twinParameters, 1, method.getParameterCount());
            Method twin = actions.getMethod(method.getName(), twinParameters);
            assertTrue(Modifier.isStatic(twin.getModifiers()), twin.toString());
            assertEquals(method.getReturnType(), twin.getReturnType(), twin.toString());
        }
    }

    private static List<Method> ruleActions(Class<?> actions) {
        return Arrays.stream(actions.getMethods()).filter(m -> m.isAnnotationPresent(RuleAction.class)).toList();
    }
}
