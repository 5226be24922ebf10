package dev.mitm4j.core.internal;

import dev.mitm4j.core.internal.http.Upstream;
import dev.mitm4j.core.spi.Destination;
import dev.mitm4j.core.spi.UpstreamConnection;
import dev.mitm4j.http.ServerConnection;
import java.io.IOException;
import java.net.Socket;
import okio.BufferedSink;
import okio.BufferedSource;

/**
 * The SPI's view of the HTTP layer's {@link Upstream}. A bridge while the HTTP layer is being
 * rewritten (issue 14): once it speaks the SPI, {@link Upstream} implements
 * {@link UpstreamConnection} itself and this class goes.
 */
public final class RealUpstreamConnection implements UpstreamConnection {
    private final Upstream upstream;

    public RealUpstreamConnection(Upstream upstream) {
        this.upstream = upstream;
    }

    /** {@return the HTTP layer's connection} */
    public Upstream upstream() {
        return upstream;
    }

    @Override
    public Destination destination() {
        return upstream.destination();
    }

    @Override
    public ServerConnection server() {
        return upstream.server();
    }

    @Override
    public BufferedSource source() {
        return upstream.source();
    }

    @Override
    public BufferedSink sink() {
        return upstream.sink();
    }

    @Override
    public long available() throws IOException {
        return upstream.source().getBuffer().size()
                + upstream.socket().getInputStream().available();
    }

    @Override
    public void shutdownOutput() throws IOException {
        Socket socket = upstream.socket();
        try {
            upstream.sink().flush();
            if (!socket.isClosed() && !socket.isOutputShutdown()) {
                socket.shutdownOutput();
            }
        } catch (IOException | UnsupportedOperationException e) {
            close();
            if (e instanceof IOException io) {
                throw io;
            }
        }
    }

    @Override
    public void close() {
        upstream.close();
    }

    @Override
    public String toString() {
        return "upstream(" + upstream.destination() + ")";
    }
}
