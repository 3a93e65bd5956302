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

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * EVA's event ordering id {@code [boot id, counter]} (protocol.md §9.4): the boot id grows by one at each controller
 * start, the counter grows within a boot. Ordered by boot id first, then counter; equal ids mean the same event.
 *
 * @param bootId the controller's boot number
 * @param counter the event counter within that boot (EVA uses a nanosecond monotonic clock)
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public record Ieid(long bootId, long counter) implements Comparable<Ieid> {

    @Override
    public int compareTo(Ieid other) {
        int byBoot = Long.compare(bootId, other.bootId);
        return byBoot != 0 ? byBoot : Long.compare(counter, other.counter);
    }

    /** Whether this id orders strictly after {@code other}. */
    public boolean isAfter(Ieid other) {
        return compareTo(other) > 0;
    }

    /** {@code [boot, counter]}, as EVA writes it. */
    @Override
    public String toString() {
        return "[" + bootId + "," + counter + "]";
    }
}
