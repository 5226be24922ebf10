package dev.mitm4j.core.spi;

import okio.ByteString;

/**
 * Recognises a protocol by the first bytes a client sends and makes the layer that speaks it,
 * after Helidon's connection selectors. Registered in order with
 * {@code ProxyServer.Builder.layerSelector}, selectors let a protocol join the stack without
 * replacing it.
 *
 * <h2>When selectors are asked</h2>
 * At every choice of a next layer ({@link RootContext#nextLayer}): on a new client connection,
 * after a CONNECT or SOCKS5 handshake, inside intercepted TLS. They are asked once the client
 * has sent something, after the rules that need no bytes (a destination in {@code ignore_hosts}
 * is passed through untouched, a {@code tcp_hosts} one inside TLS is relayed as TCP) and before
 * the proxy looks further into the bytes itself: for a TLS ClientHello or an HTTP/1 request,
 * and for the SNI or Host header that {@code ignore_hosts} may also match. When a server speaks
 * first, selectors are not asked. An addon's {@code nextLayer} event may still replace what a
 * selector chose.
 *
 * <h2>How the choice is made</h2>
 * Selectors are asked in registration order with the bytes the client sent so far (peeked,
 * never consumed). The first that answers {@link Support#SUPPORTED} while every selector before
 * it answered {@link Support#UNSUPPORTED} makes the layer. While one of them answers
 * {@link Support#UNKNOWN} and has seen fewer than {@link #bytesToIdentify()} bytes, the proxy
 * waits for more bytes from the client; a selector that still does not know with that many
 * bytes, or when the client stops sending, counts as unsupported. When none supports the
 * bytes, the proxy's own choice applies.
 *
 * <h2>Threads and errors</h2>
 * One selector serves every connection of a server: it must be thread-safe, and its methods
 * run on the connection's virtual thread. An exception from {@link #supports} or
 * {@link #create} ends that client connection (logged at WARN), not the server.
 */
public interface LayerSelector {

    /**
     * {@return how many bytes this selector needs at most to decide; at least 1} The proxy
     * waits for no more than this many for it.
     */
    int bytesToIdentify();

    /**
     * {@return whether the layer of this selector speaks what the client sent}
     *
     * @param context the context the layer would run in (its destination, whether it lies
     *     inside TLS)
     * @param firstBytes the bytes the client sent so far: at least 1, and more than
     *     {@link #bytesToIdentify()} when the client sent more
     */
    Support supports(Context context, ByteString firstBytes);

    /**
     * {@return a layer for {@code context}; called once the selector answered
     * {@link Support#SUPPORTED}}
     */
    Layer create(Context context);

    /** A selector's answer. */
    enum Support {
        /** The bytes are this selector's protocol. */
        SUPPORTED,
        /** The bytes are not this selector's protocol; it is not asked again for them. */
        UNSUPPORTED,
        /** Too few bytes to tell: ask again with more, up to {@link #bytesToIdentify()}. */
        UNKNOWN
    }
}
