package dev.mitm4j.core.internal;

import dev.mitm4j.core.ProxyMode;
import dev.mitm4j.core.internal.http.HttpLayer;
import dev.mitm4j.core.internal.tcp.PassthroughLayer;
import dev.mitm4j.core.internal.tcp.TcpLayer;
import dev.mitm4j.core.internal.tls.TlsLayer;
import dev.mitm4j.core.spi.Context;
import dev.mitm4j.core.spi.Destination;
import dev.mitm4j.core.spi.Layer;
import dev.mitm4j.core.spi.NextLayer;
import java.io.IOException;
import java.util.List;
import okio.BufferedSource;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * The two decisions about a connection's stack: the fixed layers of each mode
 * ({@link #stackFor}) and the layer for what comes next ({@link #next}), chosen by peeking.
 */
public final class Layers {
    /** How many bytes {@link #next} peeks at most to tell an HTTP/1 request line. */
    static final int METHOD_PEEK_LIMIT = 24;

    private final Services services;

    Layers(Services services) {
        this.services = services;
    }

    /** The fixed start of the stack of a connection accepted in {@code mode}; the table of contents. */
    List<Layer> stackFor(ProxyMode mode) {
        Layer addressFilter = new ClientAddressFilter(services.config().options());
        return switch (mode) {
            case ProxyMode.Regular r -> List.of(addressFilter);
            case ProxyMode.Upstream u -> List.of(addressFilter);
            case ProxyMode.Reverse r -> List.of(addressFilter, new ReverseLayer(r));
            case ProxyMode.Socks5 s -> List.of(addressFilter, services.socks5Layer());
            // ProxyServer.start() refuses transparent mode before any connection is accepted.
            case ProxyMode.Transparent t -> throw new IllegalStateException(
                    "transparent mode has no layer stack; ProxyServer.start() refuses it");
        };
    }

    /** Chooses the next layer for {@code top}, then lets addons replace the choice. */
    Layer next(Context top) throws IOException {
        Destination destination = top.get(Context.DESTINATION);
        Layer chosen = choose(top, destination);
        if (services.addons().isEmpty()) {
            return chosen;
        }
        BufferedSource source = top.clientSource();
        ByteString peeked = source.getBuffer().snapshot();
        NextLayer data = new NextLayer(top, peeked, chosen);
        services.addons().fire(Hook.NEXT_LAYER, data);
        return data.layer();
    }

    private Layer choose(Context top, @Nullable Destination destination) throws IOException {
        if (destination != null && services.hosts().passThrough(destination)) {
            return new PassthroughLayer(services);
        }
        if (destination != null && services.hosts().rawTcp(destination)) {
            return new TcpLayer(services);
        }
        BufferedSource source = top.clientSource();
        if (!source.request(1)) {
            return CLOSED;
        }
        if (isTlsHandshake(source)) {
            return destination == null ? NOT_PROXIED : new TlsLayer(services);
        }
        if (isHttp1RequestLine(source)) {
            return new HttpLayer(services);
        }
        return destination == null ? NOT_PROXIED : new TcpLayer(services);
    }

    private static boolean isTlsHandshake(BufferedSource source) throws IOException {
        // A record of type handshake (0x16), protocol major version 3.
        return source.getBuffer().getByte(0) == 0x16 && source.request(2)
                && source.getBuffer().getByte(1) == 0x03;
    }

    /** An upper-case token (the method) followed by a space. */
    static boolean isHttp1RequestLine(BufferedSource source) throws IOException {
        for (int i = 0; i < METHOD_PEEK_LIMIT; i++) {
            if (!source.request(i + 1L)) {
                return false;
            }
            byte b = source.getBuffer().getByte(i);
            if (b == ' ') {
                return i > 0;
            }
            if (!((b >= 'A' && b <= 'Z') || b == '-' || b == '_')) {
                return false;
            }
        }
        return false;
    }

    /** Nothing was sent: the connection simply ends. */
    private static final Layer CLOSED = new Layer() {
        @Override
        public void handle(dev.mitm4j.core.spi.LayerChain chain) {}

        @Override
        public String toString() {
            return "closed";
        }
    };

    /** Neither HTTP nor anything with a known destination: nothing to relay to. */
    private static final Layer NOT_PROXIED = new Layer() {
        @Override
        public void handle(dev.mitm4j.core.spi.LayerChain chain) {
            chain.context().root().log().debug(
                    "{}: first bytes are not an HTTP/1 request and no destination is known",
                    chain.context().client().peername());
        }

        @Override
        public String toString() {
            return "not-proxied";
        }
    };
}
