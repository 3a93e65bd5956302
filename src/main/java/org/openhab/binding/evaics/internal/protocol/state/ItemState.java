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

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * The state of one EVA item (protocol.md §9.1, §9.2), as announced on its MQTT topic, in a bulk batch, or returned by
 * the {@code state} API call. Immutable.
 * <p>
 * Field rules: {@code value} is a string, {@code ""} meaning "no value"; numbers (which drivers may produce) become
 * their decimal text, and JSON {@code null} or the literal string {@code "null"} (old EVA versions) become
 * {@code ""}. {@code nvalue} follows the same rules except that JSON {@code null} stays {@code null} ("no value
 * requested"). Every other member is {@code null} when absent or JSON {@code null}. A member of the wrong type (e.g.
 * {@code status} {@code "abc"}, an {@code ieid} that is not two integers) makes the whole state invalid, as does a
 * state with neither {@code status} nor {@code value}. Unknown members ({@code full=true} extras, SFA's
 * {@code connected}) are ignored.
 *
 * @param oid the item
 * @param controller the controller that published the state ({@code c}), when known
 * @param status the status (protocol.md §9.2)
 * @param value the value, {@code ""} for none
 * @param nstatus units: the status the unit is going to
 * @param nvalue units: the value the unit is going to, {@code null} when none was requested
 * @param actionEnabled units: whether the unit accepts actions
 * @param setTime Unix time (seconds) of the last status/value change
 * @param ieid the event ordering id (protocol.md §9.4)
 * @param expires lvars: timer length in seconds, 0 for none
 * @param t publication time (Unix seconds); {@code null} in API results and when the notifier sends none
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public record ItemState(Oid oid, @Nullable ControllerId controller, @Nullable Integer status, String value,
        @Nullable Integer nstatus, @Nullable String nvalue, @Nullable Boolean actionEnabled, @Nullable Double setTime,
        @Nullable Ieid ieid, @Nullable Double expires, @Nullable Double t) {

    /** What old EVA versions stored for "no value" (protocol.md §9.2). */
    public static final String LEGACY_NULL_VALUE = "null";

    /**
     * Builds the state announced on an item's own topic (protocol.md §9.1): the identity comes from the topic, the
     * controller from the {@code c} member.
     *
     * @throws StateFormatException if a member has the wrong type
     */
    public static ItemState fromAnnouncement(Oid oid, JsonObject payload) throws StateFormatException {
        return parseFields(oid, payload, null, null);
    }

    /**
     * Builds a state from a state object with identity members, as returned by the {@code state} API call or found
     * in a bulk batch (protocol.md §8, §9.1, §9.5). The OID comes from {@code oid}, else from {@code type} and
     * {@code full_id}, else from {@code type}, {@code group} and {@code id}. The controller comes from {@code c},
     * else from SFA's {@code controller_id} if that is a valid controller id, else from {@code defaultController}
     * (the controller that was asked).
     *
     * @throws StateFormatException if the identity is missing or invalid, or a member has the wrong type
     */
    public static ItemState fromStateObject(JsonObject object, @Nullable ControllerId defaultController)
            throws StateFormatException {
        return fromStateObject(object, defaultController, null);
    }

    static ItemState fromStateObject(JsonObject object, @Nullable ControllerId defaultController,
            @Nullable Double defaultT) throws StateFormatException {
        ControllerId controller = defaultController;
        if (object.get("controller_id") instanceof JsonPrimitive sfaController && sfaController.isString()) {
            try {
                controller = ControllerId.parse(sfaController.getAsString());
            } catch (IllegalArgumentException e) {
                // the format of SFA's member is not pinned down by protocol.md; the asked controller is a safe fallback
            }
        }
        return parseFields(identity(object), object, controller, defaultT);
    }

    /** The identity members of a state object (protocol.md §9.1) as an OID. */
    static Oid identity(JsonObject object) throws StateFormatException {
        try {
            String oidText = optionalString(object, "oid");
            if (oidText != null) {
                return Oid.parse(oidText);
            }
            String type = optionalString(object, "type");
            if (type == null) {
                throw new StateFormatException("state object has neither oid nor type");
            }
            String fullId = optionalString(object, "full_id");
            if (fullId != null) {
                return Oid.fromFullId(type, fullId);
            }
            String group = optionalString(object, "group");
            String id = optionalString(object, "id");
            if (group == null || id == null) {
                throw new StateFormatException("state object has neither oid, full_id nor group and id");
            }
            return new Oid(type, group, id);
        } catch (IllegalArgumentException e) {
            throw new StateFormatException(String.valueOf(e.getMessage()));
        }
    }

    private static ItemState parseFields(Oid oid, JsonObject object, @Nullable ControllerId defaultController,
            @Nullable Double defaultT) throws StateFormatException {
        ControllerId controller = defaultController;
        Integer status = null;
        String value = null;
        Integer nstatus = null;
        String nvalue = null;
        Boolean actionEnabled = null;
        Double setTime = null;
        Ieid ieid = null;
        Double expires = null;
        Double t = defaultT;
        // one pass over the members: cheaper than a lookup per known field on this hot path
        for (Map.Entry<String, JsonElement> member : object.entrySet()) {
            JsonElement element = member.getValue();
            if (element.isJsonNull()) {
                if ("value".equals(member.getKey())) {
                    value = "";
                }
                continue;
            }
            switch (member.getKey()) {
                case "status":
                    status = intField("status", element);
                    break;
                case "value":
                    value = valueField("value", element);
                    break;
                case "nstatus":
                    nstatus = intField("nstatus", element);
                    break;
                case "nvalue":
                    nvalue = valueField("nvalue", element);
                    break;
                case "action_enabled":
                    if (!(element instanceof JsonPrimitive p && p.isBoolean())) {
                        throw wrongType("action_enabled", "a boolean", element);
                    }
                    actionEnabled = p.getAsBoolean();
                    break;
                case "set_time":
                    setTime = timeField("set_time", element);
                    break;
                case "ieid":
                    ieid = ieidField(element);
                    break;
                case "expires":
                    expires = timeField("expires", element);
                    break;
                case "t":
                    t = timeField("t", element);
                    break;
                case "c":
                    controller = controllerField(element);
                    break;
                default:
                    // identity members, full=true extras, SFA's connected/controller_id
                    break;
            }
        }
        if (status == null && value == null) {
            throw new StateFormatException("state has neither status nor value");
        }
        return new ItemState(oid, controller, status, value == null ? "" : value, nstatus, nvalue, actionEnabled,
                setTime, ieid, expires, t);
    }

    private static @Nullable String optionalString(JsonObject object, String name) throws StateFormatException {
        JsonElement element = object.get(name);
        if (element == null || element.isJsonNull()) {
            return null;
        }
        if (element instanceof JsonPrimitive p && p.isString()) {
            return p.getAsString();
        }
        throw wrongType(name, "a string", element);
    }

    private static ControllerId controllerField(JsonElement element) throws StateFormatException {
        if (!(element instanceof JsonPrimitive p && p.isString())) {
            throw wrongType("c", "a controller id string", element);
        }
        try {
            return ControllerId.parse(p.getAsString());
        } catch (IllegalArgumentException e) {
            throw new StateFormatException(String.valueOf(e.getMessage()));
        }
    }

    private static int intField(String name, JsonElement element) throws StateFormatException {
        long number = integral(name, element);
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
            throw new StateFormatException(name + " " + number + " is out of range");
        }
        return (int) number;
    }

    private static String valueField(String name, JsonElement element) throws StateFormatException {
        if (element instanceof JsonPrimitive p) {
            if (p.isString()) {
                String text = p.getAsString();
                return LEGACY_NULL_VALUE.equals(text) ? "" : text;
            }
            if (p.isNumber()) {
                return numberText(p.getAsNumber());
            }
        }
        throw wrongType(name, "a string or number", element);
    }

    private static double timeField(String name, JsonElement element) throws StateFormatException {
        if (element instanceof JsonPrimitive p && p.isNumber()) {
            double number = p.getAsNumber().doubleValue();
            if (Double.isFinite(number)) {
                return number;
            }
        }
        throw wrongType(name, "a finite number", element);
    }

    private static Ieid ieidField(JsonElement element) throws StateFormatException {
        if (element instanceof JsonArray array && array.size() == 2) {
            return new Ieid(integral("ieid", array.get(0)), integral("ieid", array.get(1)));
        }
        throw wrongType("ieid", "an array of two integers", element);
    }

    /** The long value of an integral JSON number of any Java representation, else an error. */
    static long integral(String name, JsonElement element) throws StateFormatException {
        if (element instanceof JsonPrimitive p && p.isNumber()) {
            Number number = p.getAsNumber();
            if (number instanceof Long || number instanceof Integer || number instanceof Short
                    || number instanceof Byte) {
                return number.longValue();
            }
            if (number instanceof Double || number instanceof Float) {
                double d = number.doubleValue();
                if (d == Math.rint(d) && d >= Long.MIN_VALUE && d < Long.MAX_VALUE) {
                    return (long) d;
                }
            } else {
                try {
                    return (number instanceof BigInteger big ? new BigDecimal(big) : new BigDecimal(number.toString()))
                            .longValueExact();
                } catch (ArithmeticException | NumberFormatException e) {
                    // falls through to the type error: not integral or out of range
                }
            }
        }
        throw wrongType(name, "an integer", element);
    }

    /** The text a number value becomes (protocol.md §9.2: values are strings, drivers may send numbers). */
    private static String numberText(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return number.toString();
    }

    private static StateFormatException wrongType(String name, String expected, JsonElement actual) {
        return new StateFormatException(name + " must be " + expected + ", got " + describe(actual));
    }

    private static String describe(JsonElement element) {
        if (element.isJsonObject()) {
            return "an object";
        }
        if (element.isJsonArray()) {
            return "an array of " + element.getAsJsonArray().size();
        }
        if (element.isJsonNull()) {
            return "null";
        }
        JsonPrimitive p = element.getAsJsonPrimitive();
        return p.isString() ? "the string " + Texts.quote(p.getAsString()) : Texts.abbreviate(p.getAsString());
    }
}
