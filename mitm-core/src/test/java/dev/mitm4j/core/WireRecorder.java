package dev.mitm4j.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A raw origin on 127.0.0.1 that records exactly the bytes each connection delivers. It answers
 * the first request head of a connection (the first empty line) with a fixed response and never
 * parses anything, so an injected header or a smuggled second request shows up as it was sent.
 * A connection's record is complete when the proxy closes that connection.
 */
final class WireRecorder implements AutoCloseable {
    /** The default answer: a small keep-alive response. */
    static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    private static final byte[] END_OF_HEAD = {'\r', '\n', '\r', '\n'};

    private final ServerSocket serverSocket;
    private final byte[] answer;
    private final BlockingQueue<String> ended = new LinkedBlockingQueue<>();

    WireRecorder() throws IOException {
        this(OK);
    }

    WireRecorder(String answer) throws IOException {
        this.answer = answer.getBytes(StandardCharsets.ISO_8859_1);
        this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    /** {@return "127.0.0.1:port", the authority of this origin} */
    String authority() {
        return "127.0.0.1:" + port();
    }

    /**
     * {@return every byte the next connection to end delivered, as ISO-8859-1 text}
     *
     * @throws AssertionError when no connection ends within 20 seconds
     */
    String nextConnection() throws InterruptedException {
        String bytes = ended.poll(20, TimeUnit.SECONDS);
        if (bytes == null) {
            throw new AssertionError("no connection to the origin ended within 20 s");
        }
        return bytes;
    }

    private void acceptLoop() {
        while (true) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return;
            }
            Thread.ofVirtual().start(() -> record(socket));
        }
    }

    private void record(Socket socket) {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (socket) {
            socket.setSoTimeout(20_000);
            InputStream in = socket.getInputStream();
            boolean answered = false;
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) != -1) {
                received.write(buffer, 0, n);
                if (!answered && contains(received.toByteArray(), END_OF_HEAD)) {
                    socket.getOutputStream().write(answer);
                    socket.getOutputStream().flush();
                    answered = true;
                }
            }
        } catch (IOException e) {
            // reset by the proxy, or the test ended: what arrived is the record
        }
        ended.add(received.toString(StandardCharsets.ISO_8859_1));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
    }
}
