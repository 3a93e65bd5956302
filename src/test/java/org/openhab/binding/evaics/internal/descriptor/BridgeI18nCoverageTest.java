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
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.openhab.binding.evaics.internal.action.EvaControllerActions;
import org.openhab.binding.evaics.internal.discovery.EvaControllerDiscoveryService;
import org.openhab.binding.evaics.internal.discovery.EvaItemDiscoveryService;
import org.openhab.binding.evaics.internal.handler.StatusDescriptions;
import org.openhab.core.automation.annotation.ActionInput;
import org.openhab.core.automation.annotation.ActionOutput;
import org.openhab.core.automation.annotation.RuleAction;
import org.openhab.core.thing.binding.ThingActionsScope;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every text of the bridges has an entry in {@code ESH-INF/i18n/evaics.properties}: labels and descriptions of
 * broker.xml and controller.xml, the status descriptions, the inbox labels of both discovery services, and the rule
 * action annotations (whose parameters all carry {@code @ActionInput}).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class BridgeI18nCoverageTest {

    private static final Path I18N = Path.of("ESH-INF/i18n/evaics.properties");
    private static final String TEXT_PREFIX = "@text/";

    private static Properties texts() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(I18N, StandardCharsets.ISO_8859_1)) {
            properties.load(reader);
        }
        return properties;
    }

    @Test
    void everyStatusDescriptionHasAValidText() throws IOException {
        Properties texts = texts();
        for (String key : StatusDescriptions.KEYS) {
            assertValidText(texts, key);
        }
    }

    @Test
    void everyConfigurationProblemHasAValidText() throws IOException {
        Properties texts = texts();
        Pattern problem = Pattern.compile("new ConfigurationProblem\\(\"([a-z-]+)\"");
        List<String> keys = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher matcher = problem.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (matcher.find()) {
                    keys.add("offline.config-error." + matcher.group(1));
                }
            }
        }
        assertTrue(keys.size() >= 20, "configuration problems found in the sources: " + keys);
        for (String key : keys) {
            assertValidText(texts, key);
        }
    }

    /** The key has a text, and MessageFormat finds its placeholders (a quote would swallow them). */
    private static void assertValidText(Properties texts, String key) {
        String text = texts.getProperty(key);
        assertNotNull(text, key);
        assertEquals(text.contains("{0}"), new MessageFormat(text).getFormats().length > 0, key);
    }

    @Test
    void everyDiscoveryLabelHasATextWithItsParameter() throws IOException {
        Properties texts = texts();
        List<String> keys = new ArrayList<>(EvaItemDiscoveryService.LABEL_KEYS.values());
        keys.add(EvaControllerDiscoveryService.LABEL_KEY);
        assertEquals(4, keys.size());
        for (String key : keys) {
            String text = texts.getProperty(key);
            assertNotNull(text, key);
            assertEquals(1, new MessageFormat(text).getFormats().length, key + " = " + text);
        }
        assertEquals("EVA ICS Controller uc/host1",
                MessageFormat.format(texts.getProperty(EvaControllerDiscoveryService.LABEL_KEY), "uc/host1"));
    }

    @Test
    void everyLabelAndDescriptionOfTheBridgeTypesHasAText() throws Exception {
        Properties texts = texts();
        List<String> missing = new ArrayList<>();
        for (String type : List.of("broker", "controller")) {
            Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(Path.of("ESH-INF/thing/" + type + ".xml").toFile());
            require(texts, "thing-type.evaics." + type + ".label", missing);
            require(texts, "thing-type.evaics." + type + ".description", missing);
            NodeList parameters = xml.getElementsByTagName("parameter");
            for (int i = 0; i < parameters.getLength(); i++) {
                Element parameter = (Element) parameters.item(i);
                String prefix = "thing-type.config.evaics." + type + "." + parameter.getAttribute("name");
                require(texts, prefix + ".label", missing);
                require(texts, prefix + ".description", missing);
                NodeList options = parameter.getElementsByTagName("option");
                for (int j = 0; j < options.getLength(); j++) {
                    require(texts, prefix + ".option." + ((Element) options.item(j)).getAttribute("value"), missing);
                }
            }
            NodeList groups = xml.getElementsByTagName("parameter-group");
            for (int i = 0; i < groups.getLength(); i++) {
                require(texts, "thing-type.config.evaics." + type + ".group."
                        + ((Element) groups.item(i)).getAttribute("name") + ".label", missing);
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everyRuleActionTextExistsAndEveryParameterIsAnActionInput() throws IOException {
        Properties texts = texts();
        List<String> missing = new ArrayList<>();
        int actions = 0;
        for (Method method : EvaControllerActions.class.getMethods()) {
            RuleAction action = method.getAnnotation(RuleAction.class);
            if (action == null) {
                continue;
            }
            actions++;
            requireText(texts, action.label(), missing);
            requireText(texts, action.description(), missing);
            for (ActionOutput output : method.getAnnotationsByType(ActionOutput.class)) {
                requireText(texts, output.label(), missing);
                requireText(texts, output.description(), missing);
            }
            for (Parameter parameter : method.getParameters()) {
                ActionInput input = parameter.getAnnotation(ActionInput.class);
                assertNotNull(input, method.getName() + " parameter " + parameter.getName());
                requireText(texts, input.label(), missing);
                requireText(texts, input.description(), missing);
            }
        }
        assertEquals(2, actions);
        assertEquals(List.of(), missing);
    }

    @Test
    void actionsCarryTheBindingScope() {
        ThingActionsScope scope = EvaControllerActions.class.getAnnotation(ThingActionsScope.class);
        assertNotNull(scope);
        assertEquals("evaics", scope.name());
    }

    private static void requireText(Properties texts, String reference, List<String> missing) {
        assertTrue(reference.startsWith(TEXT_PREFIX), reference);
        require(texts, reference.substring(TEXT_PREFIX.length()), missing);
    }

    private static void require(Properties texts, String key, List<String> missing) {
        if (texts.getProperty(key, "").isBlank()) {
            missing.add(key);
        }
    }
}
