package dev.mitm4j.http.internal.websocket;

import static dev.mitm4j.http.internal.websocket.Raw.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class Utf8ValidatorTest {
    private static final List<byte[]> VALID = List.of(
            new byte[0],
            "plain ASCII that is longer than eight bytes".getBytes(StandardCharsets.US_ASCII),
            "κόσμε, 日本語, emoji 🚀 and U+10FFFF \uDBFF\uDFFF".getBytes(StandardCharsets.UTF_8),
            bytes(0xc2, 0x80), bytes(0xdf, 0xbf), bytes(0xe0, 0xa0, 0x80), bytes(0xed, 0x9f, 0xbf),
            bytes(0xee, 0x80, 0x80), bytes(0xef, 0xbf, 0xbf), bytes(0xf0, 0x90, 0x80, 0x80),
            bytes(0xf4, 0x8f, 0xbf, 0xbf));

    /** Each is invalid at the byte index given first. */
    private static final List<int[]> INVALID = List.of(
            new int[] {0, 0x80},                   // a lone continuation byte
            new int[] {0, 0xc0, 0xaf},             // overlong '/'
            new int[] {0, 0xc1, 0xbf},             // overlong
            new int[] {1, 0xe0, 0x9f, 0x80},       // overlong three-byte form
            new int[] {1, 0xed, 0xa0, 0x80},       // UTF-16 surrogate U+D800
            new int[] {1, 0xf0, 0x8f, 0xbf, 0xbf}, // overlong four-byte form
            new int[] {1, 0xf4, 0x90, 0x80, 0x80}, // above U+10FFFF
            new int[] {0, 0xf5, 0x80, 0x80, 0x80}, // no such lead byte
            new int[] {0, 0xff},
            new int[] {1, 0xce, 0x41},             // lead byte then ASCII
            new int[] {9, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 0xe2, 0x28, 0xa1});

    @Test
    void wellFormedTextIsAcceptedWholeAndSplitAtEveryByte() {
        for (byte[] text : VALID) {
            assertTrue(Utf8Validator.isValid(text, 0, text.length));
            for (int split = 0; split <= text.length; split++) {
                Utf8Validator v = new Utf8Validator();
                assertEquals(-1, v.validate(text, 0, split));
                assertEquals(-1, v.validate(text, split, text.length - split));
                assertTrue(v.isComplete());
            }
        }
    }

    @Test
    void malformedTextIsRefusedAtItsFirstBadByteWhereverItIsSplit() {
        for (int[] c : INVALID) {
            byte[] text = new byte[c.length - 1];
            for (int i = 1; i < c.length; i++) {
                text[i - 1] = (byte) c[i];
            }
            assertEquals(c[0], new Utf8Validator().validate(text, 0, text.length));
            for (int split = 0; split <= c[0]; split++) {
                Utf8Validator v = new Utf8Validator();
                assertEquals(-1, v.validate(text, 0, split));
                assertEquals(c[0], v.validate(text, split, text.length - split));
            }
        }
    }

    @Test
    void aSequenceCutShortIsWellFormedSoFarButIncomplete() {
        Utf8Validator v = new Utf8Validator();
        assertEquals(-1, v.validate(bytes(0x41, 0xf0, 0x9f, 0x9a), 0, 4));
        assertFalse(v.isComplete());
        assertFalse(Utf8Validator.isValid(bytes(0xe2, 0x82), 0, 2));
        v.reset();
        assertTrue(v.isComplete());
    }

    @Test
    void agreesWithTheJdkDecoderOnEveryTwoByteSequence() {
        var decoder = StandardCharsets.UTF_8.newDecoder();
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                byte[] pair = bytes(a, b);
                boolean jdk;
                try {
                    decoder.decode(java.nio.ByteBuffer.wrap(pair));
                    jdk = true;
                } catch (java.nio.charset.CharacterCodingException e) {
                    jdk = false;
                }
                assertEquals(jdk, Utf8Validator.isValid(pair, 0, 2),
                        HexFormat.of().formatHex(pair));
            }
        }
    }
}
