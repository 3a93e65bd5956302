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
package org.openhab.binding.evaics.internal.protocol.mqtt;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openhab.binding.evaics.internal.protocol.mqtt.BrokerAddresses.Address;
import org.openhab.binding.evaics.internal.protocol.mqtt.BrokerAddresses.InvalidAddressException;
import org.openhab.binding.evaics.internal.protocol.mqtt.BrokerAddresses.Problem;

/**
 * {@link BrokerAddresses}: the {@code host[:port]} list of the broker bridge (issue 14) and the rotation of the
 * transport over it.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class BrokerAddressesTest {

    @Test
    void oneHostIsOneAddressWithTheDefaultPort() {
        assertEquals(List.of(new Address("broker.local", 1883)), BrokerAddresses.parse("broker.local", 1883));
        assertEquals(List.of(new Address("10.0.0.5", 8883)), BrokerAddresses.parse(" 10.0.0.5 ", 8883));
    }

    @Test
    void aListKeepsItsOrderAndEachEntryItsOwnPort() {
        List<Address> addresses = BrokerAddresses.parse("node1:1884, node2 ,[fd00::3]:1999,::1,[::2]", 1883);
        assertEquals(List.of(new Address("node1", 1884), new Address("node2", 1883), new Address("fd00::3", 1999),
                new Address("::1", 1883), new Address("::2", 1883)), addresses);
        assertEquals(List.of("tcp://node1:1884", "tcp://node2:1883", "tcp://[fd00::3]:1999", "tcp://[::1]:1883",
                "tcp://[::2]:1883"), addresses.stream().map(address -> address.uri("tcp")).toList());
    }

    @Test
    void theUrisAreWhatMqttSettingsAccepts() {
        List<String> uris = BrokerAddresses.parse("a.example:1884,[fd00::3]", 8883).stream()
                .map(address -> address.uri(MqttSettings.SCHEME_SSL)).toList();
        MqttSettings settings = MqttSettings.builder().serverUris(uris).build();
        assertEquals(uris, settings.serverUris());
        assertEquals("ssl://a.example:1884", settings.serverUri());
        assertTrue(settings.isTls());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { //
            "''|EMPTY|''", //
            "'   '|EMPTY|''", //
            "'a,,b'|EMPTY_ENTRY|''", //
            "'a,'|EMPTY_ENTRY|''", //
            "',a'|EMPTY_ENTRY|''", //
            "'a:0'|INVALID_PORT|a:0", //
            "'a:65536'|INVALID_PORT|a:65536", //
            "'a:'|INVALID_PORT|a:", //
            "'a:x1'|INVALID_PORT|a:x1", //
            "'a:+1'|INVALID_PORT|a:+1", //
            "'b, [::1]:99999'|INVALID_PORT|[::1]:99999", //
            "'a b'|INVALID_HOST|a b", //
            "'a/b:1'|INVALID_HOST|a/b:1", //
            "'user@a'|INVALID_HOST|user@a", //
            "'[::1'|INVALID_HOST|[::1", //
            "'[a]:1'|INVALID_HOST|[a]:1", //
            "'[::1]x'|INVALID_HOST|[::1]x", //
            "':1883'|INVALID_HOST|:1883", //
            "'tcp://a:1'|INVALID_HOST|tcp://a:1", //
            "'a:1,A:1'|DUPLICATE|A:1", //
            "'a,a:1883'|DUPLICATE|a:1883", //
    })
    void unusableListsAreRefusedWithTheProblemAndTheEntry(String text, Problem problem, String entry) {
        InvalidAddressException e = assertThrows(InvalidAddressException.class,
                () -> BrokerAddresses.parse(text, 1883));
        assertEquals(problem, e.problem(), String.valueOf(e.getMessage()));
        assertEquals(entry, e.entry());
    }

    @Test
    void atMostSixteenAddresses() {
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < BrokerAddresses.MAX_ADDRESSES; i++) {
            hosts.add("node" + i);
        }
        assertEquals(BrokerAddresses.MAX_ADDRESSES, BrokerAddresses.parse(String.join(",", hosts), 1883).size());
        hosts.add("one-too-many");
        InvalidAddressException e = assertThrows(InvalidAddressException.class,
                () -> BrokerAddresses.parse(String.join(",", hosts), 1883));
        assertEquals(Problem.TOO_MANY, e.problem());
    }

    @Test
    void theRotationWrapsAroundAndCanJumpToAnAddress() {
        BrokerAddresses addresses = new BrokerAddresses(List.of("tcp://a:1", "tcp://b:2", "tcp://c:3"));
        assertEquals("tcp://a:1", addresses.current());
        assertEquals("tcp://b:2", addresses.advance());
        assertEquals("tcp://c:3", addresses.advance());
        assertEquals("tcp://a:1", addresses.advance());
        addresses.select(2);
        assertEquals(2, addresses.currentIndex());
        assertEquals("tcp://c:3", addresses.current());
        assertThrows(IndexOutOfBoundsException.class, () -> addresses.select(3));

        BrokerAddresses single = new BrokerAddresses(List.of("tcp://a:1"));
        assertEquals("tcp://a:1", single.advance());
        assertThrows(IllegalArgumentException.class, () -> new BrokerAddresses(List.of()));
    }
}
