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
import static org.openhab.binding.evaics.test.Thrown.messageOf;

import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;

/**
 * Rules of the hand-rolled argument parser ({@link ArgParser}) and of the typed accessors of {@link ParsedArgs}.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class ArgParserTest {

    private static final String SECRET = "Xb7pQ2mK9vL4sT8wR1zN6cY3hJ5fD0gA";
    private static final long MAX_SECONDS = 60;

    private final ArgParser parser = new ArgParser(List.of(CliOption.value("--broker", "URL", "broker"),
            CliOption.value("--key", "KEY", "key"), CliOption.value("--timeout", "SECONDS", "timeout"),
            CliOption.flag("--text", "text format")));

    private ParsedArgs parse(String... args) throws CliException {
        return parser.parse(List.of(args));
    }

    private CliException usageError(String... args) {
        CliException e = assertThrows(CliException.class, () -> parse(args));
        assertTrue(e.isUsage());
        assertEquals(ExitCode.USAGE, e.exitCode());
        return e;
    }

    @Test
    void valueOptionTakesTheNextArgument() throws CliException {
        assertEquals("tcp://h:1", parse("--broker", "tcp://h:1").optional("--broker"));
    }

    @Test
    void valueOptionTakesTheTextAfterTheEqualsSign() throws CliException {
        assertEquals("a=b", parse("--key=a=b").optional("--key"));
    }

    @Test
    void valueStartingWithDoubleDashNeedsTheEqualsForm() throws CliException {
        assertEquals("--odd", parse("--key=--odd").optional("--key"));
        usageError("--key", "--odd");
    }

    @Test
    void valueStartingWithSingleDashIsTakenAsValue() throws CliException {
        assertEquals("-1", parse("--timeout", "-1").optional("--timeout"));
    }

    @Test
    void flagIsSetOnlyWhenGiven() throws CliException {
        assertTrue(parse("--text").flag("--text"));
        assertFalse(parse().flag("--text"));
    }

    @Test
    void argumentsThatAreNotOptionsArePositionalsInOrder() throws CliException {
        assertEquals(List.of("state", "{}"), parse("state", "--text", "{}").positionals());
    }

    @Test
    void singleDashAloneIsAPositional() throws CliException {
        assertEquals(List.of("-"), parse("-").positionals());
    }

    @Test
    void doubleDashEndsTheOptions() throws CliException {
        ParsedArgs args = parse("--text", "--", "--broker", "-x");
        assertEquals(List.of("--broker", "-x"), args.positionals());
        assertFalse(args.has("--broker"));
    }

    @Test
    void unknownLongOptionIsAUsageErrorNamingIt() {
        assertTrue(messageOf(usageError("--bogus")).contains("--bogus"));
    }

    @Test
    void unknownSingleDashOptionIsAUsageError() {
        assertTrue(messageOf(usageError("-x")).contains("-x"));
    }

    @Test
    void unknownOptionErrorDoesNotRepeatItsValue() {
        assertFalse(messageOf(usageError("--bogus=" + SECRET)).contains(SECRET));
    }

    @Test
    void missingValueAtTheEndIsAUsageError() {
        assertTrue(messageOf(usageError("--key")).contains("--key"));
    }

    @Test
    void missingValueBeforeAnotherOptionIsAUsageError() {
        assertTrue(messageOf(usageError("--broker", "--text")).contains("--broker"));
    }

    @Test
    void flagWithAValueIsAUsageError() {
        usageError("--text=yes");
    }

    @Test
    void repeatedOptionIsAUsageError() {
        usageError("--key", "a", "--key", "b");
        usageError("--text", "--text");
    }

    @Test
    void repeatedOptionErrorDoesNotRepeatTheValues() {
        CliException e = usageError("--key", SECRET, "--key", SECRET);
        assertFalse(messageOf(e).contains(SECRET));
    }

    @Test
    void helpWinsOverOtherErrors() throws CliException {
        assertTrue(parse("--bogus", "--key", "--help").help());
        assertTrue(parse("-h").help());
    }

    @Test
    void requiredOptionMissingIsAUsageError() throws CliException {
        ParsedArgs args = parse();
        CliException e = assertThrows(CliException.class, () -> args.required("--broker"));
        assertTrue(messageOf(e).contains("--broker"));
    }

    @Test
    void requiredOptionEmptyIsAUsageError() throws CliException {
        ParsedArgs args = parse("--broker=");
        assertThrows(CliException.class, () -> args.required("--broker"));
    }

    @Test
    void secondsAcceptDecimalsAndGiveMilliseconds() throws CliException {
        assertEquals(1500, parse("--timeout", "1.5").seconds("--timeout", 0, MAX_SECONDS));
    }

    @Test
    void secondsFallBackWhenAbsent() throws CliException {
        assertEquals(5000, parse().seconds("--timeout", 5000, MAX_SECONDS));
    }

    @Test
    void secondsRefuseZeroNegativeTooLargeAndText() throws CliException {
        for (String bad : List.of("0", "-1", "61", "abc", "NaN", "")) {
            ParsedArgs args = parse("--timeout=" + bad);
            CliException e = assertThrows(CliException.class, () -> args.seconds("--timeout", 0, MAX_SECONDS),
                    bad);
            assertTrue(e.isUsage(), bad);
        }
    }

    @Test
    void tooManyPositionalsIsAUsageErrorThatDoesNotRepeatThem() throws CliException {
        ParsedArgs args = parse("test", "{}", SECRET);
        CliException e = assertThrows(CliException.class, () -> args.positionals(1, 2, "METHOD [PARAMS_JSON]"));
        assertFalse(messageOf(e).contains(SECRET));
    }

    @Test
    void missingPositionalIsAUsageErrorNamingIt() throws CliException {
        ParsedArgs args = parse();
        CliException e = assertThrows(CliException.class, () -> args.positionals(1, 2, "METHOD [PARAMS_JSON]"));
        assertTrue(messageOf(e).contains("METHOD"));
    }

    @Test
    void echoedOptionNamesAreShortAndPrintable() {
        String echoed = ArgParser.echo("--" + "x".repeat(100) + "\u0007");
        assertTrue(echoed.length() < 50, echoed);
        assertFalse(echoed.contains("\u0007"));
    }
}
