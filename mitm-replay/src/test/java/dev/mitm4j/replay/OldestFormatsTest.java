package dev.mitm4j.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.Flow;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.replay.internal.TNetWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The oldest flow files mitmproxy still reads, written by mitmproxy 0.11 (Python 2, version
 * {@code [0, 11, 3]}), 0.18 ({@code [0, 18, 2]}) and a version-7 file of mitmproxy 5, read
 * through mitmproxy's migration steps: every flow with its method, URL, status and bodies.
 * Files of 0.10 and older are refused, as mitmproxy refuses them.
 */
class OldestFormatsTest {
    private static final String EXAMPLE_PAGE_START = "<!doctype html>\n<html>\n<head>\n"
            + "    <title>Example Domain</title>";

    @Test
    void mitmproxy011() throws IOException {
        HttpFlow f = only("dumpfile-011.mitm");
        assertEquals("e072a53a-711a-46b7-aaa5-ad61ac7e4459", f.id());
        assertEquals("GET", f.request().method());
        assertEquals("https://example.com/", f.request().url());
        assertEquals("HTTP/1.1", f.request().httpVersion());
        assertEquals("curl/7.46.0", f.request().headers().get("User-Agent"));
        assertArrayEquals(new byte[0], f.request().rawContent());
        assertEquals(Instant.ofEpochMilli(1469208634706L), f.request().timestampStart());
        assertExamplePage(f);
        assertEquals(Instant.ofEpochMilli(1469208634761L), f.response().timestampStart());
        assertEquals(new InetSocketAddress("127.0.0.1", 60786), f.client().peername());
        assertEquals("example.com", f.server().address().getHostString());
        assertEquals(443, f.server().address().getPort());
        assertEquals("example.com", f.server().sni());
        assertEquals("regular", f.client().proxyMode());
    }

    @Test
    void mitmproxy018() throws IOException {
        HttpFlow f = only("dumpfile-018.mitm");
        assertEquals("55367415-10f5-4938-b69f-8a523394f947", f.id());
        assertEquals("GET", f.request().method());
        assertEquals("https://www.example.com/", f.request().url());
        assertArrayEquals(new byte[0], f.request().rawContent());
        assertExamplePage(f);
        assertEquals(f.request().timestampEnd(), f.response().timestampStart(),
                "a response without timestamps gets the request's end, as in mitmproxy");
        assertEquals(new InetSocketAddress("93.184.216.34", 443), f.server().peername());
        assertEquals(new InetSocketAddress("10.67.53.133", 52775), f.server().sockname());
    }

    @Test
    void mitmproxy5Version7() throws IOException {
        HttpFlow f = only("dumpfile-019.mitm");
        assertEquals("665e312b-c1f6-4f86-93c2-be32c5c3af78", f.id());
        assertEquals("GET", f.request().method());
        assertTrue(f.request().url().startsWith("https://webrv.rtb-seller.com/webrv-at?width=400"
                + "&height=300&page_url="), f.request().url());
        assertEquals("HTTP/2.0", f.request().httpVersion());
        assertEquals("https://www.thedrive.com", f.request().headers().get("origin"));
        assertArrayEquals(new byte[0], f.request().rawContent());
        assertNull(f.response(), "no response was recorded");
        assertEquals("TLSv1.3", f.client().tlsVersion());
        assertEquals("webrv.rtb-seller.com", f.client().sni());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dumpfile-011.mitm", "dumpfile-018.mitm", "dumpfile-019.mitm"})
    void migratedFlowsAreWrittenAgainInBothFormatsUnchanged(String name) throws IOException {
        HttpFlow before = only(name);
        for (int version : List.of(FlowWriter.CURRENT_VERSION, FlowWriter.MITMPROXY_8_VERSION)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (FlowWriter writer = new FlowWriter(out, version)) {
                writer.add(before);
            }
            HttpFlow after = (HttpFlow) new FlowReader(new ByteArrayInputStream(
                    out.toByteArray())).readAll().get(0);
            assertEquals(before.request().method(), after.request().method());
            assertEquals(before.request().url(), after.request().url());
            assertArrayEquals(before.request().rawContent(), after.request().rawContent());
            if (before.response() != null) {
                assertEquals(before.response().statusCode(), after.response().statusCode());
                assertArrayEquals(before.response().rawContent(), after.response().rawContent());
            }
        }
    }

    @Test
    void mitmproxy010IsRefusedNamingItsVersion() throws IOException {
        try (InputStream in = vector("dumpfile-010.mitm")) {
            FlowFileException e = assertThrows(FlowFileException.class,
                    () -> new FlowReader(in).readAll());
            assertTrue(e.getMessage().contains("flow format version 0.10 is older than 0.11"),
                    e.getMessage());
            assertEquals(0, e.offset());
        }
    }

    @Test
    void aReleaseTupleMitmproxyNeverWroteIsRefusedNamingIt() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("version", List.of(1L, 5L, 0L));
        state.put("type", "http");
        byte[] record = TNetWriter.dump(state);
        FlowFileException e = assertThrows(FlowFileException.class,
                () -> new FlowReader(new ByteArrayInputStream(record)).readAll());
        assertTrue(e.getMessage().contains("flow format version 1.5 is not a mitmproxy release"),
                e.getMessage());
    }

    private static void assertExamplePage(HttpFlow f) {
        assertEquals(200, f.response().statusCode());
        assertEquals("OK", f.response().reason());
        assertEquals("HTTP/1.1", f.response().httpVersion());
        assertEquals("1270", f.response().headers().get("Content-Length"));
        byte[] body = f.response().rawContent();
        assertEquals(1270, body.length);
        assertTrue(new String(body, StandardCharsets.UTF_8).startsWith(EXAMPLE_PAGE_START));
    }

    private static HttpFlow only(String name) throws IOException {
        try (InputStream in = vector(name); FlowReader reader = new FlowReader(in)) {
            List<Flow> flows = reader.readAll();
            assertEquals(List.of(), reader.warnings());
            assertEquals(1, flows.size(), name + " holds one flow");
            return (HttpFlow) flows.get(0);
        }
    }

    private static InputStream vector(String name) {
        InputStream in = OldestFormatsTest.class.getResourceAsStream("mitmproxy/" + name);
        if (in == null) {
            throw new IllegalStateException("test vector missing: mitmproxy/" + name);
        }
        return in;
    }
}
