package dev.mitm4j.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Bodies of any size made on the fly and counted as they pass, so that a test can move more
 * bytes than any array holds without holding them: zeros written by a raw-socket origin, and
 * request bodies counted by one.
 */
final class GeneratedBodies {
    private static final byte[] ZEROS = new byte[64 * 1024];

    private GeneratedBodies() {}

    /** {@return an origin answering one request with {@code length} zeros, framed as asked} */
    static ScriptedServer zeros(long length, boolean chunked) throws IOException {
        return new ScriptedServer(socket -> {
            head(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            String framing = chunked ? "Transfer-Encoding: chunked"
                    : "Content-Length: " + length;
            out.write(("HTTP/1.1 200 OK\r\n" + framing + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (long sent = 0; sent < length; ) {
                int n = (int) Math.min(ZEROS.length, length - sent);
                if (chunked) {
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.write(ZEROS, 0, n);
                if (chunked) {
                    out.write('\r');
                    out.write('\n');
                }
                sent += n;
            }
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        });
    }

    /** {@return an origin that counts one request's body and answers with the count as text} */
    static ScriptedServer counting() throws IOException {
        return new ScriptedServer(socket -> {
            InputStream in = socket.getInputStream();
            String head = head(in).toLowerCase(Locale.ROOT);
            long count = head.contains("transfer-encoding: chunked") ? countChunked(in)
                    : skip(in, contentLength(head));
            byte[] body = Long.toString(count).getBytes(StandardCharsets.US_ASCII);
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        });
    }

    /** {@return an input stream of {@code length} zeros, made as it is read} */
    static InputStream zerosStream(long length) {
        return new InputStream() {
            private long left = length;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 0);
                left -= n;
                return n;
            }
        };
    }

    /** {@return the number of bytes {@code in} delivers until its end} */
    static long count(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
        }
        return total;
    }

    /** Reads a message head up to and including its empty line. */
    static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("EOF in head: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static long contentLength(String lowerCaseHead) {
        for (String line : lowerCaseHead.split("\r\n")) {
            if (line.startsWith("content-length:")) {
                return Long.parseLong(line.substring(15).strip());
            }
        }
        return 0;
    }

    private static long skip(InputStream in, long length) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        while (total < length) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, length - total));
            if (n < 0) {
                throw new IOException("body ended after " + total + " of " + length);
            }
            total += n;
        }
        return total;
    }

    private static long countChunked(InputStream in) throws IOException {
        long total = 0;
        while (true) {
            String line = line(in);
            long size = Long.parseLong(line.split(";")[0].strip(), 16);
            if (size == 0) {
                while (!line(in).isEmpty()) {
                    // trailers
                }
                return total;
            }
            total += skip(in, size);
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("EOF in a chunk line");
            }
            line.append((char) b);
        }
        return line.toString().strip();
    }
}
