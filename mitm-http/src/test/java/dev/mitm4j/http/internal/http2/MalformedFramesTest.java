package dev.mitm4j.http.internal.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import okio.Buffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Frames that are malformed on their own, each refused by {@link FrameReader} as a connection
 * error with the code RFC 9113 names, at the offset of the offending frame.
 */
class MalformedFramesTest {
    /** A malformed input: frame bytes in hex (after any valid prefix), the expected code. */
    record Case(String name, String hex, Http2ErrorCode code, long offset) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String PING = "000008060000000000" + "0000000000000000";

    static List<Case> cases() {
        return List.of(
                new Case("frame larger than SETTINGS_MAX_FRAME_SIZE",
                        "004001000000000001", Http2ErrorCode.FRAME_SIZE_ERROR, 0),
                new Case("DATA on stream 0", "000001000000000000" + "61",
                        Http2ErrorCode.PROTOCOL_ERROR, 0),
                new Case("DATA pad length equal to the payload", "000003000800000001" + "03"
                        + "6161", Http2ErrorCode.PROTOCOL_ERROR, 0),
                new Case("HEADERS on stream 0", "000001010400000000" + "82",
                        Http2ErrorCode.PROTOCOL_ERROR, 0),
                new Case("HEADERS pad length beyond the payload", "000002010c00000001" + "05"
                        + "82", Http2ErrorCode.PROTOCOL_ERROR, 0),
                new Case("HEADERS with PRIORITY flag but 3 bytes", "000003012400000001"
                        + "000000", Http2ErrorCode.FRAME_SIZE_ERROR, 0),
                new Case("CONTINUATION without HEADERS", "000001090400000001" + "82",
                        Http2ErrorCode.PROTOCOL_ERROR, 0),
                new Case("PING between HEADERS and its CONTINUATION", "000001010000000001"
                        + "82" + PING, Http2ErrorCode.PROTOCOL_ERROR, 10),
                new Case("CONTINUATION on another stream", "000001010000000001" + "82"
                        + "000001090400000003" + "84", Http2ErrorCode.PROTOCOL_ERROR, 10),
                new Case("field block beyond the limit in CONTINUATION frames",
                        "000400010000000001" + "00".repeat(1024) + "000001090000000001" + "00",
                        Http2ErrorCode.ENHANCE_YOUR_CALM, 1033),
                new Case("PRIORITY on stream 0", "000005020000000000" + "0000000010",
                        Http2ErrorCode.PROTOCOL_ERROR, 0),
                new Case("RST_STREAM on stream 0", "000004030000000000" + "00000008",
                        Http2ErrorCode.PROTOCOL_ERROR, 0),
                new Case("RST_STREAM of 3 bytes", "000003030000000001" + "000008",
                        Http2ErrorCode.FRAME_SIZE_ERROR, 0),
                new Case("SETTINGS on stream 1", "000000040000000001",
                        Http2ErrorCode.PROTOCOL_ERROR, 0),
                new Case("SETTINGS ACK with a payload", "000006040100000000" + "000100001000",
                        Http2ErrorCode.FRAME_SIZE_ERROR, 0),
                new Case("SETTINGS of 5 bytes", "000005040000000000" + "0001000010",
                        Http2ErrorCode.FRAME_SIZE_ERROR, 0),
                new Case("SETTINGS_ENABLE_PUSH 2", "000006040000000000" + "000200000002",
                        Http2ErrorCode.PROTOCOL_ERROR, 9),
                new Case("SETTINGS_INITIAL_WINDOW_SIZE 2^31", "000006040000000000"
                        + "000480000000", Http2ErrorCode.FLOW_CONTROL_ERROR, 9),
                new Case("SETTINGS_MAX_FRAME_SIZE below 16384", "000006040000000000"
                        + "000500003fff", Http2ErrorCode.PROTOCOL_ERROR, 9),
                new Case("SETTINGS_MAX_FRAME_SIZE above 2^24-1", "000006040000000000"
                        + "000501000000", Http2ErrorCode.PROTOCOL_ERROR, 9),
                new Case("SETTINGS_ENABLE_CONNECT_PROTOCOL 2", "000006040000000000"
                        + "000800000002", Http2ErrorCode.PROTOCOL_ERROR, 9),
                new Case("PUSH_PROMISE on stream 0", "000005050400000000" + "0000000282",
                        Http2ErrorCode.PROTOCOL_ERROR, 0),
                new Case("PING of 7 bytes", "000007060000000000" + "00000000000000",
                        Http2ErrorCode.FRAME_SIZE_ERROR, 0),
                new Case("PING on stream 1", "000008060000000001" + "0000000000000000",
                        Http2ErrorCode.PROTOCOL_ERROR, 0),
                new Case("GOAWAY on stream 1", "000008070000000001" + "0000000000000000",
                        Http2ErrorCode.PROTOCOL_ERROR, 0),
                new Case("GOAWAY of 7 bytes", "000007070000000000" + "00000000000000",
                        Http2ErrorCode.FRAME_SIZE_ERROR, 0),
                new Case("WINDOW_UPDATE of 3 bytes", "000003080000000000" + "000001",
                        Http2ErrorCode.FRAME_SIZE_ERROR, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isAConnectionErrorWithTheCodeTheRfcNames(Case c) {
        FrameReader reader = new FrameReader(new Buffer().write(HpackStories.hex(c.hex())),
                16_384, 1024);
        Http2ConnectionException e = assertThrows(Http2ConnectionException.class, () -> {
            while (reader.readFrame() != null) {
                // read until the error
            }
        });
        assertEquals(c.code(), e.errorCode(), e.getMessage());
        assertEquals(c.offset(), e.offset(), e.getMessage());
        assertTrue(e.getMessage().endsWith("[" + c.code() + "]"), e.getMessage());
        assertEquals(FrameReader.State.CLOSED, reader.state());
    }
}
