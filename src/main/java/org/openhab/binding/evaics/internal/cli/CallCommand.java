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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.internal.protocol.JsonLines;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.TextOutput;
import org.openhab.binding.evaics.internal.protocol.codec.FrameCodec;
import org.openhab.binding.evaics.internal.protocol.codec.FrameFormat;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttSettings;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaRpcException;
import org.openhab.binding.evaics.internal.protocol.rpc.RpcClient;
import org.openhab.binding.evaics.internal.protocol.rpc.RpcSettings;
import org.openhab.binding.evaics.internal.protocol.state.ControllerId;
import org.openhab.binding.evaics.internal.protocol.state.EvaTopics;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * {@code evaics call}: one encrypted JSON-RPC call to a controller (protocol.md §3 to §6, §8), through the binding's
 * own {@link RpcClient}, so it behaves exactly as the binding does (same framing, same answer rules, protocol.md §10
 * steps 2 to 5).
 * <p>
 * Outcomes: the {@code result} on stdout and exit 0; a JSON-RPC error object on stdout and exit 1; a {@code 500|}
 * that no valid answer overrode (protocol.md §4.4) as {@code {"code":7,...}} and exit 1; no valid answer before
 * {@code --timeout}: nothing on stdout, the reason on stderr, exit 3.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class CallCommand implements Command {

    static final String CONTROLLER = "--controller";
    static final String KEY_ID = "--key-id";
    static final String KEY = "--key";
    static final String TIMEOUT = "--timeout";
    static final String TEXT = "--text";

    /** The error code printed for a {@code 500|}: EVA's "server error", the dispatcher could not run the call. */
    static final int DISPATCH_FAILED_CODE = TextOutput.DISPATCH_FAILED_CODE;
    /** Upper bound of {@code --timeout}: a call that takes longer is not waiting for a debugging session. */
    static final long MAX_TIMEOUT_SECONDS = 3600;
    /** Wait beyond the call timeout for the client's own timeout to fire. */
    private static final long TIMEOUT_MARGIN_MILLIS = 2000;
    private static final String TIMER_THREAD_NAME = "evaics-cli-timer";

    private static final List<CliOption> OPTIONS;

    static {
        List<CliOption> options = new ArrayList<>(BrokerConnection.OPTIONS);
        options.add(CliOption.value(CONTROLLER, "TYPE/NAME", "the controller, e.g. uc/host1 (required)"));
        options.add(CliOption.value(KEY_ID, "ID", "API key id, sent in clear in the frame, e.g. default (required)"));
        options.add(CliOption.value(KEY, "KEY", "API key: encrypts the frame and is sent as param k (required)"));
        options.add(CliOption.value(TIMEOUT, "SECONDS",
                "how long to wait for a valid answer (default " + ProtocolLimits.DEFAULT_CALL_TIMEOUT.toSeconds()
                        + ", at most " + MAX_TIMEOUT_SECONDS + ")"));
        options.add(CliOption.flag(TEXT, "use the legacy text (Fernet) frame format instead of binary"));
        OPTIONS = List.copyOf(options);
    }

    @Override
    public String name() {
        return "call";
    }

    @Override
    public String summary() {
        return "call an API method of a controller and print its result";
    }

    @Override
    public String synopsis() {
        return "call --broker URL --controller TYPE/NAME --key-id ID --key KEY [--space S] [--timeout SECONDS]\n"
                + "              [--text] [--username USER --password PASSWORD] [--ca-file FILE] METHOD [PARAMS_JSON]";
    }

    @Override
    public String description() {
        return """
                Sends METHOD with the params PARAMS_JSON (a JSON object, default {}) to the controller over its
                encrypted MQTT API. The API key is added to the params as k. Prints the JSON-RPC result as one
                line of JSON and exits 0. A JSON-RPC error prints the error object and exits 1; so does a
                controller that could only answer 500| (printed as {"code":7,"message":...}). No valid answer
                before the timeout (wrong key or key id, API disabled, controller down): nothing on stdout, the
                reason on stderr, exit 3. Broker unreachable or bad arguments: exit 2.

                Examples:
                  evaics call --broker tcp://127.0.0.1:1883 --controller uc/host1 --key-id default --key SECRET test
                  evaics call ... state '{"i":"unit:lights/lamp1"}'
                  evaics call ... action '{"i":"unit:lights/lamp1","s":1,"w":5}'
                """;
    }

    @Override
    public List<CliOption> options() {
        return OPTIONS;
    }

    @Override
    public int execute(ParsedArgs args, CliIo io) throws CliException, InterruptedException {
        ControllerId controller;
        try {
            controller = ControllerId.parse(args.required(CONTROLLER));
        } catch (IllegalArgumentException e) {
            throw CliException.usage(CONTROLLER + ": " + e.getMessage());
        }
        String keyId = args.required(KEY_ID);
        // before the positionals: a key typed without --key is then reported as a missing --key
        String key = args.required(KEY);
        List<String> positionals = args.positionals(1, 2, "METHOD [PARAMS_JSON]");
        String method = positionals.get(0);
        if (method.isEmpty()) {
            throw CliException.usage("METHOD must not be empty");
        }
        JsonObject params = positionals.size() > 1 ? CliJson.parseParams(positionals.get(1)) : new JsonObject();
        long timeoutMillis = args.seconds(TIMEOUT, ProtocolLimits.DEFAULT_CALL_TIMEOUT.toMillis(), MAX_TIMEOUT_SECONDS);
        FrameFormat format = args.flag(TEXT) ? FrameFormat.TEXT : FrameFormat.BINARY;
        EvaTopics topics = BrokerConnection.topics(args);
        ProtocolLimits limits = ProtocolLimits.defaults();
        RpcSettings settings = RpcSettings.from(limits).withCallTimeout(Duration.ofMillis(timeoutMillis));

        try {
            // checks the key id and key before any connection; RpcClient builds the same codec again
            new FrameCodec(keyId, key, format, limits);
        } catch (IllegalArgumentException e) {
            // FrameCodec messages describe the key id and never contain the key
            throw CliException.usage(String.valueOf(e.getMessage()));
        }
        MqttSettings mqtt = BrokerConnection.settings(args);

        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, TIMER_THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        });
        try (BrokerConnection broker = BrokerConnection.connect(mqtt, null)) {
            return call(broker, topics, controller, keyId, key, format, settings, limits, timer, method, params,
                    timeoutMillis, io);
        } finally {
            timer.shutdownNow();
        }
    }

    private int call(BrokerConnection broker, EvaTopics topics, ControllerId controller, String keyId, String key,
            FrameFormat format, RpcSettings settings, ProtocolLimits limits, ScheduledExecutorService timer,
            String method, JsonObject params, long timeoutMillis, CliIo io) throws CliException, InterruptedException {
        try (RpcClient client = new RpcClient(broker.transport(), topics, controller, keyId, key, format, settings,
                limits, timer)) {
            BrokerConnection.awaitSubscribed(client.start(), topics.responseFilter(controller));
            JsonElement result;
            try {
                result = client.call(method, params).get(timeoutMillis + TIMEOUT_MARGIN_MILLIS,
                        TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof EvaRpcException failure) {
                    return failed(failure, io);
                }
                throw CliException.failure(ExitCode.REMOTE_ERROR, "call failed: " + e.getCause());
            } catch (TimeoutException e) {
                throw CliException.failure(ExitCode.NO_ANSWER,
                        "no answer from " + controller + " to '" + method + "' in time");
            }
            io.out(JsonLines.write(result));
            return ExitCode.OK;
        }
    }

    private static int failed(EvaRpcException failure, CliIo io) throws CliException {
        String line = TextOutput.callErrorLine(failure);
        if (line != null) {
            io.out(line);
            return ExitCode.REMOTE_ERROR;
        }
        String message = String.valueOf(failure.getMessage());
        if (failure.kind() == EvaRpcException.Kind.TIMEOUT) {
            throw CliException.failure(ExitCode.NO_ANSWER, message);
        }
        throw CliException.failure(ExitCode.USAGE, message);
    }
}
