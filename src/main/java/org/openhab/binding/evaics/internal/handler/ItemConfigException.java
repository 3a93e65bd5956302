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

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * A thing configuration that cannot work; carries the translatable status description shown to the user.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class ItemConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String statusDescription;

    /**
     * @param statusDescription an {@code @text/...} description built with {@link StatusDescriptions#text}
     * @param detail what exactly is wrong, in English, for the debug log
     */
    public ItemConfigException(String statusDescription, String detail) {
        super(detail, null, false, false);
        this.statusDescription = statusDescription;
    }

    public String statusDescription() {
        return statusDescription;
    }
}
