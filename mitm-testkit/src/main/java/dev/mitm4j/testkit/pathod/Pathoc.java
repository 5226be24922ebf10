package dev.mitm4j.testkit.pathod;

import dev.mitm4j.http.Http1Limits;
import dev.mitm4j.http.internal.http1.Http1Reader;
import dev.mitm4j.http.internal.http1.ResponseHead;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okio.BufferedSource;
import okio.Okio;
import org.jspecify.annotations.Nullable;

/**
 * A client that sends crafted requests ({@link RequestSpec}) over one TCP connection, as pathoc
 * does: {@code pathoc.request("get:/p/200")}. Point it at a proxy and use a full URL as the path
 * ({@code get:'http://127.0.0.1:8080/p/200'}) for proxy-style requests. Requests on one
 * connection are sent one after the other; the reader waits at most the read timeout.
 *
 * <p>Threads: not thread-safe; one per test thread.
 */
public final class Pathoc implements AutoCloseable {
    private final Socket socket;
    private final String host;
    private final OutputStream out;
    private final Http1Reader reader;

    private Pathoc(Socket socket, String host) throws IOException {
        this.socket = socket;
        this.host = host;
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        this.reader = new Http1Reader(Okio.buffer(Okio.source(socket.getInputStream())),
                Http1Limits.defaults());
    }

    /**
     * {@return a client connected to {@code address}} with a 10 s read timeout
     *
     * @throws IOException when it cannot connect
     */
    public static Pathoc connect(InetSocketAddress address) throws IOException {
        return connect(address, Duration.ofSeconds(10));
    }

    /** {@return a client connected to {@code address} with the given read timeout} */
    public static Pathoc connect(InetSocketAddress address, Duration readTimeout)
            throws IOException {
        Socket s = new Socket();
        try {
            s.connect(address, (int) readTimeout.toMillis());
            s.setSoTimeout((int) readTimeout.toMillis());
            return new Pathoc(s, address.getHostString() + ":" + address.getPort());
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /**
     * Sends the request {@code spec} describes ({@code x} times) and reads each response.
     *
     * @return one response per request sent; fewer (possibly none) when a disconnect action of
     *     the spec closed the connection
     * @throws PathodSpecException when the spec does not parse
     * @throws IOException when the connection fails or the server closes it without a response
     */
    public List<PathocResponse> requests(String spec) throws IOException {
        RequestSpec parsed = RequestSpec.parse(spec);
        List<PathocResponse> responses = new ArrayList<>();
        for (int i = 0; i < parsed.times(); i++) {
            boolean disconnected;
            try {
                disconnected = parsed.message(host).writeTo(out, parsed.actions(),
                        d -> Thread.sleep(d == null ? Long.MAX_VALUE : d.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted in a pause");
            }
            if (disconnected) {
                socket.close();
                return responses;
            }
            responses.add(read(parsed.method()));
        }
        return responses;
    }

    /**
     * Sends one request and reads its response.
     *
     * @return the response, or null when a disconnect action closed the connection first
     * @throws IOException when the connection fails or the server closes it without a response
     */
    public @Nullable PathocResponse request(String spec) throws IOException {
        List<PathocResponse> r = requests(spec);
        return r.isEmpty() ? null : r.get(r.size() - 1);
    }

    private PathocResponse read(String method) throws IOException {
        ResponseHead head = reader.readResponseHead();
        byte[] body;
        try (BufferedSource b = Okio.buffer(reader.body(reader.responseFraming(method, head)))) {
            body = b.readByteArray();
        }
        return new PathocResponse(head.code(), head.reason(), head.headers(), body);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
