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

import java.math.BigDecimal;

import javax.measure.Quantity;
import javax.measure.Unit;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.core.library.types.DecimalType;
import org.openhab.core.library.types.OnOffType;
import org.openhab.core.library.types.QuantityType;
import org.openhab.core.library.types.StringType;
import org.openhab.core.library.unit.Units;
import org.openhab.core.types.State;
import org.openhab.core.types.UnDefType;

/**
 * Channel states from EVA state fields (protocol.md §9.1, §9.2). A missing field is {@code UNDEF}. Values are strings:
 * {@code ""} (no value) is {@code UNDEF} on number channels and the empty string on string channels; a value that is
 * not a number is {@code UNDEF} on number channels.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class ChannelStates {

    private ChannelStates() {
    }

    /** A status, nstatus or other integer field. */
    public static State number(@Nullable Integer number) {
        return number == null ? UnDefType.UNDEF : new DecimalType(number);
    }

    /** A string field; null (e.g. {@code nvalue} when no value was requested) is UNDEF. */
    public static State string(@Nullable String text) {
        return text == null ? UnDefType.UNDEF : new StringType(text);
    }

    /** A boolean field. */
    public static State onOff(@Nullable Boolean flag) {
        return flag == null ? UnDefType.UNDEF : OnOffType.from(flag.booleanValue());
    }

    /** The value as a number, or null if it is empty or not a number. */
    public static @Nullable BigDecimal decimal(String value) {
        String text = value.strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The value on a number channel: plain, or in the given unit. */
    public static State numberValue(String value, @Nullable Unit<?> unit) {
        BigDecimal number = decimal(value);
        if (number == null) {
            return UnDefType.UNDEF;
        }
        return unit == null ? new DecimalType(number) : quantity(number, unit);
    }

    /** A duration in seconds (the lvar's {@code expires}). */
    public static State seconds(@Nullable Double seconds) {
        return seconds == null ? UnDefType.UNDEF
                : new QuantityType<>(BigDecimal.valueOf(seconds.doubleValue()), Units.SECOND);
    }

    /** A unit's switch (protocol.md §9.2): 0 is OFF, -1 (error) is UNDEF, any other status (on, positions) is ON. */
    public static State unitSwitch(@Nullable Integer status) {
        if (status == null || status == ItemStatus.ERROR) {
            return UnDefType.UNDEF;
        }
        return OnOffType.from(status != ItemStatus.OFF);
    }

    /**
     * An lvar's switch. EVA has no on/off of its own for lvars; this follows {@code reset} (status 1, value "1") and
     * {@code clear} (value "0", or status 0 for timers) from protocol.md §8.3: ON while the lvar is active (status > 0)
     * and its value is a number other than 0. A cleared flag ("0"), a stopped timer (status 0), an expired timer
     * (status -1, value "") and an lvar without a value are OFF.
     */
    public static State lvarSwitch(@Nullable Integer status, String value) {
        if (status == null) {
            return UnDefType.UNDEF;
        }
        BigDecimal number = decimal(value);
        return OnOffType.from(status > ItemStatus.OFF && number != null && number.signum() != 0);
    }

    private static <Q extends Quantity<Q>> QuantityType<Q> quantity(BigDecimal number, Unit<Q> unit) {
        return new QuantityType<>(number, unit);
    }
}
