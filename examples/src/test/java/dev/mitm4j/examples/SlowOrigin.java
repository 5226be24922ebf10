package dev.mitm4j.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An origin on 127.0.0.1 that answers each request with a {@code 200} head and the first half of
 * its body ("first half "), then waits: {@link #finish()} sends the rest ("second half"),
 * {@link #close()} hangs up. {@link #awaitHalfSent()} tells when a response is under way.
 */
final class SlowOrigin implements AutoCloseable {
    static final String BODY = "first half second half";

    private final ServerSocket server;
    private final CountDownLatch halfSent = new CountDownLatch(1);
    private final CountDownLatch finish = new CountDownLatch(1);
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    SlowOrigin() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("slow-origin").start(this::acceptLoop);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    /** Waits (up to 20 s) until a response head and half its body were sent. */
    void awaitHalfSent() throws InterruptedException {
        if (!halfSent.await(20, TimeUnit.SECONDS)) {
            throw new AssertionError("no request reached the origin");
        }
    }

    /** Sends the second half of every waiting response. */
    void finish() {
        finish.countDown();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                Thread.ofVirtual().start(() -> answer(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void answer(Socket s) {
        try {
            readHead(s.getInputStream());
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                    + BODY.length() + "\r\n\r\nfirst half ").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            halfSent.countDown();
            if (finish.await(60, TimeUnit.SECONDS)) {
                out.write("second half".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            s.getInputStream().read();   // until the proxy closes
        } catch (IOException | InterruptedException ignored) {
            // the proxy or the test hung up
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("no request head");
            }
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
    }

    @Override public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
