package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.HttpFlow;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A server that never answers does not wedge the exchange: after {@code tcp_timeout} seconds
 * without a byte from it the client gets {@code 504 Gateway Timeout} saying why, the flow ends
 * with that error, and the server connection is closed. Interim responses count as signs of life.
 */
class ResponseTimeoutTest {
    // tcp_timeout is 2 s, not 1: the idle clock also runs while the proxy itself works on the
    // request before it waits (addons, connecting), which on a loaded machine can take a second.

    /** Reads one request head, then never answers; completes {@code closed} when the proxy hangs up. */
    private static ScriptedServer.Script silent(CompletableFuture<Void> closed) {
        return socket -> {
            readHead(socket.getInputStream());
            socket.setSoTimeout(60_000);
            if (socket.getInputStream().read() == -1) {
                closed.complete(null);
            }
        };
    }

    @Test
    void aSilentServerGetsTheClient504WithTheReasonAndTheFlowAnError() throws Exception {
        CompletableFuture<Void> serverClosed = new CompletableFuture<>();
        CompletableFuture<HttpFlow> error = new CompletableFuture<>();
        Addon errors = new Addon() {
            @Override
            public void error(HttpFlow flow) {
                error.complete(flow);
            }
        };
        try (ScriptedServer server = new ScriptedServer(silent(serverClosed));
                ProxyServer proxy = TestProxies.start(TestProxies.options("tcp_timeout", "2"),
                        errors);
                RawClient client = new RawClient(proxy.port())) {
            String response = client.send("GET http://127.0.0.1:" + server.port()
                    + "/slow HTTP/1.1\r\nHost: s\r\n\r\n").readAll();
            assertTrue(response.startsWith("HTTP/1.1 504 Gateway Timeout\r\n"), response);
            String reason = "the server 127.0.0.1:" + server.port()
                    + " sent no response within 2 s (tcp_timeout)";
            assertTrue(response.endsWith(reason + "\n"), response);
            assertEquals(reason, error.get(20, TimeUnit.SECONDS).error().msg());
            serverClosed.get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void curlGets504FromASilentServer() throws Exception {
        CompletableFuture<Void> serverClosed = new CompletableFuture<>();
        try (ScriptedServer server = new ScriptedServer(silent(serverClosed));
                ProxyServer proxy = TestProxies.start(TestProxies.options("tcp_timeout", "2"))) {
            String out = CurlTest.curl(List.of("curl", "-s", "--max-time", "30", "--noproxy", "",
                    "-x", "http://127.0.0.1:" + proxy.port(), "-w", " %{http_code}",
                    "http://127.0.0.1:" + server.port() + "/"));
            assertTrue(out.endsWith("(tcp_timeout)\n 504"), out);
        }
    }

    @Test
    void interimResponsesKeepASlowServerAlive() throws Exception {
        try (ScriptedServer server = new ScriptedServer(socket -> {
                    readHead(socket.getInputStream());
                    OutputStream out = socket.getOutputStream();
                    // Three times the timeout in all, never silent for a tenth of it.
                    for (int i = 0; i < 30; i++) {
                        out.write(ascii("HTTP/1.1 102 Processing\r\n\r\n"));
                        out.flush();
                        Thread.sleep(200);
                    }
                    out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nlate"));
                    out.flush();
                });
                ProxyServer proxy = TestProxies.start(TestProxies.options("tcp_timeout", "2"));
                RawClient client = new RawClient(proxy.port())) {
            client.send("GET http://127.0.0.1:" + server.port() + "/ HTTP/1.1\r\nHost: s\r\n\r\n");
            String response = client.readUntil("late");
            assertTrue(response.contains("HTTP/1.1 200 OK\r\n"), response);
        }
    }

    static void readHead(InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new java.io.EOFException("no request head: " + head);
            }
            head.append((char) b);
        }
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
