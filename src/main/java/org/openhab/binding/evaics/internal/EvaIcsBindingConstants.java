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

/**
 * Identifiers shared by the binding's handlers, discovery services and descriptors.
 */
public final class EvaIcsBindingConstants {

    /** The binding id, as in {@code ESH-INF/addon/addon.xml}. */
    public static final String BINDING_ID = "evaics";

    private EvaIcsBindingConstants() {
    }
}
