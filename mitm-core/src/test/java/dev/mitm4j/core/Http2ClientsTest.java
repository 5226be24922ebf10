package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.internal.http2.Http2Connection;
import dev.mitm4j.http.internal.http2.Http2RequestHead;
import dev.mitm4j.http.internal.http2.Http2ResponseHead;
import dev.mitm4j.http.internal.http2.Http2Stream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import org.junit.jupiter.api.Test;

/**
 * Clients that speak HTTP/2 to the proxy in plain text (h2c with prior knowledge): each stream is
 * a flow with {@code http_version} HTTP/2.0. The proxy speaks h2c to the server too; an HTTP/1.1
 * origin (MockWebServer by default), which sends no SETTINGS, gets the request translated to
 * HTTP/1.1 after a short wait. curl is the client in reverse mode; in regular mode (where curl speaks
 * HTTP/1.1 to a proxy) the codec's own client sends the streams.
 */
class Http2ClientsTest {

    @Test
    void curlWithPriorKnowledgeThroughReverseModeReachesAnHttp1Origin() throws Exception {
        List<HttpFlow> flows = new CopyOnWriteArrayList<>();
        try (MockWebServer origin = new MockWebServer();
                ProxyServer proxy = TestProxies.start(TestProxies.options(
                        "mode", "reverse:http://127.0.0.1:" + port(origin)),
                        Addon.onResponse("record", f -> {
                            f.response().headers().set("x-mitm", "1");
                            flows.add(f);
                        }))) {
            origin.enqueue(new MockResponse.Builder().body("hello h2").build());
            String out = CurlTest.curl(List.of("curl", "-s", "-i", "--http2-prior-knowledge",
                    "-H", "Cookie: a=1", "-H", "Cookie: b=2",
                    "http://127.0.0.1:" + proxy.port() + "/path?q=1"));
            assertTrue(out.startsWith("HTTP/2 200"), out);
            assertTrue(out.contains("x-mitm: 1"), out);
            assertTrue(out.endsWith("hello h2"), out);
            RecordedRequest seen = origin.takeRequest();
            assertEquals("/path?q=1", seen.getTarget());
            assertEquals("127.0.0.1:" + origin.getPort(), seen.getHeaders().get("Host"));
            assertEquals("a=1; b=2", seen.getHeaders().get("Cookie"));
            HttpFlow flow = flows.getFirst();
            assertEquals("HTTP/2.0", flow.request().httpVersion());
            assertEquals("HTTP/1.1", flow.response().httpVersion());
            assertEquals("/path?q=1", flow.request().path());
        }
    }

    @Test
    void anH2cOriginGetsTheStreamsOfAnH2cClientOverH2c() throws Exception {
        List<HttpFlow> flows = new CopyOnWriteArrayList<>();
        try (MockWebServer origin = new MockWebServer()) {
            origin.setProtocols(List.of(okhttp3.Protocol.H2_PRIOR_KNOWLEDGE));
            String authority = "127.0.0.1:" + port(origin);
            try (ProxyServer proxy = TestProxies.start(TestProxies.options(),
                            Addon.onResponse("record", flows::add));
                    H2cClient client = new H2cClient(proxy.port())) {
                origin.enqueue(new MockResponse.Builder().body("h2c one").build());
                origin.enqueue(new MockResponse.Builder().body("h2c two").build());
                assertEquals("h2c one", client.get(authority, "/1").body());
                assertEquals("h2c two", client.get(authority, "/2").body());
                assertEquals("/1", origin.takeRequest().getTarget());
                assertEquals("/2", origin.takeRequest().getTarget());
                assertEquals("HTTP/2.0", flows.getFirst().response().httpVersion());
                assertEquals("HTTP/2.0", flows.get(1).response().httpVersion());
            }
        }
    }

    @Test
    void streamsAtTheProxysFrontDoorGoWhereTheirAuthoritySays() throws Exception {
        try (MockWebServer origin = new MockWebServer();
                ProxyServer proxy = TestProxies.start(TestProxies.options());
                H2cClient client = new H2cClient(proxy.port())) {
            origin.enqueue(new MockResponse.Builder().body("front door").build());
            Reply reply = client.get("127.0.0.1:" + port(origin), "/x");
            assertEquals(200, reply.status());
            assertEquals("front door", reply.body());
            assertEquals("/x", origin.takeRequest().getTarget());
        }
    }

    @Test
    void manyConcurrentStreamsAreEachAFlowAndReuseTheServerConnection() throws Exception {
        int streams = 20;
        List<HttpFlow> flows = new CopyOnWriteArrayList<>();
        try (MockWebServer origin = new MockWebServer();
                ProxyServer proxy = TestProxies.start(TestProxies.options(),
                        Addon.onResponse("record", flows::add));
                H2cClient client = new H2cClient(proxy.port())) {
            for (int i = 0; i < streams; i++) {
                origin.enqueue(new MockResponse.Builder().body("r").build());
            }
            List<Http2Stream> open = new ArrayList<>();
            String authority = "127.0.0.1:" + port(origin);
            for (int i = 0; i < streams; i++) {
                open.add(client.open(authority, "/" + i));
            }
            for (Http2Stream stream : open) {
                assertEquals(200, client.read(stream).status());
            }
            assertEquals(streams, flows.size());
            assertTrue(flows.stream().allMatch(f -> f.request().httpVersion().equals("HTTP/2.0")));
            for (int i = 0; i < streams; i++) {
                origin.takeRequest();
            }
            // One after the other, streams reuse a server connection as keep-alive requests do.
            origin.enqueue(new MockResponse.Builder().body("a").build());
            origin.enqueue(new MockResponse.Builder().body("b").build());
            assertEquals("a", client.get(authority, "/a").body());
            assertEquals("b", client.get(authority, "/b").body());
            assertEquals(origin.takeRequest().getConnectionIndex(),
                    origin.takeRequest().getConnectionIndex());
        }
    }

    @Test
    void aStreamHeldByAnAddonDoesNotHoldAnother() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        List<HttpFlow> heldFlows = new CopyOnWriteArrayList<>();
        try (MockWebServer origin = new MockWebServer();
                ProxyServer proxy = TestProxies.start(TestProxies.options(),
                        Addon.onRequest("hold", f -> {
                            if (f.request().path().equals("/held")) {
                                f.intercept();
                                heldFlows.add(f);
                                held.countDown();
                            }
                        }));
                H2cClient client = new H2cClient(proxy.port())) {
            origin.enqueue(new MockResponse.Builder().body("free").build());
            origin.enqueue(new MockResponse.Builder().body("was held").build());
            String authority = "127.0.0.1:" + port(origin);
            Http2Stream first = client.open(authority, "/held");
            assertTrue(held.await(10, TimeUnit.SECONDS));
            assertEquals("free", client.get(authority, "/free").body());
            heldFlows.getFirst().resume();
            assertEquals("was held", client.read(first).body());
        }
    }

    @Test
    void aFailingServerIsA502OnItsStreamWhileTheConnectionGoesOn() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1,
                InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        List<HttpFlow> errors = new CopyOnWriteArrayList<>();
        try (MockWebServer origin = new MockWebServer();
                ProxyServer proxy = TestProxies.start(TestProxies.options(), new Addon() {
                    @Override
                    public void error(HttpFlow flow) {
                        errors.add(flow);
                    }
                });
                H2cClient client = new H2cClient(proxy.port())) {
            String authority = "127.0.0.1:" + port(origin);
            origin.enqueue(new MockResponse.Builder().body("fine").build());
            Reply failed = client.get("127.0.0.1:" + closedPort, "/");
            assertEquals(502, failed.status());
            assertTrue(failed.body().contains("127.0.0.1:" + closedPort), failed.body());
            assertEquals("fine", client.get(authority, "/").body());
            assertEquals(1, errors.size());
        }
    }

    @Test
    void aRequestBodyAndTrailersReachTheServerAndTheFlow() throws Exception {
        List<HttpFlow> flows = new CopyOnWriteArrayList<>();
        try (MockWebServer origin = new MockWebServer();
                ProxyServer proxy = TestProxies.start(TestProxies.options(),
                        Addon.onResponse("record", flows::add));
                H2cClient client = new H2cClient(proxy.port())) {
            origin.enqueue(new MockResponse.Builder().body("got it").build());
            Http2Stream stream = client.connection.newStream(Http2RequestHead.of("POST", "http",
                    "127.0.0.1:" + port(origin), "/upload", new Headers()), false);
            try (okio.BufferedSink body = Okio.buffer(stream.bodySink())) {
                body.writeUtf8("part one, ");
                body.flush();
                body.writeUtf8("part two");
                body.flush();
                stream.writeTrailers(Headers.of("x-checksum", "abc"));
            }
            assertEquals("got it", client.read(stream).body());
            RecordedRequest seen = origin.takeRequest();
            assertEquals("part one, part two", seen.getBody().utf8());
            HttpFlow flow = flows.getFirst();
            assertEquals("part one, part two", flow.request().text());
            assertEquals("abc", flow.request().trailers().get("x-checksum"));
        }
    }

    @Test
    void withHttp2OffThePrefaceIsNotHttp2() throws Exception {
        try (ProxyServer proxy = TestProxies.start(TestProxies.options("http2", "false"));
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            socket.getOutputStream().write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            socket.setSoTimeout(10_000);
            String answer = new String(socket.getInputStream().readAllBytes(),
                    StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        }
    }

    /** {@return the port of {@code server}, started on 127.0.0.1 first; call it once} */
    private static int port(MockWebServer server) throws IOException {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        return server.getPort();
    }

    /** A response as read by {@link H2cClient}. */
    record Reply(int status, Headers headers, String body) {}

    /** The codec's client over one plain-text connection to the proxy (h2c prior knowledge). */
    static final class H2cClient implements AutoCloseable {
        final Socket socket;
        final Http2Connection connection;

        H2cClient(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(20_000);
            BufferedSource source = Okio.buffer(Okio.source(socket));
            connection = Http2Connection.builder(Http2Connection.Role.CLIENT, source,
                    Okio.buffer(Okio.sink(socket)), socket).name("test-client").build();
            connection.start();
        }

        Http2Stream open(String authority, String path) throws IOException {
            return connection.newStream(Http2RequestHead.of("GET", "http", authority, path,
                    new Headers()), true);
        }

        Reply read(Http2Stream stream) throws IOException {
            Http2ResponseHead head = stream.readResponseHead();
            while (head.isInterim()) {
                head = stream.readResponseHead();
            }
            Buffer body = new Buffer();
            try (okio.Source in = stream.body()) {
                while (in.read(body, 8192) != -1) {
                    // read to the end
                }
            }
            return new Reply(head.status(), head.headers(), body.readUtf8());
        }

        Reply get(String authority, String path) throws IOException {
            return read(open(authority, path));
        }

        @Override
        public void close() throws IOException {
            connection.close();
            socket.close();
        }
    }
}
