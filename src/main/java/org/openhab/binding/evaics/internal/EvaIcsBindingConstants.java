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

import java.util.Set;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.core.thing.ThingTypeUID;

/**
 * Identifiers shared by the binding's handlers, discovery services and descriptors.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class EvaIcsBindingConstants {

    /** The binding id, as in {@code ESH-INF/addon/addon.xml}. */
    public static final String BINDING_ID = "evaics";

    // thing types
    public static final ThingTypeUID THING_TYPE_BROKER = new ThingTypeUID(BINDING_ID, "broker");
    public static final ThingTypeUID THING_TYPE_CONTROLLER = new ThingTypeUID(BINDING_ID, "controller");
    public static final ThingTypeUID THING_TYPE_UNIT = new ThingTypeUID(BINDING_ID, "unit");
    public static final ThingTypeUID THING_TYPE_SENSOR = new ThingTypeUID(BINDING_ID, "sensor");
    public static final ThingTypeUID THING_TYPE_LVAR = new ThingTypeUID(BINDING_ID, "lvar");

    /** Item things: children of a controller bridge, one per EVA item. */
    public static final Set<ThingTypeUID> ITEM_THING_TYPES = Set.of(THING_TYPE_UNIT, THING_TYPE_SENSOR,
            THING_TYPE_LVAR);
    public static final Set<ThingTypeUID> SUPPORTED_THING_TYPES = Set.of(THING_TYPE_BROKER, THING_TYPE_CONTROLLER,
            THING_TYPE_UNIT, THING_TYPE_SENSOR, THING_TYPE_LVAR);

    /**
     * Prefix of the name of the openHAB thread pool ({@code ThreadPoolManager.getScheduledPool}) that runs the Paho
     * clients of one broker bridge; followed by the bridge's thing id. One pool per bridge: each of its clients keeps
     * up to four of the pool's threads for as long as it is connected or connecting (see docs/architecture.md), so a
     * pool of openHAB's default size (5) is enough for one bridge and not for two. Its size can be set as
     * {@code org.openhab.threadpool:evaics-mqtt-<bridge id>}.
     */
    public static final String MQTT_POOL_PREFIX = BINDING_ID + "-mqtt-";

    // broker bridge configuration
    public static final String CONFIG_HOST = "host";
    public static final String CONFIG_PORT = "port";
    public static final String CONFIG_SECURE = "secure";
    public static final String CONFIG_CA_FILE = "caFile";
    public static final String CONFIG_CLIENT_CERT_FILE = "clientCertFile";
    public static final String CONFIG_CLIENT_KEY_FILE = "clientKeyFile";
    public static final String CONFIG_HOSTNAME_VALIDATED = "hostnameValidated";
    public static final String CONFIG_USERNAME = "username";
    public static final String CONFIG_PASSWORD = "password";
    public static final String CONFIG_CLIENT_ID = "clientID";
    public static final String CONFIG_KEEP_ALIVE = "keepAlive";
    public static final String CONFIG_QOS = "qos";
    public static final String CONFIG_SPACE = "space";
    public static final String CONFIG_RECONNECT_TIME = "reconnectTime";
    public static final String CONFIG_MAX_MESSAGE_SIZE = "maxMessageSize";
    public static final String CONFIG_CERTIFICATE_PIN = "certificatepin";
    public static final String CONFIG_CERTIFICATE = "certificate";
    public static final String CONFIG_PUBLIC_KEY_PIN = "publickeypin";
    public static final String CONFIG_PUBLIC_KEY = "publickey";

    // controller bridge configuration
    public static final String CONFIG_CONTROLLER_ID = "controllerId";
    public static final String CONFIG_KEY_ID = "keyId";
    public static final String CONFIG_KEY = "key";
    public static final String CONFIG_FRAME_FORMAT = "frameFormat";
    public static final String CONFIG_CALL_TIMEOUT = "callTimeout";
    public static final String CONFIG_HEARTBEAT_INTERVAL = "heartbeatInterval";
    public static final String CONFIG_STATE_SOURCE = "stateSource";

    /** The key id EVA uses for MQTT calls unless configured otherwise (protocol.md §2.1). */
    public static final String DEFAULT_KEY_ID = "default";

    // item thing configuration
    /** The full id {@code <group>/<id>} of an item thing; the type comes from the thing type. */
    public static final String CONFIG_ITEM_ID = "id";

    // thing properties
    /** Controller bridges: {@code <product code>/<system name>}; also the representation property. */
    public static final String PROPERTY_CONTROLLER_ID = "controllerId";
    /** Item things: {@code <type>:<group>/<id>}; also the representation property. */
    public static final String PROPERTY_OID = "oid";
    public static final String PROPERTY_PRODUCT_CODE = "productCode";
    public static final String PROPERTY_PRODUCT_NAME = "productName";
    public static final String PROPERTY_PRODUCT_BUILD = "productBuild";
    public static final String PROPERTY_VERSION = "version";
    public static final String PROPERTY_SYSTEM = "system";
    /**
     * Broker bridges: the server URI of the broker the bridge is connected to, e.g. {@code tcp://node2:1883} (one of
     * the configured addresses, see the {@code host} parameter; issue 14, failover).
     */
    public static final String PROPERTY_BROKER_ADDRESS = "brokerAddress";

    private EvaIcsBindingConstants() {
    }
}
