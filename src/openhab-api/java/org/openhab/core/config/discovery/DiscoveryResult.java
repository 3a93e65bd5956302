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
package org.openhab.core.config.discovery;

import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.core.thing.ThingTypeUID;
import org.openhab.core.thing.ThingUID;

/**
 * Stand-in of openHAB's {@code DiscoveryResult}: a thing offered to the inbox. The creation timestamp accessors are
 * left out: 4.3 has {@code long getTimestamp()}, 5.x {@code Instant getCreationTime()}.
 */
@NonNullByDefault
public interface DiscoveryResult {

    /** Time to live meaning "until removed". */
    long TTL_UNLIMITED = -1;

    ThingUID getThingUID();

    ThingTypeUID getThingTypeUID();

    String getBindingId();

    Map<String, Object> getProperties();

    @Nullable
    String getRepresentationProperty();

    DiscoveryResultFlag getFlag();

    String getLabel();

    @Nullable
    ThingUID getBridgeUID();

    /**
     * @return seconds the result stays in the inbox, or {@link #TTL_UNLIMITED}
     */
    long getTimeToLive();
}
