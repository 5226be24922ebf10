package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/**
 * Interim responses (RFC 9110 section 15.2) reach HTTP/1.1 clients as the server sends them,
 * before the final response, and never HTTP/1.0 clients; the proxy's own 200 to a CONNECT has
 * no Content-Length (section 9.3.6).
 */
class InformationalResponsesTest {

    @Test
    void earlyHintsReachTheClientBeforeTheServerHasAnswered() throws Exception {
        CountDownLatch hintsSeen = new CountDownLatch(1);
        try (ScriptedServer server = new ScriptedServer(socket -> {
                    InputStream in = socket.getInputStream();
                    readHead(in);
                    OutputStream out = socket.getOutputStream();
                    out.write(ascii("HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload"
                            + "\r\n\r\nHTTP/1.1 102 Processing\r\n\r\n"));
                    out.flush();
                    // The final answer waits until the client saw the hints: a proxy that held
                    // them back until the final response would make this test time out.
                    if (!hintsSeen.await(20, TimeUnit.SECONDS)) {
                        throw new AssertionError("the client never saw the hints");
                    }
                    out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone"));
                    out.flush();
                });
                ProxyServer proxy = TestProxies.start(TestProxies.options());
                RawClient client = new RawClient(proxy.port())) {
            client.send("GET http://127.0.0.1:" + server.port() + "/ HTTP/1.1\r\nHost: x\r\n\r\n");
            String interim = client.readUntil("HTTP/1.1 102 Processing\r\n\r\n");
            assertEquals("HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
                    + "HTTP/1.1 102 Processing\r\n\r\n", interim);
            hintsSeen.countDown();
            String last = client.readUntil("done");
            assertTrue(last.startsWith("HTTP/1.1 200 OK\r\n"), last);
        }
    }

    @Test
    void anHttp10ClientGetsOnlyTheFinalResponse() throws Exception {
        try (ScriptedServer server = new ScriptedServer(socket -> {
                    readHead(socket.getInputStream());
                    socket.getOutputStream().write(ascii("HTTP/1.1 103 Early Hints\r\nLink: </a>"
                            + "\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
                });
                ProxyServer proxy = TestProxies.start(TestProxies.options());
                RawClient client = new RawClient(proxy.port())) {
            String response = client.send("GET http://127.0.0.1:" + server.port()
                    + "/ HTTP/1.0\r\n\r\n").readAll();
            assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
            assertFalse(response.contains("103"), response);
        }
    }

    @Test
    void curlShowsTheEarlyHintsOfAMockWebServer() throws Exception {
        try (MockWebServer server = new MockWebServer();
                ProxyServer proxy = TestProxies.start(TestProxies.options())) {
            server.start();
            server.enqueue(new MockResponse.Builder()
                    .addInformationalResponse(new MockResponse.Builder().code(103)
                            .addHeader("Link", "</app.js>; rel=preload").build())
                    .body("page").build());
            String out = CurlTest.curl(List.of("curl", "-s", "-i", "--noproxy", "", "-x",
                    "http://127.0.0.1:" + proxy.port(), server.url("/").toString()));
            assertTrue(out.startsWith("HTTP/1.1 103 "), out);
            assertTrue(out.contains("Link: </app.js>; rel=preload"), out);
            assertTrue(out.contains("HTTP/1.1 200 "), out);
            assertTrue(out.endsWith("page"), out);
        }
    }

    @Test
    void theConnectAnswerHasNoContentLength() throws Exception {
        try (EchoServer echo = new EchoServer();
                ProxyServer proxy = TestProxies.start(TestProxies.options());
                RawClient client = new RawClient(proxy.port())) {
            String head = client.send("CONNECT 127.0.0.1:" + echo.port() + " HTTP/1.1\r\nHost: "
                    + "127.0.0.1:" + echo.port() + "\r\n\r\n").readUntil("\r\n\r\n");
            assertEquals("HTTP/1.1 200 Connection established\r\n\r\n", head);
            assertEquals("ping", client.send("ping").read(4));
        }
    }

    @Test
    void anAddonsOwn200ToAConnectLosesItsContentLength() throws Exception {
        Addon answer = new Addon() {
            @Override
            public void httpConnect(dev.mitm4j.http.HttpFlow flow) {
                flow.response(dev.mitm4j.http.Response.make(200, new byte[0],
                        dev.mitm4j.http.Headers.of("X-Tunnel", "mine")));
            }
        };
        try (EchoServer echo = new EchoServer();
                ProxyServer proxy = TestProxies.start(TestProxies.options(), answer);
                RawClient client = new RawClient(proxy.port())) {
            String head = client.send("CONNECT 127.0.0.1:" + echo.port() + " HTTP/1.1\r\n\r\n")
                    .readUntil("\r\n\r\n");
            assertTrue(head.startsWith("HTTP/1.1 200 "), head);
            assertTrue(head.contains("X-Tunnel: mine\r\n"), head);
            assertFalse(head.toLowerCase(java.util.Locale.ROOT).contains("content-length"), head);
        }
    }

    private static void readHead(InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new java.io.EOFException("no request head: " + head);
            }
            head.append((char) b);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
