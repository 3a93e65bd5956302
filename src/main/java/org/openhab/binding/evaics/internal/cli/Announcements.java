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
package org.openhab.binding.evaics.internal.cli;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttConnectionListener;
import org.openhab.binding.evaics.internal.protocol.state.AnnouncementParser;
import org.openhab.binding.evaics.internal.protocol.state.EvaTopics;
import org.openhab.binding.evaics.internal.protocol.state.ZlibMsgPackBodyDecoder;

/**
 * What {@code watch} and {@code discover} share: the announcement parser of a space, with the binding's compressed bulk
 * decoder (protocol.md §9.5: zlib of msgpack, bounded by the protocol limits), and the stderr reports of connection
 * changes after the first connect.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class Announcements {

    /** QoS of our subscriptions: the controller publishes states and announces with QoS 1 (protocol.md §1). */
    static final int SUBSCRIBE_QOS = 1;

    private Announcements() {
    }

    static AnnouncementParser parser(EvaTopics topics, ProtocolLimits limits) {
        return new AnnouncementParser(topics.space(), new ZlibMsgPackBodyDecoder(limits), limits);
    }

    /** Reports connection losses and reconnects on stderr; the transport reconnects by itself. */
    static MqttConnectionListener reporter(CliIo io) {
        return new MqttConnectionListener() {
            @Override
            public void connected(boolean reconnect) {
                io.err("reconnected to the broker");
            }

            @Override
            public void connectionLost(String reason) {
                io.err("connection to the broker lost (" + CliIo.printable(reason) + "); reconnecting");
            }

            @Override
            public void connectFailed(String reason, boolean authenticationRefused) {
                io.err("reconnect failed: " + CliIo.printable(reason));
            }
        };
    }
}
