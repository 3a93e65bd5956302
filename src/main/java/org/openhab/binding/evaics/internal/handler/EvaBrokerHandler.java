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
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.EvaIcsBindingConstants;
import org.openhab.binding.evaics.internal.discovery.EvaControllerDiscoveryService;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttConnectionListener;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttMessageListener;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttSettings;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttTransport;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttTransportException;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttTransportException.Reason;
import org.openhab.binding.evaics.internal.protocol.mqtt.PinMismatchException;
import org.openhab.binding.evaics.internal.protocol.mqtt.ServerPin;
import org.openhab.binding.evaics.internal.protocol.state.Announcement;
import org.openhab.binding.evaics.internal.protocol.state.AnnouncementParser;
import org.openhab.binding.evaics.internal.protocol.state.AnnouncementRouter;
import org.openhab.binding.evaics.internal.protocol.state.ControllerAnnouncementSink;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;
import org.openhab.binding.evaics.internal.protocol.state.EvaTopics;
import org.openhab.binding.evaics.internal.protocol.state.RecentAnnouncements;
import org.openhab.binding.evaics.internal.protocol.state.ZlibMsgPackBodyDecoder;
import org.openhab.core.common.ThreadPoolManager;
import org.openhab.core.config.core.Configuration;
import org.openhab.core.thing.Bridge;
import org.openhab.core.thing.ChannelUID;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusDetail;
import org.openhab.core.thing.ThingStatusInfo;
import org.openhab.core.thing.binding.BaseBridgeHandler;
import org.openhab.core.thing.binding.ThingHandlerService;
import org.openhab.core.types.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code evaics:broker} bridge: one MQTT connection to the broker the EVA controllers use (protocol.md §1), the
 * subscriptions to their plain announcements (protocol.md §2, §2.1, §2.2, §9, §10 step 6) and the routing of those to
 * the controller bridges registered here.
 * <p>
 * Status: UNKNOWN while the first connection is being made, ONLINE while connected, OFFLINE COMMUNICATION_ERROR
 * while the broker is unreachable or the connection is lost (the transport keeps reconnecting with a capped
 * backoff), OFFLINE CONFIGURATION_ERROR for a configuration that cannot work, including credentials the broker
 * refuses.
 * <p>
 * Failover (issue 14): with several broker addresses ({@code host} as a list, {@link EvaBrokerConfiguration}), a lost
 * connection moves on to the next address that answers; the bridge goes OFFLINE and ONLINE again as after a
 * reconnect, so every controller bridge resyncs by call. The property
 * {@link EvaIcsBindingConstants#PROPERTY_BROKER_ADDRESS} names the broker connected to. {@link #initialize()} and
 * {@link #dispose()} never wait for the network.
 * <p>
 * Pinning (as openHAB's {@code mqtt:broker} thing): with {@code certificatepin} or {@code publickeypin} on and no
 * hash configured, the hash of the first successful connection is stored in {@code certificate} or
 * {@code publickey}; a broker that does not match the pin is OFFLINE COMMUNICATION_ERROR with a status that says
 * so, and keeps being refused.
 * <p>
 * Threads: the transport's own tasks (reconnect timing, connection events, probing) run on the handler's
 * {@code scheduler}, one at a time; the Paho clients run on the openHAB pool
 * {@link EvaIcsBindingConstants#MQTT_POOL_PREFIX}{@code <bridge id>}. Neither is ever shut down here; closing the
 * transport cancels its tasks and ends its clients' tasks.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public class EvaBrokerHandler extends BaseBridgeHandler {

    private final Logger logger = LoggerFactory.getLogger(EvaBrokerHandler.class);
    /** Outlives connections, so that controller registrations survive a configuration change. */
    private final AnnouncementRouter router = new AnnouncementRouter();
    /** The last state announcements received, for the console; outlives connections like the router. */
    private final RecentAnnouncements recent = new RecentAnnouncements();
    private volatile @Nullable Connection connection;

    /** One transport with what belongs to it; replaced on every initialize(). */
    private record Connection(MqttTransport transport, EvaTopics topics, AnnouncementParser parser, int qos,
            ProtocolLimits limits) {
    }

    public EvaBrokerHandler(Bridge bridge) {
        super(bridge);
    }

    @Override
    public void initialize() {
        EvaBrokerConfiguration config = getConfigAs(EvaBrokerConfiguration.class);
        MqttTransport transport;
        EvaTopics topics;
        try {
            MqttSettings settings = config.toMqttSettings();
            topics = config.topics();
            // the transport's own short tasks run on the handler's scheduler, Paho's on this bridge's pool
            transport = new MqttTransport(settings, scheduler, ThreadPoolManager
                    .getScheduledPool(EvaIcsBindingConstants.MQTT_POOL_PREFIX + getThing().getUID().getId()));
        } catch (IllegalArgumentException e) {
            configurationError(e);
            return;
        }
        ProtocolLimits limits = config.limits();
        AnnouncementParser parser = new AnnouncementParser(topics.space(), new ZlibMsgPackBodyDecoder(limits), limits);
        Connection current = new Connection(transport, topics, parser, config.qos, limits);
        connection = current;
        transport.addConnectionListener(new ConnectionListener(current));
        MqttMessageListener messages = (topic, payload, retained) -> {
            if (connection == current) {
                Announcement announcement = parser.parse(topic, payload);
                router.route(announcement, topic, retained);
                recent.record(announcement, topic);
            }
        };
        for (String filter : AnnouncementRouter.topicFilters(topics)) {
            transport.subscribe(filter, AnnouncementRouter.ANNOUNCEMENT_QOS, messages)
                    .whenComplete((ok, failure) -> subscriptionDone(filter, failure));
        }
        updateStatus(ThingStatus.UNKNOWN);
        try {
            transport.start();
        } catch (IllegalArgumentException e) {
            connection = null;
            configurationError(e);
            scheduler.execute(transport::close);
        }
    }

    private void configurationError(IllegalArgumentException e) {
        logger.debug("Broker {} has an invalid configuration: {}", getThing().getUID(), e.getMessage());
        updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR,
                ConfigurationProblem.describe(e, StatusDescriptions.BROKER_CONFIG_INVALID));
    }

    private void subscriptionDone(String filter, @Nullable Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (cause instanceof MqttTransportException e && e.reason() == Reason.SUBSCRIPTION_REFUSED) {
            logger.warn("The broker of {} refused the subscription to {}; those announcements will not arrive",
                    getThing().getUID(), filter);
        } else if (cause != null) {
            logger.debug("Subscription to {} not acknowledged: {}", filter, cause.getMessage());
        }
    }

    @Override
    public void dispose() {
        Connection current = connection;
        connection = null;
        if (current != null) {
            // close() waits for the DISCONNECT and Paho's threads; dispose() must not
            scheduler.execute(current.transport()::close);
        }
    }

    @Override
    public void handleCommand(ChannelUID channelUID, Command command) {
        // the bridge has no channels
    }

    @Override
    public Collection<Class<? extends ThingHandlerService>> getServices() {
        return List.of(EvaControllerDiscoveryService.class);
    }

    /** The connection, while one exists (it may be disconnected; check the bridge status). */
    public @Nullable MqttTransport transport() {
        Connection current = connection;
        return current == null ? null : current.transport();
    }

    /** The topics of the configured space, while a connection exists. */
    public @Nullable EvaTopics topics() {
        Connection current = connection;
        return current == null ? null : current.topics();
    }

    /** The limits of everything decoded from this broker (the configured maximum message size). */
    public ProtocolLimits limits() {
        Connection current = connection;
        return current == null ? ProtocolLimits.defaults() : current.limits();
    }

    /** The configured QoS for API requests and responses. */
    public int rpcQos() {
        Connection current = connection;
        return current == null ? getConfigAs(EvaBrokerConfiguration.class).qos : current.qos();
    }

    /**
     * Registers a controller bridge for the announcements naming its controller id.
     *
     * @return false if another controller bridge on this broker already has that controller id
     */
    public boolean registerController(ControllerId controller, ControllerAnnouncementSink sink) {
        return router.register(controller, sink);
    }

    public void unregisterController(ControllerId controller, ControllerAnnouncementSink sink) {
        router.unregister(controller, sink);
    }

    /**
     * The last state announcements (per-item states, destroyed items, bulk batches) received on this broker for
     * any controller, at most {@link RecentAnnouncements#DEFAULT_CAPACITY}; unauthenticated, as received (protocol.md §11).
     */
    public RecentAnnouncements recentAnnouncements() {
        return recent;
    }

    /**
     * How long ago the controller was last seen alive on this broker: a discovery announce naming it or a state
     * announcement with its id in {@code c}, not retained ({@link AnnouncementRouter}); null if never while it was
     * registered. Anyone can forge those (protocol.md §11): a hint for status texts only.
     */
    public @Nullable Duration sinceSeen(ControllerId controller) {
        return router.sinceSeen(controller);
    }

    /** Receives every discovery announce on this broker (protocol.md §2.1); null to stop. */
    public void setDiscoveryListener(@Nullable Consumer<ControllerId> listener) {
        router.setDiscoveryListener(listener);
    }

    /** Turns the events of one transport into statuses, unless a newer connection replaced it. */
    private final class ConnectionListener implements MqttConnectionListener {
        private final Connection owner;

        ConnectionListener(Connection owner) {
            this.owner = owner;
        }

        @Override
        public void connected(boolean reconnect) {
            if (connection == owner) {
                String address = owner.transport().currentServerUri();
                logger.debug("Broker {} {} to {}", getThing().getUID(), reconnect ? "reconnected" : "connected",
                        address);
                updateProperty(EvaIcsBindingConstants.PROPERTY_BROKER_ADDRESS, address);
                updateStatus(ThingStatus.ONLINE);
            }
        }

        @Override
        public void connectionLost(String reason) {
            if (connection == owner) {
                logger.debug("Broker {} lost the connection: {}", getThing().getUID(), reason);
                updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.COMMUNICATION_ERROR,
                        StatusDescriptions.text(StatusDescriptions.CONNECTION_LOST, reason));
            }
        }

        @Override
        public void pinLearned(ServerPin pin) {
            if (connection != owner) {
                return;
            }
            String parameter = EvaBrokerConfiguration.pinParameter(pin.kind());
            logger.info("Broker {} pinned its {}: {}", getThing().getUID(), pin.kind().text(), pin);
            Configuration configuration = editConfiguration();
            configuration.put(parameter, pin.toString());
            try {
                updateConfiguration(configuration);
            } catch (RuntimeException e) {
                // e.g. a thing from a .things file, whose configuration openHAB cannot change
                logger.warn("Broker {} cannot store the pinned {} ({}); it is in force until the bridge restarts. "
                        + "Set {}=\"{}\" in the thing's configuration to keep it.", getThing().getUID(),
                        pin.kind().text(), e.getMessage(), parameter, pin);
            }
        }

        @Override
        public void pinRefused(PinMismatchException mismatch) {
            if (connection != owner) {
                return;
            }
            ThingStatusInfo before = getThing().getStatusInfo();
            String key = mismatch.kind() == ServerPin.Kind.CERTIFICATE ? StatusDescriptions.CERTIFICATE_PIN_MISMATCH
                    : StatusDescriptions.PUBLIC_KEY_PIN_MISMATCH;
            String description = StatusDescriptions.text(key, mismatch.pinned().toString(),
                    mismatch.presented().toString());
            if (description.equals(before.getDescription())) {
                logger.debug("Broker {} still presents a {} that does not match the pin: {}", getThing().getUID(),
                        mismatch.kind().text(), mismatch.presented());
            } else {
                logger.warn("Broker {} refused: {}", getThing().getUID(), mismatch.getMessage());
            }
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.COMMUNICATION_ERROR, description);
        }

        @Override
        public void connectFailed(String reason, boolean authenticationRefused) {
            if (connection != owner) {
                return;
            }
            logger.debug("Broker {} connect attempt failed: {}", getThing().getUID(), reason);
            if (authenticationRefused) {
                updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR,
                        StatusDescriptions.text(StatusDescriptions.CREDENTIALS_REFUSED, reason));
            } else {
                updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.COMMUNICATION_ERROR,
                        StatusDescriptions.text(StatusDescriptions.BROKER_UNREACHABLE, reason));
            }
        }
    }
}
