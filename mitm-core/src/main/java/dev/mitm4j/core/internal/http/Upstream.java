package dev.mitm4j.core.internal.http;

import dev.mitm4j.core.spi.Destination;
import dev.mitm4j.core.spi.UpstreamConnection;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.ServerConnection;
import dev.mitm4j.http.internal.http1.Http1Reader;
import dev.mitm4j.http.internal.http1.Http1Writer;
import dev.mitm4j.http.internal.http2.Http2Connection;
import dev.mitm4j.http.internal.http2.Http2Limits;
import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.ThreadFactory;
import okio.BufferedSink;
import okio.BufferedSource;
import okio.Sink;
import org.jspecify.annotations.Nullable;

/**
 * One open connection to a server, or to the upstream proxy that reaches it: the SPI's
 * {@link UpstreamConnection}, plus what the HTTP layer keeps per connection. Used by one
 * connection thread at a time (plus {@link #close()} from any thread).
 */
public final class Upstream implements UpstreamConnection {
    /** The ALPN name of HTTP/2 over TLS. */
    static final String ALPN_H2 = "h2";

    private final Destination destination;
    private final String scheme;
    private final Socket socket;
    private final BufferedSource source;
    private final BufferedSink sink;
    private final ServerConnection server;
    private final boolean absoluteForm;
    private final Runnable onClose;
    private @Nullable Http1Reader reader;
    private @Nullable Http1Writer writer;
    private boolean reusable = true;
    private int uses;
    private @Nullable Http2Connection h2;
    private boolean priorKnowledge;
    private boolean closed;

    Upstream(Destination destination, String scheme, Socket socket, BufferedSource source,
            BufferedSink sink, ServerConnection server, boolean absoluteForm, Runnable onClose) {
        this.destination = destination;
        this.scheme = scheme;
        this.socket = socket;
        this.source = source;
        this.sink = sink;
        this.server = server;
        this.absoluteForm = absoluteForm;
        this.onClose = onClose;
    }

    @Override
    public Destination destination() {
        return destination;
    }

    /** {@return the socket (under TLS, the one the TLS records travel on)} */
    public Socket socket() {
        return socket;
    }

    @Override
    public BufferedSource source() {
        return source;
    }

    @Override
    public BufferedSink sink() {
        return sink;
    }

    @Override
    public ServerConnection server() {
        return server;
    }

    @Override
    public long available() throws IOException {
        return source.getBuffer().size() + socket.getInputStream().available();
    }

    @Override
    public void shutdownOutput() throws IOException {
        try {
            sink.flush();
            if (!socket.isClosed() && !socket.isOutputShutdown()) {
                socket.shutdownOutput();
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** {@return whether requests go in absolute-form (plain HTTP through an upstream proxy)} */
    boolean absoluteForm() {
        return absoluteForm;
    }

    Http1Reader reader(dev.mitm4j.http.Http1Limits limits) {
        if (reader == null) {
            reader = new Http1Reader(source, limits);
        }
        return reader;
    }

    /** {@return the HTTP/1 writer of this connection's requests} */
    Http1Writer writer() {
        if (writer == null) {
            writer = new Http1Writer(sink);
        }
        return writer;
    }

    /**
     * Writes a whole request with one flush (see {@link Http1Writer#sendRequest}).
     *
     * @throws UnwritableHeadException when the writer refuses its head or trailers
     */
    void sendRequest(Request request, String target) throws IOException {
        try {
            writer().sendRequest(request, target);
        } catch (IllegalArgumentException e) {
            throw UnwritableHeadException.refused("request", writer(), e);
        }
    }

    /**
     * Writes the head of a request whose body streams (see {@link Http1Writer#startRequest}).
     *
     * @return the body's sink
     * @throws UnwritableHeadException when the writer refuses the head
     */
    Sink startRequest(Request request, String target, boolean chunked, long length)
            throws IOException {
        try {
            return writer().startRequest(request, target, chunked, length);
        } catch (IllegalArgumentException e) {
            throw UnwritableHeadException.refused("request", writer(), e);
        }
    }

    /**
     * {@return whether requests go as HTTP/2 streams: the server chose h2 in ALPN, or the proxy
     * speaks h2c to it with prior knowledge}
     */
    boolean http2() {
        return priorKnowledge || ALPN_H2.equals(server.alpn());
    }

    /** {@return whether this plain-text connection is used for h2c with prior knowledge} */
    boolean priorKnowledge() {
        return priorKnowledge;
    }

    /** Speaks h2c with prior knowledge on this plain-text connection, from its next request. */
    void usePriorKnowledge() {
        priorKnowledge = true;
    }

    /** {@return whether the connection speaks TLS to its server (or its proxy)} */
    boolean tls() {
        return server.tls();
    }

    /**
     * {@return the HTTP/2 connection over this one, started (the preface and SETTINGS sent) on
     * first use; its frame reader is a thread of {@code threads}}
     */
    Http2Connection http2Connection(ThreadFactory threads, String name) throws IOException {
        Http2Connection c = h2;
        if (c == null) {
            c = Http2Connection.builder(Http2Connection.Role.CLIENT, source, sink, this::close)
                    .limits(Http2Limits.defaults()).name(name).threadFactory(threads).build();
            h2 = c;
            c.start();
        }
        return c;
    }

    /** {@return whether this connection can carry a request for {@code scheme://d}} */
    boolean serves(String wantedScheme, Destination d) {
        return reusable && scheme.equals(wantedScheme) && destination.sameAs(d);
    }

    /** {@return how many requests this connection carried before the current one} */
    int uses() {
        return uses;
    }

    void used() {
        uses++;
    }

    boolean reusable() {
        Http2Connection c = h2;
        return reusable && (c == null || c.failure() == null);
    }

    @Override
    public void close() {
        reusable = false;
        if (closed) {
            return;
        }
        closed = true;
        Http2Connection c = h2;
        if (c != null) {
            c.close(); // closes this again through its socket callback: a no-op then
        }
        onClose.run();
    }
}
