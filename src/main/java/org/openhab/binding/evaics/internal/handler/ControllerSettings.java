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

import java.time.Duration;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.internal.protocol.codec.FrameFormat;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;

/**
 * The validated configuration of a controller bridge. {@link #toString()} never shows the key.
 *
 * @param controller the controller this bridge talks to
 * @param keyId the key id sent in clear in every frame
 * @param key the API key
 * @param format the frame format of requests
 * @param callTimeout how long a call waits for its answer
 * @param heartbeatInterval the pause between two {@code test} calls
 * @param verified whether announcements only trigger an authenticated {@code state} call
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public record ControllerSettings(ControllerId controller, String keyId, String key, FrameFormat format,
        Duration callTimeout, Duration heartbeatInterval, boolean verified) {

    /**
     * The timeout of a heartbeat call: never longer than the heartbeat interval, so that a controller that stops
     * answering right after a successful heartbeat is OFFLINE within two intervals.
     */
    public Duration heartbeatTimeout() {
        return callTimeout.compareTo(heartbeatInterval) < 0 ? callTimeout : heartbeatInterval;
    }

    @Override
    public String toString() {
        return "ControllerSettings[controller=" + controller + ", keyId=" + keyId + ", format=" + format
                + ", callTimeout=" + callTimeout + ", heartbeatInterval=" + heartbeatInterval + ", verified="
                + verified + "]";
    }
}
