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
package org.openhab.binding.evaics.internal.osgi.probe;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * What the OSGi integration test asks of the real openHAB core running in Apache Felix. The test's class path has
 * its own copies of openHAB's classes, which are not the framework's; so this interface speaks only JDK types and the
 * records below. Its package is the only one the framework takes from the test's class path (exported by the system
 * bundle); the implementation lives in a probe bundle inside the framework ({@code probe.impl}, packed by
 * {@code ProbeBundle}) and uses the real services through its own bundle context.
 * <p>
 * Every method that waits for a service or a registry entry waits at most {@link #SERVICE_TIMEOUT}.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public interface OpenHabProbe {

    /** Upper bound of each wait for an openHAB service, in seconds. */
    int SERVICE_TIMEOUT_SECONDS = 30;

    /**
     * A thing's status as the ThingRegistry has it: status, status detail, description as the handler set it ("" for
     * none), and the description localized in English by openHAB's ThingStatusInfoI18nLocalizationService (what the UI
     * shows).
     */
    record ThingState(String status, String detail, String description, String localizedDescription) {
        @Override
        public String toString() {
            return status + "/" + detail + (localizedDescription.isEmpty() ? "" : " (" + localizedDescription + ")");
        }
    }

    /** One entry of the real inbox; flag NEW or IGNORED (openHAB ignores results of things that exist). */
    record InboxEntry(String thingUid, String thingTypeUid, @Nullable String bridgeUid,
            @Nullable String representationValue, String flag) {
    }

    /** An input or output of a module type: name, Java type, whether required (outputs: false). */
    record Parameter(String name, String type, boolean required) {
    }

    /** An action module type of the ModuleTypeRegistry. */
    record ActionModuleType(String uid, List<Parameter> inputs, List<Parameter> outputs) {
    }

    // ---- configuration

    /** Creates or updates a configuration of ConfigurationAdmin (no location binding). */
    void updateConfiguration(String pid, Map<String, Object> properties);

    // ---- start levels

    /** Whether openHAB's ReadyService has the ready marker {@code type:identifier}. */
    boolean isReady(String type, String identifier);

    /** Marks {@code type:identifier} ready in openHAB's ReadyService. */
    void markReady(String type, String identifier);

    /** The start level of openHAB's StartLevelService (waits for the service, which needs its configuration). */
    int startLevel();

    // ---- components and registries of descriptors

    /** The states ServiceComponentRuntime reports for the configurations of a component of a bundle. */
    List<Integer> componentStates(long bundleId, String componentName);

    /** The thing type UIDs of the binding in the ThingTypeRegistry. */
    Set<String> thingTypes(String bindingId);

    /** The channel type UIDs of the binding in the ChannelTypeRegistry. */
    Set<String> channelTypes(String bindingId);

    /**
     * What the UI shows of the binding's types, one line per thing type and channel type as the ThingTypeRegistry and
     * ChannelTypeRegistry report them (English): {@code uid | label | item type | tags (sorted) | category | options}.
     */
    List<String> typeSummary(String bindingId);

    /** The config description URIs of the ConfigDescriptionRegistry that start with the prefix. */
    Set<String> configDescriptions(String uriPrefix);

    /** The parameter names of a config description, in order. */
    List<String> configParameters(String uri);

    // ---- things, items, links, events

    /** Creates a thing through ThingRegistry.createThingOfType and adds it to the registry. */
    void addThing(String thingTypeUid, String thingUid, @Nullable String bridgeUid, Map<String, Object> config);

    /** Removes a thing from the registry (forced: no handler needs to agree). */
    void removeThing(String thingUid);

    /** The thing's status, or null if the registry has no such thing. */
    @Nullable
    ThingState thingStatus(String thingUid);

    /** Creates an item through the ItemBuilderFactory and adds it to the ItemRegistry. */
    void addItem(String itemType, String itemName);

    void removeItem(String itemName);

    /** Adds an ItemChannelLink to the ItemChannelLinkRegistry. */
    void link(String itemName, String channelUid);

    void unlink(String itemName, String channelUid);

    /** Posts an ItemCommandEvent through the EventPublisher; the command is parsed for the item's command types. */
    void sendCommand(String itemName, String command);

    /** The item's state, as {@code State.toFullString()}. */
    String itemState(String itemName);

    // ---- discovery

    /**
     * Starts a scan of every discovery service of the binding through the DiscoveryServiceRegistry (it ends by
     * itself after the services' scan timeout); true if the registry started one.
     */
    boolean startScan(String bindingId);

    /** The inbox entries of the binding. */
    List<InboxEntry> inbox(String bindingId);

    /** Removes the binding's entries from the inbox. */
    void clearInbox(String bindingId);

    // ---- automation

    /** The action module types of the ModuleTypeRegistry whose UID starts with the prefix. */
    List<ActionModuleType> actionModuleTypes(String uidPrefix);

    /**
     * Runs an action module the way the rule engine does: the ModuleHandlerFactory that serves the module type
     * creates the handler for an action configured with the thing, and the handler executes with the inputs.
     *
     * @return the outputs of the action
     */
    Map<String, Object> runAction(String moduleTypeUid, String thingUid, Map<String, Object> inputs);
}
