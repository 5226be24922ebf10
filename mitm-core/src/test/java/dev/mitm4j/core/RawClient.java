package dev.mitm4j.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A raw-socket client for exact bytes: malformed requests, CONNECT tunnels, reading to EOF. */
final class RawClient implements AutoCloseable {
    private final Socket socket;

    RawClient(int port) throws IOException {
        this.socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
    }

    RawClient send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    /** Reads until the peer closes. */
    String readAll() throws IOException {
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    /** Reads until {@code marker} was seen (inclusive). */
    String readUntil(String marker) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (!out.toString(StandardCharsets.ISO_8859_1).contains(marker)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("EOF before " + marker + "; got: " + out);
            }
            out.write(b);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads exactly {@code n} bytes. */
    String read(int n) throws IOException {
        return new String(socket.getInputStream().readNBytes(n), StandardCharsets.ISO_8859_1);
    }

    /** Reads and counts up to {@code n} bytes, fewer when the peer closes first. */
    long count(long n) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        while (total < n) {
            int read = socket.getInputStream().read(buffer, 0,
                    (int) Math.min(buffer.length, n - total));
            if (read < 0) {
                break;
            }
            total += read;
        }
        return total;
    }

    /** {@return the socket, e.g. to layer TLS over a CONNECT tunnel} */
    Socket socket() {
        return socket;
    }

    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
