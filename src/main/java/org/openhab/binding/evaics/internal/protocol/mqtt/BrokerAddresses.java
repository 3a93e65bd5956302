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
package org.openhab.binding.evaics.internal.protocol.mqtt;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * The broker addresses of one connection (issue 14, failover): parsed from a comma-separated list of
 * {@code host[:port]} ({@link #parse}), and the rotation of an {@link MqttTransport} over their server URIs.
 * <p>
 * List form: entries separated by commas, blanks around them ignored; an entry is {@code host}, {@code host:port},
 * {@code [IPv6]}, {@code [IPv6]:port} or a bare IPv6 address (two colons or more, no port). An entry without a port
 * takes the default port. A single entry is the usual one-broker connection.
 * <p>
 * Rotation: the transport connects to {@link #current()}; a failed attempt or a lost connection moves on to the next
 * address ({@link #advance()}, wrapping around), and the reachability probe may jump to the address that answered
 * first ({@link #select(int)}). Thread-safe.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
public final class BrokerAddresses {

    /** More addresses than this are refused: a cluster has a handful of nodes, not dozens. */
    public static final int MAX_ADDRESSES = 16;
    private static final int MAX_PORT = 65535;

    /** What is wrong with an address list. */
    public enum Problem {
        /** No address at all. */
        EMPTY,
        /** Two commas in a row, or one at either end. */
        EMPTY_ENTRY,
        /** Not a host name or IP address. */
        INVALID_HOST,
        /** The port is not a number in 1..65535. */
        INVALID_PORT,
        /** The same host and port twice. */
        DUPLICATE,
        /** More than {@link #MAX_ADDRESSES}. */
        TOO_MANY
    }

    /** An address list that cannot be used: {@link #problem()} and the {@link #entry()} concerned. */
    public static final class InvalidAddressException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        private final Problem problem;
        private final String entry;

        InvalidAddressException(Problem problem, String entry, String message) {
            super(message);
            this.problem = problem;
            this.entry = entry;
        }

        public Problem problem() {
            return problem;
        }

        /** The entry as typed (trimmed); empty for {@link Problem#EMPTY} and {@link Problem#EMPTY_ENTRY}. */
        public String entry() {
            return entry;
        }
    }

    /** One broker address; {@link #toString()} is {@code host:port}, IPv6 hosts in brackets. */
    public record Address(String host, int port) {

        /** The server URI for Paho, e.g. {@code tcp://127.0.0.1:1883}. */
        public String uri(String scheme) {
            return scheme + "://" + this;
        }

        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    private final List<String> uris;
    private int current;

    /** @param uris the server URIs in the order they are tried, at least one */
    BrokerAddresses(List<String> uris) {
        if (uris.isEmpty()) {
            throw new IllegalArgumentException("no broker address");
        }
        this.uris = List.copyOf(uris);
    }

    /**
     * Parses a comma-separated list of {@code host[:port]}.
     *
     * @param defaultPort the port of entries that name none
     * @throws InvalidAddressException if the list cannot be used
     */
    public static List<Address> parse(String text, int defaultPort) {
        if (text.isBlank()) {
            throw new InvalidAddressException(Problem.EMPTY, "", "no broker address given");
        }
        String[] entries = text.split(",", -1);
        if (entries.length > MAX_ADDRESSES) {
            throw new InvalidAddressException(Problem.TOO_MANY, String.valueOf(entries.length),
                    entries.length + " broker addresses given, at most " + MAX_ADDRESSES + " are allowed");
        }
        List<Address> addresses = new ArrayList<>(entries.length);
        Set<String> seen = new HashSet<>();
        for (String raw : entries) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                throw new InvalidAddressException(Problem.EMPTY_ENTRY, "",
                        "the broker address list '" + text.trim() + "' has an empty entry");
            }
            Address address = parseEntry(entry, defaultPort);
            if (!seen.add(address.toString().toLowerCase(Locale.ROOT))) {
                throw new InvalidAddressException(Problem.DUPLICATE, entry,
                        "the broker address " + address + " is given twice");
            }
            addresses.add(address);
        }
        return List.copyOf(addresses);
    }

    private static Address parseEntry(String entry, int defaultPort) {
        String host;
        String port = null;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0) {
                throw invalidHost(entry);
            }
            host = entry.substring(1, close);
            String rest = entry.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw invalidHost(entry);
                }
                port = rest.substring(1);
            }
            if (!host.contains(":")) {
                throw invalidHost(entry); // brackets are for IPv6 addresses only
            }
        } else if (entry.indexOf(':') != entry.lastIndexOf(':')) {
            host = entry; // a bare IPv6 address: no port
        } else {
            int colon = entry.indexOf(':');
            host = colon < 0 ? entry : entry.substring(0, colon);
            port = colon < 0 ? null : entry.substring(colon + 1);
        }
        int portNumber = port == null ? defaultPort : parsePort(entry, port);
        if (host.isEmpty() || !validHost(host)) {
            throw invalidHost(entry);
        }
        return new Address(host, portNumber);
    }

    private static int parsePort(String entry, String port) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalidPort(entry);
        }
        int number = Integer.parseInt(port);
        if (number < 1 || number > MAX_PORT) {
            throw invalidPort(entry);
        }
        return number;
    }

    /** Whether {@code host} makes a server URI with that host, as Paho and {@link MqttSettings} read it. */
    private static boolean validHost(String host) {
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        try {
            URI uri = new URI(MqttSettings.SCHEME_TCP + "://" + hostPart + ":1");
            return uri.getHost() != null && uri.getPort() == 1 && uri.getUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static InvalidAddressException invalidHost(String entry) {
        return new InvalidAddressException(Problem.INVALID_HOST, entry,
                "the broker address '" + entry + "' is not a host name or IP address with an optional port");
    }

    private static InvalidAddressException invalidPort(String entry) {
        return new InvalidAddressException(Problem.INVALID_PORT, entry,
                "the port of the broker address '" + entry + "' is not a number in 1.." + MAX_PORT);
    }

    /** The server URIs, in the order they are tried. */
    public List<String> uris() {
        return uris;
    }

    /** How many addresses there are. */
    public int size() {
        return uris.size();
    }

    /** The server URI of the connection, or of the next attempt. */
    public synchronized String current() {
        return uris.get(current);
    }

    /** The position of {@link #current()} in {@link #uris()}. */
    public synchronized int currentIndex() {
        return current;
    }

    /**
     * Moves on to the next address (wrapping around), after a failed attempt or a lost connection.
     *
     * @return the new current server URI
     */
    public synchronized String advance() {
        current = (current + 1) % uris.size();
        return uris.get(current);
    }

    /** Makes the address at {@code index} the current one (the probe found it reachable). */
    public synchronized void select(int index) {
        if (index < 0 || index >= uris.size()) {
            throw new IndexOutOfBoundsException(index);
        }
        current = index;
    }

    @Override
    public synchronized String toString() {
        return "BrokerAddresses" + uris + "@" + current;
    }
}
