package dev.mitm4j.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClientHelloTest {
    static byte[] jdk;
    static byte[] openssl;

    @BeforeAll
    static void capture() throws Exception {
        jdk = HelloCapture.fromJdk("jdk.example", List.of("h2", "http/1.1"));
        openssl = HelloCapture.fromOpenssl("-servername", "openssl.example",
                "-alpn", "h2,http/1.1");
    }

    @Test
    void jdkHelloCarriesSniAlpnAndVersions() throws Exception {
        ClientHello h = ClientHello.parse(jdk);
        assertEquals("jdk.example", h.sni());
        assertEquals(List.of("h2", "http/1.1"), h.alpnProtocols());
        assertTrue(h.supportedVersions().containsAll(List.of(0x0304, 0x0303)), h.toString());
        assertTrue(h.cipherSuites().contains(0x1301), "TLS_AES_128_GCM_SHA256");
        assertTrue(h.extensions().containsAll(List.of(0, 16, 43)), h.extensions().toString());
        assertEquals(0x0303, h.legacyVersion());
        assertEquals(jdk.length, h.recordsLength());
    }

    @Test
    void opensslHelloCarriesSniAlpnAndVersions() throws Exception {
        ClientHello h = ClientHello.parse(openssl);
        assertEquals("openssl.example", h.sni());
        assertEquals(List.of("h2", "http/1.1"), h.alpnProtocols());
        assertTrue(h.supportedVersions().contains(0x0304), h.toString());
        assertTrue(h.cipherSuites().contains(0x1302), "TLS_AES_256_GCM_SHA384");
        assertEquals(openssl.length, h.recordsLength());
    }

    @Test
    void opensslWithoutSniOrAlpnGivesNone() throws Exception {
        ClientHello h = ClientHello.parse(HelloCapture.fromOpenssl("-noservername"));
        assertNull(h.sni());
        assertEquals(List.of(), h.alpnProtocols());
        assertFalse(h.extensions().contains(0));
    }

    @Test
    void everyPrefixIsShortAndSaysHowMuchMoreIsNeeded() throws Exception {
        for (byte[] hello : List.of(jdk, openssl)) {
            for (int i = 0; i < hello.length; i++) {
                int need = ClientHello.bytesNeeded(hello, i);
                assertTrue(need > 0 && i + need <= hello.length, "prefix " + i + " need " + need);
                int len = i;
                var e = assertThrows(ClientHelloException.class, () -> ClientHello.parse(hello,
                        len));
                assertTrue(e.truncated(), e.getMessage());
            }
            assertEquals(0, ClientHello.bytesNeeded(hello, hello.length));
        }
    }

    @Test
    void peekingByWhatIsNeededLandsExactlyOnTheEnd() throws Exception {
        for (byte[] hello : List.of(jdk, openssl)) {
            int have = 0;
            int rounds = 0;
            for (int need; (need = ClientHello.bytesNeeded(hello, have)) > 0; rounds++) {
                have += need;
            }
            assertEquals(hello.length, have);
            assertTrue(rounds <= 3, "header, record, done: " + rounds);
        }
    }

    @Test
    void aHelloSplitAcrossManyRecordsParsesTheSame() throws Exception {
        ClientHello whole = ClientHello.parse(jdk);
        for (int size : new int[] {1, 2, 7, 100, 511}) {
            byte[] split = refragment(jdk, size);
            ClientHello h = ClientHello.parse(split);
            assertEquals(whole.toString(), h.toString());
            assertEquals(whole.cipherSuites(), h.cipherSuites());
            assertEquals(whole.extensions(), h.extensions());
            assertEquals(split.length, h.recordsLength());
            for (int i = 0; i < split.length; i += 13) {
                assertTrue(ClientHello.bytesNeeded(split, i) > 0);
            }
        }
    }

    @Test
    void bytesAfterTheHelloAreIgnored() throws Exception {
        byte[] more = Arrays.copyOf(openssl, openssl.length + 10);
        assertEquals(openssl.length, ClientHello.parse(more).recordsLength());
    }

    @Test
    void plainHttpIsRejectedAtOffsetZero() {
        byte[] http = "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        var e = assertThrows(ClientHelloException.class, () -> ClientHello.parse(http));
        assertEquals(0, e.offset());
        assertFalse(e.truncated());
        assertEquals("expected a handshake record (type 22) at offset 0, found 0x47",
                e.getMessage());
        assertThrows(ClientHelloException.class, () -> ClientHello.bytesNeeded(http, 5));
        assertFalse(ClientHello.looksLikeClientHello(http, http.length));
        assertTrue(ClientHello.looksLikeClientHello(jdk, 3));
        assertTrue(ClientHello.looksLikeClientHello(jdk, jdk.length));
    }

    @Test
    void aServerHelloIsNotAClientHello() {
        byte[] b = jdk.clone();
        b[5] = 2;
        var e = assertThrows(ClientHelloException.class, () -> ClientHello.parse(b));
        assertEquals(5, e.offset());
        assertTrue(e.getMessage().contains("type 1"), e.getMessage());
    }

    @Test
    void malformedFieldsAreNamedWithTheirOffset() {
        byte[] longSession = minimal(33);
        var e = assertThrows(ClientHelloException.class, () -> ClientHello.parse(longSession));
        assertEquals("malformed ClientHello: expected a session_id of at most 32 bytes"
                + " at offset 43",
                e.getMessage());
        assertEquals(43, e.offset());
        byte[] zeroRecord = {22, 3, 1, 0, 0};
        var z = assertThrows(ClientHelloException.class, () -> ClientHello.parse(zeroRecord));
        assertTrue(z.getMessage().contains("record length"), z.getMessage());
        byte[] huge = {22, 3, 1, 0, 4, 1, 0x7f, 0, 0};
        var h = assertThrows(ClientHelloException.class, () -> ClientHello.bytesNeeded(huge, 9));
        assertTrue(h.getMessage().contains("at most 65536"), h.getMessage());
    }

    @Test
    void anExtensionLongerThanItsBlockIsRejected() throws Exception {
        byte[] b = openssl.clone();
        int ext = extensionsOffset(b);
        int firstExtLength = ext + 2 + 2;
        b[firstExtLength] = (byte) 0x7f;
        var e = assertThrows(ClientHelloException.class, () -> ClientHello.parse(b));
        assertFalse(e.truncated());
        assertTrue(e.getMessage().startsWith("malformed ClientHello: expected "), e.getMessage());
    }

    @Test
    void aRepeatedExtensionIsRejected() {
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        ext.writeBytes(new byte[] {0, 23, 0, 0, 0, 23, 0, 0}); // extended_master_secret twice
        var e = assertThrows(ClientHelloException.class,
                () -> ClientHello.parse(minimal(0, ext.toByteArray())));
        assertTrue(e.getMessage().contains("23 repeats"), e.getMessage());
    }

    @Test
    void aHelloWithoutExtensionsIsValid() throws Exception {
        ClientHello h = ClientHello.parse(minimal(0));
        assertEquals(List.of(), h.extensions());
        assertEquals(List.of(0x002f), h.cipherSuites());
        assertNull(h.sni());
    }

    @Test
    void randomCorruptionEndsInAResultOrAClientHelloException() {
        Random random = new Random(42);
        for (int i = 0; i < 5000; i++) {
            byte[] b = (i % 2 == 0 ? jdk : openssl).clone();
            for (int k = random.nextInt(4); k >= 0; k--) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            int len = random.nextInt(b.length + 1);
            try {
                ClientHello.parse(b, len);
                ClientHello.bytesNeeded(b, len);
            } catch (ClientHelloException expected) {
                assertTrue(expected.offset() >= 0 && expected.offset() <= b.length);
            }
        }
    }

    /** A ClientHello with one cipher suite and the given session id length and extensions. */
    static byte[] minimal(int sessionIdLength, byte[]... extensions) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {3, 3});
        body.writeBytes(new byte[32]);
        body.write(sessionIdLength);
        body.writeBytes(new byte[sessionIdLength]);
        body.writeBytes(new byte[] {0, 2, 0, 0x2f, 1, 0});
        if (extensions.length > 0) {
            body.write(extensions[0].length >> 8);
            body.write(extensions[0].length);
            body.writeBytes(extensions[0]);
        }
        byte[] bb = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {22, 3, 1, (byte) ((bb.length + 4) >> 8),
                (byte) (bb.length + 4)});
        out.writeBytes(new byte[] {1, 0, (byte) (bb.length >> 8), (byte) bb.length});
        out.writeBytes(bb);
        return out.toByteArray();
    }

    /** Rewrites a one-record hello as records of at most {@code size} bytes of handshake data. */
    static byte[] refragment(byte[] hello, int size) {
        int len = (hello[3] & 0xff) << 8 | (hello[4] & 0xff);
        byte[] message = Arrays.copyOfRange(hello, 5, 5 + len);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < message.length; i += size) {
            int n = Math.min(size, message.length - i);
            out.writeBytes(new byte[] {22, 3, 1, (byte) (n >> 8), (byte) n});
            out.write(message, i, n);
        }
        return out.toByteArray();
    }

    private static int extensionsOffset(byte[] b) {
        int pos = 5 + 4 + 2 + 32;
        pos += 1 + (b[pos] & 0xff);
        pos += 2 + ((b[pos] & 0xff) << 8 | (b[pos + 1] & 0xff));
        pos += 1 + (b[pos] & 0xff);
        return pos;
    }
}
