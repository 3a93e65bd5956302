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

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.protocol.JsonLines;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.codec.FrameCodec;
import org.openhab.binding.evaics.internal.protocol.codec.FrameFormat;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttSettings;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttTransport;
import org.openhab.binding.evaics.internal.protocol.rpc.RpcClient;
import org.openhab.binding.evaics.internal.protocol.rpc.RpcSettings;
import org.openhab.binding.evaics.internal.protocol.state.Announcement.ControllerAnnounced;
import org.openhab.binding.evaics.internal.protocol.state.Announcement;
import org.openhab.binding.evaics.internal.protocol.state.AnnouncementParser;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;
import org.openhab.binding.evaics.internal.protocol.state.EvaTopics;
import org.openhab.binding.evaics.internal.protocol.state.ItemState;
import org.openhab.binding.evaics.internal.protocol.state.StateFormatException;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * {@code evaics discover}: lists the controllers that announce themselves on {@code {P}controller/discovery}
 * (protocol.md §2.1), each once, and with an API key also their items through authenticated {@code state} calls
 * (protocol.md §8.2 to §8.4): units and sensors on a UC, lvars on an LM PLC, all three on an SFA. The item listing runs
 * on its own thread, one controller after the other, so the MQTT thread never waits for an answer.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class DiscoverCommand implements Command {

    static final String DURATION = "--duration";
    static final String KEY_ID = "--key-id";
    static final String KEY = "--key";
    /** Default listening time: the stock setup announces every 30 s (protocol.md §2.1), plus a margin. */
    static final long DEFAULT_DURATION_SECONDS = 35;
    static final long MAX_DURATION_SECONDS = TimeUnit.DAYS.toSeconds(7);
    /** Item types asked per product code (protocol.md §8.2 to §8.4); unknown products are listed without items. */
    private static final String UC = "uc";
    private static final String LM = "lm";
    private static final String SFA = "sfa";
    private static final List<String> UC_TYPES = List.of("unit", "sensor");
    private static final List<String> LM_TYPES = List.of("lvar");
    private static final List<String> SFA_TYPES = List.of("unit", "sensor", "lvar");
    /** Wait beyond the call timeouts for a listing still running when the duration ends. */
    private static final long LISTING_MARGIN_MILLIS = 2000;
    private static final String TYPE_PARAM = "p";

    private static final List<CliOption> OPTIONS;

    static {
        List<CliOption> options = new ArrayList<>(BrokerConnection.OPTIONS);
        options.add(CliOption.value(DURATION, "SECONDS",
                "listen this many seconds (default " + DEFAULT_DURATION_SECONDS + ": one announce interval)"));
        options.add(CliOption.value(KEY_ID, "ID", "API key id: also list each controller's items (with --key)"));
        options.add(CliOption.value(KEY, "KEY", "API key for the item listing (with --key-id)"));
        OPTIONS = List.copyOf(options);
    }

    @Override
    public String name() {
        return "discover";
    }

    @Override
    public String summary() {
        return "list controllers that announce themselves (and, with a key, their items)";
    }

    @Override
    public String synopsis() {
        return "discover --broker URL [--space S] [--duration SECONDS] [--key-id ID --key KEY]\n"
                + "              [--username USER --password PASSWORD] [--ca-file FILE]";
    }

    @Override
    public String description() {
        return """
                Listens for controller announces and prints one line per controller, once: {"controller":"uc/host1"}.
                Controllers announce only when their notifier has announce_interval > 0 (30 s in the stock setup),
                so listen at least that long (--duration, default 35 s). With --key-id and --key it also asks each
                controller for its items with encrypted state calls (units and sensors on uc, lvars on lm, all on
                sfa) and prints one line per item: {"oid","status","value","controller"}. Failed calls are reported
                on stderr.

                Example:
                  evaics discover --broker tcp://127.0.0.1:1883 --key-id default --key SECRET
                """;
    }

    @Override
    public List<CliOption> options() {
        return OPTIONS;
    }

    @Override
    public int execute(ParsedArgs args, CliIo io) throws CliException, InterruptedException {
        args.positionals(0, 0, "");
        EvaTopics topics = BrokerConnection.topics(args);
        long durationMillis = args.seconds(DURATION, TimeUnit.SECONDS.toMillis(DEFAULT_DURATION_SECONDS),
                MAX_DURATION_SECONDS);
        ProtocolLimits limits = ProtocolLimits.defaults();
        Credentials credentials = credentials(args, limits);
        MqttSettings settings = BrokerConnection.settings(args);
        AnnouncementParser parser = Announcements.parser(topics, limits);
        Set<ControllerId> seen = ConcurrentHashMap.newKeySet();

        ExecutorService lister = Executors.newSingleThreadExecutor(runnable -> daemon(runnable, "evaics-cli-lister"));
        ScheduledExecutorService timer = Executors
                .newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "evaics-cli-timer"));
        try (BrokerConnection broker = BrokerConnection.connect(settings, Announcements.reporter(io))) {
            MqttTransport transport = broker.transport();
            BrokerConnection.awaitSubscribed(transport.subscribe(topics.discoveryTopic(), Announcements.SUBSCRIBE_QOS,
                    (topic, payload, retained) -> {
                        Announcement announcement = parser.parse(topic, payload);
                        if (announcement instanceof ControllerAnnounced announced
                                && seen.add(announced.controller())) {
                            io.out(JsonLines.write(JsonLines.controllerLine(announced.controller())));
                            if (credentials != null) {
                                submit(lister, () -> listItems(transport, topics, announced.controller(),
                                        credentials, limits, timer, io));
                            }
                        } else if (announcement instanceof Announcement.Ignored ignored) {
                            io.err("skipped " + CliIo.printable(topic) + ": " + CliIo.printable(ignored.reason()));
                        }
                    }), topics.discoveryTopic());
            Thread.sleep(durationMillis);
            lister.shutdown();
            // a listing that started before the end may finish; its calls are bounded by their timeout
            long wait = SFA_TYPES.size() * (limits.defaultCallTimeout().toMillis() + LISTING_MARGIN_MILLIS);
            if (!lister.awaitTermination(wait, TimeUnit.MILLISECONDS)) {
                io.err("item listing did not finish in time");
            }
        } finally {
            lister.shutdownNow();
            timer.shutdownNow();
        }
        return ExitCode.OK;
    }

    private static @Nullable Credentials credentials(ParsedArgs args, ProtocolLimits limits) throws CliException {
        if (args.has(KEY_ID) != args.has(KEY)) {
            throw CliException.usage(KEY_ID + " and " + KEY + " go together");
        }
        if (!args.has(KEY)) {
            return null;
        }
        Credentials credentials = new Credentials(args.required(KEY_ID), args.required(KEY));
        try {
            new FrameCodec(credentials.keyId(), credentials.key(), FrameFormat.BINARY, limits);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(String.valueOf(e.getMessage()));
        }
        return credentials;
    }

    private static void submit(ExecutorService lister, Runnable task) {
        try {
            lister.execute(task);
        } catch (RejectedExecutionException e) {
            // announced after the duration ended: listed as a controller, no time left for its items
        }
    }

    private static void listItems(MqttTransport transport, EvaTopics topics, ControllerId controller,
            Credentials credentials, ProtocolLimits limits, ScheduledExecutorService timer, CliIo io) {
        List<String> types = switch (controller.productCode()) {
            case UC -> UC_TYPES;
            case LM -> LM_TYPES;
            case SFA -> SFA_TYPES;
            default -> List.of();
        };
        if (types.isEmpty()) {
            io.err(controller + ": unknown product code, items not listed");
            return;
        }
        RpcSettings settings = RpcSettings.from(limits);
        long waitMillis = settings.callTimeout().toMillis() + LISTING_MARGIN_MILLIS;
        try (RpcClient client = new RpcClient(transport, topics, controller, credentials.keyId(), credentials.key(),
                FrameFormat.BINARY, settings, limits, timer)) {
            client.start().get(BrokerConnection.SUBSCRIBE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            for (String type : types) {
                JsonObject params = new JsonObject();
                params.addProperty(TYPE_PARAM, type);
                try {
                    printStates(controller, type, client.call("state", params).get(waitMillis, TimeUnit.MILLISECONDS),
                            io);
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    io.err(controller + ": state p=" + type + " failed: "
                            + (cause == null ? "unknown reason" : cause.getMessage()));
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            io.err(controller + ": items not listed, cannot subscribe to its API responses");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void printStates(ControllerId controller, String type, JsonElement result, CliIo io) {
        if (!(result instanceof JsonArray states)) {
            io.err(controller + ": state p=" + type + " did not return a list");
            return;
        }
        for (JsonElement element : states) {
            try {
                if (!(element instanceof JsonObject object)) {
                    throw new StateFormatException("not an object");
                }
                io.out(JsonLines.write(JsonLines.itemLine(ItemState.fromStateObject(object, controller))));
            } catch (StateFormatException e) {
                io.err(controller + ": skipped an invalid state in state p=" + type + ": "
                        + CliIo.printable(String.valueOf(e.getMessage())));
            }
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** The key for the item listing; {@link #toString()} hides it. */
    private record Credentials(String keyId, String key) {
        @Override
        public String toString() {
            return "Credentials[keyId=" + keyId + ", key=***]";
        }
    }
}
