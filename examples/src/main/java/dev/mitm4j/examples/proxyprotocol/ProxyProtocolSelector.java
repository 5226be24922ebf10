package dev.mitm4j.examples.proxyprotocol;

import dev.mitm4j.core.spi.Context;
import dev.mitm4j.core.spi.Layer;
import dev.mitm4j.core.spi.LayerSelector;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.Predicate;
import okio.ByteString;

/**
 * The HAProxy PROXY protocol (versions 1 and 2), for a proxy behind a load balancer that sends
 * it: each client connection starts with a header naming the real client, whose address then
 * becomes the connection's, so that flows show the client instead of the load balancer.
 *
 * <pre>{@code
 * ProxyServer proxy = ProxyServer.builder()
 *         .options(options)
 *         .layerSelector(ProxyProtocolSelector.builder()
 *                 .trusted(peer -> peer.getAddress().isLoopbackAddress())
 *                 .build())
 *         .build();
 * }</pre>
 *
 * <p>The selector claims the first choice of a layer on every client connection (the header
 * comes before anything else) and never a later one: a header inside a tunnel or after a
 * request is just bytes. With {@link Builder#required} (the default) a connection without a
 * header is refused; a header from a peer that is not {@link Builder#trusted} always is.
 * A header of a relayed client sets the client connection's
 * {@link dev.mitm4j.http.ClientConnection#peername() peername} (the client) and
 * {@link dev.mitm4j.http.ClientConnection#sockname() sockname} (the address it connected to);
 * a {@code LOCAL} (v2) or {@code UNKNOWN} (v1) header keeps the socket's. The
 * {@code client_connected} event has already run with the socket's addresses by then; every
 * flow of the connection gets the header's. {@link ProxyProtocolAddon}s hear of each header.
 *
 * <p>In socks5 mode the SOCKS5 handshake comes first in the stack, so the header must follow it;
 * use this with the regular, reverse and upstream modes. Immutable and thread-safe.
 */
public final class ProxyProtocolSelector implements LayerSelector {
    /** The default of {@link Builder#maxV2Length}: room for the usual TLVs and some padding. */
    public static final int DEFAULT_MAX_V2_LENGTH = 2048;
    /** The header read on the connection, in the contexts above the PROXY protocol layer. */
    public static final Context.Key<ProxyHeader> HEADER =
            Context.Key.of("proxyProtocolHeader", ProxyHeader.class);
    /** Set above the PROXY protocol layer, header or not: the choice was made. */
    static final Context.Key<Boolean> CHECKED =
            Context.Key.of("proxyProtocolChecked", Boolean.class);

    private final boolean required;
    private final Predicate<InetSocketAddress> trusted;
    private final int maxV2Length;
    private final Layer layer;

    private ProxyProtocolSelector(Builder builder) {
        this.required = builder.required;
        this.trusted = builder.trusted;
        this.maxV2Length = builder.maxV2Length;
        this.layer = new ProxyProtocolLayer(this);
    }

    /** {@return a builder with the defaults: required, every peer trusted, v2 up to 2048 bytes} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return whether a connection without a header is refused} */
    public boolean required() {
        return required;
    }

    /** {@return which peers (load balancers) may send a header} */
    public Predicate<InetSocketAddress> trusted() {
        return trusted;
    }

    /** {@return the largest v2 length field accepted (the bytes after the first 16)} */
    public int maxV2Length() {
        return maxV2Length;
    }

    /** {@return 1: the layer decides by the bytes itself, see the class comment} */
    @Override
    public int bytesToIdentify() {
        return 1;
    }

    /** {@return supported on the first choice of a connection, unsupported on every later one} */
    @Override
    public Support supports(Context context, ByteString firstBytes) {
        return context.get(CHECKED) == null ? Support.SUPPORTED : Support.UNSUPPORTED;
    }

    @Override
    public Layer create(Context context) {
        return layer;
    }

    @Override
    public String toString() {
        return "proxy-protocol";
    }

    /** Collects the settings of a {@link ProxyProtocolSelector}. Not thread-safe. */
    public static final class Builder {
        private boolean required = true;
        private Predicate<InetSocketAddress> trusted = peer -> true;
        private int maxV2Length = DEFAULT_MAX_V2_LENGTH;

        private Builder() {}

        /**
         * Whether a connection that does not start with a header is refused (default true: a
         * port behind a load balancer that always sends one). With false such a connection
         * goes on with the socket's addresses.
         */
        public Builder required(boolean required) {
            this.required = required;
            return this;
        }

        /**
         * Which peers may send a header (default: all, for a port only the load balancer
         * reaches). A header from any other peer is refused, so that a client that bypasses
         * the load balancer cannot claim another address.
         */
        public Builder trusted(Predicate<InetSocketAddress> trusted) {
            this.trusted = Objects.requireNonNull(trusted, "trusted");
            return this;
        }

        /**
         * The largest v2 length field accepted, that is the bytes after the first 16: addresses
         * and TLVs (default {@value #DEFAULT_MAX_V2_LENGTH}); a header that declares more is
         * refused before its body is read.
         *
         * @throws IllegalArgumentException naming the value when it is below 216 (two UNIX
         *     paths) or above 65535 (what the field can say)
         */
        public Builder maxV2Length(int maxV2Length) {
            if (maxV2Length < V2Parser.UNIX_ADDRESSES || maxV2Length > 0xffff) {
                throw new IllegalArgumentException("maxV2Length must be 216..65535: "
                        + maxV2Length);
            }
            this.maxV2Length = maxV2Length;
            return this;
        }

        /** {@return the selector} */
        public ProxyProtocolSelector build() {
            return new ProxyProtocolSelector(this);
        }
    }
}
