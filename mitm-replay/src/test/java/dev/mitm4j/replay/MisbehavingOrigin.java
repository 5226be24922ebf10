package dev.mitm4j.replay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An origin on 127.0.0.1 that sends a complete, valid response head ({@code 200 OK}) and then
 * fails inside the body in one of the ways real servers do. Every accepted socket stays open
 * until the failure closes it or {@link #close()} runs.
 */
final class MisbehavingOrigin implements AutoCloseable {
    /** How the body goes wrong after the head. */
    enum Fault {
        /** 100 of 1000 announced bytes, then a TCP reset. */
        RESET_MID_BODY,
        /** A chunked body whose second chunk-size line is not hexadecimal. */
        BAD_CHUNKING,
        /** 100 of 1000 announced bytes, then a clean close. */
        SHORT_BODY,
        /** 100 of 1000 announced bytes, then nothing: the socket stays open. */
        STALLED_BODY
    }

    static final int ANNOUNCED = 1000;
    static final int SENT = 100;

    private final ServerSocket server;
    private final Fault fault;
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    MisbehavingOrigin(Fault fault) throws IOException {
        this.fault = fault;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("misbehaving-origin").start(this::acceptLoop);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    String hostHeader() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
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
            if (fault == Fault.BAD_CHUNKING) {
                out.write(ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5\r\nhello\r\nzz\r\nworld\r\n0\r\n\r\n"));
                out.flush();
                return;   // the proxy closes after the parse error
            }
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                    + ANNOUNCED + "\r\n\r\n" + "x".repeat(SENT)));
            out.flush();
            switch (fault) {
                case RESET_MID_BODY -> {
                    s.setSoLinger(true, 0);
                    s.close();
                }
                case SHORT_BODY -> s.close();
                default -> { }   // STALLED_BODY: hold the socket until close()
            }
        } catch (IOException ignored) {
            // the proxy went away first; nothing else to do
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads up to and including the empty line that ends a request head. */
    static void readHead(InputStream in) throws IOException {
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
