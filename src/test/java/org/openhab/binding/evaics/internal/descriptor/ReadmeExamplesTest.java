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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.openhab.binding.evaics.internal.EvaIcsBindingConstants;
import org.openhab.binding.evaics.test.host.ThingTypes;
import org.openhab.binding.evaics.test.host.ThingTypes.ChannelDefinition;
import org.openhab.binding.evaics.test.host.ThingTypes.ThingTypeDefinition;
import org.openhab.core.thing.ThingTypeUID;

/**
 * The README's examples and tables name only what the descriptors have: the thing types, configuration parameters and
 * channels of its full example (things, items, rules) and the parameters of its configuration tables.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class ReadmeExamplesTest {

    private static final Path README = Path.of("README.md");
    /** {@code Bridge evaics:broker:home "label" [ ... ]}, {@code Bridge controller uc1 ...}, {@code Thing unit ...}. */
    private static final Pattern THING_LINE = Pattern
            .compile("^\\s*(Bridge|Thing)\\s+(?:evaics:)?([a-z]+)(?::([A-Za-z0-9_-]+))?\\s+(?:([A-Za-z0-9_-]+)\\s+)?"
                    + "\"[^\"]*\"\\s*\\[(.*)\\]");
    private static final Pattern PARAMETER = Pattern.compile("([A-Za-z][A-Za-z0-9]*)\\s*=");
    /** A channel UID of an item thing in the README: {@code evaics:<type>:<broker>:<controller>:<thing>:<channel>}. */
    private static final Pattern CHANNEL_UID = Pattern.compile("\"evaics:(unit|sensor|lvar):((?:[A-Za-z0-9_-]+:){3})"
            + "([a-z][a-z0-9-]*)\"");
    /** The first column of a configuration table row: {@code | `name` | ...}. */
    private static final Pattern TABLE_PARAMETER = Pattern
            .compile("^\\| (?:`[a-z]+`|all) \\| `([A-Za-z]+)` \\||^\\| `([A-Za-z]+)` \\|");

    private final ThingTypes types = ThingTypes.load();

    @Test
    void thingsOfTheFullExampleHaveKnownTypesAndParameters() throws IOException {
        List<String> checked = new ArrayList<>();
        for (String line : fullExampleThings()) {
            Matcher thing = THING_LINE.matcher(line);
            if (!thing.find()) {
                continue;
            }
            ThingTypeDefinition type = types.get(new ThingTypeUID(EvaIcsBindingConstants.BINDING_ID, thing.group(2)));
            assertEquals("Bridge".equals(thing.group(1)), type.bridge(), "bridge or thing: " + line);
            Matcher parameter = PARAMETER.matcher(thing.group(5));
            while (parameter.find()) {
                assertTrue(type.parameters().contains(parameter.group(1)),
                        "the README's " + type.uid() + " has no parameter " + parameter.group(1));
            }
            checked.add(type.uid().getId());
        }
        assertEquals(List.of("broker", "controller", "unit", "sensor", "controller", "lvar"), checked,
                "the things of the README's full example");
    }

    @Test
    void everyChannelUidInTheReadmeNamesAChannelOfItsThingType() throws IOException {
        Matcher channel = CHANNEL_UID.matcher(readme());
        int count = 0;
        while (channel.find()) {
            ThingTypeDefinition type = types.get(new ThingTypeUID(EvaIcsBindingConstants.BINDING_ID, channel.group(1)));
            String id = channel.group(3);
            assertTrue(type.channels().stream().map(ChannelDefinition::id).anyMatch(id::equals),
                    "the README links " + channel.group() + ", but " + type.uid() + " has no channel " + id);
            count++;
        }
        assertTrue(count >= 5, "channel UIDs found in the README: " + count);
    }

    @Test
    void everyParameterOfTheConfigurationTablesExists() throws IOException {
        Map<String, List<String>> tables = configurationTables();
        assertEquals(List.of("broker", "controller", "unit"), List.copyOf(tables.keySet()),
                "configuration tables of the README");
        for (Map.Entry<String, List<String>> table : tables.entrySet()) {
            List<String> sameParameters = "unit".equals(table.getKey()) ? List.of("unit", "sensor", "lvar")
                    : List.of(table.getKey());
            for (String parameter : table.getValue()) {
                boolean known = sameParameters.stream()
                        .map(type -> types.get(new ThingTypeUID(EvaIcsBindingConstants.BINDING_ID, type)))
                        .anyMatch(type -> type.parameters().contains(parameter));
                assertTrue(known, "the README's table of " + table.getKey() + " lists an unknown " + parameter);
            }
            assertFalse(table.getValue().isEmpty(), "no parameter rows in the table of " + table.getKey());
        }
    }

    private static String readme() throws IOException {
        return Files.readString(README, StandardCharsets.UTF_8);
    }

    /** The lines of the first code block under "### Thing Configuration" of "## Full Example". */
    private static List<String> fullExampleThings() throws IOException {
        String text = readme();
        int example = text.indexOf("## Full Example");
        assertTrue(example >= 0, "the README has no full example");
        int start = text.indexOf("```", text.indexOf("### Thing Configuration", example));
        int end = text.indexOf("```", start + 3);
        return text.substring(start, end).lines().toList();
    }

    /** Parameter names of each "### `type` ... Configuration" table, by its first type, in README order. */
    private static Map<String, List<String>> configurationTables() throws IOException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : readme().lines().toList()) {
            if (line.startsWith("### `") && line.endsWith("Configuration")) {
                current = new ArrayList<>();
                tables.put(line.substring(5, line.indexOf('`', 5)), current);
            } else if (line.startsWith("#")) {
                current = null;
            } else if (current != null) {
                Matcher row = TABLE_PARAMETER.matcher(line);
                if (row.find()) {
                    String name = row.group(1) != null ? row.group(1) : row.group(2);
                    if (name != null) {
                        current.add(name);
                    }
                }
            }
        }
        return tables;
    }
}
