package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * connect_addr (the local address of upstream sockets) and http_connect_send_host_header (the
 * Host header of CONNECT requests to an upstream proxy), seen by a recording server on
 * 127.0.0.1 that answers any request head with a 200 and then echoes.
 */
class UpstreamSocketOptionsTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "127.0.0.2"})
    void connectAddrIsTheLocalAddressOfUpstreamConnections(String local) throws Exception {
        try (Recorder upstream = new Recorder();
                ProxyServer proxy = TestProxies.start(TestProxies.options("connect_addr", local));
                RawClient client = new RawClient(proxy.port())) {
            String authority = "127.0.0.1:" + upstream.port();
            String head = client.send("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority
                    + "\r\n\r\n").readUntil("\r\n\r\n");
            assertTrue(head.startsWith("HTTP/1.1 200 "), head);
            client.send("GET / HTTP/1.1\r\nHost: " + authority + "\r\n\r\n");
            assertEquals(local.isEmpty() ? "127.0.0.1" : local, upstream.peers.take());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void connectRequestsToAnUpstreamProxyCarryHostUnlessTurnedOff(boolean send) throws Exception {
        try (Recorder upstreamProxy = new Recorder();
                ProxyServer proxy = TestProxies.start(TestProxies.options(
                        "mode", "upstream:http://127.0.0.1:" + upstreamProxy.port(),
                        "http_connect_send_host_header", Boolean.toString(send)));
                RawClient client = new RawClient(proxy.port())) {
            String head = client.send("CONNECT example.test:7 HTTP/1.1\r\nHost: example.test:7"
                    + "\r\n\r\n").readUntil("\r\n\r\n");
            assertTrue(head.startsWith("HTTP/1.1 200 "), head);
            String connect = upstreamProxy.heads.take();
            assertTrue(connect.startsWith("CONNECT example.test:7 HTTP/1.1\r\n"), connect);
            assertEquals(send, connect.toLowerCase(java.util.Locale.ROOT)
                    .contains("\r\nhost: example.test:7\r\n"), connect);
        }
    }

    /** Records the peer address and first request head of each connection; answers 200. */
    private static final class Recorder implements AutoCloseable {
        final BlockingQueue<String> peers = new ArrayBlockingQueue<>(16);
        final BlockingQueue<String> heads = new ArrayBlockingQueue<>(16);
        private final ServerSocket server;
        private final Thread thread;

        Recorder() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            thread = Thread.ofVirtual().start(this::serve);
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    peers.add(socket.getInetAddress().getHostAddress());
                    heads.add(readHead(socket.getInputStream()));
                    socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    socket.getInputStream().transferTo(OutputStream.nullOutputStream());
                } catch (IOException e) {
                    // closed: the loop ends
                }
            }
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
                matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws java.io.IOException {
            server.close();
            thread.interrupt();
        }
    }
}
