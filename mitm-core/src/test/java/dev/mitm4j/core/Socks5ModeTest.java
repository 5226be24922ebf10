package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** The socks5 mode over loopback: curl --socks5-hostname, and raw sockets for the wire details. */
class Socks5ModeTest {
    @Test void curlSocks5HostnameReachesTheServer() throws Exception {
        try (MockWebServer server = new MockWebServer();
                ProxyServer proxy = TestProxies.start(TestProxies.options("mode", "socks5"))) {
            server.start();
            server.enqueue(new MockResponse.Builder().body("via socks").build());
            String out = CurlTest.curl(List.of("curl", "-s", "--socks5-hostname",
                    "127.0.0.1:" + proxy.port(), "http://localhost:" + server.getPort() + "/s"));
            assertEquals("via socks", out);
            assertEquals("/s", server.takeRequest().getTarget());
        }
    }

    @Test void jdkSocksClientWithAnUnresolvedHostName() throws Exception {
        try (MockWebServer server = new MockWebServer();
                ProxyServer proxy = TestProxies.start(TestProxies.options("mode", "socks5"))) {
            server.start();
            server.enqueue(new MockResponse.Builder().body("jdk via socks").build());
            java.net.Proxy socks = new java.net.Proxy(java.net.Proxy.Type.SOCKS,
                    new java.net.InetSocketAddress("127.0.0.1", proxy.port()));
            java.net.HttpURLConnection connection = (java.net.HttpURLConnection)
                    java.net.URI.create("http://localhost:" + server.getPort() + "/jdk").toURL()
                            .openConnection(socks);
            connection.setConnectTimeout(10_000);
            connection.setReadTimeout(10_000);
            try (java.io.InputStream in = connection.getInputStream()) {
                assertEquals("jdk via socks", new String(in.readAllBytes(),
                        StandardCharsets.UTF_8));
            }
            assertEquals("/jdk", server.takeRequest().getTarget());
        }
    }

    @Test void curlWithUsernameAndPasswordFromProxyauth() throws Exception {
        try (MockWebServer server = new MockWebServer();
                ProxyServer proxy = TestProxies.start(TestProxies.options("mode", "socks5",
                        "proxyauth", "alice:s3cret"))) {
            server.start();
            server.enqueue(new MockResponse.Builder().body("welcome").build());
            String url = "http://127.0.0.1:" + server.getPort() + "/";
            assertEquals("welcome", CurlTest.curl(List.of("curl", "-s", "--socks5-hostname",
                    "127.0.0.1:" + proxy.port(), "--proxy-user", "alice:s3cret", url)));
            Process wrong = new ProcessBuilder("curl", "-s", "--socks5-hostname",
                    "127.0.0.1:" + proxy.port(), "--proxy-user", "alice:nope", url).start();
            assertEquals(97, wrong.waitFor(), "curl: SOCKS5 authentication failed");
        }
    }

    @Test void ipv4AndIpv6DestinationsOverRawSockets() throws Exception {
        try (ProxyServer proxy = TestProxies.start(TestProxies.options("mode", "socks5"));
                EchoServer echo = new EchoServer();
                ServerSocket v6 = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            try (Socket s = socks(proxy)) {
                greet(s, 0x00);
                send(s, 5, 1, 0, 1, 127, 0, 0, 1, echo.port() >> 8, echo.port() & 0xff);
                assertEquals(0x00, reply(s));
                s.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
                assertEquals("ping", new String(s.getInputStream().readNBytes(4),
                        StandardCharsets.US_ASCII));
            }
            try (Socket s = socks(proxy)) {
                greet(s, 0x00);
                byte[] head = {5, 1, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
                        (byte) (v6.getLocalPort() >> 8), (byte) v6.getLocalPort()};
                s.getOutputStream().write(head);
                try (Socket accepted = v6.accept()) {
                    assertEquals(0x00, reply(s));
                    assertTrue(accepted.getInetAddress().getHostAddress().contains(":"));
                }
            }
        }
    }

    @Test void failuresGetTheirReplyCodes() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try (ProxyServer proxy = TestProxies.start(TestProxies.options("mode", "socks5"))) {
            try (Socket s = socks(proxy)) {
                greet(s, 0x00);
                send(s, 5, 1, 0, 1, 127, 0, 0, 1, closed >> 8, closed & 0xff);
                assertEquals(0x05, reply(s), "connection refused");
            }
            try (Socket s = socks(proxy)) {
                greet(s, 0x00);
                send(s, 5, 2, 0, 1, 127, 0, 0, 1, 0, 80);
                assertEquals(0x07, reply(s), "BIND: command not supported");
            }
            try (Socket s = socks(proxy)) {
                greet(s, 0x00);
                send(s, 5, 1, 0, 9, 0, 80);
                assertEquals(0x08, reply(s), "address type not supported");
            }
            try (Socket s = socks(proxy)) {
                send(s, 5, 1, 2);
                assertArrayEquals(new byte[] {5, (byte) 0xff}, s.getInputStream().readNBytes(2));
            }
        }
    }

    @Test void lazyStrategyRepliesAtOnceAndTheNextLayerConnects() throws Exception {
        try (ProxyServer proxy = TestProxies.start(TestProxies.options("mode", "socks5",
                "connection_strategy", "lazy"));
                EchoServer echo = new EchoServer()) {
            try (Socket s = socks(proxy)) {
                greet(s, 0x00);
                send(s, 5, 1, 0, 1, 127, 0, 0, 1, echo.port() >> 8, echo.port() & 0xff);
                assertEquals(0x00, reply(s));
                s.getOutputStream().write("lazy".getBytes(StandardCharsets.US_ASCII));
                assertEquals("lazy", new String(s.getInputStream().readNBytes(4),
                        StandardCharsets.US_ASCII));
            }
        }
    }

    @Test void socks5AuthAddonDecidesAndSeesTheCredentials() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        Addon gate = new Addon() {
            @Override public void socks5Auth(Socks5AuthData data) {
                seen.add(data.username() + ":" + data.password() + ":" + data.valid());
                data.valid(data.password().equals("open sesame"));
            }
        };
        try (ProxyServer proxy = TestProxies.start(TestProxies.options("mode", "socks5"), gate);
                EchoServer echo = new EchoServer()) {
            try (Socket s = socks(proxy)) {
                greet(s, 0x02);
                s.getOutputStream().write(userPass("bob", "open sesame"));
                assertArrayEquals(new byte[] {1, 0}, s.getInputStream().readNBytes(2));
                send(s, 5, 1, 0, 1, 127, 0, 0, 1, echo.port() >> 8, echo.port() & 0xff);
                assertEquals(0x00, reply(s));
            }
            try (Socket s = socks(proxy)) {
                greet(s, 0x02);
                s.getOutputStream().write(userPass("bob", "guess"));
                assertArrayEquals(new byte[] {1, 1}, s.getInputStream().readNBytes(2));
                assertEquals(-1, s.getInputStream().read(), "closed after a refusal");
            }
        }
        assertEquals(List.of("bob:open sesame:false", "bob:guess:false"), seen);
    }

    private static Socket socks(ProxyServer proxy) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        s.setSoTimeout(10_000);
        return s;
    }

    /** Offers one method and checks the proxy picks it. */
    private static void greet(Socket s, int method) throws IOException {
        send(s, 5, 1, method);
        assertArrayEquals(new byte[] {5, (byte) method}, s.getInputStream().readNBytes(2));
    }

    /** {@return the REP byte of a reply}, consuming the whole reply */
    private static int reply(Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] head = new byte[4];
        in.readFully(head);
        assertEquals(5, head[0]);
        int addressLength = head[3] == 4 ? 16 : 4;
        in.readFully(new byte[addressLength + 2]);
        return head[1] & 0xff;
    }

    private static byte[] userPass(String user, String pass) {
        byte[] u = user.getBytes(StandardCharsets.UTF_8);
        byte[] p = pass.getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[3 + u.length + p.length];
        message[0] = 1;
        message[1] = (byte) u.length;
        System.arraycopy(u, 0, message, 2, u.length);
        message[2 + u.length] = (byte) p.length;
        System.arraycopy(p, 0, message, 3 + u.length, p.length);
        return message;
    }

    private static void send(Socket s, int... bytes) throws IOException {
        OutputStream out = s.getOutputStream();
        for (int b : bytes) {
            out.write(b);
        }
        out.flush();
    }
}
