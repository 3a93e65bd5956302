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

import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.evaics.internal.protocol.JsonLines;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.codec.FrameException.Reason;
import org.openhab.binding.evaics.internal.protocol.codec.FrameException;

/**
 * {@code evaics decode}: decrypts one captured API frame (protocol.md §4, §5, §7), e.g. copied from
 * {@code mosquitto_sub -F %x} or from a broker log, and prints what is inside. See {@link FrameDecoder}.
 * <p>
 * Exit codes: 0 decoded; 4 the MAC does not match the key (wrong key, or an altered frame); 2 anything else
 * (malformed frame, undecodable body, bad arguments).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
final class DecodeCommand implements Command {

    static final String KEY = "--key";
    static final String COMPRESSED = "--compressed";
    static final String PAYLOAD_B64 = "--payload-b64";

    private static final List<CliOption> OPTIONS = List.of(
            CliOption.value(KEY, "KEY", "the API key the frame was encrypted with (required)"),
            CliOption.flag(COMPRESSED, "a binary response is zlib-compressed (its request started with 00 03)"),
            CliOption.value(PAYLOAD_B64, "B64", "the payload in base64; without it the raw payload is read from stdin"));

    @Override
    public String name() {
        return "decode";
    }

    @Override
    public String summary() {
        return "decrypt and print one API request or response frame";
    }

    @Override
    public String synopsis() {
        return "decode --key KEY [--compressed] [--payload-b64 B64]";
    }

    @Override
    public String description() {
        return """
                Decodes a request (binary 00 02/00 03, or text |keyid|...) or a response (binary 00 C8, text
                200|..., or 500|) and prints {"format","key_id","call_id","body"} for a request or
                {"format","status","body"} for a response. Requests are opened with KEY whatever key id they
                name. A binary response does not tell whether it is compressed: give --compressed when its
                request was 00 03. The API key inside a request (params.k) is not printed, only whether it is
                the same as KEY. Exit 4 when the frame is not authentic with KEY, 2 when it is malformed.

                Examples:
                  evaics decode --key SECRET --payload-b64 AAJkZWZhdWx0ALY5...
                  mosquitto_sub -t 'controller/uc/host1/api/#' -C 1 -N | evaics decode --key SECRET
                """;
    }

    @Override
    public List<CliOption> options() {
        return OPTIONS;
    }

    @Override
    public int execute(ParsedArgs args, CliIo io) throws CliException {
        String key = args.required(KEY);
        args.positionals(0, 0, "");
        ProtocolLimits limits = ProtocolLimits.defaults();
        String b64 = args.optional(PAYLOAD_B64);
        byte[] payload = b64 != null ? fromBase64(b64) : readStdin(io, limits);
        try {
            io.out(JsonLines.write(new FrameDecoder(key, limits).decode(payload, args.flag(COMPRESSED))));
            return ExitCode.OK;
        } catch (FrameException e) {
            if (e.reason() == Reason.NOT_AUTHENTIC) {
                throw CliException.failure(ExitCode.NOT_AUTHENTIC,
                        "not authentic with this key (MAC mismatch): wrong key, or the frame was altered");
            }
            String hint = "";
            if (e.reason() == Reason.BAD_BODY && payload.length > 1 && payload[0] == 0) {
                hint = args.flag(COMPRESSED) ? " (is the response really compressed? try without " + COMPRESSED + ")"
                        : " (if the request was compressed, 00 03, add " + COMPRESSED + ")";
            }
            throw CliException.failure(ExitCode.USAGE, "malformed frame: " + e.getMessage() + hint);
        }
    }

    private static byte[] fromBase64(String text) throws CliException {
        String compact = text.replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            try {
                return Base64.getUrlDecoder().decode(compact);
            } catch (IllegalArgumentException e2) {
                throw CliException.usage(PAYLOAD_B64 + " is not valid base64");
            }
        }
    }

    /**
     * The raw payload from stdin, bounded by the payload limit. A line break at the end is dropped from text frames
     * (they are ASCII and never end with one, but {@code echo} adds it); binary frames are taken byte for byte.
     */
    private static byte[] readStdin(CliIo io, ProtocolLimits limits) throws CliException {
        byte[] data;
        try {
            data = io.in().readNBytes(limits.maxPayloadBytes() + 1);
        } catch (IOException e) {
            throw CliException.failure(ExitCode.USAGE, "cannot read stdin: " + e.getMessage());
        }
        if (data.length > limits.maxPayloadBytes()) {
            throw CliException.failure(ExitCode.USAGE,
                    "malformed frame: larger than the limit of " + limits.maxPayloadBytes() + " bytes");
        }
        int end = data.length;
        if (end > 0 && data[0] != 0) {
            while (end > 0 && (data[end - 1] == '\n' || data[end - 1] == '\r')) {
                end--;
            }
        }
        return end == data.length ? data : Arrays.copyOf(data, end);
    }
}
