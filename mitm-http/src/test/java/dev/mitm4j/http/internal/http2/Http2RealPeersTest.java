package dev.mitm4j.http.internal.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.Headers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import okio.BufferedSink;
import okio.Okio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our connection against real HTTP/2 implementations over loopback: curl (nghttp2) and
 * python3-h2 as clients of our server, nghttpd and python3-h2 as servers of our client.
 */
@Timeout(60)
class Http2RealPeersTest {
    private H2cEchoServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    @Test
    void curlWithPriorKnowledgePostsABodyLargerThanTheWindowsAndGetsItBack() throws Exception {
        server = new H2cEchoServer(Http2Limits.defaults());
        byte[] body = new byte[700_000];
        Arrays.fill(body, (byte) 'q');
        Peers.Result r = Peers.run(body, "curl", "-sS", "--http2-prior-knowledge",
                "--data-binary", "@-", "-H", "Content-Type: text/plain",
                "-w", "\n%{http_version} %{response_code}", url("/upload"));
        assertEquals(0, r.exit(), r.stderr());
        String out = r.out();
        assertTrue(out.endsWith("\n2 200"), out.substring(Math.max(0, out.length() - 40)));
        assertEquals(new String(body, StandardCharsets.ISO_8859_1) + "\n2 200", out);
        Http2RequestHead request = server.requests.peek();
        assertEquals("POST", request.method());
        assertEquals("127.0.0.1:" + server.port(), request.authority());
        assertEquals("text/plain", request.headers().get("content-type"));
    }

    @Test
    void curlRetriesOverHttp11WhenTheStreamIsResetWithHttp11Required() throws Exception {
        server = new H2cEchoServer(Http2Limits.defaults());
        // curl 7.88 cannot reuse or multiplex a prior-knowledge connection (it fails the same
        // way against nghttpd), so each curl run here makes one request
        Peers.Result r = Peers.run("curl", "-sS", "--http2-prior-knowledge", url("/reset-h11"));
        assertTrue(r.exit() != 0, r.out());
        for (int i = 0; i < 200 && server.streamErrors.isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertEquals(2, server.connections.size(), "curl came back for HTTP/1.1");
        Throwable e = server.streamErrors.peek();
        assertTrue(e instanceof Http2ConnectionException c
                && c.getMessage().startsWith("not the HTTP/2 client preface"), String.valueOf(e));
    }

    @Test
    void nghttpMultiplexesConcurrentStreamsWithPriorityFramesOverOneConnection()
            throws Exception {
        server = new H2cEchoServer(Http2Limits.defaults());
        // nghttp sends PRIORITY frames for idle streams and HEADERS with priorities: ignored
        Peers.Result r = Peers.run("nghttp", "-n", "--stat", url("/1"), url("/2"), url("/3"),
                url("/4"), url("/5"));
        assertEquals(0, r.exit(), r.stderr());
        assertEquals(5, server.requests.size());
        assertEquals(1, server.connections.size(), "one connection for all five");
        assertEquals(List.of(), List.copyOf(server.streamErrors));
    }

    @Test
    void pythonH2ClientGetsEveryStreamEchoedWithTrailers() throws Exception {
        server = new H2cEchoServer(Http2Limits.defaults());
        Peers.Result r = Peers.h2peer("client", Integer.toString(server.port()));
        assertEquals(0, r.exit(), r.stderr());
        assertEquals(List.of(
                "{\"stream\": 1, \"body\": 0, \"status\": \"200\", \"path\": \"/a\"}",
                "{\"stream\": 3, \"body\": 200000, \"status\": \"200\", \"path\": \"/b\"}",
                "{\"stream\": 5, \"body\": 13, \"status\": \"200\", \"path\": \"/c\","
                        + " \"trailers\": {\"x-sum\": \"42\"}}"), r.lines());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"uppercase-name", "connection-header", "te-gzip", "cr-in-value",
            "pseudo-after-regular", "missing-path"})
    void pythonH2AsAHostileClientIsResetAndNothingReachesTheHandler(String attack)
            throws Exception {
        server = new H2cEchoServer(Http2Limits.defaults());
        Peers.Result r = Peers.h2peer("hostile", Integer.toString(server.port()), attack);
        assertEquals(0, r.exit(), r.stderr());
        assertEquals(List.of("{\"rst\": 1}"), r.lines());
        assertEquals(0, server.requests.size());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"content-length-short", "content-length-long"})
    void aBodyThatBelieItsContentLengthFailsTheHandlersReadAndResetsTheStream(String attack)
            throws Exception {
        server = new H2cEchoServer(Http2Limits.defaults());
        // the hostile client keeps the connection open for 2 s after the reset, so the
        // handler gets the stream before the connection ends
        Peers.Result r = Peers.h2peer("hostile", Integer.toString(server.port()), attack);
        assertEquals(List.of("{\"rst\": 1}"), r.lines(), r.stderr());
        Throwable e = server.streamErrors.peek();
        assertTrue(e instanceof Http2StreamException s
                && s.errorCode() == Http2ErrorCode.PROTOCOL_ERROR, String.valueOf(e));
    }

    @Test
    void ourClientTalksToNghttpd(@TempDir Path docroot) throws Exception {
        byte[] file = new byte[300_000];
        for (int i = 0; i < file.length; i++) {
            file[i] = (byte) ('a' + i % 26);
        }
        Files.write(docroot.resolve("file.txt"), file);
        int port = Peers.freePort();
        Process nghttpd = new ProcessBuilder("nghttpd", "--no-tls", "--echo-upload", "-d",
                docroot.toString(), "-a", "127.0.0.1", Integer.toString(port))
                .redirectErrorStream(true).start();
        try (Http2Connection client = connectWhenListening(port)) {
            Http2Stream get = client.newStream(Http2RequestHead.of("GET", "http",
                    "127.0.0.1:" + port, "/file.txt", new Headers()), true);
            assertEquals(200, get.readResponseHead().status());
            assertTrue(Arrays.equals(file, Okio.buffer(get.body()).readByteArray()));

            Http2Stream post = client.newStream(Http2RequestHead.of("POST", "http",
                    "127.0.0.1:" + port, "/echo", Headers.of("content-length", "5")), false);
            try (BufferedSink sink = Okio.buffer(post.bodySink())) {
                sink.writeUtf8("hello");
            }
            assertEquals(200, post.readResponseHead().status());
            assertEquals("hello", Okio.buffer(post.body()).readUtf8());
        } finally {
            nghttpd.destroy();
            nghttpd.waitFor();
        }
    }

    @Test
    void ourClientTalksToAPythonH2Server() throws Exception {
        Process python = new ProcessBuilder(Peers.python(), Peers.SCRIPT.toString(), "server")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(
                    python.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("port "), String.valueOf(line));
            int port = Integer.parseInt(line.substring(5));
            try (Http2Connection client = Http2ConnectionTest.connect(port,
                    Http2Limits.defaults())) {
                Http2Stream s = client.newStream(Http2RequestHead.of("POST", "http",
                        "127.0.0.1", "/py", new Headers()), false);
                try (BufferedSink sink = Okio.buffer(s.bodySink())) {
                    sink.writeUtf8("from java");
                }
                Http2ResponseHead head = s.readResponseHead();
                assertEquals(Map.of("x-server", "python-h2", "x-path", "/py"), Map.of(
                        "x-server", head.headers().get("x-server"),
                        "x-path", head.headers().get("x-path")));
                assertEquals("from java", Okio.buffer(s.body()).readUtf8());
                Http2Stream get = client.newStream(Http2ConnectionTest.get("/second"), true);
                assertEquals("/second", get.readResponseHead().headers().get("x-path"));
            }
        } finally {
            python.destroy();
            python.waitFor();
        }
    }

    private static Http2Connection connectWhenListening(int port) throws Exception {
        for (int i = 0; ; i++) {
            try {
                new Socket(InetAddress.getLoopbackAddress(), port).close();
                break;
            } catch (java.net.ConnectException e) {
                if (i == 200) {
                    throw e;
                }
                Thread.sleep(25);
            }
        }
        return Http2ConnectionTest.connect(port, Http2Limits.defaults());
    }
}
