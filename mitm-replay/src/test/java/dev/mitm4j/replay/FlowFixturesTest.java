package dev.mitm4j.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.Flow;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.WebSocketData;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every mitmproxy fixture reads, migrated to the model, with spot-checked values. */
class FlowFixturesTest {
    @ParameterizedTest
    @ValueSource(strings = {"dumpfile-7.mitm", "dumpfile-7-websocket.mitm", "dumpfile-10.mitm",
            "dumpfile-19.mitm", "flows_successful_log.mitm", "flows_websocket.mitm"})
    void everyFixtureReadsWithoutWarnings(String name) throws IOException {
        try (FlowReader r = FlowReader.open(Fixtures.path(name))) {
            List<Flow> flows = r.readAll();
            assertFalse(flows.isEmpty());
            assertEquals(List.of(), r.warnings());
        }
    }

    @Test
    void version11FileFromMitmproxy7() throws IOException {
        List<Flow> flows = FlowReader.readAll(Fixtures.path("dumpfile-7.mitm"));
        assertEquals(2, flows.size());
        HttpFlow plain = (HttpFlow) flows.get(0);
        assertEquals("e4feb334-2cb3-457e-87ac-c15b1501b1b0", plain.id());
        assertEquals("GET", plain.request().method());
        assertEquals("example.com", plain.request().host());
        assertEquals(80, plain.request().port());
        assertEquals(200, plain.response().statusCode());
        assertEquals(1256, plain.response().rawContent().length);
        assertEquals(new InetSocketAddress("127.0.0.1", 64276), plain.client().peername());
        assertEquals(InetSocketAddress.createUnresolved("example.com", 80),
                plain.server().address());
        assertEquals("regular", plain.client().proxyMode());
        assertFalse(plain.marked());
        HttpFlow tls = (HttpFlow) flows.get(1);
        assertEquals("TLSv1.3", tls.server().tlsVersion());
        assertEquals(3, tls.server().certificateList().size());
        assertTrue(tls.server().certificateList().get(0).getSubjectX500Principal().getName()
                .contains("example"));
        assertEquals(tls.request().timestampStart(), tls.timestampCreated());
    }

    @Test
    void version10FileKeepsMarkAndMissingResponse() throws IOException {
        HttpFlow f = (HttpFlow) FlowReader.readAll(Fixtures.path("dumpfile-10.mitm")).get(0);
        assertEquals("fac79186-100e-45ee-a9ab-f7369281cf50", f.id());
        assertEquals(Flow.DEFAULT_MARKER, f.marker());
        assertNull(f.response());
        assertEquals("example.com", f.request().headers().get("host"));
        assertEquals("example.com", f.server().sni());
        assertEquals(Instant.parse("2021-05-24T15:40:06.728884Z"), f.request().timestampStart());
    }

    @Test
    void version20FileOfAnHttp3ReverseProxy() throws IOException {
        HttpFlow f = (HttpFlow) FlowReader.readAll(Fixtures.path("dumpfile-19.mitm")).get(0);
        assertEquals("82091aa1-7003-4aa6-9d00-d1e6ad69af03", f.id());
        assertEquals("HTTP/3", f.request().httpVersion());
        assertEquals("curl/8.9.1", f.request().headers().get("user-agent"));
        assertEquals("QUICv1", f.client().tlsVersion(), "20 -> 21 renames QUIC");
        assertEquals("udp", f.client().transportProtocol());
        assertEquals("reverse:https://cloudflare-quic.com/", f.client().proxyMode());
        assertEquals(List.of("h3"), f.client().alpnOffers());
        assertEquals(62648, f.client().peername().getPort());
        assertEquals(125959, f.response().rawContent().length);
    }

    @Test
    void version18FileOfMitmproxy9() throws IOException {
        List<Flow> flows = FlowReader.readAll(Fixtures.path("flows_successful_log.mitm"));
        HttpFlow post = (HttpFlow) flows.get(1);
        assertEquals("POST", post.request().method());
        assertEquals("/post", post.request().path());
        assertEquals("TLSv1.2", post.server().tlsVersion());
        assertEquals(4, post.server().certificateList().size());
        assertEquals(new InetSocketAddress("127.0.0.1", 51727), post.client().peername());
    }

    @Test
    void webSocketMessagesOfCurrentFiles() throws IOException {
        List<Flow> flows = FlowReader.readAll(Fixtures.path("flows_websocket.mitm"));
        assertEquals(3, flows.size());
        WebSocketData ws = ((HttpFlow) flows.get(2)).websocket();
        assertNotNull(ws);
        assertEquals(3, ws.messages().size());
        assertEquals("foo", new String(ws.messages().get(1).content()));
        assertTrue(ws.messages().get(1).fromClient());
        assertEquals(1005L, ws.closeCode());
        assertEquals(true, ws.closedByClient());
        assertEquals(101, ((HttpFlow) flows.get(0)).response().statusCode());
    }

    @Test
    void oldSeparateWebSocketFlowsMergeIntoTheirHandshake() throws IOException {
        List<Flow> flows = FlowReader.readAll(Fixtures.path("dumpfile-7-websocket.mitm"));
        assertEquals(6, flows.size());
        HttpFlow merged = (HttpFlow) flows.get(1);
        assertEquals("468a3735-e4c2-4dea-b6e7-827a47751b36", merged.id());
        assertEquals("echo.websocket.org", merged.request().host());
        WebSocketData ws = merged.websocket();
        assertEquals("Rock it with HTML5 WebSocket",
                new String(ws.messages().get(0).content()));
        assertTrue(merged.metadata().containsKey("duplicated"));
        HttpFlow orphan = (HttpFlow) flows.get(2);
        assertEquals("unknown", orphan.request().host(), "a handshake used twice: a dummy");
        assertNull(((HttpFlow) flows.get(0)).websocket());
        assertEquals(new InetSocketAddress("::ffff:127.0.0.1", 52473).getPort(),
                merged.client().peername().getPort());
    }
}
