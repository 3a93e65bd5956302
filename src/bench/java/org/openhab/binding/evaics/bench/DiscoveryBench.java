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
package org.openhab.binding.evaics.bench;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.internal.EvaIcsBindingConstants;
import org.openhab.binding.evaics.internal.cli.RequestFrame;
import org.openhab.binding.evaics.internal.cli.ServerFrameCodec;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.codec.FrameCodec;
import org.openhab.binding.evaics.internal.protocol.codec.FrameException;
import org.openhab.binding.evaics.internal.protocol.codec.FrameFormat;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;
import org.openhab.binding.evaics.internal.protocol.state.ItemState;
import org.openhab.binding.evaics.internal.protocol.state.StateFormatException;
import org.openhab.core.config.discovery.DiscoveryResult;
import org.openhab.core.config.discovery.DiscoveryResultBuilder;
import org.openhab.core.thing.ThingTypeUID;
import org.openhab.core.thing.ThingUID;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The discovery benchmark (issue 5, item 6): the time from a controller's encrypted answer to {@code state} with
 * {@code p=unit} (protocol.md §8.2) for {@link BenchPlan#discoveryItems()} items to the discovery results: frame decode
 * (MAC, AES, inflate, msgpack), then {@link ItemState#fromStateObject} per entry and one openHAB
 * {@link DiscoveryResult} per item, built as the item discovery service would (thing UID from the OID, bridge,
 * label, {@code oid} as representation property).
 * <p>
 * The answer is {@link FrameFormat#BINARY_COMPRESSED}: uncompressed, a 10,000-item answer is larger than the default
 * payload limit ({@link ProtocolLimits#DEFAULT_MAX_PAYLOAD_BYTES}); both sizes are reported.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class DiscoveryBench {

    private static final String KEY_ID = "default";
    private static final String API_KEY = "bench-discovery-key-0123456789abcdef";
    private static final ControllerId CONTROLLER = new ControllerId("uc", "bench");
    private static final ThingUID BRIDGE = new ThingUID(EvaIcsBindingConstants.BINDING_ID, "controller", "bench");
    private static final double NANOS_PER_MILLI = 1e6;
    private static final int REQUEST_ID_BYTES = 16;
    private static final int GROUPS = 100;

    /**
     * Times in milliseconds. {@code ms} is the first conversion in the harness's fresh JVM, decode included: a scan
     * runs rarely, so its code is cold (interpreted until the JIT catches up), and that is what a user waits for.
     * {@code warmMs} is the median of the later half of the repeats, for comparison.
     */
    record Result(int items, double ms, double warmMs, double decodeMs, double convertMs, int answerBytes,
            int uncompressedAnswerBytes, int maxPayloadBytes, int results) {
    }

    private DiscoveryBench() {
    }

    static Result run(BenchPlan plan) throws Exception {
        ProtocolLimits limits = ProtocolLimits.defaults();
        FrameCodec client = new FrameCodec(KEY_ID, API_KEY, FrameFormat.BINARY_COMPRESSED, limits);
        FrameCodec plainClient = new FrameCodec(KEY_ID, API_KEY, FrameFormat.BINARY, limits);
        ServerFrameCodec server = new ServerFrameCodec(id -> KEY_ID.equals(id) ? API_KEY : null, limits);
        JsonArray states = new JsonArray();
        for (int i = 0; i < plan.discoveryItems(); i++) {
            states.add(unitState(String.format("unit:bench/g%02d/u%05d", i % GROUPS, i)));
        }
        byte[] answer = answer(client, server, states);
        byte[] uncompressed = answer(plainClient, server, states);
        int repeats = Math.max(1, plan.discoveryRepeats());
        double[] totals = new double[repeats];
        double decodeMs = 0;
        double convertMs = 0;
        int results = 0;
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            JsonArray list = decode(client, answer);
            long decoded = System.nanoTime();
            results = convert(list).size();
            long converted = System.nanoTime();
            totals[r] = (converted - start) / NANOS_PER_MILLI;
            if (r == 0) {
                decodeMs = (decoded - start) / NANOS_PER_MILLI;
                convertMs = (converted - decoded) / NANOS_PER_MILLI;
            }
        }
        double[] later = Arrays.copyOfRange(totals, repeats / 2, repeats);
        Arrays.sort(later);
        return new Result(plan.discoveryItems(), totals[0], later[later.length / 2], decodeMs, convertMs,
                answer.length, uncompressed.length, limits.maxPayloadBytes(), results);
    }

    /** A unit state object as the {@code state} method returns it (protocol.md §9.1). */
    static JsonObject unitState(String oid) {
        int colon = oid.indexOf(':');
        int slash = oid.lastIndexOf('/');
        String type = colon > 0 ? oid.substring(0, colon) : "unit";
        String fullId = oid.substring(colon + 1);
        JsonObject state = new JsonObject();
        state.addProperty("oid", oid);
        state.addProperty("full_id", fullId);
        state.addProperty("group", slash > colon ? oid.substring(colon + 1, slash) : "");
        state.addProperty("id", oid.substring(slash + 1));
        state.addProperty("type", type);
        state.addProperty("status", 1);
        state.addProperty("value", "22.5");
        state.addProperty("nstatus", 1);
        state.addProperty("nvalue", "22.5");
        state.addProperty("action_enabled", true);
        state.addProperty("set_time", 1_700_000_001.133756);
        JsonArray ieid = new JsonArray();
        ieid.add(7);
        ieid.add(5_000_000_001_006L);
        state.add("ieid", ieid);
        return state;
    }

    private static byte[] answer(FrameCodec client, ServerFrameCodec server, JsonArray states)
            throws FrameException {
        byte[] requestId = new byte[REQUEST_ID_BYTES];
        new SecureRandom().nextBytes(requestId);
        JsonObject params = new JsonObject();
        params.addProperty("p", "unit");
        params.addProperty("k", API_KEY);
        JsonObject request = new JsonObject();
        request.addProperty("jsonrpc", "2.0");
        request.addProperty("method", "state");
        request.add("params", params);
        request.addProperty("id", "bench");
        RequestFrame frame = server.decodeRequest(client.encodeRequest(requestId, request));
        JsonObject response = new JsonObject();
        response.addProperty("jsonrpc", "2.0");
        response.add("result", states);
        response.addProperty("id", "bench");
        return server.encodeResponse(frame, response);
    }

    private static JsonArray decode(FrameCodec client, byte[] answer) throws FrameException {
        JsonElement body = client.decodeResponse(answer).body();
        if (body instanceof JsonObject response && response.get("result") instanceof JsonArray list) {
            return list;
        }
        throw new IllegalStateException("the answer has no result list");
    }

    /** What the item discovery service does with the list: one result per valid state. */
    static List<DiscoveryResult> convert(JsonArray list) {
        List<DiscoveryResult> results = new ArrayList<>(list.size());
        for (JsonElement element : list) {
            if (!(element instanceof JsonObject object)) {
                continue;
            }
            ItemState state;
            try {
                state = ItemState.fromStateObject(object, CONTROLLER);
            } catch (StateFormatException e) {
                continue;
            }
            ThingTypeUID type = new ThingTypeUID(EvaIcsBindingConstants.BINDING_ID, state.oid().type());
            results.add(DiscoveryResultBuilder.create(new ThingUID(type, BRIDGE, state.oid().uidSegment()))
                    .withBridge(BRIDGE).withLabel("EVA " + state.oid().type() + " " + state.oid().fullId())
                    .withProperty("oid", state.oid().toString()).withRepresentationProperty("oid").build());
        }
        return results;
    }
}
