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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.internal.protocol.TextOutput;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttMessageListener;
import org.openhab.binding.evaics.internal.protocol.mqtt.MqttSettings;
import org.openhab.binding.evaics.internal.protocol.state.Announcement;
import org.openhab.binding.evaics.internal.protocol.state.AnnouncementParser;
import org.openhab.binding.evaics.internal.protocol.state.EvaTopics;

/**
 * {@code evaics watch}: prints the plain state announcements of a space (protocol.md §2, §9.1, §9.5, §10 step 6) as
 * JSON lines, one per item state: per-item topics of units, sensors and lvars ({@code {P}unit/#} ...), retained ones
 * first, and bulk batches ({@code {P}state/#}), one line per entry. An empty payload (destroyed item) gives
 * {@code "destroyed":true}. Messages the binding would ignore are reported on stderr and skipped; action events are
 * not states and are left out silently. Nothing here is authenticated (protocol.md §11): it shows what is on the
 * broker, not what the controller said.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class WatchCommand implements Command {

    static final String DURATION = "--duration";
    /** Upper bound of {@code --duration}; without the option the command runs until it is killed. */
    static final long MAX_DURATION_SECONDS = TimeUnit.DAYS.toSeconds(7);
    private static final long UNTIL_KILLED = -1;

    private static final List<CliOption> OPTIONS;

    static {
        List<CliOption> options = new ArrayList<>(BrokerConnection.OPTIONS);
        options.add(CliOption.value(DURATION, "SECONDS", "stop after this many seconds (default: run until killed)"));
        OPTIONS = List.copyOf(options);
    }

    @Override
    public String name() {
        return "watch";
    }

    @Override
    public String summary() {
        return "print item state announcements as JSON lines";
    }

    @Override
    public String synopsis() {
        return "watch --broker URL [--space S] [--duration SECONDS] [--username USER --password PASSWORD]\n"
                + "              [--ca-file FILE]";
    }

    @Override
    public String description() {
        return """
                Subscribes to the state topics of units, sensors and lvars and to bulk state topics, and prints
                one JSON line per item state: {"oid","status","value","controller","t"}, or {"oid","destroyed":true}
                when an item's state is removed (empty payload). Retained states come first. Messages that are not
                valid states are reported on stderr and skipped. Runs until killed (Ctrl-C) or for --duration.

                Example:
                  evaics watch --broker tcp://127.0.0.1:1883 --duration 10
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
        long durationMillis = args.seconds(DURATION, UNTIL_KILLED, MAX_DURATION_SECONDS);
        MqttSettings settings = BrokerConnection.settings(args);
        AnnouncementParser parser = Announcements.parser(topics, ProtocolLimits.defaults());
        MqttMessageListener listener = (topic, payload, retained) -> print(topic, parser.parse(topic, payload), io);
        List<String> filters = new ArrayList<>(topics.stateFilters());
        filters.add(topics.bulkStateFilter());
        try (BrokerConnection broker = BrokerConnection.connect(settings, Announcements.reporter(io))) {
            for (String filter : filters) {
                BrokerConnection.awaitSubscribed(
                        broker.transport().subscribe(filter, Announcements.SUBSCRIBE_QOS, listener), filter);
            }
            if (durationMillis == UNTIL_KILLED) {
                new CountDownLatch(1).await();
            } else {
                Thread.sleep(durationMillis);
            }
        }
        return ExitCode.OK;
    }

    static void print(String topic, Announcement announcement, CliIo io) {
        TextOutput.watchLines(topic, announcement, io::out, io::err);
    }
}
