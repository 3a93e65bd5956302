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
package org.openhab.binding.evaics.test.sim;

/**
 * A snapshot of the {@link EvaSimulator}'s counters.
 *
 * @param requestsDecoded API request frames decoded and dispatched (a batch counts once)
 * @param requestsUndecodable payloads on the request topic the controller would drop silently (protocol.md §4.4)
 * @param answersSent normal answers published (misbehaviour copies included)
 * @param dispatchFailuresSent plain {@code 500|} published
 * @param statesPublished item state announcements published (including destroy and garbage)
 * @param actionsStarted unit actions and macro runs started
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
public record SimCounters(long requestsDecoded, long requestsUndecodable, long answersSent, long dispatchFailuresSent,
        long statesPublished, long actionsStarted) {
}
