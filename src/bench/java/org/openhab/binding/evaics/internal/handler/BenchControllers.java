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
import org.openhab.core.thing.Bridge;

/**
 * Controller bridges for the batch benchmark (issue 13): the binding as it is, or with the refreshes of its items made
 * as before batches, one {@code state} call per item and frame with 16 in flight ({@link StateBatcher.Limits}).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class BenchControllers {

    private BenchControllers() {
    }

    /** @param batched the binding's batches, or one call per item as before */
    public static EvaControllerHandler controller(Bridge bridge, boolean batched) {
        return new EvaControllerHandler(bridge,
                batched ? StateBatcher.Limits.DEFAULT : StateBatcher.Limits.ONE_CALL_PER_ITEM);
    }
}
