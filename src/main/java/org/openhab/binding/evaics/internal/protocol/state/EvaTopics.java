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

import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Every MQTT topic and topic filter the binding uses, for one EVA space (protocol.md §1, §2, §2.1, §2.2, §9.5, §10 step
 * 3 and 6).
 * <p>
 * The space prefix {@code {P}} is empty without a space and {@code <space>/} with one; it never starts with
 * {@code /} and is applied to every topic, discovery included. A space may have several levels
 * ({@code site/plant1}) but no empty level, no MQTT wildcards and no control characters (including NUL).
 * Thread-safe (immutable).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class EvaTopics {

    /** Item types whose per-item state topics the binding subscribes to (protocol.md §10 step 6). */
    public static final List<String> STATE_TYPES = List.of("unit", "sensor", "lvar");

    static final String CONTROLLER = "controller";
    static final String DISCOVERY = "discovery";
    static final String EVENTS = "events";
    static final String API_REQUEST = "api/request";
    static final String API_RESPONSE = "api/response/";
    static final String BULK_STATE = "state";
    static final String BULK_ACTION = "action";
    static final String LOG = "log";
    static final String ACTION_SUFFIX = "action";
    static final String MULTI_LEVEL_WILDCARD = "#";
    static final String SINGLE_LEVEL_WILDCARD = "+";

    private final String space;
    private final String prefix;

    /**
     * @param space the notifier's space, {@code ""} for none
     * @throws IllegalArgumentException with a user-readable message when the space cannot be a topic prefix
     */
    public EvaTopics(String space) {
        String error = spaceError(space);
        if (error != null) {
            throw new IllegalArgumentException(error);
        }
        this.space = space;
        this.prefix = space.isEmpty() ? "" : space + "/";
    }

    /** The space as configured, {@code ""} for none. */
    public String space() {
        return space;
    }

    /** {@code ""} or {@code <space>/}. */
    public String prefix() {
        return prefix;
    }

    /** {@code {P}controller/discovery}: controller announces, plain controller id payload (protocol.md §2.1). */
    public String discoveryTopic() {
        return prefix + CONTROLLER + "/" + DISCOVERY;
    }

    /** {@code {P}controller/{pc}/{sys}/api/request}. */
    public String requestTopic(ControllerId controller) {
        return controllerTopic(controller, API_REQUEST);
    }

    /**
     * {@code {P}controller/{pc}/{sys}/api/response/{callId}}.
     *
     * @throws IllegalArgumentException if {@code callId} is not a single topic level without wildcards
     */
    public String responseTopic(ControllerId controller, String callId) {
        if (callId.isEmpty() || callId.indexOf('/') >= 0 || callId.indexOf('+') >= 0 || callId.indexOf('#') >= 0
                || callId.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("call id " + Texts.quote(callId) + " is not a single topic level");
        }
        return controllerTopic(controller, API_RESPONSE + callId);
    }

    /** {@code {P}controller/{pc}/{sys}/api/response/+}: all responses of a controller (protocol.md §10 step 3). */
    public String responseFilter(ControllerId controller) {
        return controllerTopic(controller, API_RESPONSE + SINGLE_LEVEL_WILDCARD);
    }

    /** {@code {P}controller/{pc}/{sys}/events}: restart / leaving events (protocol.md §2.2). */
    public String eventsTopic(ControllerId controller) {
        return controllerTopic(controller, EVENTS);
    }

    /** {@code {P}controller/+/+/events}: server events of all controllers in the space. */
    public String allEventsFilter() {
        return prefix + CONTROLLER + "/" + SINGLE_LEVEL_WILDCARD + "/" + SINGLE_LEVEL_WILDCARD + "/" + EVENTS;
    }

    /**
     * {@code {P}{type}/#}: per-item states, destroyed items and action events of one item type.
     *
     * @throws IllegalArgumentException if {@code type} is not a valid item type
     */
    public String stateFilter(String type) {
        String error = Oid.typeError(type);
        if (error != null) {
            throw new IllegalArgumentException(error);
        }
        return prefix + type + "/" + MULTI_LEVEL_WILDCARD;
    }

    /** {@link #stateFilter(String)} for each of {@link #STATE_TYPES}. */
    public List<String> stateFilters() {
        return STATE_TYPES.stream().map(this::stateFilter).toList();
    }

    /** {@code {P}state/#}: bulk state batches of any bulk topic (protocol.md §9.5). */
    public String bulkStateFilter() {
        return prefix + BULK_STATE + "/" + MULTI_LEVEL_WILDCARD;
    }

    /** {@code {P}{type}/{group}/{id}}: the retained state topic of an item. */
    public String itemTopic(Oid oid) {
        return prefix + oid.type() + "/" + oid.group() + "/" + oid.id();
    }

    /** {@code {P}{type}/{group}/{id}/action}: action events of an item. */
    public String actionTopic(Oid oid) {
        return itemTopic(oid) + "/" + ACTION_SUFFIX;
    }

    /** {@code {P}log}: log records (protocol.md §9.6). */
    public String logTopic() {
        return prefix + LOG;
    }

    /**
     * The topic without the space prefix, or {@code null} when the topic does not belong to this space.
     */
    public @Nullable String stripPrefix(String topic) {
        if (prefix.isEmpty()) {
            return topic;
        }
        return topic.startsWith(prefix) ? topic.substring(prefix.length()) : null;
    }

    private String controllerTopic(ControllerId controller, String rest) {
        return prefix + CONTROLLER + "/" + controller.productCode() + "/" + controller.systemName() + "/" + rest;
    }

    @Override
    public String toString() {
        return "EvaTopics[space=" + space + "]";
    }

    private static @Nullable String spaceError(String space) {
        if (space.isEmpty()) {
            return null;
        }
        if (space.charAt(0) == '/') {
            return "The space " + Texts.quote(space) + " must not start with '/'";
        }
        if (space.charAt(space.length() - 1) == '/') {
            return "The space " + Texts.quote(space) + " must not end with '/'";
        }
        if (space.contains("//")) {
            return "The space " + Texts.quote(space) + " must not contain an empty level ('//')";
        }
        for (int i = 0; i < space.length(); i++) {
            char c = space.charAt(i);
            if (c == '+' || c == '#') {
                return "The space " + Texts.quote(space) + " must not contain the MQTT wildcard '" + c + "'";
            }
            if (Character.isISOControl(c)) {
                return "The space " + Texts.quote(space) + " must not contain control characters (such as NUL)";
            }
        }
        return null;
    }
}
