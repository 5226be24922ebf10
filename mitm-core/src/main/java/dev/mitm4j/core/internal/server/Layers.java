package dev.mitm4j.core.internal.server;

import dev.mitm4j.core.internal.Connection;
import dev.mitm4j.core.internal.HostRules;
import dev.mitm4j.core.internal.Services;
import dev.mitm4j.core.LogEntry;
import dev.mitm4j.core.ProxyMode;
import dev.mitm4j.core.internal.http.Http2Layer;
import dev.mitm4j.core.internal.http.HttpLayer;
import dev.mitm4j.core.internal.socks5.Socks5Layer;
import dev.mitm4j.core.internal.tcp.PassthroughLayer;
import dev.mitm4j.core.internal.tcp.TcpLayer;
import dev.mitm4j.core.internal.tls.TlsLayer;
import dev.mitm4j.core.spi.Context;
import dev.mitm4j.core.spi.Destination;
import dev.mitm4j.core.spi.Hook;
import dev.mitm4j.core.spi.Layer;
import dev.mitm4j.core.spi.NextLayer;
import dev.mitm4j.tls.ClientHelloException;
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
    /** How many bytes {@link #httpHost} peeks at most for a request head. */
    static final int HEAD_PEEK_LIMIT = 64 * 1024;
    private static final ByteString END_OF_HEAD = ByteString.encodeUtf8("\r\n\r\n");
    /** The HTTP/2 client connection preface (RFC 9113 section 3.4). */
    private static final ByteString HTTP2_PREFACE =
            ByteString.encodeUtf8("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");

    private final Services services;
    private final Socks5Layer socks5;
    private final TlsLayer tls;
    private final Selectors selectors;

    public Layers(Services services) {
        this.services = services;
        // Stateless: one instance of each serves every connection.
        this.socks5 = Socks5Layer.forConfig(services.config());
        this.tls = new TlsLayer(services.tls());
        this.selectors = new Selectors(services.config().layerSelectors());
    }

    /** The fixed start of the stack of a connection accepted in {@code mode}; the table of contents. */
    List<Layer> stackFor(ProxyMode mode) {
        Layer addressFilter = new ClientAddressFilter(services.config().options());
        return switch (mode) {
            case ProxyMode.Regular r -> List.of(addressFilter);
            case ProxyMode.Upstream u -> List.of(addressFilter);
            case ProxyMode.Reverse r -> List.of(addressFilter, new ReverseLayer(r));
            case ProxyMode.Socks5 s -> List.of(addressFilter, socks5);
            // ProxyServer.start() refuses transparent mode before any connection is accepted.
            case ProxyMode.Transparent t -> throw new IllegalStateException(
                    "transparent mode has no layer stack; ProxyServer.start() refuses it");
        };
    }

    /** Chooses the next layer for {@code top}, then lets addons replace the choice. */
    Layer next(RealRootContext root, Context top) throws IOException {
        Destination destination = top.get(Context.DESTINATION);
        Layer chosen = choose(root, top, destination);
        if (services.addons().isEmpty()) {
            return chosen;
        }
        BufferedSource source = top.clientSource();
        ByteString peeked = source.getBuffer().snapshot();
        NextLayer data = new NextLayer(top, peeked, chosen);
        services.addons().fire(Hook.NEXT_LAYER, data);
        return data.layer();
    }

    /**
     * mitmproxy's order: ignore_hosts/allow_hosts (on the destination, then on the SNI or Host
     * header once the client sent them), TLS before tcp_hosts (so TLS to a tcp_hosts target is
     * intercepted and the decrypted bytes become the TCP flow, matched again by SNI inside), then
     * HTTP or TCP. The registered selectors come in once the client sent its first bytes, before
     * the proxy's own recognition of them.
     */
    private Layer choose(RealRootContext root, Context top, @Nullable Destination destination)
            throws IOException {
        if (destination == null) {
            if (!top.clientSource().request(1)) {
                return CLOSED;
            }
            Layer selected = selectors.select(top);
            return selected != null ? selected
                    : chooseWithoutDestination(root, top.clientSource());
        }
        HostRules rules = services.hosts();
        boolean insideTls = TlsLayer.insideClientTls(top);
        String sni = insideTls ? top.client().sni() : null;
        List<String> names = HostRules.names(destination, sni);
        boolean undecided = !insideTls && rules.undecided(names);
        if (!undecided && rules.passThrough(names)) {
            return PASSTHROUGH;
        }
        if (insideTls && rules.rawTcp(destination, sni)) {
            return TCP;
        }
        FirstBytes.Side first = FirstBytes.await(root, top);
        if (first == FirstBytes.Side.CLOSED) {
            return CLOSED;
        }
        if (first == FirstBytes.Side.SERVER) {
            // A server greeting: no ClientHello or request will tell more, as in mitmproxy.
            return rules.passThrough(names) ? PASSTHROUGH : TCP;
        }
        Layer selected = selectors.select(top);
        if (selected != null) {
            return selected;
        }
        BufferedSource source = top.clientSource();
        boolean tls = isTlsHandshake(source);
        if (undecided) {
            // The SNI or Host header counts too (mitmproxy's ignore_connection).
            String name = tls ? sni(source) : httpHost(source);
            if (rules.passThrough(HostRules.names(destination, name))) {
                return PASSTHROUGH;
            }
        }
        if (tls) {
            return this.tls;
        }
        if (rules.rawTcp(destination, null)) {
            return TCP;
        }
        if (isHttp2Preface(source)) {
            return new Http2Layer(services, root.connection());
        }
        return isHttp1RequestLine(source) ? new HttpLayer(services, root.connection()) : TCP;
    }

    private Layer chooseWithoutDestination(RealRootContext root, BufferedSource source)
            throws IOException {
        if (isHttp2Preface(source)) {
            return new Http2Layer(services, root.connection());
        }
        return !isTlsHandshake(source) && isHttp1RequestLine(source)
                ? new HttpLayer(services, root.connection()) : notProxied();
    }

    /**
     * {@return whether the client starts with the HTTP/2 connection preface (after ALPN h2, or
     * h2c with prior knowledge) while option {@code http2} is on} Reads no further than the
     * first byte that differs, so a client that sent something else and waits is not kept
     * waiting.
     */
    private boolean isHttp2Preface(BufferedSource source) throws IOException {
        if (!services.options().http2()) {
            return false;
        }
        for (int i = 0; i < HTTP2_PREFACE.size(); i++) {
            if (!source.request(i + 1L)
                    || source.getBuffer().getByte(i) != HTTP2_PREFACE.getByte(i)) {
                return false;
            }
        }
        return true;
    }

    /** {@return the SNI of the ClientHello the client is sending, or null if it has none} */
    private static @Nullable String sni(BufferedSource source) throws IOException {
        try {
            return TlsLayer.peekHello(source).sni();
        } catch (ClientHelloException e) {
            return null; // the TLS layer reports it; by name, nothing matches
        }
    }

    /**
     * {@return the Host header of the HTTP/1 request head the client is sending, or null when
     * it sends no request line, no Host header, or a head over {@link #HEAD_PEEK_LIMIT} bytes}
     */
    private static @Nullable String httpHost(BufferedSource source) throws IOException {
        if (!isHttp1RequestLine(source)) {
            return null;
        }
        long end;
        while ((end = source.getBuffer().indexOf(END_OF_HEAD)) < 0) {
            long size = source.getBuffer().size();
            if (size >= HEAD_PEEK_LIMIT || !source.request(size + 1)) {
                return null;
            }
        }
        String head = source.getBuffer().snapshot((int) end).string(
                java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("host")) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
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

    private static final Layer PASSTHROUGH = new PassthroughLayer();
    private static final Layer TCP = new TcpLayer();

    /** Nothing was sent: the connection simply ends. */
    private static final Layer CLOSED = new Layer() {
        @Override
        public void handle(dev.mitm4j.core.spi.LayerChain chain) {}

        @Override
        public String toString() {
            return "closed";
        }
    };

    /**
     * Neither HTTP nor anything with a known destination (a TLS ClientHello or an SSH banner sent
     * to a plain proxy port): nothing to relay to. Said once, at INFO, with the client's address
     * and what is wrong where, never the bytes themselves; the connection then closes.
     */
    private Layer notProxied() {
        return new Layer() {
            @Override
            public void handle(dev.mitm4j.core.spi.LayerChain chain) {
                Connection connection = ((RealRootContext) chain.context().root()).connection();
                String message = "client " + connection.peer() + " sent "
                        + notHttp(chain.context().clientSource().getBuffer()) + "; closing";
                services.log().info("{}: {}", connection.id(), message);
                services.addons().fire(Hook.ADD_LOG, new LogEntry("info", message));
            }

            @Override
            public String toString() {
                return "not-proxied";
            }
        };
    }

    /**
     * {@return what the peeked first bytes are instead of an HTTP/1 request line} (all of them
     * are in {@code peeked}: {@link #isHttp1RequestLine} read up to the first that does not fit)
     */
    static String notHttp(okio.Buffer peeked) {
        if (peeked.size() >= 2 && peeked.getByte(0) == 0x16 && peeked.getByte(1) == 0x03) {
            return "a TLS ClientHello, not an HTTP request (this listener takes plain HTTP; "
                    + "an https:// proxy URL is not supported)";
        }
        for (int i = 0; i < METHOD_PEEK_LIMIT; i++) {
            if (i >= peeked.size()) {
                return "no HTTP request: the connection ended after " + i + " bytes";
            }
            byte b = peeked.getByte(i);
            if (b == ' ') {
                return "no HTTP request: an empty method (a space at offset 0)";
            }
            if (!((b >= 'A' && b <= 'Z') || b == '-' || b == '_')) {
                return "no HTTP request: the byte at offset " + i + " cannot be part of a method";
            }
        }
        return "no HTTP request: no space after a method within " + METHOD_PEEK_LIMIT + " bytes";
    }
}
