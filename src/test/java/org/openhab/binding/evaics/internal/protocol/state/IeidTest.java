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
package org.openhab.binding.evaics.internal.protocol.state;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;

/**
 * Tests the natural order of {@link Ieid} (protocol.md §9.4).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class IeidTest {

    @Test
    void bootIdOrdersBeforeCounter() {
        List<Ieid> ids = new ArrayList<>(
                List.of(new Ieid(2, 1), new Ieid(1, Long.MAX_VALUE), new Ieid(2, 0), new Ieid(0, 0)));
        Collections.sort(ids);
        assertEquals(List.of(new Ieid(0, 0), new Ieid(1, Long.MAX_VALUE), new Ieid(2, 0), new Ieid(2, 1)), ids);
    }

    @Test
    void equalIdsAreNotAfterEachOther() {
        assertEquals(0, new Ieid(7, 5).compareTo(new Ieid(7, 5)));
        assertFalse(new Ieid(7, 5).isAfter(new Ieid(7, 5)));
        assertTrue(new Ieid(7, 6).isAfter(new Ieid(7, 5)));
    }

    @Test
    void printsLikeEva() {
        assertEquals("[7,5000000001006]", new Ieid(7, 5000000001006L).toString());
    }
}
