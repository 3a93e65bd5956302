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
package org.openhab.binding.evaics.internal.handler;

import static org.junit.jupiter.api.Assertions.*;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.*;
import static org.openhab.binding.evaics.internal.EvaIcsBindingConstants.*;
import static org.openhab.binding.evaics.internal.handler.EvaItemConstants.*;
import static org.openhab.binding.evaics.internal.handler.ItemHandlerHarness.state;

import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.core.library.types.StringType;
import org.openhab.core.thing.Channel;
import org.openhab.core.thing.ChannelUID;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.binding.builder.ThingBuilder;

/**
 * Channel updates of item handlers go through the channel UIDs their thing already holds (no UID is built and
 * validated per update), and a channel the thing lacks still gets its update.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class EvaItemHandlerChannelUidTest {

    private static final Oid LAMP = Oid.parse("unit:lights/lamp1");

    private final ItemHandlerHarness harness = new ItemHandlerHarness();

    @Test
    void channelUpdatesUseTheUidsTheThingHolds() {
        EvaUnitHandler handler = harness
                .start(new EvaUnitHandler(harness.thing(THING_TYPE_UNIT, Map.of(CONFIG_ID, "lights/lamp1"))));

        harness.stateCalls.get(0).complete(state(LAMP, 1, "v1"));

        ArgumentCaptor<ChannelUID> uids = ArgumentCaptor.forClass(ChannelUID.class);
        verify(harness.callback, atLeastOnce()).stateUpdated(uids.capture(), any());
        Thing thing = handler.getThing();
        for (ChannelUID uid : uids.getAllValues()) {
            Channel channel = thing.getChannel(uid.getId());
            assertNotNull(channel, uid.toString());
            assertSame(channel.getUID(), uid, uid.toString());
        }
    }

    @Test
    void aChannelTheThingLacksStillGetsItsUpdate() {
        Thing full = harness.thing(THING_TYPE_UNIT, Map.of(CONFIG_ID, "lights/lamp1"));
        ChannelUID value = new ChannelUID(full.getUID(), CHANNEL_VALUE);
        Thing withoutValue = ThingBuilder.create(full).withoutChannel(value).build();
        harness.start(new EvaUnitHandler(withoutValue));

        harness.stateCalls.get(0).complete(state(LAMP, 1, "v1"));

        verify(harness.callback).stateUpdated(eq(value), eq(new StringType("v1")));
    }
}
