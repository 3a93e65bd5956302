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

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openhab.binding.evaics.internal.cli.CliRun.Result;

/**
 * The command line as a whole, without a broker: help, command dispatch, usage errors (exit 2, one line on stderr,
 * nothing on stdout) and that secrets are never echoed.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class EvaicsCliTest {

    private static final String SECRET = "Xb7pQ2mK9vL4sT8wR1zN6cY3hJ5fD0gA";
    private static final String PASSWORD = "brokerPassw0rd";
    /** Nothing listens there, and no connection is made before the arguments are checked anyway. */
    private static final String BROKER = "tcp://127.0.0.1:9";
    private static final List<String> CALL = List.of("call", "--broker", BROKER, "--controller", "uc/host1",
            "--key-id", "default", "--key", SECRET);

    private static Result call(String... more) {
        String[] args = new String[CALL.size() + more.length];
        for (int i = 0; i < CALL.size(); i++) {
            args[i] = CALL.get(i);
        }
        System.arraycopy(more, 0, args, CALL.size(), more.length);
        return CliRun.run(args);
    }

    private static void assertUsageError(Result result) {
        assertEquals(ExitCode.USAGE, result.exitCode(), result::toString);
        assertEquals("", result.stdout(), result::toString);
        assertEquals(1, result.errLines().size(), result::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = { "--help", "-h" })
    void globalHelpListsTheCommandsOnStdout(String help) {
        Result result = CliRun.run(help);
        assertEquals(ExitCode.OK, result.exitCode());
        assertEquals("", result.stderr());
        assertTrue(result.stdout().startsWith("Usage: evaics "), result::toString);
        for (String command : List.of("call", "watch", "discover", "decode")) {
            assertTrue(result.stdout().contains("  " + command + " "), command);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "call", "watch", "discover", "decode" })
    void commandHelpShowsItsUsageAndOptionsOnStdout(String command) {
        Result result = CliRun.run(command, "--help");
        assertEquals(ExitCode.OK, result.exitCode());
        assertEquals("", result.stderr());
        assertTrue(result.stdout().startsWith("Usage: evaics " + command + " "), result::toString);
        assertTrue(result.stdout().contains("--help"));
    }

    @Test
    void commandHelpWinsOverBadArguments() {
        Result result = CliRun.run("call", "--bogus", "--help");
        assertEquals(ExitCode.OK, result.exitCode());
        assertTrue(result.stdout().startsWith("Usage: evaics call "));
    }

    @Test
    void brokerOptionsAreInTheHelpOfEveryConnectingCommand() {
        for (String command : List.of("call", "watch", "discover")) {
            String help = CliRun.run(command, "--help").stdout();
            for (String option : List.of("--broker URL", "--space S", "--username USER", "--password PASSWORD",
                    "--ca-file FILE")) {
                assertTrue(help.contains(option), command + " " + option);
            }
        }
    }

    @Test
    void noCommandIsAUsageError() {
        assertUsageError(CliRun.run());
    }

    @Test
    void unknownCommandIsAUsageError() {
        Result result = CliRun.run("frobnicate");
        assertUsageError(result);
        assertTrue(result.stderr().contains("call, watch, discover, decode"));
    }

    @Test
    void unknownGlobalOptionIsAUsageError() {
        assertUsageError(CliRun.run("--verbose"));
    }

    @Test
    void unknownOptionOfACommandIsAUsageError() {
        Result result = call("--bogus", "test");
        assertUsageError(result);
        assertTrue(result.stderr().contains("--bogus"));
        assertTrue(result.stderr().contains("evaics call --help"));
    }

    @Test
    void missingOptionValueIsAUsageError() {
        assertUsageError(CliRun.run("watch", "--broker"));
    }

    @Test
    void missingRequiredOptionIsAUsageError() {
        Result result = CliRun.run("call", "--broker", BROKER, "--key-id", "default", "--key", SECRET, "test");
        assertUsageError(result);
        assertTrue(result.stderr().contains("--controller"));
    }

    @Test
    void callWithoutMethodIsAUsageError() {
        assertUsageError(call());
    }

    @Test
    void paramsThatAreNotAJsonObjectAreAUsageError() {
        assertUsageError(call("state", "[1,2]"));
        assertUsageError(call("state", "{\"i\":"));
        assertUsageError(call("state", "{\"i\":1} x"));
    }

    @Test
    void lenientJsonIsRefused() {
        assertUsageError(call("state", "{i:'unit:a/b'}"));
    }

    @Test
    void invalidControllerIdIsAUsageError() {
        Result result = CliRun.run("call", "--broker", BROKER, "--controller", "uchost1", "--key-id", "default",
                "--key", SECRET, "test");
        assertUsageError(result);
    }

    @Test
    void brokerUrlWithAnotherSchemeIsAUsageError() {
        Result result = CliRun.run("watch", "--broker", "http://127.0.0.1:1883");
        assertUsageError(result);
        assertTrue(result.stderr().contains("--broker"));
    }

    @Test
    void caFileWithPlainTcpIsAUsageError() {
        assertUsageError(CliRun.run("watch", "--broker", BROKER, "--ca-file", "/nonexistent/ca.pem"));
    }

    @Test
    void passwordWithoutUsernameIsAUsageError() {
        Result result = CliRun.run("watch", "--broker", BROKER, "--password", PASSWORD);
        assertUsageError(result);
        assertFalse(result.stderr().contains(PASSWORD));
    }

    @Test
    void invalidSpaceIsAUsageError() {
        assertUsageError(CliRun.run("watch", "--broker", BROKER, "--space", "/plant1"));
    }

    @Test
    void badTimeoutIsAUsageError() {
        assertUsageError(call("--timeout", "0", "test"));
    }

    @Test
    void discoverNeedsKeyIdAndKeyTogether() {
        assertUsageError(CliRun.run("discover", "--broker", BROKER, "--key", SECRET));
    }

    @Test
    void keyTypedWithoutItsOptionIsNotEchoed() {
        Result result = CliRun.run("call", "--broker", BROKER, "--controller", "uc/host1", "--key-id", "default",
                SECRET, "test");
        assertUsageError(result);
        assertFalse(result.stderr().contains(SECRET), result::toString);
    }

    @Test
    void keyIsNotEchoedWhenTheKeyIdCannotBeFramed() {
        Result framed = CliRun.run("call", "--broker", BROKER, "--controller", "uc/host1", "--key-id", "a|b",
                "--key", SECRET, "--text", "test");
        assertUsageError(framed);
        assertTrue(framed.stderr().contains("'|'"), framed::toString);
        assertFalse(framed.stderr().contains(SECRET), framed::toString);
    }

    @Test
    void unreachableBrokerExitsTwoWithOneLineOnStderr() {
        Result result = call("test");
        assertUsageError(result);
        assertTrue(result.stderr().contains("127.0.0.1:9"), result::toString);
        assertFalse(result.stderr().contains(SECRET), result::toString);
    }
}
