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
package org.openhab.core.config.discovery;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Stand-in of openHAB's {@code DiscoveryResultFlag}: whether an inbox entry is new or was ignored by the user.
 */
@NonNullByDefault
public enum DiscoveryResultFlag {
    NEW,
    IGNORED
}
