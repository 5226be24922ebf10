package dev.mitm4j.core.spi;

import dev.mitm4j.http.ServerConnection;
import java.io.Closeable;
import java.io.IOException;
import okio.BufferedSink;
import okio.BufferedSource;

/**
 * One open connection toward a server, made by {@link RootContext#connect} (directly, or through
 * the upstream proxy of {@code upstream:} mode) and tied to its client connection: killing the
 * client connection closes it.
 *
 * <p>Threads: one thread reads and one thread writes at a time (a relay reads it on one thread
 * and writes it on another); {@link #close()} may be called from any thread.
 *
 * <p>Ownership: the layer that opened it closes it, or hands it to the next layer in
 * {@link Context#UPSTREAM}, which then owns it. Closing fires {@code server_disconnected} once.
 */
public interface UpstreamConnection extends Closeable {

    /** {@return the server this connection reaches (through the upstream proxy, if any)} */
    Destination destination();

    /**
     * {@return the facts of this connection, as addons and flows see them: addresses, TLS
     * version and certificates, timestamps} Flows made on this connection should refer to it.
     */
    ServerConnection server();

    /** {@return the bytes from the server (decrypted when this connection is TLS)} */
    BufferedSource source();

    /** {@return the bytes to the server; flush to send} */
    BufferedSink sink();

    /**
     * {@return how many bytes can be read without blocking: those already buffered plus those
     * the socket holds} Lets a layer notice a server that speaks first without waiting for it.
     *
     * @throws IOException when the socket failed
     */
    long available() throws IOException;

    /**
     * Flushes, then ends the stream toward the server (TCP half-close) while its bytes still
     * arrive. A TLS connection, which cannot half-close, is closed instead.
     *
     * @throws IOException when flushing failed; the connection is then closed
     */
    void shutdownOutput() throws IOException;

    /** Closes the connection; repeatable, from any thread. */
    @Override
    void close();

    /** What a connection made by {@link RootContext#connect} carries. */
    enum Transport {
        /**
         * Raw bytes to the destination (a relayed tunnel); in upstream mode through a CONNECT
         * to the upstream proxy.
         */
        TCP,
        /**
         * TLS to the destination, with the handshake as configured ({@code ssl_insecure},
         * upstream trust, client certificates, the client's SNI and ALPN offer) and its
         * {@code tls_established_server} or {@code tls_failed_server} event; in upstream mode
         * through a CONNECT.
         */
        TLS,
        /**
         * Plain HTTP/1 requests: in upstream mode the connection reaches the upstream proxy,
         * and requests on it go in absolute-form.
         */
        HTTP
    }
}
