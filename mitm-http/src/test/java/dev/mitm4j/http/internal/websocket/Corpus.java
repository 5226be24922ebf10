package dev.mitm4j.http.internal.websocket;

import static dev.mitm4j.http.internal.websocket.Raw.bytes;
import static dev.mitm4j.http.internal.websocket.Raw.client;
import static dev.mitm4j.http.internal.websocket.Raw.close;
import static dev.mitm4j.http.internal.websocket.Raw.concat;
import static dev.mitm4j.http.internal.websocket.Raw.server;
import static dev.mitm4j.http.internal.websocket.Raw.utf8;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Valid and malformed frame streams for {@link MessageReader}, with what each must yield. */
final class Corpus {
    /**
     * One stream.
     *
     * @param sender who sends it (client streams are masked)
     * @param deflate whether permessage-deflate was negotiated
     * @param limits the reader's limits
     * @param expected the transcript items before the end or the error
     * @param closeCode the close code of the expected refusal, null when the stream is valid
     */
    record Case(String name, Role sender, byte[] input, boolean deflate, WebSocketLimits limits,
            List<String> expected, @Nullable Integer closeCode) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final WebSocketLimits SMALL = WebSocketLimits.builder().maxFrameSize(1024)
            .maxMessageSize(4096).streamLargeMessages(4096).build();
    private static final WebSocketLimits DEFAULTS = WebSocketLimits.defaults();

    private Corpus() {}

    private static Case valid(String name, Role sender, byte[] input, String... expected) {
        return new Case(name, sender, input, false, DEFAULTS, List.of(expected), null);
    }

    private static Case validDeflate(String name, byte[] input, String... expected) {
        return new Case(name, Role.SERVER, input, true, DEFAULTS, List.of(expected), null);
    }

    private static Case bad(String name, Role sender, int closeCode, byte[] input) {
        return new Case(name, sender, input, false, SMALL, List.of(), closeCode);
    }

    private static Case badDeflate(String name, int closeCode, byte[] input) {
        return new Case(name, Role.SERVER, input, true, SMALL, List.of(), closeCode);
    }

    private static final byte[] HELLO = utf8("Hello");
    private static final int P = CloseCodes.PROTOCOL_ERROR;
    private static final int I = CloseCodes.INVALID_PAYLOAD;
    private static final int BIG = CloseCodes.MESSAGE_TOO_BIG;

    static final List<Case> VALID = List.of(
            valid("RFC 6455 5.7 unmasked text", Role.SERVER,
                    bytes(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f), "text Hello", "end"),
            valid("RFC 6455 5.7 masked text", Role.CLIENT,
                    bytes(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58),
                    "text Hello", "end"),
            valid("RFC 6455 5.7 fragmented text", Role.SERVER,
                    bytes(0x01, 0x03, 0x48, 0x65, 0x6c, 0x80, 0x02, 0x6c, 0x6f), "text Hello",
                    "end"),
            valid("RFC 6455 5.7 ping and masked pong", Role.CLIENT, concat(
                    client(0x89, HELLO), client(0x8a, HELLO)),
                    "ping 48656c6c6f", "pong 48656c6c6f", "end"),
            valid("control frames between fragments", Role.CLIENT, concat(
                    client(0x01, utf8("He")), client(0x89, bytes(1)),
                    client(0x00, utf8("l")), client(0x8a, new byte[0]),
                    client(0x80, utf8("lo"))),
                    "ping 01", "pong ", "text Hello", "end"),
            valid("UTF-8 split across fragments", Role.SERVER, concat(
                    server(0x01, bytes(0xce)), server(0x00, bytes(0xba, 0xe1, 0xbd)),
                    server(0x80, bytes(0xb9))), "text κό", "end"),
            valid("empty text, binary and fragments", Role.SERVER, concat(
                    server(0x81, new byte[0]), server(0x02, new byte[0]),
                    server(0x80, new byte[0])), "text ", "binary 0b", "end"),
            valid("close with code and reason", Role.SERVER,
                    server(0x88, close(1001, utf8("bye ✓"))), "close 1001 bye ✓"),
            valid("close without payload", Role.CLIENT, client(0x88, new byte[0]),
                    "close 1005 "),
            valid("close with an application code", Role.SERVER,
                    server(0x88, close(4999, new byte[0])), "close 4999 "),
            valid("close in the middle of a fragmented message", Role.SERVER, concat(
                    server(0x01, utf8("half")), server(0x88, close(1000, new byte[0]))),
                    "close 1000 "),
            validDeflate("RFC 7692 7.2.3.1 one compressed block",
                    bytes(0xc1, 0x07, 0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00), "text Hello",
                    "end"),
            validDeflate("RFC 7692 7.2.3.1 fragmented",
                    bytes(0x41, 0x03, 0xf2, 0x48, 0xcd, 0x80, 0x04, 0xc9, 0xc9, 0x07, 0x00),
                    "text Hello", "end"),
            validDeflate("RFC 7692 7.2.3.2 shared sliding window", bytes(
                    0xc1, 0x07, 0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00,
                    0xc1, 0x05, 0xf2, 0x00, 0x11, 0x00, 0x00), "text Hello", "text Hello", "end"),
            validDeflate("RFC 7692 7.2.3.3 block with no compression", bytes(
                    0xc1, 0x0b, 0x00, 0x05, 0x00, 0xfa, 0xff, 0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x00),
                    "text Hello", "end"),
            validDeflate("RFC 7692 7.2.3.4 BFINAL set, then history is still shared", bytes(
                    0xc1, 0x08, 0xf3, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00, 0x00,
                    0xc1, 0x05, 0xf2, 0x00, 0x11, 0x00, 0x00), "text Hello", "text Hello", "end"),
            validDeflate("RFC 7692 7.2.3.5 two blocks in one message", bytes(
                    0xc1, 0x0d, 0xf2, 0x48, 0x05, 0x00, 0x00, 0x00, 0xff, 0xff, 0xca, 0xc9, 0xc9,
                    0x07, 0x00), "text Hello", "end"),
            validDeflate("RFC 7692 7.2.3.6 empty message, and an empty payload", bytes(
                    0xc1, 0x07, 0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00, 0xc1, 0x01, 0x00,
                    0xc2, 0x00, 0xc1, 0x05, 0xf2, 0x00, 0x11, 0x00, 0x00),
                    "text Hello", "text ", "binary 0b", "text Hello", "end"),
            validDeflate("uncompressed message and ping under deflate", concat(
                    server(0x81, HELLO), server(0x41, bytes(0xf2, 0x48)),
                    server(0x89, new byte[0]), server(0x80, bytes(0xcd, 0xc9, 0xc9, 0x07, 0x00))),
                    "text Hello", "ping ", "text Hello", "end"));

    static final List<Case> MALFORMED = List.of(
            bad("reserved data opcode 0x3", Role.SERVER, P, server(0x83, HELLO)),
            bad("reserved control opcode 0xb", Role.SERVER, P, server(0x8b, new byte[0])),
            bad("RSV1 without an extension", Role.SERVER, P, server(0xc1, HELLO)),
            bad("RSV2 set", Role.CLIENT, P, client(0xa1, HELLO)),
            bad("RSV3 set", Role.SERVER, P, server(0x91, HELLO)),
            bad("unmasked client frame", Role.CLIENT, P, server(0x81, HELLO)),
            bad("masked server frame", Role.SERVER, P, client(0x81, HELLO)),
            bad("ping of 126 bytes", Role.SERVER, P, server(0x89, new byte[126])),
            bad("close of 126 bytes", Role.CLIENT, P, client(0x88, new byte[126])),
            bad("ping announcing 125 in a 16-bit length", Role.SERVER, P,
                    Raw.frame(0x89, false, 125, 2, new byte[125])),
            bad("fragmented ping", Role.SERVER, P, server(0x09, new byte[0])),
            bad("fragmented close", Role.CLIENT, P, client(0x08, new byte[0])),
            bad("64-bit length with the top bit set", Role.SERVER, P,
                    Raw.frame(0x82, false, Long.MIN_VALUE + 5, 8, HELLO)),
            bad("frame over the frame limit", Role.SERVER, BIG, server(0x82, new byte[1025])),
            bad("message over the message limit", Role.SERVER, BIG, concat(
                    server(0x02, new byte[1000]), server(0x00, new byte[1000]),
                    server(0x00, new byte[1000]), server(0x00, new byte[1000]),
                    server(0x80, new byte[97]))),
            bad("continuation without a start", Role.SERVER, P, server(0x80, HELLO)),
            bad("text frame inside a fragmented message", Role.CLIENT, P, concat(
                    client(0x01, utf8("He")), client(0x81, utf8("llo")))),
            bad("binary frame inside a fragmented message", Role.SERVER, P, concat(
                    server(0x02, utf8("He")), server(0x02, utf8("llo")))),
            bad("bad UTF-8 in text", Role.SERVER, I, server(0x81, bytes(0x48, 0xff, 0x48))),
            bad("bad UTF-8 split across fragments", Role.CLIENT, I, concat(
                    client(0x01, bytes(0x48, 0xce)), client(0x80, bytes(0x41)))),
            bad("text that ends inside a UTF-8 sequence", Role.SERVER, I, concat(
                    server(0x01, utf8("€")), server(0x80, bytes(0xe2, 0x82)))),
            bad("surrogate in text", Role.SERVER, I, server(0x81, bytes(0xed, 0xa0, 0x80))),
            bad("overlong form in text", Role.SERVER, I, server(0x81, bytes(0xc0, 0xaf))),
            bad("close with a 1-byte payload", Role.SERVER, P, server(0x88, bytes(0x03))),
            bad("close code 1005 on the wire", Role.SERVER, P,
                    server(0x88, close(1005, new byte[0]))),
            bad("close code 1006 on the wire", Role.CLIENT, P,
                    client(0x88, close(1006, new byte[0]))),
            bad("close code 1004", Role.SERVER, P, server(0x88, close(1004, new byte[0]))),
            bad("close code 1015 on the wire", Role.SERVER, P,
                    server(0x88, close(1015, new byte[0]))),
            bad("close code 999", Role.SERVER, P, server(0x88, close(999, new byte[0]))),
            bad("close code 2000", Role.SERVER, P, server(0x88, close(2000, new byte[0]))),
            bad("close code 5000", Role.SERVER, P, server(0x88, close(5000, new byte[0]))),
            bad("close reason that is not UTF-8", Role.SERVER, I,
                    server(0x88, close(1000, bytes(0x6f, 0x6b, 0xc3)))),
            badDeflate("inflate bomb", BIG,
                    server(0xc2, Deflate.message(new byte[64 * 1024], 512, 9))),
            badDeflate("inflate bomb split across fragments", BIG, fragmented(
                    Deflate.message(new byte[64 * 1024], 64, 9), 100)),
            badDeflate("RSV1 on a continuation frame", P, concat(
                    server(0x41, bytes(0xf2, 0x48)), server(0xc0, bytes(0xcd)))),
            badDeflate("RSV1 on a ping", P, server(0xc9, new byte[0])),
            badDeflate("compressed data that is not DEFLATE", I,
                    server(0xc1, bytes(0xff, 0xff, 0xff, 0xff))),
            badDeflate("compressed text that is not UTF-8", I,
                    server(0xc1, Deflate.message(bytes(0x48, 0xff)))));

    /** {@return {@code compressed} as a compressed binary message in frames of {@code size}} */
    private static byte[] fragmented(byte[] compressed, int size) {
        byte[] out = new byte[0];
        for (int at = 0; at < compressed.length; at += size) {
            int n = Math.min(size, compressed.length - at);
            boolean first = at == 0;
            boolean last = at + n == compressed.length;
            int b0 = (last ? 0x80 : 0) | (first ? 0x42 : 0x00);
            out = concat(out, server(b0, java.util.Arrays.copyOfRange(compressed, at, at + n)));
        }
        return out;
    }
}
