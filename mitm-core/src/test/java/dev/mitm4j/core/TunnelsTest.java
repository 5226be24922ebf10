package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.TcpFlow;
import dev.mitm4j.http.TcpMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CONNECT tunnels: HTTP inside, raw TCP with events, and hosts passed through untouched. */
class TunnelsTest {
    private EchoServer echo;
    private String authority;

    @BeforeEach
    void setUp() throws Exception {
        echo = new EchoServer();
        authority = "127.0.0.1:" + echo.port();
    }

    @AfterEach
    void tearDown() throws Exception {
        echo.close();
    }

    private RawClient connect(ProxyServer proxy) throws Exception {
        RawClient client = new RawClient(proxy.port());
        String head = client.send("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority
                + "\r\n\r\n").readUntil("\r\n\r\n");
        assertTrue(head.startsWith("HTTP/1.1 200 "), head);
        return client;
    }

    @Test
    void tcpHostsGetTcpEventsAndAddonsCanRewriteMessages() throws Exception {
        RecordingAddon recorder = new RecordingAddon();
        Addon shout = new Addon() {
            @Override
            public void tcpMessage(TcpFlow flow) {
                List<TcpMessage> messages = flow.messages();
                TcpMessage last = messages.getLast();
                if (last.fromClient()) {
                    String upper = new String(last.content(), StandardCharsets.US_ASCII)
                            .toUpperCase(Locale.ROOT);
                    messages.set(messages.size() - 1, new TcpMessage(true,
                            upper.getBytes(StandardCharsets.US_ASCII), last.timestamp()));
                }
            }
        };
        try (ProxyServer proxy = TestProxies.start(
                TestProxies.options("tcp_hosts", "127\\.0\\.0\\.1:" + echo.port()),
                shout, recorder);
                RawClient client = connect(proxy)) {
            assertEquals("PING", client.send("ping").read(4));
            client.shutdownOutput();
            assertEquals("", client.readAll());
            recorder.awaitDisconnects();
        }
        assertEquals(List.of("client_connected", "next_layer", "http_connect", "server_connect",
                "server_connected", "http_connected", "next_layer", "tcp_start", "tcp_message",
                "tcp_message", "tcp_end", "server_disconnected", "client_disconnected"),
                recorder.events.subList(3, recorder.events.size() - 1));
    }

    @Test
    void ignoredHostsPassThroughWithoutEvents() throws Exception {
        RecordingAddon recorder = new RecordingAddon();
        try (ProxyServer proxy = TestProxies.start(
                TestProxies.options("ignore_hosts", "^127\\.0\\.0\\.1:" + echo.port() + "$"),
                recorder);
                RawClient client = connect(proxy)) {
            String request = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
            assertEquals(request, client.send(request).read(request.length()));
        }
        assertFalse(recorder.events.contains("requestheaders"), recorder.events.toString());
        assertFalse(recorder.events.contains("tcp_start"), recorder.events.toString());
    }

    @Test
    void ignoredHostsMatchTheHostHeaderOfATunnelToAnIp() throws Exception {
        RecordingAddon recorder = new RecordingAddon();
        try (ProxyServer proxy = TestProxies.start(
                TestProxies.options("ignore_hosts", "^ignored\\.example:" + echo.port() + "$"),
                recorder);
                RawClient client = connect(proxy)) {
            String request = "GET / HTTP/1.1\r\nAccept: */*\r\nHOST: ignored.example\r\n\r\n";
            assertEquals(request, client.send(request).read(request.length()));
        }
        assertFalse(recorder.events.contains("requestheaders"), recorder.events.toString());
    }

    @Test
    void hostsOutsideAllowHostsPassThrough() throws Exception {
        RecordingAddon recorder = new RecordingAddon();
        try (ProxyServer proxy = TestProxies.start(
                TestProxies.options("allow_hosts", "example\\.com"), recorder);
                RawClient client = connect(proxy)) {
            assertEquals("hello", client.send("hello").read(5));
        }
        assertFalse(recorder.events.contains("tcp_start"), recorder.events.toString());
    }

    @Test
    void nonHttpInATunnelIsRawTcp() throws Exception {
        RecordingAddon recorder = new RecordingAddon();
        try (ProxyServer proxy = TestProxies.start(TestProxies.options(), recorder);
                RawClient client = connect(proxy)) {
            assertEquals("\u0001\u0002hi", client.send("\u0001\u0002hi").read(4));
        }
        recorder.awaitDisconnects();
        assertTrue(recorder.events.contains("tcp_start"), recorder.events.toString());
    }

    @Test
    void httpInATunnelIsInterceptedAsHttp() throws Exception {
        RecordingAddon recorder = new RecordingAddon();
        try (mockwebserver3.MockWebServer server = new mockwebserver3.MockWebServer()) {
            server.start();
            server.enqueue(new mockwebserver3.MockResponse.Builder().body("inside").build());
            authority = "127.0.0.1:" + server.getPort();
            try (ProxyServer proxy = TestProxies.start(TestProxies.options(),
                    Addon.onRequest("tag", f -> f.request().headers().set("X-Tunnel", "yes")),
                    recorder);
                    RawClient client = connect(proxy)) {
                String response = client.send("GET /p HTTP/1.1\r\nHost: h\r\n\r\n")
                        .readUntil("inside");
                assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
            }
            mockwebserver3.RecordedRequest recorded = server.takeRequest();
            assertEquals("/p", recorded.getTarget());
            assertEquals("yes", recorded.getHeaders().get("X-Tunnel"));
            assertEquals("h", recorded.getHeaders().get("Host"));
        }
        assertTrue(recorder.events.contains("requestheaders"), recorder.events.toString());
    }

    /** A server that greets first (as SMTP does), then echoes one line in upper case. */
    private static ScriptedServer greeter() throws Exception {
        return new ScriptedServer(socket -> {
            socket.getOutputStream().write("220 hello\r\n".getBytes(StandardCharsets.US_ASCII));
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                    socket.getInputStream(), StandardCharsets.US_ASCII));
            String line = in.readLine();
            socket.getOutputStream().write((line.toUpperCase(Locale.ROOT) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        });
    }

    @Test
    void aServerThatSpeaksFirstIsRawTcpWithoutWaitingForTheClient() throws Exception {
        RecordingAddon recorder = new RecordingAddon();
        try (ScriptedServer server = greeter()) {
            authority = "127.0.0.1:" + server.port();
            try (ProxyServer proxy = TestProxies.start(TestProxies.options(), recorder);
                    RawClient client = connect(proxy)) {
                assertEquals("220 hello\r\n", client.readUntil("\r\n"));
                assertEquals("HELO X\r\n", client.send("helo x\r\n").readUntil("\r\n"));
            }
            recorder.awaitDisconnects();
        }
        assertTrue(recorder.events.contains("tcp_start"), recorder.events.toString());
    }

    @Test
    void aServerThatSpeaksFirstOutsideAllowHostsPassesThrough() throws Exception {
        RecordingAddon recorder = new RecordingAddon();
        try (ScriptedServer server = greeter()) {
            authority = "127.0.0.1:" + server.port();
            try (ProxyServer proxy = TestProxies.start(
                    TestProxies.options("allow_hosts", "example\\.com"), recorder);
                    RawClient client = connect(proxy)) {
                assertEquals("220 hello\r\n", client.readUntil("\r\n"));
                assertEquals("HELO X\r\n", client.send("helo x\r\n").readUntil("\r\n"));
            }
        }
        assertFalse(recorder.events.contains("tcp_start"), recorder.events.toString());
    }
}
