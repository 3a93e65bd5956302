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
package org.openhab.binding.evaics.internal.console;

import static org.openhab.binding.evaics.internal.EvaIcsBindingConstants.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.evaics.internal.protocol.TextOutput;
import org.openhab.binding.evaics.internal.handler.CallFailures;
import org.openhab.binding.evaics.internal.handler.EvaBrokerHandler;
import org.openhab.binding.evaics.internal.handler.EvaControllerHandler;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaApi;
import org.openhab.binding.evaics.internal.protocol.rpc.EvaRpcException;
import org.openhab.binding.evaics.internal.protocol.state.Oid;
import org.openhab.binding.evaics.internal.protocol.state.RecentAnnouncements;
import org.openhab.core.i18n.LocaleProvider;
import org.openhab.core.io.console.Console;
import org.openhab.core.io.console.ConsoleCommandCompleter;
import org.openhab.core.io.console.StringsCompleter;
import org.openhab.core.io.console.extensions.AbstractConsoleCommandExtension;
import org.openhab.core.io.console.extensions.ConsoleCommandExtension;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingRegistry;
import org.openhab.core.thing.ThingStatusDetail;
import org.openhab.core.thing.ThingStatusInfo;
import org.openhab.core.thing.ThingTypeUID;
import org.openhab.core.thing.ThingUID;
import org.openhab.core.thing.binding.ThingHandler;
import org.openhab.core.thing.i18n.ThingStatusInfoI18nLocalizationService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * {@code openhab> evaics ...}: the binding in openHAB's console.
 * <ul>
 * <li>{@code evaics list}: the broker bridges, their controller bridges with controller id and counts of item
 * things, each with its status.</li>
 * <li>{@code evaics call <controllerThingUID> test|state [OID|TYPE]}: a {@code test} or {@code state} call through
 * the controller bridge's own RPC client (as its rule actions make them); the result as {@code evaics call} of the
 * CLI prints it, one JSON document per line, and so is an error object the controller answered.</li>
 * <li>{@code evaics announcements <brokerThingUID> [N]}: the last state announcements the broker bridge received,
 * oldest first, as {@code evaics watch} prints them.</li>
 * </ul>
 * Failures are one line {@code evaics <subcommand>: <reason>}, never a stack trace. Nothing prints a
 * configuration value other than the controller id: no API key, no broker password.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
@Component(service = ConsoleCommandExtension.class)
public class EvaConsoleCommandExtension extends AbstractConsoleCommandExtension implements ConsoleCommandCompleter {

    static final String COMMAND = BINDING_ID;
    static final String LIST = "list";
    static final String CALL = "call";
    static final String ANNOUNCEMENTS = "announcements";
    static final String TEST = "test";
    static final String STATE = "state";

    /** The wait beyond the controller's call timeout, after which the RPC client has ended the call anyway. */
    static final Duration WAIT_MARGIN = Duration.ofSeconds(2);

    private static final String CALL_SYNTAX = CALL + " <controllerThingUID> " + TEST + "|" + STATE + " [OID|TYPE]";
    private static final String ANNOUNCEMENTS_SYNTAX = ANNOUNCEMENTS + " <brokerThingUID> [N]";
    private static final StringsCompleter SUBCOMMANDS = new StringsCompleter(List.of(LIST, CALL, ANNOUNCEMENTS),
            false);
    private static final StringsCompleter METHODS = new StringsCompleter(List.of(TEST, STATE), false);

    private final ThingRegistry thingRegistry;
    private final ThingStatusInfoI18nLocalizationService statusLocalization;
    private final LocaleProvider localeProvider;

    @Activate
    public EvaConsoleCommandExtension(final @Reference ThingRegistry thingRegistry,
            final @Reference ThingStatusInfoI18nLocalizationService statusLocalization,
            final @Reference LocaleProvider localeProvider) {
        super(COMMAND, "Inspect the EVA ICS binding: bridges, calls to controllers, recent announcements.");
        this.thingRegistry = thingRegistry;
        this.statusLocalization = statusLocalization;
        this.localeProvider = localeProvider;
    }

    @Override
    public List<String> getUsages() {
        return List.of(buildCommandUsage(LIST, "list the brokers and controllers with status and item things"),
                buildCommandUsage(CALL_SYNTAX,
                        "call a controller: test, or state of an item (OID), of a type or of all items"),
                buildCommandUsage(ANNOUNCEMENTS_SYNTAX, "show the last N (default all, at most "
                        + RecentAnnouncements.DEFAULT_CAPACITY + ") state announcements the broker received"));
    }

    @Override
    public void execute(String[] args, Console console) {
        if (args.length == 0) {
            printUsage(console);
            return;
        }
        String subcommand = args[0];
        try {
            switch (subcommand) {
                case LIST -> list(args, console);
                case CALL -> call(args, console);
                case ANNOUNCEMENTS -> announcements(args, console);
                default -> {
                    console.println(COMMAND + ": unknown subcommand '" + TextOutput.printable(subcommand) + "'");
                    printUsage(console);
                }
            }
        } catch (Failure e) {
            console.println(COMMAND + " " + subcommand + ": " + e.getMessage());
        } catch (RuntimeException e) {
            console.println(COMMAND + " " + subcommand + ": internal error: " + e.getClass().getSimpleName() + ": "
                    + TextOutput.printable(String.valueOf(e.getMessage())));
        }
    }

    // ---- list ----

    private void list(String[] args, Console console) throws Failure {
        if (args.length != 1) {
            throw usage(LIST);
        }
        List<Thing> things = evaThings();
        List<Thing> brokers = ofType(things, THING_TYPE_BROKER);
        List<Thing> controllers = ofType(things, THING_TYPE_CONTROLLER);
        if (brokers.isEmpty() && controllers.isEmpty()) {
            console.println("No EVA ICS broker or controller things.");
            return;
        }
        List<Thing> orphans = new ArrayList<>(controllers);
        for (Thing broker : brokers) {
            List<Thing> children = controllers.stream().filter(c -> broker.getUID().equals(c.getBridgeUID()))
                    .toList();
            orphans.removeAll(children);
            console.println(broker.getUID() + " controllers=" + children.size() + " status="
                    + status(broker));
            for (Thing controller : children) {
                console.println("  " + controllerLine(controller, things));
            }
        }
        if (!orphans.isEmpty()) {
            console.println("(controllers without a broker thing)");
            for (Thing controller : orphans) {
                console.println("  " + controllerLine(controller, things));
            }
        }
    }

    private String controllerLine(Thing controller, List<Thing> things) {
        StringBuilder line = new StringBuilder().append(controller.getUID()).append(" controller=")
                .append(controllerId(controller));
        for (ThingTypeUID type : List.of(THING_TYPE_UNIT, THING_TYPE_SENSOR, THING_TYPE_LVAR)) {
            long count = things.stream().filter(
                    t -> type.equals(t.getThingTypeUID()) && controller.getUID().equals(t.getBridgeUID())).count();
            line.append(' ').append(type.getId()).append("s=").append(count);
        }
        return line.append(" status=").append(status(controller)).toString();
    }

    /** The configured controller id: the only configuration value printed (key and key id are not). */
    private static String controllerId(Thing controller) {
        if (controller.getHandler() instanceof EvaControllerHandler handler) {
            return handler.controllerId().toString();
        }
        Object configured = controller.getConfiguration().get(CONFIG_CONTROLLER_ID);
        return configured == null ? "-" : TextOutput.printable(configured.toString());
    }

    /** The thing's status with its description in the user's language, as openHAB's UI shows it. */
    private String status(Thing thing) {
        return status(statusLocalization.getLocalizedThingStatusInfo(thing, localeProvider.getLocale()));
    }

    /** As openHAB shows a status: {@code OFFLINE (COMMUNICATION_ERROR): description}. */
    static String status(ThingStatusInfo info) {
        StringBuilder text = new StringBuilder(info.getStatus().toString());
        if (info.getStatusDetail() != ThingStatusDetail.NONE) {
            text.append(" (").append(info.getStatusDetail()).append(')');
        }
        String description = info.getDescription();
        if (description != null && !description.isBlank()) {
            text.append(": ").append(TextOutput.printable(description));
        }
        return text.toString();
    }

    // ---- call ----

    private void call(String[] args, Console console) throws Failure {
        if (args.length < 3 || args.length > 4) {
            throw usage(CALL_SYNTAX);
        }
        String method = args[2];
        JsonObject params = new JsonObject();
        if (TEST.equals(method)) {
            if (args.length > 3) {
                throw usage(CALL_SYNTAX + " (test takes no argument)");
            }
        } else if (STATE.equals(method)) {
            if (args.length > 3) {
                String item = args[3];
                if (item.indexOf(':') >= 0) {
                    try {
                        params.addProperty("i", Oid.parse(item).toString());
                    } catch (IllegalArgumentException e) {
                        throw new Failure(TextOutput.printable(String.valueOf(e.getMessage())));
                    }
                } else {
                    params.addProperty("p", item);
                }
            }
        } else {
            throw usage(CALL_SYNTAX + " (the methods are " + TEST + " and " + STATE + ")");
        }
        Thing thing = thing(args[1]);
        if (!(thing.getHandler() instanceof EvaControllerHandler controller)) {
            throw new Failure(handlerProblem(thing, THING_TYPE_CONTROLLER, "controller"));
        }
        EvaApi api = controller.api();
        if (api == null) {
            throw new Failure(thing.getUID() + " is not online: " + status(thing));
        }
        console.println(await(controller, method, api.call(method, params)));
    }

    /** The result line, or the error line the controller answered. */
    private static String await(EvaControllerHandler controller, String method, CompletableFuture<JsonElement> call)
            throws Failure {
        long waitMillis = controller.callTimeout().plus(WAIT_MARGIN).toMillis();
        try {
            return TextOutput.json(call.get(waitMillis, TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            EvaRpcException failure = CallFailures.rpcException(e);
            if (failure == null) {
                throw new Failure(TextOutput.printable(CallFailures.describe(e)));
            }
            String line = TextOutput.callErrorLine(failure);
            if (line != null) {
                return line;
            }
            // no answer: the client's own message (timeout, not connected), as the CLI prints it
            throw new Failure(String.valueOf(failure.getMessage()));
        } catch (TimeoutException e) {
            call.cancel(false);
            throw new Failure("no answer from " + controller.controllerId() + " to '" + method + "' in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted");
        }
    }

    // ---- announcements ----

    private void announcements(String[] args, Console console) throws Failure {
        if (args.length < 2 || args.length > 3) {
            throw usage(ANNOUNCEMENTS_SYNTAX);
        }
        Thing thing = thing(args[1]);
        if (!(thing.getHandler() instanceof EvaBrokerHandler broker)) {
            throw new Failure(handlerProblem(thing, THING_TYPE_BROKER, "broker"));
        }
        RecentAnnouncements recent = broker.recentAnnouncements();
        int limit = recent.capacity();
        if (args.length > 2) {
            limit = count(args[2], recent.capacity());
        }
        List<RecentAnnouncements.Entry> entries = recent.last(limit);
        if (entries.isEmpty()) {
            console.println("No state announcements received by " + thing.getUID() + " yet.");
            return;
        }
        for (RecentAnnouncements.Entry entry : entries) {
            TextOutput.watchLines(entry.topic(), entry.announcement(), console::println, console::println);
        }
    }

    private static int count(String text, int max) throws Failure {
        try {
            int count = Integer.parseInt(text);
            if (count >= 1 && count <= max) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Failure("N must be a number from 1 to " + max + ", not '" + TextOutput.printable(text) + "'");
    }

    // ---- things ----

    private List<Thing> evaThings() {
        return thingRegistry.getAll().stream().filter(t -> BINDING_ID.equals(t.getThingTypeUID().getBindingId()))
                .sorted(Comparator.comparing(t -> t.getUID().getAsString())).toList();
    }

    private static List<Thing> ofType(List<Thing> things, ThingTypeUID type) {
        return things.stream().filter(t -> type.equals(t.getThingTypeUID())).toList();
    }

    private Thing thing(String uid) throws Failure {
        ThingUID thingUID;
        try {
            thingUID = new ThingUID(uid);
        } catch (IllegalArgumentException e) {
            throw new Failure("'" + TextOutput.printable(uid) + "' is not a thing UID");
        }
        Thing thing = thingRegistry.get(thingUID);
        if (thing == null) {
            throw new Failure("no thing " + thingUID);
        }
        return thing;
    }

    /** Why a thing has no handler of the expected type. */
    private String handlerProblem(Thing thing, ThingTypeUID expected, String what) {
        if (!expected.equals(thing.getThingTypeUID())) {
            return thing.getUID() + " is not an EVA ICS " + what + " (" + expected + ")";
        }
        ThingHandler handler = thing.getHandler();
        return handler == null
                ? thing.getUID() + " has no handler (status " + status(thing) + ")"
                : thing.getUID() + " has an unexpected handler " + handler.getClass().getSimpleName();
    }

    private static Failure usage(String syntax) {
        return new Failure("usage: " + COMMAND + " " + syntax);
    }

    // ---- completion ----

    @Override
    public @Nullable ConsoleCommandCompleter getCompleter() {
        return this;
    }

    @Override
    public boolean complete(String[] args, int cursorArgumentIndex, int cursorPosition, List<String> candidates) {
        if (cursorArgumentIndex <= 0) {
            return SUBCOMMANDS.complete(args, cursorArgumentIndex, cursorPosition, candidates);
        }
        String subcommand = args[0];
        if (cursorArgumentIndex == 1 && (CALL.equals(subcommand) || ANNOUNCEMENTS.equals(subcommand))) {
            ThingTypeUID type = CALL.equals(subcommand) ? THING_TYPE_CONTROLLER : THING_TYPE_BROKER;
            List<String> uids = ofType(evaThings(), type).stream().map(t -> t.getUID().getAsString()).toList();
            return new StringsCompleter(uids, true).complete(args, cursorArgumentIndex, cursorPosition, candidates);
        }
        if (cursorArgumentIndex == 2 && CALL.equals(subcommand)) {
            return METHODS.complete(args, cursorArgumentIndex, cursorPosition, candidates);
        }
        return false;
    }

    /** A command that cannot be carried out; the message is the reason, safe to print. */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }
}
