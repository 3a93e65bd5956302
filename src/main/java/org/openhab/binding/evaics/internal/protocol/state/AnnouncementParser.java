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
package org.openhab.binding.evaics.internal.protocol.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ActionEvent;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.BulkState;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ControllerAnnounced;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.Ignored;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ItemDestroyed;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ItemStateChanged;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ServerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * Turns the plain (unencrypted) MQTT messages of EVA controllers into {@link Announcement}s (protocol.md §2 and its
 * notes, §2.1, §2.2, §9, §10 step 6). {@link #parse(String, byte[])} never throws: anything unexpected, including
 * invalid UTF-8, oversize payloads and deeply nested JSON, becomes {@link Ignored} with a reason (protocol.md §11:
 * anybody who can publish on the broker can send garbage). Thread-safe (no mutable state).
 * <p>
 * Topic rules, after the space prefix:
 * <ul>
 * <li>{@code controller/discovery}: discovery announce, the payload is the plain controller id.</li>
 * <li>{@code controller/{pc}/{sys}/events}: server event JSON; a {@code c} member must match the topic.</li>
 * <li>{@code controller/{pc}/{sys}/test-*} (self test) and {@code .../api/*} (API traffic): ignored.</li>
 * <li>{@code state/{bulk topic}}: bulk state, JSON or {@code 0x00 0x03} + body for the {@link BinaryBodyDecoder}.
 * </li>
 * <li>{@code log}, {@code action/{bulk topic}}: log records and bulk action events, ignored.</li>
 * <li>{@code {type}/{group...}/{id}}: item state (JSON object), or destroyed item (empty payload). The type is the
 * first level, the id the last, the group everything between (it may contain {@code /}).</li>
 * <li>Sub-topics, only possible with at least four levels: {@code .../action} with a payload that has {@code uuid}
 * is an action event of the parent item; without {@code uuid} (or empty) it is the state of an item whose id is
 * {@code action}, since state payloads never carry {@code uuid}. {@code .../control}, {@code .../status},
 * {@code .../value}, {@code .../set_time} are the controller's unauthenticated inputs and are ignored, unless the
 * payload is a JSON object with a {@code c} member: inputs never carry one and controller state payloads always do,
 * so that is the state of an item with that id.</li>
 * </ul>
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class AnnouncementParser {

    /**
     * Second byte of a compressed bulk batch (protocol.md §9.5); the first is 0x00, which JSON text never starts with.
     */
    static final byte BULK_COMPRESSED_ENCODING = 0x03;

    /** Length of the binary bulk header {@code 0x00 0x03}. */
    static final int BULK_HEADER_LENGTH = 2;

    private static final String CONTROLLER_PREFIX = EvaTopics.CONTROLLER + "/";
    private static final String BULK_STATE_PREFIX = EvaTopics.BULK_STATE + "/";
    private static final String BULK_ACTION_PREFIX = EvaTopics.BULK_ACTION + "/";
    private static final String SELF_TEST_PREFIX = "test-";
    private static final String API_PREFIX = "api/";
    private static final List<String> INPUT_SUB_TOPICS = List.of("control", "status", "value", "set_time");

    private final Logger logger = LoggerFactory.getLogger(AnnouncementParser.class);
    private final EvaTopics topics;
    private final BinaryBodyDecoder bulkDecoder;
    private final ProtocolLimits limits;

    /**
     * @param space the space of the controllers, {@code ""} for none
     * @param bulkDecoder decoder for compressed bulk bodies
     * @param limits payload size and nesting limits
     * @throws IllegalArgumentException if the space is not valid (see {@link EvaTopics})
     */
    public AnnouncementParser(String space, BinaryBodyDecoder bulkDecoder, ProtocolLimits limits) {
        this.topics = new EvaTopics(space);
        this.bulkDecoder = bulkDecoder;
        this.limits = limits;
    }

    /** The topics of the parser's space. */
    public EvaTopics topics() {
        return topics;
    }

    /**
     * Interprets one message. Never throws.
     *
     * @param topic the topic the message arrived on
     * @param payload the raw payload
     * @return what the message means, {@link Ignored} if it means nothing to the binding or is invalid
     */
    public Announcement parse(String topic, byte[] payload) {
        try {
            if (payload.length > limits.maxPayloadBytes()) {
                return new Ignored("payload of " + payload.length + " bytes is larger than the limit of "
                        + limits.maxPayloadBytes());
            }
            String rest = topics.stripPrefix(topic);
            if (rest == null) {
                return new Ignored("topic is outside the space " + Texts.quote(topics.space()));
            }
            if (rest.startsWith(CONTROLLER_PREFIX)) {
                return parseControllerTopic(rest.substring(CONTROLLER_PREFIX.length()), payload);
            }
            if (rest.startsWith(BULK_STATE_PREFIX)) {
                return parseBulk(payload);
            }
            if (rest.startsWith(BULK_ACTION_PREFIX)) {
                return new Ignored("bulk action events are not used");
            }
            if (rest.equals(EvaTopics.LOG)) {
                return new Ignored("log record");
            }
            return parseItemTopic(topic, rest, payload);
        } catch (StateFormatException e) {
            return new Ignored(String.valueOf(e.getMessage()));
        } catch (RuntimeException | StackOverflowError e) {
            // a bug or a decoder failure that slipped through: the MQTT callback thread must survive it
            logger.debug("Unexpected failure parsing a message on topic {}", Texts.quote(topic), e);
            return new Ignored("unexpected " + e.getClass().getSimpleName() + ": "
                    + Texts.abbreviate(String.valueOf(e.getMessage())));
        }
    }

    private Announcement parseControllerTopic(String rest, byte[] payload) throws StateFormatException {
        if (rest.equals(EvaTopics.DISCOVERY)) {
            return new ControllerAnnounced(controllerId(JsonText.decodeUtf8(payload)));
        }
        int productEnd = rest.indexOf('/');
        int systemEnd = productEnd < 0 ? -1 : rest.indexOf('/', productEnd + 1);
        if (systemEnd < 0) {
            return new Ignored("unknown controller topic");
        }
        String tail = rest.substring(systemEnd + 1);
        if (tail.startsWith(SELF_TEST_PREFIX)) {
            return new Ignored("controller self-test message");
        }
        if (tail.startsWith(API_PREFIX)) {
            return new Ignored("API traffic");
        }
        if (!tail.equals(EvaTopics.EVENTS)) {
            return new Ignored("unknown controller topic");
        }
        ControllerId controller = controllerId(rest.substring(0, systemEnd));
        JsonObject event = jsonObject(payload, "server event");
        String name = string(event, "e", "server event");
        JsonElement c = event.get("c");
        if (c != null && !c.isJsonNull()
                && !(c instanceof JsonPrimitive p && p.isString() && p.getAsString().equals(controller.toString()))) {
            return new Ignored("server event c member does not match the topic's controller " + controller);
        }
        return new ServerEvent(controller, name, optionalTime(event, "t"));
    }

    private Announcement parseBulk(byte[] payload) throws StateFormatException {
        JsonElement body;
        if (payload.length > 0 && payload[0] == 0) {
            if (payload.length < BULK_HEADER_LENGTH || payload[1] != BULK_COMPRESSED_ENCODING) {
                return new Ignored("binary bulk batch with an unknown encoding");
            }
            body = decodeBinary(Arrays.copyOfRange(payload, BULK_HEADER_LENGTH, payload.length));
        } else {
            body = JsonText.parse(JsonText.decodeUtf8(payload), limits.maxNestingDepth());
        }
        if (!(body instanceof JsonObject batch)) {
            return new Ignored("bulk batch is not an object");
        }
        JsonElement c = batch.get("c");
        if (!(c instanceof JsonPrimitive p && p.isString())) {
            return new Ignored("bulk batch has no controller id (c)");
        }
        ControllerId controller = controllerId(p.getAsString());
        Double t = optionalTime(batch, "t");
        if (!(batch.get("d") instanceof JsonArray entries)) {
            return new Ignored("bulk batch has no d array");
        }
        List<ItemState> states = new ArrayList<>(entries.size());
        List<Oid> destroyed = new ArrayList<>();
        int rejected = 0;
        String firstReason = "";
        for (int i = 0; i < entries.size(); i++) {
            try {
                if (!(entries.get(i) instanceof JsonObject entry)) {
                    throw new StateFormatException("not an object");
                }
                if (entry.get("destroyed") instanceof JsonPrimitive flag && flag.isBoolean() && flag.getAsBoolean()) {
                    destroyed.add(ItemState.identity(entry));
                } else {
                    states.add(ItemState.fromStateObject(entry, controller, t));
                }
            } catch (StateFormatException e) {
                if (rejected++ == 0) {
                    firstReason = "entry " + i + ": " + e.getMessage();
                }
            }
        }
        return new BulkState(controller, states, destroyed, rejected, firstReason);
    }

    private JsonElement decodeBinary(byte[] body) throws StateFormatException {
        JsonElement decoded;
        try {
            decoded = bulkDecoder.decode(body);
        } catch (Exception | StackOverflowError e) {
            throw new StateFormatException("compressed bulk batch cannot be decoded: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + Texts.abbreviate(String.valueOf(e.getMessage()))));
        }
        if (JsonText.nestsDeeperThan(decoded, limits.maxNestingDepth())) {
            throw new StateFormatException("compressed bulk batch nests deeper than " + limits.maxNestingDepth());
        }
        return decoded;
    }

    private Announcement parseItemTopic(String topic, String rest, byte[] payload) throws StateFormatException {
        int firstSlash = rest.indexOf('/');
        int lastSlash = rest.lastIndexOf('/');
        if (firstSlash <= 0 || firstSlash == lastSlash) {
            return new Ignored("not an item topic (needs type/group/id)");
        }
        String type = rest.substring(0, firstSlash);
        String group = rest.substring(firstSlash + 1, lastSlash);
        String id = rest.substring(lastSlash + 1);
        int parentSlash = group.lastIndexOf('/');
        boolean subTopicAction = parentSlash >= 0 && id.equals(EvaTopics.ACTION_SUFFIX);
        boolean subTopicInput = parentSlash >= 0 && INPUT_SUB_TOPICS.contains(id);
        Oid oid = oid(type, group, id);
        if (payload.length == 0) {
            if (subTopicInput) {
                return new Ignored("empty controller input on sub-topic /" + id);
            }
            return new ItemDestroyed(oid, topic);
        }
        JsonElement body = JsonText.parse(JsonText.decodeUtf8(payload), limits.maxNestingDepth());
        if (!(body instanceof JsonObject object)) {
            return new Ignored(subTopicInput ? "controller input on sub-topic /" + id
                    : "item state payload is not a JSON object");
        }
        if (subTopicAction && object.has("uuid")) {
            Oid parent = oid(type, group.substring(0, parentSlash), group.substring(parentSlash + 1));
            return actionEvent(parent, object);
        }
        if (subTopicInput && !object.has("c")) {
            return new Ignored("controller input on sub-topic /" + id);
        }
        return new ItemStateChanged(ItemState.fromAnnouncement(oid, object));
    }

    private static ActionEvent actionEvent(Oid oid, JsonObject object) throws StateFormatException {
        String uuid = string(object, "uuid", "action event");
        String status = string(object, "status", "action event");
        JsonElement c = object.get("c");
        ControllerId controller = null;
        if (c != null && !c.isJsonNull()) {
            if (!(c instanceof JsonPrimitive p && p.isString())) {
                throw new StateFormatException("action event c member is not a string");
            }
            controller = controllerId(p.getAsString());
        }
        return new ActionEvent(oid, uuid, status, controller, object);
    }

    private JsonObject jsonObject(byte[] payload, String what) throws StateFormatException {
        JsonElement body = JsonText.parse(JsonText.decodeUtf8(payload), limits.maxNestingDepth());
        if (body instanceof JsonObject object) {
            return object;
        }
        throw new StateFormatException(what + " is not a JSON object");
    }

    private static String string(JsonObject object, String name, String what) throws StateFormatException {
        if (object.get(name) instanceof JsonPrimitive p && p.isString()) {
            return p.getAsString();
        }
        throw new StateFormatException(what + " has no string member " + name);
    }

    private static @Nullable Double optionalTime(JsonObject object, String name) throws StateFormatException {
        JsonElement element = object.get(name);
        if (element == null || element.isJsonNull()) {
            return null;
        }
        if (element instanceof JsonPrimitive p && p.isNumber() && Double.isFinite(p.getAsDouble())) {
            return p.getAsDouble();
        }
        throw new StateFormatException(name + " must be a finite number");
    }

    private static ControllerId controllerId(String text) throws StateFormatException {
        try {
            return ControllerId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new StateFormatException(String.valueOf(e.getMessage()));
        }
    }

    private static Oid oid(String type, String group, String id) throws StateFormatException {
        try {
            return new Oid(type, group, id);
        } catch (IllegalArgumentException e) {
            throw new StateFormatException("topic is not a valid item: " + e.getMessage());
        }
    }
}
