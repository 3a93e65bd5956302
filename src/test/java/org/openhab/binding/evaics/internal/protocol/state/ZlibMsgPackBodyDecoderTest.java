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

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.openhab.binding.evaics.internal.protocol.ProtocolLimits;
import org.openhab.binding.evaics.internal.protocol.codec.FrameException;
import org.openhab.binding.evaics.internal.protocol.codec.MsgPackJson;
import org.openhab.binding.evaics.internal.protocol.codec.VectorFiles;
import org.openhab.binding.evaics.internal.protocol.codec.Zlib;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * {@link ZlibMsgPackBodyDecoder} against the compressed bulk state of the golden vector {@code state-topics-uc}
 * (protocol.md §9.5), and its limits.
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class ZlibMsgPackBodyDecoderTest {

    /** {@code 0x00 0x03} in front of the compressed body. */
    private static final int BULK_HEADER_BYTES = 2;
    private static final int SMALL_LIMIT = 64;
    private static final int BOMB_FACTOR = 16;
    private static final int NESTING_LIMIT = 5;
    private static final int DEEP_LEVELS = 10;

    private static VectorFiles.Message bulkMessage() {
        return VectorFiles.load("state-topics-uc").messages().stream()
                .filter(m -> "bulk-state-zlib".equals(m.role())).findFirst().orElseThrow();
    }

    private static byte[] body(byte[] payload) {
        return Arrays.copyOfRange(payload, BULK_HEADER_BYTES, payload.length);
    }

    @Test
    void decodesTheVectorBulkBody() throws Exception {
        VectorFiles.Message message = bulkMessage();
        JsonElement decoded = new ZlibMsgPackBodyDecoder(ProtocolLimits.defaults()).decode(body(message.payload()));
        assertEquals(message.decoded(), decoded);
    }

    @Test
    void announcementParserReadsTheVectorBulkStateWithIt() {
        VectorFiles.Message message = bulkMessage();
        ProtocolLimits limits = ProtocolLimits.defaults();
        Announcement result = new AnnouncementParser("", new ZlibMsgPackBodyDecoder(limits), limits)
                .parse(message.json().get("topic").getAsString(), message.payload());
        Announcement.BulkState bulk = assertInstanceOf(Announcement.BulkState.class, result);
        JsonElement decoded = message.decoded();
        assertNotNull(decoded);
        JsonArray entries = decoded.getAsJsonObject().getAsJsonArray("d");
        assertEquals(entries.size(), bulk.states().size());
        assertEquals(0, bulk.rejectedEntries());
        assertEquals("uc/host1", bulk.controller().toString());
    }

    @Test
    void bodyInflatingBeyondTheLimitIsRefused() {
        byte[] bomb = Zlib.deflate(new byte[SMALL_LIMIT * BOMB_FACTOR]);
        FrameException e = assertThrows(FrameException.class,
                () -> new ZlibMsgPackBodyDecoder(ProtocolLimits.defaults().withMaxInflatedBytes(SMALL_LIMIT))
                        .decode(bomb));
        assertEquals(FrameException.Reason.DECOMPRESSION_LIMIT, e.reason());
    }

    @Test
    void bodyNestingBeyondTheLimitIsRefused() {
        JsonArray deep = new JsonArray();
        JsonArray inner = deep;
        for (int i = 0; i < DEEP_LEVELS; i++) {
            JsonArray next = new JsonArray();
            inner.add(next);
            inner = next;
        }
        byte[] body = Zlib.deflate(MsgPackJson.encode(deep));
        FrameException e = assertThrows(FrameException.class,
                () -> new ZlibMsgPackBodyDecoder(ProtocolLimits.defaults().withMaxNestingDepth(NESTING_LIMIT)).decode(body));
        assertEquals(FrameException.Reason.NESTING_TOO_DEEP, e.reason());
    }

    @Test
    void bodyThatIsNoZlibIsRefused() {
        assertThrows(FrameException.class,
                () -> new ZlibMsgPackBodyDecoder(ProtocolLimits.defaults()).decode(new byte[] { 1, 2, 3, 4 }));
    }

    @Test
    void zlibOfGarbageIsRefused() {
        byte[] body = Zlib.deflate(new byte[] { (byte) 0xC1 });
        FrameException e = assertThrows(FrameException.class,
                () -> new ZlibMsgPackBodyDecoder(ProtocolLimits.defaults()).decode(body));
        assertEquals(FrameException.Reason.BAD_BODY, e.reason());
    }

    @Test
    void decodedObjectKeepsItsMembers() throws Exception {
        JsonObject object = new JsonObject();
        object.addProperty("c", "uc/host1");
        object.add("d", new JsonArray());
        byte[] body = Zlib.deflate(MsgPackJson.encode(object));
        assertEquals(object, new ZlibMsgPackBodyDecoder(ProtocolLimits.defaults()).decode(body));
    }
}
