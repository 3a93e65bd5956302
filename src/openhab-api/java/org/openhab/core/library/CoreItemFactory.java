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
package org.openhab.core.library;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Stand-in of openHAB's {@code CoreItemFactory}, reduced to the item type names. The values are inlined into the
 * binding's class files, so they equal the real ones. {@code VALID_ITEM_TYPES} is left out (openHAB 5.x only).
 */
@NonNullByDefault
public class CoreItemFactory {

    public static final String CALL = "Call";
    public static final String COLOR = "Color";
    public static final String CONTACT = "Contact";
    public static final String DATETIME = "DateTime";
    public static final String DIMMER = "Dimmer";
    public static final String IMAGE = "Image";
    public static final String LOCATION = "Location";
    public static final String NUMBER = "Number";
    public static final String PLAYER = "Player";
    public static final String ROLLERSHUTTER = "Rollershutter";
    public static final String STRING = "String";
    public static final String SWITCH = "Switch";

    private CoreItemFactory() {
        // constants only in the stand-in
    }
}
