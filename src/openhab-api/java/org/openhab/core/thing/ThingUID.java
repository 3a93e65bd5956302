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
package org.openhab.core.thing;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Stand-in of openHAB's {@code ThingUID}: {@code bindingId:thingTypeId[:bridgeId...]:id}.
 * A thing created through a bridge carries the bridge ids between the type and its own id, so
 * {@code new ThingUID(type, bridgeUID, "x")} gives {@code binding:type:bridgeId:x}.
 */
@NonNullByDefault
public class ThingUID extends UID {

    /** Thing type segment of UIDs built without a thing type. */
    private static final String NO_THING_TYPE = "";

    public ThingUID(ThingTypeUID thingTypeUID, String id) {
        super(thingTypeUID.getBindingId(), thingTypeUID.getId(), id);
    }

    public ThingUID(ThingTypeUID thingTypeUID, ThingUID bridgeUID, String id) {
        super(segments(thingTypeUID.getBindingId(), thingTypeUID.getId(), bridgePath(bridgeUID), id));
    }

    public ThingUID(ThingTypeUID thingTypeUID, String id, String... bridgeIds) {
        super(segments(thingTypeUID.getBindingId(), thingTypeUID.getId(), List.of(bridgeIds), id));
    }

    public ThingUID(String bindingId, String id) {
        super(bindingId, NO_THING_TYPE, id);
    }

    public ThingUID(String bindingId, ThingUID bridgeUID, String id) {
        super(segments(bindingId, NO_THING_TYPE, bridgePath(bridgeUID), id));
    }

    public ThingUID(String bindingId, String thingTypeId, String id) {
        super(bindingId, thingTypeId, id);
    }

    public ThingUID(String thingUID) {
        super(thingUID);
    }

    public ThingUID(String... segments) {
        super(segments);
    }

    private static List<String> bridgePath(ThingUID bridgeUID) {
        List<String> path = new ArrayList<>(bridgeUID.getBridgeIds());
        path.add(bridgeUID.getId());
        return path;
    }

    private static List<String> segments(String bindingId, String thingTypeId, List<String> bridgeIds, String id) {
        List<String> result = new ArrayList<>();
        result.add(bindingId);
        result.add(thingTypeId);
        result.addAll(bridgeIds);
        result.add(id);
        return result;
    }

    /**
     * @return the ids of the bridges this thing is reached through, outermost first
     */
    public List<String> getBridgeIds() {
        List<String> all = getAllSegments();
        return all.subList(2, all.size() - 1);
    }

    public String getId() {
        List<String> all = getAllSegments();
        return all.get(all.size() - 1);
    }

    @Override
    protected int getMinimalNumberOfSegments() {
        return 3;
    }
}
