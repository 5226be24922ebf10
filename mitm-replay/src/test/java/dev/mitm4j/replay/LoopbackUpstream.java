package dev.mitm4j.replay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP/1.1 origin on 127.0.0.1 for tests: answers every request (read up to its empty
 * line; no request bodies) with 200 and "hello N" (N counts requests), then closes. Counts
 * connections so a test can tell that none was opened.
 */
final class LoopbackUpstream implements AutoCloseable {
    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();

    LoopbackUpstream() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                int n = connections.incrementAndGet();
                Thread.ofVirtual().start(() -> answer(s, n));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void answer(Socket s, int n) {
        try (s) {
            readHead(s.getInputStream());
            byte[] body = ("hello " + n).getBytes(StandardCharsets.US_ASCII);
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\nDate: Mon, 01 Jan 2001 00:00:00 GMT\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        } catch (IOException ignored) {
            // the client went away; nothing to answer
        }
    }

    /** Sends a GET through the proxy at {@code proxyPort}; returns the whole response. */
    static String get(int proxyPort, String url, String hostHeader) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), proxyPort));
            s.getOutputStream().write(("GET " + url + " HTTP/1.1\r\nHost: " + hostHeader
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static void readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n'
                    && (state == 1 || state == 3)) ? state + 1 : 0;
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
