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
package org.openhab.binding.evaics.internal;

import static org.junit.jupiter.api.Assertions.*;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.*;
import static org.openhab.binding.evaics.internal.EndToEndFixture.*;
import static org.openhab.binding.evaics.internal.handler.EvaItemConstants.*;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openhab.binding.evaics.internal.protocol.codec.FrameFormat;
import org.openhab.binding.evaics.test.broker.Wiretap;
import org.openhab.binding.evaics.test.host.ThingHost;
import org.openhab.binding.evaics.test.sim.LoggedRequest;
import org.openhab.binding.evaics.test.sim.Misbehaviour;
import org.openhab.core.library.types.DecimalType;
import org.openhab.core.library.types.OnOffType;
import org.openhab.core.library.types.QuantityType;
import org.openhab.core.library.types.StringType;
import org.openhab.core.library.unit.SIUnits;
import org.openhab.core.thing.Channel;
import org.openhab.core.thing.ChannelUID;
import org.openhab.core.types.RefreshType;
import org.openhab.core.types.State;

/**
 * Commands and states through the whole binding (protocol.md §4, §5, §8.2, §8.3, §9, §10): a command on a channel
 * becomes one encrypted call that the simulated controller receives with the right method and params, and that the
 * broker carries only as ciphertext; the channels follow what the controller reports.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class EndToEndCommandsTest extends EndToEndTestBase {

    /** Long enough for the running state to be announced before the final one. */
    private static final Duration VISIBLE_ACTION = Duration.ofMillis(300);
    /** Longer than the answer: the trigger must come from the end of the action. */
    private static final Duration SHORT_ACTION = Duration.ofMillis(100);
    /** A failed call is reported after the call timeout; this much later nothing may follow it. */
    private static final long AFTER_TIMEOUT_MARGIN_MILLIS = 500;

    private @Nullable Wiretap wiretap;

    @AfterEach
    void closeWiretap() {
        Wiretap tap = wiretap;
        if (tap != null) {
            tap.close();
        }
    }

    private Wiretap tap(String filter) {
        Wiretap tap = Wiretap.start(BROKER.uri(), filter, LIMIT);
        wiretap = tap;
        return tap;
    }

    @ParameterizedTest
    @CsvSource({ "binary, BINARY", "binary-compressed, BINARY_COMPRESSED", "text, TEXT" })
    void switchOnArrivesAsAnEncryptedActionInTheConfiguredFrameFormat(String configured, FrameFormat format) {
        EndToEndFixture e2e = start(Map.of("frameFormat", configured));
        Wiretap tap = tap(uc().topics().requestTopic(uc().controller()));

        e2e.command(e2e.lamp, CHANNEL_SWITCH, OnOffType.ON);

        LoggedRequest action = awaitRequest(uc(), "action", LAMP);
        assertEquals(format, action.format());
        assertEquals(KEY_ID, action.keyId());
        assertEquals(1, action.requiredParam("s").getAsInt());
        assertEquals(KEY, action.requiredParam("k").getAsString());
        // the action, and the state call and heartbeats that may follow it: all of them ciphertext
        List<Wiretap.Message> seen = tap.await(m -> true, 1, LIMIT);
        assertFalse(seen.isEmpty());
        for (Wiretap.Message message : seen) {
            assertFalse(message.retained());
            assertCiphertext(message.payload(), format);
        }
    }

    /** What the broker carried is a frame of the format, holding neither the key, nor the method, nor the item. */
    private static void assertCiphertext(byte[] payload, FrameFormat format) {
        String latin1 = new String(payload, StandardCharsets.ISO_8859_1);
        switch (format) {
            case BINARY -> assertArrayEquals(new byte[] { 0x00, 0x02 }, new byte[] { payload[0], payload[1] });
            case BINARY_COMPRESSED -> assertArrayEquals(new byte[] { 0x00, 0x03 },
                    new byte[] { payload[0], payload[1] });
            case TEXT -> assertTrue(latin1.startsWith("|" + KEY_ID + "|"), latin1);
        }
        for (String secret : List.of(KEY, "action", LAMP.toString(), LAMP.fullId())) {
            assertFalse(latin1.contains(secret), "the broker saw '" + secret + "' in clear");
        }
    }

    @Test
    void unitChannelsChangeOnlyWhenTheControllerReports() {
        EndToEndFixture e2e = start(Map.of());
        uc().setActionDuration(VISIBLE_ACTION);
        ChannelUID switchChannel = EndToEndFixture.channel(e2e.lamp, CHANNEL_SWITCH);
        int before = e2e.host.states().size();

        e2e.command(e2e.lamp, CHANNEL_SWITCH, OnOffType.ON);

        e2e.awaitLastState(e2e.lamp, CHANNEL_STATUS, new DecimalType(1));
        e2e.awaitLastState(e2e.lamp, CHANNEL_SWITCH, OnOffType.ON);
        List<ThingState> after = states(e2e, before);
        int running = indexOf(after, CHANNEL_NSTATUS, new DecimalType(1));
        int on = indexOf(after, CHANNEL_SWITCH, OnOffType.ON);
        assertTrue(running >= 0 && on > running, "running state first, then ON: " + after);
        assertEquals(OnOffType.OFF, lastBefore(after, running, CHANNEL_SWITCH),
                "while the action runs the switch shows the controller's status: " + after);
        assertEquals(OnOffType.ON, e2e.host.state(switchChannel));
    }

    @Test
    void commandTheControllerDoesNotCarryOutLeavesTheChannels() {
        EndToEndFixture e2e = start(Map.of());
        uc().misbehaveOn(Misbehaviour.SILENT, "action");

        e2e.command(e2e.lamp, CHANNEL_SWITCH, OnOffType.ON);

        awaitRequest(uc(), "action", LAMP);
        // the call fails after its timeout; nothing may have moved the switch by then
        verify(e2e.callback, after(CALL_TIMEOUT_SECONDS * 1000L + AFTER_TIMEOUT_MARGIN_MILLIS).never())
                .stateUpdated(eq(EndToEndFixture.channel(e2e.lamp, CHANNEL_SWITCH)), eq(OnOffType.ON));
    }

    @Test
    void actionTriggerFiresCompletedWhenTheControllerFinishesTheAction() {
        EndToEndFixture e2e = start(Map.of());
        uc().setActionDuration(SHORT_ACTION);

        e2e.command(e2e.lamp, CHANNEL_SWITCH, OnOffType.ON);

        ChannelUID trigger = EndToEndFixture.channel(e2e.lamp, CHANNEL_ACTION);
        // the host, not the mock: Mockito records a call before the host (its delegate) has handled it
        assertTrue(ThingHost.waitFor(() -> !e2e.host.triggers(trigger).isEmpty(), LIMIT), "no trigger");
        e2e.awaitLastState(e2e.lamp, CHANNEL_SWITCH, OnOffType.ON);
        assertEquals(List.of("completed"), e2e.host.triggers(trigger));
        verify(e2e.callback, times(1)).channelTriggered(any(), eq(trigger), eq("completed"));
    }

    @Test
    void valueCommandRunsAnActionWithTheCurrentStatusAndTheValue() {
        EndToEndFixture e2e = start(Map.of());

        e2e.command(e2e.lamp, CHANNEL_VALUE, new StringType("dim"));

        LoggedRequest action = awaitRequest(uc(), "action", LAMP);
        assertEquals(0, action.requiredParam("s").getAsInt());
        assertEquals("dim", action.requiredParam("v").getAsString());
        e2e.awaitLastState(e2e.lamp, CHANNEL_VALUE, new StringType("dim"));
    }

    @Test
    void sensorValueAnnouncedByTheControllerReachesTheValueChannelInItsUnit() {
        EndToEndFixture e2e = start(Map.of());
        Channel value = Objects.requireNonNull(e2e.thing(e2e.temp).getChannel(CHANNEL_VALUE));
        assertEquals("Number:Temperature", value.getAcceptedItemType());

        uc().setSensorValue(TEMP, "23.25");

        e2e.awaitLastState(e2e.temp, CHANNEL_VALUE, new QuantityType<>(23.25, SIUnits.CELSIUS));
        e2e.awaitLastState(e2e.temp, CHANNEL_VALUE_STRING, new StringType("23.25"));
        e2e.awaitLastState(e2e.temp, CHANNEL_STATUS, new DecimalType(1));
    }

    @Test
    void refreshAsksTheControllerWithAStateCallAndUpdatesTheChannels() {
        EndToEndFixture e2e = start(Map.of());
        ChannelUID value = EndToEndFixture.channel(e2e.temp, CHANNEL_VALUE_STRING);
        int updates = e2e.host.states(value).size();

        e2e.command(e2e.temp, CHANNEL_VALUE, RefreshType.REFRESH);

        awaitRequest(uc(), "state", TEMP);
        assertTrue(ThingHost.waitFor(() -> e2e.host.states(value).size() > updates, LIMIT),
                "no update after the refresh");
        assertEquals(new StringType("21.5"), e2e.host.state(value));
    }

    @Test
    void lvarCommandsBecomeSetResetClearAndTheChannelsFollowTheController() {
        EndToEndFixture e2e = start(Map.of());

        e2e.command(e2e.away, CHANNEL_VALUE, new StringType("42"));
        LoggedRequest set = awaitRequest(lm(), "set", AWAY);
        assertEquals("42", set.requiredParam("v").getAsString());
        assertNull(set.param("s"));
        e2e.awaitLastState(e2e.away, CHANNEL_VALUE_NUMBER, new DecimalType(42));

        lm().clearRequests();
        e2e.command(e2e.away, CHANNEL_SWITCH, OnOffType.OFF);
        awaitRequest(lm(), "clear", AWAY);
        e2e.awaitLastState(e2e.away, CHANNEL_VALUE, new StringType("0"));
        e2e.awaitLastState(e2e.away, CHANNEL_SWITCH, OnOffType.OFF);

        lm().clearRequests();
        e2e.command(e2e.away, CHANNEL_SWITCH, OnOffType.ON);
        awaitRequest(lm(), "reset", AWAY);
        e2e.awaitLastState(e2e.away, CHANNEL_VALUE, new StringType("1"));
        e2e.awaitLastState(e2e.away, CHANNEL_SWITCH, OnOffType.ON);

        lm().clearRequests();
        e2e.command(e2e.away, CHANNEL_STATUS, new DecimalType(0));
        LoggedRequest status = awaitRequest(lm(), "set", AWAY);
        assertEquals(0, status.requiredParam("s").getAsInt());
        assertNull(status.param("v"));
        e2e.awaitLastState(e2e.away, CHANNEL_STATUS, new DecimalType(0));

        lm().clearRequests();
        e2e.command(e2e.away, CHANNEL_VALUE_NUMBER, new DecimalType(7));
        assertEquals("7", awaitRequest(lm(), "set", AWAY).requiredParam("v").getAsString());
    }

    @Test
    void forgedAnnouncementOfAnotherControllerChangesNoChannel() {
        EndToEndFixture e2e = start(Map.of());
        ChannelUID value = EndToEndFixture.channel(e2e.temp, CHANNEL_VALUE_STRING);

        uc().publishRaw(uc().topics().itemTopic(TEMP),
                "{\"c\":\"uc/intruder\",\"status\":1,\"value\":\"99\"}".getBytes(StandardCharsets.UTF_8), 1, false);
        uc().setSensorValue(TEMP, "22");

        e2e.awaitLastState(e2e.temp, CHANNEL_VALUE_STRING, new StringType("22"));
        assertFalse(e2e.host.states(value).contains(new StringType("99")), e2e.host.states(value).toString());
    }

    @Test
    void inVerifiedModeAForgedAnnouncementOnlyTriggersAStateCall() {
        EndToEndFixture e2e = start(Map.of("stateSource", "verified"));
        ChannelUID value = EndToEndFixture.channel(e2e.temp, CHANNEL_VALUE_STRING);

        uc().publishRaw(uc().topics().itemTopic(TEMP),
                ("{\"c\":\"" + UC + "\",\"status\":1,\"value\":\"99\"}").getBytes(StandardCharsets.UTF_8), 1, false);

        awaitRequest(uc(), "state", TEMP);
        e2e.awaitLastState(e2e.temp, CHANNEL_VALUE_STRING, new StringType("21.5"));
        assertFalse(e2e.host.states(value).contains(new StringType("99")), e2e.host.states(value).toString());
    }

    /** A state with the channel id, for readable failure messages. */
    private record ThingState(String channel, State state) {
    }

    private static List<ThingState> states(EndToEndFixture e2e, int from) {
        List<ThingHost.StateEvent> all = e2e.host.states();
        return all.subList(from, all.size()).stream().filter(e -> e.channel().getThingUID().equals(e2e.lamp))
                .map(e -> new ThingState(e.channel().getId(), e.state())).toList();
    }

    private static int indexOf(List<ThingState> states, String channel, State state) {
        return states.indexOf(new ThingState(channel, state));
    }

    private static @Nullable State lastBefore(List<ThingState> states, int index, String channel) {
        State last = null;
        for (int i = 0; i < index; i++) {
            if (states.get(i).channel().equals(channel)) {
                last = states.get(i).state();
            }
        }
        return last;
    }
}
