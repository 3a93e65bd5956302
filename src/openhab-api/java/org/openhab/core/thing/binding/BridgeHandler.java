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
package org.openhab.core.thing.binding;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.core.thing.Thing;

/**
 * Stand-in of openHAB's {@code BridgeHandler}: a handler that is told when the handlers of its children come and go.
 */
@NonNullByDefault
public interface BridgeHandler extends ThingHandler {

    void childHandlerInitialized(ThingHandler childHandler, Thing childThing);

    void childHandlerDisposed(ThingHandler childHandler, Thing childThing);
}
