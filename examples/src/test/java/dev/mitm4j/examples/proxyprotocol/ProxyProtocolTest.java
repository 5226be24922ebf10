package dev.mitm4j.examples.proxyprotocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.LogEntry;
import dev.mitm4j.core.Options;
import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.examples.readme.BehindALoadBalancer;
import dev.mitm4j.http.ClientConnection;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.tls.CertificateAuthority;
import dev.mitm4j.tls.CertificateSpec;
import dev.mitm4j.tls.CertifiedKey;
import dev.mitm4j.tls.KeyAlgorithm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A proxy behind a load balancer: real PROXY protocol headers over real sockets, then HTTP and
 * HTTPS through the proxy. The flows' client is the one the header names.
 */
class ProxyProtocolTest {
    private static final String V1_TCP4 = "PROXY TCP4 192.0.2.10 198.51.100.1 51234 443\r\n";
    private static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.10", 51234);
    private static final InetSocketAddress FRONTEND = new InetSocketAddress("198.51.100.1", 443);

    private final MockWebServer origin = new MockWebServer();
    private final Recorder recorder = new Recorder();

    @BeforeEach
    void startOrigin() throws IOException {
        origin.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stopOrigin() throws IOException {
        origin.close();
    }

    @Test
    void aV1Tcp4HeaderMakesItsClientTheFlowsClient() throws Exception {
        try (ProxyServer proxy = start(ProxyProtocolSelector.builder().build())) {
            assertEquals("hello", get(proxy, ascii(V1_TCP4)));
        }
        HttpFlow flow = recorder.onlyFlow();
        assertEquals(CLIENT, flow.client().peername());
        assertEquals(FRONTEND, flow.client().sockname());
        assertEquals(List.of(1), recorder.headers.stream().map(ProxyHeader::version).toList());
    }

    @Test
    void aV1Tcp6HeaderMakesItsClientTheFlowsClient() throws Exception {
        try (ProxyServer proxy = start(ProxyProtocolSelector.builder().build())) {
            get(proxy, ascii("PROXY TCP6 2001:db8::1 2001:db8::2 51234 8080\r\n"));
        }
        assertEquals(new InetSocketAddress("2001:db8::1", 51234),
                recorder.onlyFlow().client().peername());
    }

    @Test
    void aV1UnknownHeaderKeepsTheLoadBalancersAddress() throws Exception {
        try (ProxyServer proxy = start(ProxyProtocolSelector.builder().build())) {
            get(proxy, ascii("PROXY UNKNOWN\r\n"));
        }
        assertTrue(recorder.onlyFlow().client().peername().getAddress().isLoopbackAddress());
    }

    @Test
    void aV2ProxyHeaderWithTlvsMakesItsClientTheFlowsClient() throws Exception {
        ByteString header = ByteString.decodeHex("0d0a0d0a000d0a515549540a" + "2111003f"
                + "c000020a" + "c6336401" + "c822" + "01bb"
                + "02000b" + ascii("example.com").hex() + "050004" + "deadbeef"
                + "040002" + "0000" + "20000f" + "07" + "00000000" + "210007"
                + ascii("TLSv1.3").hex() + "030004" + "8173cfcb");
        try (ProxyServer proxy = start(ProxyProtocolSelector.builder().build())) {
            assertEquals("hello", get(proxy, header));
        }
        assertEquals(CLIENT, recorder.onlyFlow().client().peername());
        ProxyHeader read = recorder.headers.getFirst();
        assertEquals("example.com", read.tlv(ProxyHeader.Tlv.AUTHORITY).utf8());
        assertEquals("deadbeef", read.tlv(ProxyHeader.Tlv.UNIQUE_ID).hex());
    }

    @Test
    void aV2ProxyHeaderOverIpv6MakesItsClientTheFlowsClient() throws Exception {
        ByteString header = ByteString.decodeHex("0d0a0d0a000d0a515549540a" + "21210024"
                + "20010db8000000000000000000000001" + "20010db8000000000000000000000002"
                + "c822" + "01bb");
        try (ProxyServer proxy = start(ProxyProtocolSelector.builder().build())) {
            get(proxy, header);
        }
        assertEquals(new InetSocketAddress("2001:db8::1", 51234),
                recorder.onlyFlow().client().peername());
    }

    @Test
    void aV2LocalHeaderKeepsTheLoadBalancersAddress() throws Exception {
        try (ProxyServer proxy = start(ProxyProtocolSelector.builder().build())) {
            get(proxy, ByteString.decodeHex("0d0a0d0a000d0a515549540a" + "20000000"));
        }
        assertTrue(recorder.onlyFlow().client().peername().getAddress().isLoopbackAddress());
    }

    @Test
    void httpsThroughATunnelAfterTheHeaderIsInterceptedWithTheHeadersClient(@TempDir Path dir)
            throws Exception {
        try (MockWebServer httpsOrigin = httpsOrigin(dir);
                ProxyServer proxy = start(ProxyProtocolSelector.builder().build(),
                        "ssl_insecure", "true", "confdir", dir.resolve("proxy").toString());
                Socket socket = connect(proxy)) {
            httpsOrigin.enqueue(new MockResponse.Builder().body("secret").build());
            String authority = "127.0.0.1:" + httpsOrigin.getPort();
            send(socket, ascii(V1_TCP4 + "CONNECT " + authority + " HTTP/1.1\r\nHost: "
                    + authority + "\r\n\r\n"));
            assertTrue(readUntil(socket.getInputStream(), "\r\n\r\n").startsWith("HTTP/1.1 200"));
            SSLContext trustsProxy = proxy.certificateAuthority().sslContext();
            try (SSLSocket tls = (SSLSocket) trustsProxy.getSocketFactory().createSocket(socket,
                    "127.0.0.1", httpsOrigin.getPort(), false)) {
                send(tls, ascii("GET /account HTTP/1.1\r\nHost: " + authority
                        + "\r\nConnection: close\r\n\r\n"));
                String response = new String(tls.getInputStream().readAllBytes(),
                        StandardCharsets.ISO_8859_1);
                assertTrue(response.endsWith("secret"), response);
            }
        }
        HttpFlow flow = recorder.flows.stream()
                .filter(f -> f.request().path().equals("/account")).findFirst().orElseThrow();
        assertEquals("https", flow.request().scheme());
        assertEquals(CLIENT, flow.client().peername());
    }

    @Test
    void aReverseProxyBehindALoadBalancerSeesTheHeadersClient() throws Exception {
        origin.enqueue(new MockResponse.Builder().body("reversed").build());
        try (ProxyServer proxy = start(ProxyProtocolSelector.builder().build(),
                "mode", "reverse:http://127.0.0.1:" + origin.getPort());
                Socket socket = connect(proxy)) {
            send(socket, ascii(V1_TCP4
                    + "GET /home HTTP/1.1\r\nHost: shop.example\r\nConnection: close\r\n\r\n"));
            assertTrue(readAll(socket).endsWith("reversed"));
        }
        HttpFlow flow = recorder.onlyFlow();
        assertEquals("/home", flow.request().path());
        assertEquals(CLIENT, flow.client().peername());
    }

    @Test
    void theReadmesReverseProxyServesOnlyClientsThatComeWithAHeader() throws Exception {
        origin.enqueue(new MockResponse.Builder().body("through the balancer").build());
        String request = "GET / HTTP/1.1\r\nHost: shop.example\r\nConnection: close\r\n\r\n";
        try (ProxyServer proxy = BehindALoadBalancer.start(
                "http://127.0.0.1:" + origin.getPort(), 0)) {
            try (Socket socket = connect(proxy)) {
                send(socket, ascii(V1_TCP4 + request));
                assertTrue(readAll(socket).endsWith("through the balancer"));
            }
            try (Socket socket = connect(proxy)) {
                send(socket, ascii(request));
                assertEquals("", readAll(socket));
            }
        }
    }

    @Test
    void aHeaderInsideATunnelIsOnlyBytes() throws Exception {
        try (ProxyServer proxy = start(ProxyProtocolSelector.builder().build());
                Socket socket = connect(proxy)) {
            origin.enqueue(new MockResponse.Builder().body("inner").build());
            String authority = "127.0.0.1:" + origin.getPort();
            send(socket, ascii(V1_TCP4 + "CONNECT " + authority + " HTTP/1.1\r\nHost: "
                    + authority + "\r\n\r\n"));
            assertTrue(readUntil(socket.getInputStream(), "\r\n\r\n").startsWith("HTTP/1.1 200"));
            send(socket, ascii("PROXY TCP4 203.0.113.66 198.51.100.1 1 443\r\n\r\n"));
            // Inside the tunnel the line is no header: the HTTP layer finds no request in it.
            assertTrue(readUntil(socket.getInputStream(), "\r\n").startsWith("HTTP/1.1 400"));
        }
        assertEquals(1, recorder.headers.size());
    }

    @Test
    void aConnectionWithoutAHeaderIsRefusedWhenOneIsRequired() throws Exception {
        try (ProxyServer proxy = start(ProxyProtocolSelector.builder().build());
                Socket socket = connect(proxy)) {
            send(socket, ascii(request()));
            assertEquals("", readAll(socket));
        }
        assertEquals(List.of(), recorder.flows);
        assertEquals(List.of("warn: PROXY protocol: connection from " + recorder.peer
                + " refused: the connection does not start with a PROXY protocol header"),
                recorder.logs());
    }

    @Test
    void aConnectionWithoutAHeaderGoesOnWhenNoneIsRequired() throws Exception {
        try (ProxyServer proxy = start(ProxyProtocolSelector.builder().required(false).build())) {
            assertEquals("hello", get(proxy, ByteString.EMPTY));
        }
        assertTrue(recorder.onlyFlow().client().peername().getAddress().isLoopbackAddress());
    }

    @Test
    void aHeaderFromAPeerThatIsNotTrustedIsRefused() throws Exception {
        ProxyProtocolSelector onlyFromElsewhere = ProxyProtocolSelector.builder()
                .trusted(peer -> !peer.getAddress().isLoopbackAddress()).build();
        try (ProxyServer proxy = start(onlyFromElsewhere); Socket socket = connect(proxy)) {
            send(socket, ascii(V1_TCP4 + request()));
            assertEquals("", readAll(socket));
        }
        assertEquals(List.of("warn: PROXY protocol: connection from " + recorder.peer
                + " refused: a PROXY protocol header from a peer that is not trusted"),
                recorder.logs());
    }

    @Test
    void malformedHeadersAreRefusedWithALogLineAndTheConnectionClosed() throws Exception {
        List<ByteString> corpus = List.of(
                ascii("PROXY TCP4 192.0.2.010 198.51.100.1 51234 443\r\n"),
                ascii("PROXY TCP6 localhost 2001:db8::2 51234 443\r\n"),
                ascii("PROXY TCP4 192.0.2.10 198.51.100.1 51234 443\n"),
                ascii("PROXY UNKNOWN " + "x".repeat(100) + "\r\n"),
                ByteString.decodeHex("0d0a0d0a000d0a515549540a" + "2111ffff"),
                ByteString.decodeHex("0d0a0d0a000d0a515549540a" + "21110013"
                        + "c000020ac6336401c82201bb" + "030004" + "00000000"));
        List<String> offsets = List.of("v1 header, offset 11", "v1 header, offset 11",
                "v1 header, offset 44", "v1 header, offset 107", "v2 header, offset 14",
                "v2 header, offset 28");
        try (ProxyServer proxy = start(ProxyProtocolSelector.builder().build())) {
            for (ByteString header : corpus) {
                try (Socket socket = connect(proxy)) {
                    send(socket, new okio.Buffer().write(header).writeUtf8(request())
                            .readByteString());
                    assertEquals("", readAll(socket), header.hex());
                }
            }
            recorder.awaitDisconnects(corpus.size());
        }
        assertEquals(List.of(), recorder.flows);
        List<String> logs = recorder.logs();
        assertEquals(corpus.size(), logs.size(), logs.toString());
        for (int i = 0; i < corpus.size(); i++) {
            assertTrue(logs.get(i).contains("refused: PROXY protocol " + offsets.get(i) + ": "),
                    logs.get(i));
        }
    }

    // ---- helpers ----

    private ProxyServer start(ProxyProtocolSelector selector, String... options) {
        Options.Builder o = Options.builder().set("listen_port", "0");
        for (int i = 0; i < options.length; i += 2) {
            o.set(options[i], options[i + 1]);
        }
        return ProxyServer.builder().options(o.build()).addon(recorder)
                .layerSelector(selector).build().start();
    }

    /** Sends {@code header}, then an HTTP request to the origin; {@return the body} */
    private String get(ProxyServer proxy, ByteString header) throws IOException {
        origin.enqueue(new MockResponse.Builder().body("hello").build());
        try (Socket socket = connect(proxy)) {
            send(socket, new okio.Buffer().write(header).writeUtf8(request()).readByteString());
            String response = readAll(socket);
            assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }

    private String request() {
        return "GET http://127.0.0.1:" + origin.getPort() + "/ HTTP/1.1\r\nHost: 127.0.0.1:"
                + origin.getPort() + "\r\nConnection: close\r\n\r\n";
    }

    private Socket connect(ProxyServer proxy) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        socket.setSoTimeout(20_000);
        recorder.peer = socket.getLocalSocketAddress();
        return socket;
    }

    private static void send(Socket socket, ByteString bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        bytes.write(out);
        out.flush();
    }

    private static String readAll(Socket socket) throws IOException {
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    private static String readUntil(InputStream in, String marker) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (!out.toString(StandardCharsets.ISO_8859_1).endsWith(marker)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("EOF before " + marker.strip() + "; got: " + out);
            }
            out.write(b);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static ByteString ascii(String text) {
        return ByteString.encodeString(text, StandardCharsets.ISO_8859_1);
    }

    /** An HTTPS origin on 127.0.0.1 whose certificate comes from a CA nobody trusts. */
    private static MockWebServer httpsOrigin(Path dir) throws Exception {
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
        MockWebServer server = new MockWebServer();
        server.useHttps(tls.getSocketFactory());
        server.start(InetAddress.getLoopbackAddress(), 0);
        return server;
    }

    /** Records flows that got a response, PROXY headers and log entries. */
    static final class Recorder implements ProxyProtocolAddon {
        final List<HttpFlow> flows = new CopyOnWriteArrayList<>();
        final List<ProxyHeader> headers = new CopyOnWriteArrayList<>();
        final List<LogEntry> logs = new CopyOnWriteArrayList<>();
        private final List<ClientConnection> disconnected = new CopyOnWriteArrayList<>();
        volatile java.net.SocketAddress peer;

        @Override
        public void response(HttpFlow flow) {
            flows.add(flow);
        }

        @Override
        public void proxyHeader(ClientConnection client, ProxyHeader header) {
            headers.add(header);
        }

        @Override
        public void addLog(LogEntry entry) {
            logs.add(entry);
        }

        @Override
        public void clientDisconnected(ClientConnection client) {
            disconnected.add(client);
        }

        HttpFlow onlyFlow() {
            assertEquals(1, flows.size(), flows.toString());
            return flows.getFirst();
        }

        List<String> logs() {
            return logs.stream().map(e -> e.level() + ": " + e.message()).toList();
        }

        void awaitDisconnects(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (disconnected.size() < count && System.nanoTime() - deadline < 0) {
                Thread.sleep(5);
            }
        }
    }
}
