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
import java.util.regex.Pattern;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Stand-in of openHAB's {@code ChannelUID}: the thing UID followed by the channel id, which may be prefixed by a
 * channel group id and {@link #CHANNEL_GROUP_SEPARATOR}.
 */
@NonNullByDefault
public class ChannelUID extends UID {

    public static final String CHANNEL_GROUP_SEPARATOR = "#";

    /** The last segment may contain one group separator. */
    private static final Pattern CHANNEL_SEGMENT = Pattern.compile("[\\w-]*|[\\w-]*#[\\w-]*");

    public ChannelUID(String channelUid) {
        super(channelUid);
    }

    public ChannelUID(ThingUID thingUID, String id) {
        super(toSegments(thingUID, null, id));
    }

    public ChannelUID(ChannelGroupUID channelGroupUID, String id) {
        super(toSegments(channelGroupUID.getThingUID(), channelGroupUID.getId(), id));
    }

    public ChannelUID(ThingUID thingUID, String groupId, String id) {
        super(toSegments(thingUID, groupId, id));
    }

    private static List<String> toSegments(ThingUID thingUID, @Nullable String groupId, String id) {
        List<String> result = new ArrayList<>(thingUID.getAllSegments());
        result.add(groupId == null ? id : groupId + CHANNEL_GROUP_SEPARATOR + id);
        return result;
    }

    /**
     * @return the channel id including the group prefix, if any
     */
    public String getId() {
        List<String> all = getAllSegments();
        return all.get(all.size() - 1);
    }

    public String getIdWithoutGroup() {
        String id = getId();
        int separator = id.indexOf(CHANNEL_GROUP_SEPARATOR);
        return separator < 0 ? id : id.substring(separator + 1);
    }

    public boolean isInGroup() {
        return getId().contains(CHANNEL_GROUP_SEPARATOR);
    }

    public @Nullable String getGroupId() {
        String id = getId();
        int separator = id.indexOf(CHANNEL_GROUP_SEPARATOR);
        return separator < 0 ? null : id.substring(0, separator);
    }

    public ThingUID getThingUID() {
        List<String> all = getAllSegments();
        return new ThingUID(all.subList(0, all.size() - 1).toArray(new String[0]));
    }

    @Override
    protected int getMinimalNumberOfSegments() {
        return 4;
    }

    @Override
    protected void validateSegment(String segment, int index, int length) {
        if (index < length - 1) {
            super.validateSegment(segment, index, length);
        } else if (!CHANNEL_SEGMENT.matcher(segment).matches()) {
            throw new IllegalArgumentException("UID segment '" + segment
                    + "' contains invalid characters. The last segment of the channel UID must match the pattern '"
                    + CHANNEL_SEGMENT.pattern() + "'.");
        }
    }
}
