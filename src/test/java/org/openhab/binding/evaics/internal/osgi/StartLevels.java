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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * openHAB's start levels as the openHAB distribution defines them, for the integration test's core.
 * <p>
 * openHAB's {@code StartLevelService} (configuration PID {@code org.openhab.startlevel}, policy "require") raises the
 * start level to a configured level once every ready marker listed for it is set, and then sets the ready marker
 * {@code startlevel:<level>}. It sets that marker only for the configured levels and for 100. openHAB's own services
 * wait for these markers: the ThingManager starts its periodic check of things whose thing type, channel types or
 * config descriptions were missing when their handler factory came (the {@code NOT_YET_READY} things) only at
 * {@code startlevel:30}; the rule engine starts at {@code startlevel:40}. The distribution configures the levels in
 * {@code runtime/services.cfg} (openhab-distro, {@code startlevel:<level>=<markers>}, PID prefix {@code org.openhab.}),
 * copied here from the tags 4.3.11 and 5.2.1.
 * <p>
 * The test's core has only some of the distribution's bundles. The markers of those it has are left to them:
 * {@code managed:*} (set by openHAB's registries when their managed provider comes: items, things, links, metadata,
 * rules, semantic tags), {@code ruleengine:start} (the rule engine) and {@code things:handler} (the ThingManager).
 * The other markers belong to bundles the test's core does not have (the DSL and YAML models, persistence, script
 * engines, sitemaps, UI pages); with nothing of theirs to load, the test marks them ready in their place
 * ({@link #standInMarkers}).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class StartLevels {

    static final String PID = "org.openhab.startlevel";
    /** The type of the ready markers of start levels: {@code startlevel:<level>}. */
    static final String MARKER_TYPE = "startlevel";

    /** openhab-distro 4.3.11, distributions/openhab/src/main/resources/runtime/services.cfg. */
    private static final Map<String, String> DISTRIBUTION_4_3 = table( //
            "20", "dsl:items,managed:item,dsl:things,managed:thing,managed:itemchannellink,dsl:persist,managed:metadata",
            "30", "persistence:services,persistence:restore,automation:scriptEngineFactories", //
            "40", "dsl:rules,managed:rule,rules:refresh,rules:dslprovider", //
            "50", "ruleengine:start", //
            "70", "dsl:sitemap", //
            "80", "things:handler");

    /** openhab-distro 5.2.1, distributions/openhab/src/main/resources/runtime/services.cfg. */
    private static final Map<String, String> DISTRIBUTION_5_2 = table( //
            "20", "dsl:items,yaml:items,managed:item,dsl:things,yaml:things,managed:thing,managed:itemchannellink,"
                    + "dsl:persist,managed:persistenceserviceconfiguration,managed:metadata,yaml:tags,"
                    + "managed:semantictag",
            "30", "persistence:services,persistence:restore,automation:scriptEngineFactories", //
            "40", "dsl:rules,yaml:rules,managed:rule,rules:refresh,rules:dslprovider", //
            "50", "ruleengine:start", //
            "70", "dsl:sitemaps,yaml:sitemaps,managed:sitemap,yaml:pages,yaml:widgets", //
            "80", "things:handler");

    /** The markers of the distribution's start levels that the bundles of the test's core set themselves. */
    static final Set<String> SET_BY_THIS_CORE = Set.of("managed:item", "managed:thing", "managed:itemchannellink",
            "managed:metadata", "managed:rule", "managed:semantictag", "ruleengine:start", "things:handler");

    private StartLevels() {
    }

    /** The distribution's start level configuration for the openHAB version (4.x: 4.3.11's, 5.x: 5.2.1's). */
    static Map<String, Object> configuration(String openhabVersion) {
        return new LinkedHashMap<>(distribution(openhabVersion));
    }

    /** The configured start levels and 100, whose {@code startlevel:<level>} markers openHAB sets. */
    static List<String> levels(String openhabVersion) {
        List<String> levels = new ArrayList<>(distribution(openhabVersion).keySet());
        levels.add("100");
        return levels;
    }

    /** Every marker of the configuration, as {@code type:identifier}. */
    static List<String> allMarkers(String openhabVersion) {
        Set<String> markers = new LinkedHashSet<>();
        for (String list : distribution(openhabVersion).values()) {
            markers.addAll(Arrays.asList(list.split(",")));
        }
        return List.copyOf(markers);
    }

    /** The markers of the configuration that no bundle of the test's core sets, as {@code type:identifier}. */
    static List<String> standInMarkers(String openhabVersion) {
        return allMarkers(openhabVersion).stream().filter(m -> !SET_BY_THIS_CORE.contains(m)).toList();
    }

    private static Map<String, String> distribution(String openhabVersion) {
        return openhabVersion.startsWith("4.") ? DISTRIBUTION_4_3 : DISTRIBUTION_5_2;
    }

    private static Map<String, String> table(String... levelsAndMarkers) {
        Map<String, String> levels = new LinkedHashMap<>();
        for (int i = 0; i < levelsAndMarkers.length; i += 2) {
            levels.put(levelsAndMarkers[i], levelsAndMarkers[i + 1]);
        }
        return levels;
    }
}
