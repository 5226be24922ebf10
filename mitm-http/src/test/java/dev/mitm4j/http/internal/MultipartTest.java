package dev.mitm4j.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** multipart/form-data bodies as name/value pairs. */
class MultipartTest {
    @Test
    void boundaryMayBeQuoted() {
        assertEquals("a b", Multipart.boundary("multipart/form-data; boundary=\"a b\""));
        assertEquals("x", Multipart.boundary("multipart/form-data; BOUNDARY=x"));
        assertNull(Multipart.boundary("multipart/form-data"));
    }

    @Test
    void bareLineFeedsAreAcceptedAndUnnamedPartsSkipped() {
        String body = "preamble\n--b\nContent-Disposition: form-data; name=\"k\"\n\nv\n"
                + "--b\nContent-Type: text/plain\n\nanonymous\n--b--\n";
        assertEquals(List.of(Map.entry("k", "v")), Multipart.decode(
                "multipart/form-data; boundary=b", body.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void withoutABoundaryThereAreNoParts() {
        assertEquals(List.of(), Multipart.decode("multipart/form-data", "--b\r\n".getBytes()));
    }

    @Test
    void encodeDecodeRoundTripsBinaryValues() {
        List<Map.Entry<String, String>> parts =
                List.of(Map.entry("a", "1"), Map.entry("bin", "\u0000\u00ff\r\n"));
        byte[] body = Multipart.encode("XX", parts);
        assertEquals(parts, Multipart.decode("multipart/form-data; boundary=XX", body));
    }

    @Test
    void aValueHoldingTheDelimiterIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Multipart.encode("XX", List.of(Map.entry("a", "x\r\n--XX\r\n"))));
    }
}
