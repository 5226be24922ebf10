package dev.mitm4j.http.internal.http2;

import static dev.mitm4j.http.internal.http2.HpackStories.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Test;

class HuffmanTest {
    @Test
    void encodesTheExamplesOfRfc7541AppendixC4AndC6() {
        assertEquals("f1e3c2e5f23a6ba0ab90f4ff", encode("www.example.com"));
        assertEquals("a8eb10649cbf", encode("no-cache"));
        assertEquals("6402", encode("302"));
        assertEquals("aec3771a4b", encode("private"));
    }

    @Test
    void everyOctetRoundTripsAloneAndInAllLengths() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
            String one = new String(new byte[] {(byte) i}, StandardCharsets.ISO_8859_1);
            assertEquals(one, decode(encodeBytes(one)));
        }
        String s = new String(all, StandardCharsets.ISO_8859_1);
        for (int n = 0; n <= 256; n++) {
            assertEquals(s.substring(0, n), decode(encodeBytes(s.substring(0, n))));
        }
    }

    @Test
    void theEncodedLengthIsExact() {
        String s = "Mozilla/5.0 (X11; Linux x86_64) \u00ff\u0000";
        assertEquals(encodeBytes(s).length, Huffman.encodedLength(s));
    }

    @Test
    void decodesTheExampleBack() {
        assertArrayEquals("www.example.com".getBytes(StandardCharsets.ISO_8859_1),
                Huffman.decode(hex("f1e3c2e5f23a6ba0ab90f4ff"), 0, 12));
    }

    private static String encode(String s) {
        return ByteString.of(encodeBytes(s)).hex();
    }

    private static byte[] encodeBytes(String s) {
        Buffer b = new Buffer();
        Huffman.encode(s, b);
        return b.readByteArray();
    }

    private static String decode(byte[] b) {
        return new String(Huffman.decode(b, 0, b.length), StandardCharsets.ISO_8859_1);
    }
}
