package dev.mitm4j.core.spi;

import dev.mitm4j.core.ProxyConfig;
import dev.mitm4j.core.ProxyMode;
import dev.mitm4j.http.ClientConnection;
import java.io.IOException;
import org.slf4j.Logger;

/**
 * The bottom of a connection's context chain: the client connection, the immutable server
 * configuration, the mode the client came in through, the connection's log, and the choice of the
 * next layer.
 */
public interface RootContext extends Context {

    @Override
    ClientConnection client();

    /** {@return the configuration captured when the server was built} */
    ProxyConfig config();

    /** {@return the mode of the listener that accepted this connection} */
    ProxyMode mode();

    /** {@return the logger for connection events} */
    Logger log();

    /**
     * Chooses the layer for what the client sends next in {@code top}, by peeking (never
     * consuming) at its first bytes: a TLS ClientHello, an HTTP/1 request line, or else raw TCP.
     * {@code ignore_hosts}, {@code allow_hosts} and {@code tcp_hosts} turn the choice into a
     * pass-through or a TCP layer; then every addon's {@code nextLayer} event may replace it.
     *
     * @param top the context the chosen layer will run in
     * @return the layer to run; never null
     * @throws IOException when peeking fails
     */
    Layer nextLayer(Context top) throws IOException;
}
