package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Framing and connection management details of the HTTP/1 layer. */
class Http1SemanticsTest {
    private final MockWebServer server = new MockWebServer();
    private ProxyServer proxy;

    @BeforeEach
    void setUp() throws Exception {
        server.start();
        proxy = TestProxies.start(TestProxies.options());
    }

    @AfterEach
    void tearDown() throws Exception {
        proxy.close();
        server.close();
    }

    private String get(RawClient client, String path, String until) throws Exception {
        return client.send("GET " + server.url(path) + " HTTP/1.1\r\nHost: x\r\n\r\n")
                .readUntil(until);
    }

    @Test
    void chunkedResponseIsBufferedAndSentChunkedAgain() throws Exception {
        server.enqueue(new MockResponse.Builder().chunkedBody("abcdefghij", 3).build());
        try (RawClient client = new RawClient(proxy.port())) {
            String response = get(client, "/c", "0\r\n\r\n");
            assertTrue(response.toLowerCase(java.util.Locale.ROOT)
                    .contains("transfer-encoding: chunked\r\n"), response);
            assertTrue(response.endsWith("\r\n\r\na\r\nabcdefghij\r\n0\r\n\r\n"), response);
        }
    }

    @Test
    void chunkedRequestBodyIsForwarded() throws Exception {
        server.enqueue(new MockResponse.Builder().body("ok").build());
        try (RawClient client = new RawClient(proxy.port())) {
            client.send("POST " + server.url("/p") + " HTTP/1.1\r\nHost: x\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n")
                    .readUntil("ok");
        }
        assertEquals("abcde", server.takeRequest().getBody().utf8());
    }

    @Test
    void headAnd204HaveNoBodyWhateverTheirHeadersSay() throws Exception {
        try (ScriptedServer raw = new ScriptedServer(socket -> {
            java.io.InputStream in = socket.getInputStream();
            java.io.OutputStream out = socket.getOutputStream();
            assertTrue(StreamingTest.readHead(in).startsWith("HEAD /h "));
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n".getBytes());
            out.flush();
            assertTrue(StreamingTest.readHead(in).startsWith("GET /n "));
            out.write("HTTP/1.1 204 No Content\r\n\r\n".getBytes());
            out.flush();
        });
                RawClient client = new RawClient(proxy.port())) {
            String origin = "http://127.0.0.1:" + raw.port();
            client.send("HEAD " + origin + "/h HTTP/1.1\r\nHost: x\r\n\r\n");
            String head = client.readUntil("\r\n\r\n");
            assertTrue(head.contains("Content-Length: 5\r\n"), head);
            client.send("GET " + origin + "/n HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(client.readUntil("\r\n\r\n").startsWith("HTTP/1.1 204"));
        }
    }

    @Test
    void oneClientConnectionReachesSeveralServers() throws Exception {
        try (MockWebServer other = new MockWebServer()) {
            other.start();
            server.enqueue(new MockResponse.Builder().body("first").build());
            other.enqueue(new MockResponse.Builder().body("other").build());
            server.enqueue(new MockResponse.Builder().body("again").build());
            try (RawClient client = new RawClient(proxy.port())) {
                assertTrue(get(client, "/1", "first").startsWith("HTTP/1.1 200"));
                client.send("GET " + other.url("/o") + " HTTP/1.1\r\nHost: y\r\n\r\n");
                assertTrue(client.readUntil("other").startsWith("HTTP/1.1 200"));
                assertTrue(get(client, "/3", "again").startsWith("HTTP/1.1 200"));
            }
            assertEquals("/o", other.takeRequest().getTarget());
            assertEquals("/1", server.takeRequest().getTarget());
            assertEquals("/3", server.takeRequest().getTarget());
        }
    }

    @Test
    void staleUpstreamConnectionIsReplacedTransparently() throws Exception {
        server.enqueue(new MockResponse.Builder().body("one")
                .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE).build());
        server.enqueue(new MockResponse.Builder().body("two").build());
        try (RawClient client = new RawClient(proxy.port())) {
            assertTrue(get(client, "/1", "one").startsWith("HTTP/1.1 200"));
            String second = get(client, "/2", "two");
            assertTrue(second.startsWith("HTTP/1.1 200"), second);
        }
        assertEquals(List.of(0, 1), List.of(server.takeRequest().getConnectionIndex(),
                server.takeRequest().getConnectionIndex()));
    }

    @Test
    void expectContinueIsAnsweredByTheProxy() throws Exception {
        server.enqueue(new MockResponse.Builder().body("got").build());
        try (RawClient client = new RawClient(proxy.port())) {
            client.send("POST " + server.url("/e") + " HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: 4\r\nExpect: 100-continue\r\n\r\n");
            assertEquals("HTTP/1.1 100 Continue\r\n\r\n", client.readUntil("\r\n\r\n"));
            assertTrue(client.send("body").readUntil("got").startsWith("HTTP/1.1 200"));
        }
        RecordedRequest recorded = server.takeRequest();
        assertEquals("body", recorded.getBody().utf8());
        assertEquals(null, recorded.getHeaders().get("Expect"));
    }

    @Test
    void http10ClientGetsItsResponseAndTheConnectionCloses() throws Exception {
        server.enqueue(new MockResponse.Builder().body("old").build());
        try (RawClient client = new RawClient(proxy.port())) {
            String response = client.send("GET " + server.url("/") + " HTTP/1.0\r\n\r\n")
                    .readAll();
            assertTrue(response.endsWith("old"), response);
        }
    }

    @Test
    void switchingProtocolsRelaysBothWaysAfterThe101() throws Exception {
        try (ScriptedServer raw = new ScriptedServer(socket -> {
            java.io.InputStream in = socket.getInputStream();
            java.io.OutputStream out = socket.getOutputStream();
            assertTrue(StreamingTest.readHead(in).contains("Upgrade: websocket"));
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\n\r\n").getBytes());
            out.flush();
            byte[] frame = in.readNBytes(3);
            out.write(frame);
            out.flush();
        });
                RawClient client = new RawClient(proxy.port())) {
            client.send("GET http://127.0.0.1:" + raw.port() + "/ws HTTP/1.1\r\nHost: x\r\n"
                    + "Connection: Upgrade\r\nUpgrade: websocket\r\n\r\n");
            assertTrue(client.readUntil("\r\n\r\n").startsWith("HTTP/1.1 101"));
            assertEquals("abc", client.send("abc").read(3));
        }
    }
}
