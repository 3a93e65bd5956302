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
import org.openhab.binding.evaics.internal.EvaIcsBindingConstants;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.codec.FrameFormat;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;

/**
 * Configuration of the {@code evaics:controller} bridge (ESH-INF/thing/controller.xml), mapped by openHAB from the
 * thing configuration. {@link #validate()} turns it into {@link ControllerSettings} or says what is wrong.
 * {@link #toString()} never shows the key.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public class EvaControllerConfiguration {

    public static final String STATE_SOURCE_ANNOUNCEMENTS = "announcements";
    public static final String STATE_SOURCE_VERIFIED = "verified";
    public static final int DEFAULT_HEARTBEAT_INTERVAL_SECONDS = 30;
    /** A call that needs longer than this is as good as lost. */
    public static final int MAX_CALL_TIMEOUT_SECONDS = 300;
    public static final int MAX_HEARTBEAT_INTERVAL_SECONDS = 86_400;

    /** {@code <product code>/<system name>}, e.g. {@code uc/host1}. */
    public String controllerId = "";
    public String keyId = EvaIcsBindingConstants.DEFAULT_KEY_ID;
    public String key = "";
    public String frameFormat = FrameFormat.BINARY.configValue();
    /** Seconds. */
    public int callTimeout = (int) ProtocolLimits.DEFAULT_CALL_TIMEOUT.toSeconds();
    /** Seconds. */
    public int heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL_SECONDS;
    public String stateSource = STATE_SOURCE_ANNOUNCEMENTS;

    /**
     * @throws IllegalArgumentException with a message for the user that says what is wrong; never contains the key
     */
    public ControllerSettings validate() {
        // the protocol layer's reason is shown as the argument of the generic configuration text
        ControllerId controller = ControllerId.parse(controllerId.trim());
        if (!controller.isKnownProduct()) {
            throw new ConfigurationProblem("controller-product-unknown",
                    "the product code of " + controller + " is not one of uc, lm or sfa (e.g. uc/host1)", controller);
        }
        if (keyId.isEmpty()) {
            throw new ConfigurationProblem("controller-key-id-empty",
                    "the key id is empty (EVA's usual key id is 'default')");
        }
        if (keyId.indexOf('\0') >= 0) {
            throw new ConfigurationProblem("controller-key-id-nul", "the key id must not contain the NUL character");
        }
        if (keyId.indexOf('|') >= 0) {
            throw new ConfigurationProblem("controller-key-id-bar", "the key id must not contain '|'");
        }
        if (key.isEmpty()) {
            throw new ConfigurationProblem("controller-key-missing", "the API key is missing");
        }
        FrameFormat format;
        try {
            format = FrameFormat.fromConfigValue(frameFormat.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationProblem("controller-frame-format",
                    "the frame format '" + frameFormat + "' is not binary, binary-compressed or text", frameFormat);
        }
        if (callTimeout < 1 || callTimeout > MAX_CALL_TIMEOUT_SECONDS) {
            throw new ConfigurationProblem("controller-call-timeout-range",
                    "the call timeout " + callTimeout + " s is outside 1.." + MAX_CALL_TIMEOUT_SECONDS, callTimeout,
                    MAX_CALL_TIMEOUT_SECONDS);
        }
        if (heartbeatInterval < 1 || heartbeatInterval > MAX_HEARTBEAT_INTERVAL_SECONDS) {
            throw new ConfigurationProblem("controller-heartbeat-range", "the heartbeat interval " + heartbeatInterval
                    + " s is outside 1.." + MAX_HEARTBEAT_INTERVAL_SECONDS, heartbeatInterval,
                    MAX_HEARTBEAT_INTERVAL_SECONDS);
        }
        boolean verified;
        switch (stateSource.trim()) {
            case STATE_SOURCE_ANNOUNCEMENTS -> verified = false;
            case STATE_SOURCE_VERIFIED -> verified = true;
            default -> throw new ConfigurationProblem("controller-state-source",
                    "the state source '" + stateSource + "' is not announcements or verified", stateSource);
        }
        return new ControllerSettings(controller, keyId, key, format, Duration.ofSeconds(callTimeout),
                Duration.ofSeconds(heartbeatInterval), verified);
    }

    @Override
    public String toString() {
        return "EvaControllerConfiguration[controllerId=" + controllerId + ", keyId=" + keyId + ", key="
                + (key.isEmpty() ? "" : "***") + ", frameFormat=" + frameFormat + ", stateSource=" + stateSource
                + "]";
    }
}
