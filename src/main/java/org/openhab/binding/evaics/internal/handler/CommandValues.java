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

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.core.library.types.DecimalType;
import org.openhab.core.library.types.OnOffType;
import org.openhab.core.library.types.QuantityType;
import org.openhab.core.library.types.StringType;
import org.openhab.core.types.Command;

/**
 * What an openHAB command means as an EVA status or value (protocol.md §8.2, §8.3: statuses are integers, values are
 * strings; the number 1 is stored as "1").
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class CommandValues {

    private CommandValues() {
    }

    /** The command as a status: an integral number, a numeric string, or ON (1) / OFF (0); else null. */
    public static @Nullable Integer status(Command command) {
        if (command instanceof OnOffType onOff) {
            return onOff == OnOffType.ON ? ItemStatus.ON : ItemStatus.OFF;
        }
        BigDecimal number = decimal(command);
        if (number == null) {
            return null;
        }
        try {
            return number.intValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** The command as the text of a number ({@code 21.5}, {@code 100}, no unit), or null if it is not a number. */
    public static @Nullable String numberText(Command command) {
        if (command instanceof OnOffType onOff) {
            return onOff == OnOffType.ON ? "1" : "0";
        }
        BigDecimal number = decimal(command);
        return number == null ? null : plain(number);
    }

    /** The command as a value string: numbers without unit, everything else as openHAB writes it. */
    public static String text(Command command) {
        if (command instanceof StringType) {
            return command.toString();
        }
        String number = numberText(command);
        return number != null ? number : command.toFullString();
    }

    private static @Nullable BigDecimal decimal(Command command) {
        if (command instanceof DecimalType decimal) {
            return decimal.toBigDecimal();
        }
        if (command instanceof QuantityType<?> quantity) {
            return quantity.toBigDecimal();
        }
        if (command instanceof StringType) {
            return ChannelStates.decimal(command.toString());
        }
        return null;
    }

    private static String plain(BigDecimal number) {
        return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
    }
}
