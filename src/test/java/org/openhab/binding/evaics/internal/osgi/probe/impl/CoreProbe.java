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
package org.openhab.binding.evaics.internal.osgi.probe.impl;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.osgi.probe.OpenHabProbe;
import org.openhab.core.config.core.ConfigDescription;
import org.openhab.core.config.core.ConfigDescriptionParameter;
import org.openhab.core.config.core.ConfigDescriptionRegistry;
import org.openhab.core.config.core.Configuration;
import org.openhab.core.config.discovery.DiscoveryResult;
import org.openhab.core.config.discovery.DiscoveryServiceRegistry;
import org.openhab.core.config.discovery.inbox.Inbox;
import org.openhab.core.events.EventPublisher;
import org.openhab.core.items.Item;
import org.openhab.core.items.ItemBuilderFactory;
import org.openhab.core.items.ItemNotFoundException;
import org.openhab.core.items.ItemRegistry;
import org.openhab.core.items.events.ItemEventFactory;
import org.openhab.core.service.ReadyMarker;
import org.openhab.core.service.ReadyService;
import org.openhab.core.service.StartLevelService;
import org.openhab.core.thing.ChannelUID;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingRegistry;
import org.openhab.core.thing.ThingStatusInfo;
import org.openhab.core.thing.ThingTypeUID;
import org.openhab.core.thing.ThingUID;
import org.openhab.core.thing.i18n.ThingStatusInfoI18nLocalizationService;
import org.openhab.core.thing.link.ItemChannelLink;
import org.openhab.core.thing.link.ItemChannelLinkRegistry;
import org.openhab.core.thing.type.ChannelType;
import org.openhab.core.thing.type.ChannelTypeRegistry;
import org.openhab.core.thing.type.ThingType;
import org.openhab.core.thing.type.ThingTypeRegistry;
import org.openhab.core.types.StateDescription;
import org.openhab.core.types.Command;
import org.openhab.core.types.TypeParser;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The {@link OpenHabProbe} inside the framework: every call goes to the real openHAB service of the running core.
 * Rule actions and module types are {@link AutomationProbe}'s part.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class CoreProbe implements OpenHabProbe {

    private final Services services;
    private final AutomationProbe automation;

    CoreProbe(Services services) {
        this.services = services;
        this.automation = new AutomationProbe(services);
    }

    // ---- configuration

    @Override
    public void updateConfiguration(String pid, Map<String, Object> properties) {
        try {
            services.get(ConfigurationAdmin.class).getConfiguration(pid, null).update(new Hashtable<>(properties));
        } catch (IOException e) {
            throw new IllegalStateException("cannot configure " + pid, e);
        }
    }

    // ---- start levels

    @Override
    public boolean isReady(String type, String identifier) {
        return services.get(ReadyService.class).isReady(new ReadyMarker(type, identifier));
    }

    @Override
    public void markReady(String type, String identifier) {
        services.get(ReadyService.class).markReady(new ReadyMarker(type, identifier));
    }

    @Override
    public int startLevel() {
        return services.get(StartLevelService.class).getStartLevel();
    }

    // ---- components and registries of descriptors

    @Override
    public List<Integer> componentStates(long bundleId, String componentName) {
        ServiceComponentRuntime scr = services.get(ServiceComponentRuntime.class);
        List<Integer> states = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (description.bundle.id == bundleId && componentName.equals(description.name)) {
                for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                    states.add(configuration.state);
                }
            }
        }
        return states;
    }

    @Override
    public Set<String> thingTypes(String bindingId) {
        List<ThingType> types = services.get(ThingTypeRegistry.class).getThingTypes(bindingId);
        return types.stream().map(t -> t.getUID().toString()).collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public Set<String> channelTypes(String bindingId) {
        Set<String> uids = new TreeSet<>();
        for (ChannelType type : services.get(ChannelTypeRegistry.class).getChannelTypes()) {
            if (bindingId.equals(type.getUID().getBindingId())) {
                uids.add(type.getUID().toString());
            }
        }
        return uids;
    }

    @Override
    public List<String> typeSummary(String bindingId) {
        List<String> lines = new ArrayList<>();
        for (ThingType type : services.get(ThingTypeRegistry.class).getThingTypes(bindingId, Locale.ENGLISH)) {
            // thing types have no tags in openHAB 4.3 (5.x adds a semantic equipment tag)
            lines.add(String.join(" | ", type.getUID().toString(), type.getLabel(), "-", "-",
                    String.valueOf(type.getCategory()), "-"));
        }
        for (ChannelType type : services.get(ChannelTypeRegistry.class).getChannelTypes(Locale.ENGLISH)) {
            if (bindingId.equals(type.getUID().getBindingId())) {
                StateDescription state = type.getState();
                String options = state == null ? "-"
                        : state.getOptions().stream().map(o -> o.getValue() + "=" + o.getLabel())
                                .collect(Collectors.joining(", ", "[", "]"));
                lines.add(String.join(" | ", type.getUID().toString(), type.getLabel(),
                        String.valueOf(type.getItemType()), String.valueOf(new TreeSet<>(type.getTags())),
                        String.valueOf(type.getCategory()), options));
            }
        }
        return lines.stream().distinct().toList();
    }

    @Override
    public Set<String> configDescriptions(String uriPrefix) {
        Set<String> uris = new TreeSet<>();
        for (ConfigDescription description : services.get(ConfigDescriptionRegistry.class).getConfigDescriptions()) {
            String uri = description.getUID().toString();
            if (uri.startsWith(uriPrefix)) {
                uris.add(uri);
            }
        }
        return uris;
    }

    @Override
    public List<String> configParameters(String uri) {
        ConfigDescription description = services.get(ConfigDescriptionRegistry.class)
                .getConfigDescription(URI.create(uri));
        if (description == null) {
            return List.of();
        }
        return description.getParameters().stream().map(ConfigDescriptionParameter::getName).toList();
    }

    // ---- things, items, links, events

    @Override
    public void addThing(String thingTypeUid, String thingUid, @Nullable String bridgeUid,
            Map<String, Object> config) {
        ThingRegistry registry = services.get(ThingRegistry.class);
        ThingUID bridge = bridgeUid == null ? null : new ThingUID(bridgeUid);
        Thing thing = registry.createThingOfType(new ThingTypeUID(thingTypeUid), new ThingUID(thingUid), bridge,
                null, new Configuration(new HashMap<>(config)));
        if (thing == null) {
            throw new IllegalStateException("no handler factory created a thing of type " + thingTypeUid);
        }
        registry.add(thing);
    }

    @Override
    public void removeThing(String thingUid) {
        services.get(ThingRegistry.class).forceRemove(new ThingUID(thingUid));
    }

    @Override
    public @Nullable ThingState thingStatus(String thingUid) {
        Thing thing = services.get(ThingRegistry.class).get(new ThingUID(thingUid));
        if (thing == null) {
            return null;
        }
        ThingStatusInfo info = thing.getStatusInfo();
        ThingStatusInfo localized = services.get(ThingStatusInfoI18nLocalizationService.class)
                .getLocalizedThingStatusInfo(thing, Locale.ENGLISH);
        return new ThingState(info.getStatus().name(), info.getStatusDetail().name(), text(info.getDescription()),
                text(localized.getDescription()));
    }

    private static String text(@Nullable String description) {
        return description == null ? "" : description;
    }

    @Override
    public void addItem(String itemType, String itemName) {
        Item item = services.get(ItemBuilderFactory.class).newItemBuilder(itemType, itemName).build();
        services.get(ItemRegistry.class).add(item);
    }

    @Override
    public void removeItem(String itemName) {
        services.get(ItemRegistry.class).remove(itemName);
    }

    @Override
    public void link(String itemName, String channelUid) {
        services.get(ItemChannelLinkRegistry.class).add(new ItemChannelLink(itemName, new ChannelUID(channelUid)));
    }

    @Override
    public void unlink(String itemName, String channelUid) {
        ItemChannelLinkRegistry links = services.get(ItemChannelLinkRegistry.class);
        links.remove(new ItemChannelLink(itemName, new ChannelUID(channelUid)).getUID());
    }

    @Override
    public void sendCommand(String itemName, String command) {
        Item item = item(itemName);
        Command parsed = TypeParser.parseCommand(item.getAcceptedCommandTypes(), command);
        if (parsed == null) {
            throw new IllegalArgumentException(itemName + " accepts no command " + command);
        }
        services.get(EventPublisher.class).post(ItemEventFactory.createCommandEvent(itemName, parsed));
    }

    @Override
    public String itemState(String itemName) {
        return item(itemName).getState().toFullString();
    }

    private Item item(String itemName) {
        try {
            return services.get(ItemRegistry.class).getItem(itemName);
        } catch (ItemNotFoundException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    // ---- discovery

    @Override
    public boolean startScan(String bindingId) {
        return services.get(DiscoveryServiceRegistry.class).startScan(bindingId, null, null);
    }

    @Override
    public List<InboxEntry> inbox(String bindingId) {
        return services.get(Inbox.class).stream().filter(result -> bindingId.equals(result.getBindingId()))
                .map(CoreProbe::entry).toList();
    }

    private static InboxEntry entry(DiscoveryResult result) {
        ThingUID bridge = result.getBridgeUID();
        String property = result.getRepresentationProperty();
        Object value = property == null ? null : result.getProperties().get(property);
        return new InboxEntry(result.getThingUID().toString(), result.getThingTypeUID().toString(),
                bridge == null ? null : bridge.toString(), value == null ? null : value.toString(),
                result.getFlag().name());
    }

    @Override
    public void clearInbox(String bindingId) {
        Inbox inbox = services.get(Inbox.class);
        for (InboxEntry entry : inbox(bindingId)) {
            inbox.remove(new ThingUID(entry.thingUid()));
        }
    }

    // ---- automation

    @Override
    public List<ActionModuleType> actionModuleTypes(String uidPrefix) {
        return automation.actionModuleTypes(uidPrefix);
    }

    @Override
    public Map<String, Object> runAction(String moduleTypeUid, String thingUid, Map<String, Object> inputs) {
        return automation.runAction(moduleTypeUid, thingUid, inputs);
    }
}
