package dev.mitm4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.tls.CertificateAuthority;
import dev.mitm4j.tls.CertificateSpec;
import dev.mitm4j.tls.CertifiedKey;
import dev.mitm4j.tls.KeyAlgorithm;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Response;
import okhttp3.WebSocketListener;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What mitmdump prints for connections that end early or start wrong, counted line by line in
 * its own JVM: each flow once, a client closing its tunnel as a normal end (no error, no "Broken
 * pipe"), each malformed request and each non-HTTP first byte once, at INFO.
 */
class MitmdumpLogLinesTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir Path dir;

    /** The JDK's WebSocket client through CONNECT and intercepted TLS to a wss origin. */
    @Test void aWssFlowIsPrintedOnceAndItsCloseIsNoError() throws Exception {
        try (MockWebServer origin = httpsOrigin();
                MitmdumpProcess mitmdump = start("-k")) {
            origin.enqueue(new MockResponse.Builder().webSocketUpgrade(new Echo()).build());
            HttpClient client = HttpClient.newBuilder()
                    .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", mitmdump.port())))
                    .sslContext(CertificateAuthority.load(dir).sslContext()).build();
            CompletableFuture<String> echoed = new CompletableFuture<>();
            CompletableFuture<Integer> closed = new CompletableFuture<>();
            WebSocket ws = client.newWebSocketBuilder().buildAsync(
                    URI.create("wss://127.0.0.1:" + origin.getPort() + "/ws"),
                    new WebSocket.Listener() {
                        @Override public CompletionStage<?> onText(WebSocket webSocket,
                                CharSequence data, boolean last) {
                            echoed.complete(data.toString());
                            webSocket.request(1);
                            return null;
                        }

                        @Override public CompletionStage<?> onClose(WebSocket webSocket,
                                int status, String reason) {
                            closed.complete(status);
                            return null;
                        }
                    }).get(20, TimeUnit.SECONDS);
            ws.sendText("hello", true).get(20, TimeUnit.SECONDS);
            assertEquals("hello", echoed.get(20, TimeUnit.SECONDS));
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(20, TimeUnit.SECONDS);
            assertEquals(WebSocket.NORMAL_CLOSURE, closed.get(20, TimeUnit.SECONDS));
            ws.abort();
            String url = "GET https://127.0.0.1:" + origin.getPort() + "/ws";
            List<String> all = endOf(mitmdump);
            assertEquals(1, count(all, l -> l.endsWith(url)), String.join("\n", all));
            assertEquals(1, count(all, l -> l.contains("<< 101 Switching Protocols")),
                    String.join("\n", all));
            assertEquals(0, count(all, l -> l.contains("Broken pipe")
                    || l.contains("connection failed")), String.join("\n", all));
        }
    }

    /**
     * A client that hangs up in the middle of a download: the flow ended with its response
     * event, and is printed then, once.
     */
    @Test void aClientLeavingDuringTheResponseEndsItsFlowOnce() throws Exception {
        try (MockWebServer origin = new MockWebServer();
                MitmdumpProcess mitmdump = start()) {
            origin.start(InetAddress.getLoopbackAddress(), 0);
            // More than the proxy's socket buffers hold: its last writes meet the reset.
            origin.enqueue(new MockResponse.Builder()
                    .body(new Buffer().write(new byte[8 << 20])).build());
            String url = "http://127.0.0.1:" + origin.getPort() + "/big";
            try (Socket client = new Socket()) {
                client.setReceiveBufferSize(64 * 1024);
                client.connect(new InetSocketAddress("127.0.0.1", mitmdump.port()));
                client.getOutputStream().write(("GET " + url + " HTTP/1.1\r\nHost: 127.0.0.1:"
                        + origin.getPort() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                client.getInputStream().readNBytes(1024);
                client.setSoLinger(true, 0); // leave at once, with a reset
            }
            List<String> all = endOf(mitmdump);
            assertEquals(1, count(all, l -> l.endsWith("GET " + url)), String.join("\n", all));
            assertEquals(0, count(all, l -> l.contains(" << connection failed")
                    || l.contains("reset") || l.contains("Broken pipe")), String.join("\n", all));
        }
    }

    /** A raw TCP flow in a CONNECT tunnel whose client leaves while the server still sends. */
    @Test void aClientClosingItsTunnelIsANormalEnd() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                MitmdumpProcess mitmdump = start()) {
            Thread.ofVirtual().start(() -> floodFirstClient(server));
            String target = "127.0.0.1:" + server.getLocalPort();
            try (Socket tcp = tunnel(mitmdump.port(), target)) {
                tcp.getOutputStream().write("hello, not HTTP\n".getBytes(StandardCharsets.US_ASCII));
                tcp.getInputStream().readNBytes(256 * 1024);
            }
            List<String> all = endOf(mitmdump);
            assertTrue(count(all, l -> l.contains(" -> tcp -> " + target)) == 1,
                    String.join("\n", all));
            assertEquals(0, count(all, l -> l.startsWith("Error in TCP connection")
                    || l.contains("Broken pipe") || l.contains("reset")), String.join("\n", all));
        }
    }

    @Test void eachMalformedRequestIsLoggedOnce() throws Exception {
        try (MitmdumpProcess mitmdump = start()) {
            int port = mitmdump.port();
            assertTrue(MitmdumpFlagsTest.rawRequest(port, "GET http://127.0.0.1:9/ HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:9\r\nBad Header: secret-value\r\n\r\n")
                    .startsWith("HTTP/1.1 400 "));
            assertTrue(MitmdumpFlagsTest.rawRequest(port, "POST http://127.0.0.1:9/ HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:9\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
                    .startsWith("HTTP/1.1 400 "));
            List<String> all = endOf(mitmdump);
            List<String> head = all.stream().filter(l -> l.contains("malformed request from"))
                    .toList();
            assertEquals(1, head.size(), String.join("\n", all));
            assertTrue(head.get(0).contains(" INFO ") && head.get(0).contains(
                    "from 127.0.0.1:"), head.get(0));
            assertEquals(1, count(all, l -> l.contains("malformed request body from")),
                    String.join("\n", all));
            assertEquals(0, count(all, l -> l.contains("secret-value")), String.join("\n", all));
        }
    }

    /** openssl s_client and an SSH banner at the plain proxy port: one INFO line each. */
    @Test void nonHttpFirstBytesAreLoggedOnceAtInfo() throws Exception {
        try (MitmdumpProcess mitmdump = start()) {
            int port = mitmdump.port();
            Process openssl = new ProcessBuilder("openssl", "s_client", "-connect",
                    "127.0.0.1:" + port, "-servername", "example.com")
                    .redirectErrorStream(true).start();
            openssl.getOutputStream().close();
            assertTrue(openssl.waitFor(20, TimeUnit.SECONDS), "openssl did not end");
            int sshPort;
            try (Socket ssh = new Socket("127.0.0.1", port)) {
                sshPort = ssh.getLocalPort();
                ssh.getOutputStream().write("SSH-2.0-OpenSSH_9.2p1 secret\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                assertEquals(-1, ssh.getInputStream().read(), "the proxy closes");
            }
            List<String> all = endOf(mitmdump);
            List<String> tls = all.stream().filter(l -> l.contains("TLS ClientHello")).toList();
            assertEquals(1, tls.size(), String.join("\n", all));
            assertTrue(tls.get(0).contains(" INFO ") && tls.get(0).contains("127.0.0.1:"),
                    tls.get(0));
            List<String> ssh = all.stream().filter(l -> l.contains("127.0.0.1:" + sshPort))
                    .toList();
            assertEquals(1, ssh.size(), String.join("\n", all));
            assertTrue(ssh.get(0).contains(" INFO ") && ssh.get(0).contains("offset 4"),
                    ssh.get(0));
            assertEquals(0, count(all, l -> l.contains("OpenSSH") || l.contains("secret")),
                    String.join("\n", all));
        }
    }

    private MitmdumpProcess start(String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("-p", "0", "--set", "confdir=" + dir));
        args.addAll(List.of(more));
        return MitmdumpProcess.start(args.toArray(String[]::new));
    }

    /**
     * {@return stdout and stderr once mitmdump ended on SIGTERM}: every line the connections
     * above caused is written by then, so counting them is exact.
     */
    private static List<String> endOf(MitmdumpProcess mitmdump) throws InterruptedException {
        mitmdump.terminate();
        assertEquals(0, mitmdump.awaitExit(WAIT), String.join("\n", mitmdump.err()));
        return Stream.concat(mitmdump.out().stream(), mitmdump.err().stream()).toList();
    }

    private static long count(List<String> lines, Predicate<String> wanted) {
        return lines.stream().filter(wanted).count();
    }

    /** {@return a socket to the proxy with a CONNECT to {@code target} answered 200} */
    private static Socket tunnel(int proxyPort, String target) throws Exception {
        Socket socket = new Socket("127.0.0.1", proxyPort);
        socket.setSoTimeout(20_000);
        socket.getOutputStream().write(("CONNECT " + target + " HTTP/1.1\r\nHost: " + target
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("no CONNECT answer: " + head);
            }
            head.append((char) b);
        }
        assertTrue(head.toString().startsWith("HTTP/1.1 200 "), head.toString());
        return socket;
    }

    /** Reads what the first client sends, then writes until the client is gone. */
    private static void floodFirstClient(ServerSocket server) {
        try (Socket client = server.accept()) {
            client.getInputStream().read(new byte[64]);
            OutputStream out = client.getOutputStream();
            byte[] chunk = new byte[64 * 1024];
            while (true) {
                out.write(chunk);
            }
        } catch (java.io.IOException gone) {
            // the proxy closed its side: the client left
        }
    }

    /** An HTTPS origin on 127.0.0.1 whose certificate comes from a CA nobody trusts (-k). */
    private MockWebServer httpsOrigin() throws Exception {
        CertificateAuthority ca = CertificateAuthority.builder().confdir(dir.resolve("origin"))
                .keyAlgorithm(KeyAlgorithm.EC).build();
        CertifiedKey leaf = ca.leaf(CertificateSpec.builder().addName("127.0.0.1").build());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("origin", leaf.key(), new char[0],
                leaf.chain().toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(keys, new char[0]);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        MockWebServer origin = new MockWebServer();
        origin.useHttps(tls.getSocketFactory());
        origin.start(InetAddress.getLoopbackAddress(), 0);
        return origin;
    }

    /** Echoes every message back on MockWebServer's side of the WebSocket. */
    private static final class Echo extends WebSocketListener {
        @Override public void onMessage(okhttp3.WebSocket webSocket, String text) {
            webSocket.send(text);
        }

        @Override public void onMessage(okhttp3.WebSocket webSocket, ByteString bytes) {
            webSocket.send(bytes);
        }

        @Override public void onOpen(okhttp3.WebSocket webSocket, Response response) {}

        @Override public void onClosing(okhttp3.WebSocket webSocket, int code, String reason) {
            webSocket.close(code, reason);
        }
    }
}
