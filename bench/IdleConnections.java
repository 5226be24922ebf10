import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The client of bench/connections.sh: opens COUNT keep-alive connections through an HTTP proxy,
 * each carrying one request (so that the proxy holds a real proxied connection with its server
 * connection), and keeps them open, idle. Non-blocking sockets on one thread, at most 256
 * connecting at once, so that 10,000 sockets cost the client little.
 *
 * <pre>
 *   java bench/IdleConnections.java PROXY_PORT URL COUNT
 * </pre>
 *
 * Prints {@code open N} once every connection got its 200, then reads commands on stdin, one a
 * line: {@code probe} times one more request on a new connection and on an idle connection
 * (median of 5 each) while all stay open; end of input closes everything. Any connection that
 * does not get a whole 200 response fails the run (exit 1) with the reason.
 */
public class IdleConnections {
    static final int IN_FLIGHT = 256;
    static final int PROBES = 5;

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String url = args[1];
        int count = Integer.parseInt(args[2]);
        InetSocketAddress proxy = new InetSocketAddress("127.0.0.1", port);
        byte[] request = request(url);
        List<SocketChannel> open = new ArrayList<>(count);
        long t0 = System.nanoTime();
        try (Selector selector = Selector.open()) {
            int started = 0;
            int inFlight = 0;
            while (open.size() < count) {
                while (inFlight < IN_FLIGHT && started < count) {
                    SocketChannel ch = SocketChannel.open();
                    ch.configureBlocking(false);
                    ch.connect(proxy);
                    ch.register(selector, SelectionKey.OP_CONNECT, new Exchange(request));
                    started++;
                    inFlight++;
                }
                if (selector.select(30_000) == 0) {
                    fail("no progress for 30 s with " + open.size() + " connections open");
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    SocketChannel ch = (SocketChannel) key.channel();
                    if (((Exchange) key.attachment()).step(key, ch)) {
                        key.cancel();   // idle from now on; the channel stays open
                        open.add(ch);
                        inFlight--;
                    }
                }
                selector.selectedKeys().clear();
            }
        }
        System.out.printf(Locale.ROOT, "open %d (in %.1f s)%n", open.size(),
                (System.nanoTime() - t0) / 1e9);
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in));
        for (String line; (line = commands.readLine()) != null; ) {
            if (line.equals("probe")) {
                probe(proxy, request, open);
            }
        }
        for (SocketChannel ch : open) {
            ch.close();
        }
    }

    /** Times one more request on a new connection, then on idle ones, while all stay open. */
    static void probe(InetSocketAddress proxy, byte[] request, List<SocketChannel> open)
            throws IOException {
        double[] fresh = new double[PROBES];
        double[] idle = new double[PROBES];
        for (int i = 0; i < PROBES; i++) {
            long t0 = System.nanoTime();
            try (Socket s = new Socket()) {
                s.connect(proxy);
                exchange(s.getInputStream(), s.getOutputStream(), request);
            }
            fresh[i] = (System.nanoTime() - t0) / 1e6;
        }
        for (int i = 0; i < PROBES; i++) {
            SocketChannel ch = open.get(i * (open.size() / PROBES));
            ch.configureBlocking(true);
            long t0 = System.nanoTime();
            exchange(ch.socket().getInputStream(), ch.socket().getOutputStream(), request);
            idle[i] = (System.nanoTime() - t0) / 1e6;
        }
        System.out.printf(Locale.ROOT, "one more request: new connection %.2f ms, "
                + "on an idle connection %.2f ms (median of %d; max %.2f / %.2f ms)%n",
                median(fresh), median(idle), PROBES, max(fresh), max(idle));
        System.out.flush();
    }

    static void exchange(InputStream in, OutputStream out, byte[] request) throws IOException {
        out.write(request);
        out.flush();
        Exchange e = new Exchange(request);
        byte[] chunk = new byte[16 * 1024];
        while (!e.done) {
            int n = in.read(chunk);
            if (n < 0) {
                fail("the proxy closed a probe connection before the response ended");
            }
            e.received(ByteBuffer.wrap(chunk, 0, n));
        }
    }

    static byte[] request(String url) {
        String rest = url.substring(url.indexOf("://") + 3);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        return ("GET " + url + " HTTP/1.1\r\nHost: " + authority + "\r\n"
                + "User-Agent: mitm4j-bench\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    static void fail(String why) {
        System.err.println("IdleConnections: " + why);
        System.exit(1);
    }

    /** One request and its response (status 200, a Content-Length body) on one connection. */
    static final class Exchange {
        private final ByteBuffer request;
        private ByteBuffer received = ByteBuffer.allocate(2048);
        private long remaining = -1;   // body bytes still expected, -1: head not complete
        boolean done;

        Exchange(byte[] request) {
            this.request = ByteBuffer.wrap(request);
        }

        /** {@return whether the response is complete} after the selector said {@code key} is ready */
        boolean step(SelectionKey key, SocketChannel ch) throws IOException {
            try {
                if (key.isConnectable()) {
                    ch.finishConnect();
                    key.interestOps(SelectionKey.OP_WRITE);
                } else if (key.isWritable()) {
                    ch.write(request);
                    if (!request.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                } else if (key.isReadable()) {
                    ByteBuffer chunk = ByteBuffer.allocate(8192);
                    int n = ch.read(chunk);
                    if (n < 0) {
                        fail("the proxy closed a connection before its response ended");
                    }
                    received(chunk.flip());
                }
            } catch (IOException e) {
                fail("connection failed: " + e);
            }
            return done;
        }

        void received(ByteBuffer bytes) {
            if (remaining >= 0) {
                remaining -= bytes.remaining();
            } else {
                if (received.remaining() < bytes.remaining()) {
                    received = ByteBuffer.allocate(received.capacity() * 2 + bytes.remaining())
                            .put(received.flip());
                }
                received.put(bytes);
                String text = new String(received.array(), 0, received.position(),
                        StandardCharsets.ISO_8859_1);
                int end = text.indexOf("\r\n\r\n");
                if (end < 0) {
                    return;
                }
                remaining = contentLength(text.substring(0, end))
                        - (received.position() - (end + 4));
                received = null;
            }
            if (remaining < 0) {
                fail("more bytes than the Content-Length announced");
            }
            done = remaining == 0;
        }

        private static long contentLength(String head) {
            String[] lines = head.split("\r\n");
            if (!lines[0].startsWith("HTTP/1.1 200 ")) {
                fail("response " + lines[0]);
            }
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase("content-length")) {
                    return Long.parseLong(line.substring(colon + 1).trim());
                }
            }
            fail("a response without Content-Length");
            return -1;
        }
    }
}
