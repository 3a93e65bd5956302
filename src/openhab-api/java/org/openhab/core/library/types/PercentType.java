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
package org.openhab.core.library.types;

import java.math.BigDecimal;
import java.util.Locale;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.core.types.State;

/**
 * Stand-in of openHAB's {@code PercentType}: a {@link DecimalType} between 0 and 100.
 */
@NonNullByDefault
public class PercentType extends DecimalType {

    /** Upper bound; declared first because the constants below are validated against it. */
    private static final BigDecimal MAX = BigDecimal.valueOf(100);

    public static final PercentType ZERO = new PercentType(0);
    public static final PercentType HUNDRED = new PercentType(100);

    public PercentType() {
        super();
    }

    public PercentType(int value) {
        super(value);
        validate();
    }

    public PercentType(String value) {
        super(value);
        validate();
    }

    public PercentType(String value, Locale locale) {
        super(value, locale);
        validate();
    }

    public PercentType(BigDecimal value) {
        super(value);
        validate();
    }

    private void validate() {
        if (value.signum() < 0 || value.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("Value must be between 0 and 100, was " + value.toPlainString());
        }
    }

    public static PercentType valueOf(String value) {
        return new PercentType(value);
    }

    @Override
    public <T extends State> @Nullable T as(@Nullable Class<T> target) {
        if (target == OnOffType.class) {
            return target.cast(value.signum() == 0 ? OnOffType.OFF : OnOffType.ON);
        } else if (target == DecimalType.class) {
            return target.cast(new DecimalType(value.movePointLeft(2)));
        } else if (target == OpenClosedType.class) {
            if (value.signum() == 0) {
                return target.cast(OpenClosedType.CLOSED);
            } else if (value.compareTo(MAX) == 0) {
                return target.cast(OpenClosedType.OPEN);
            }
            return null;
        }
        return super.as(target);
    }
}
