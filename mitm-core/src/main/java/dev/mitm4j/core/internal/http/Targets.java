package dev.mitm4j.core.internal.http;

import dev.mitm4j.core.ProxyMode;
import dev.mitm4j.core.spi.Destination;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.RequestForm;
import dev.mitm4j.http.internal.http1.RequestHead;
import dev.mitm4j.http.internal.http2.Http2RequestHead;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where the requests of one HTTP layer go (HTTP/1 heads and HTTP/2 streams' heads). Without a destination in its context the layer is
 * a proxy's front door: absolute-form requests and CONNECT name their server, and an
 * origin-form request goes where its Host header says. With one (reverse mode, inside a tunnel)
 * origin-form requests go there, with the scheme of the mode or of the tunnel.
 */
final class Targets {
    private final ProxyMode mode;
    private final @Nullable Destination fixed;
    private final boolean clientTls;
    private final boolean keepHostHeader;

    Targets(ProxyMode mode, @Nullable Destination fixed, boolean clientTls,
            boolean keepHostHeader) {
        this.mode = mode;
        this.fixed = fixed;
        this.clientTls = clientTls;
        this.keepHostHeader = keepHostHeader;
    }

    /**
     * {@return the request of {@code head}, stamped now, its destination set}
     *
     * @throws IllegalArgumentException saying why its target does not fit this layer (the
     *     client's 400)
     */
    Request request(RequestHead head) {
        Request request;
        try {
            request = Request.fromTarget(head.method(), head.target(), head.version(),
                    head.headers());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid request target");
        }
        request.timestampStart(Instant.now());
        RequestForm form = request.form();
        boolean originForm = form == RequestForm.ORIGIN || form == RequestForm.ASTERISK;
        if (fixed == null) {
            if (originForm && !targetFromHost(request)) {
                throw new IllegalArgumentException("an origin-form request to the proxy has no "
                        + "Host header (or an invalid one), so its destination is unknown");
            }
        } else if (!originForm && form != RequestForm.ABSOLUTE) {
            throw new IllegalArgumentException("invalid request form " + form);
        } else if (originForm) {
            targetFixed(request, fixed);
        }
        return request;
    }

    /**
     * {@return the request of an HTTP/2 stream's {@code head}, stamped now, its destination set}
     * At the proxy's front door (h2c with prior knowledge in regular mode) it goes where its
     * {@code :scheme} and {@code :authority} (else its {@code host} field) say, as an
     * absolute-form HTTP/1 request does; in reverse mode and inside a tunnel, to the context's
     * destination. The request keeps HTTP/2's fields: {@code http_version} "HTTP/2.0", the
     * authority, names in lowercase.
     *
     * @throws IllegalArgumentException saying why the stream's request does not fit (its 400)
     */
    Request request(Http2RequestHead head) {
        if (head.isConnect()) {
            throw new IllegalArgumentException("CONNECT over HTTP/2 is not supported by this "
                    + "proxy yet: use HTTP/1.1 to open tunnels");
        }
        String authority = head.authority();
        if (authority == null || authority.isEmpty()) {
            authority = head.headers().get("host");
        }
        if (authority == null || authority.isEmpty()) {
            if (fixed == null) {
                throw new IllegalArgumentException("an HTTP/2 request to the proxy has neither "
                        + ":authority nor host, so its destination is unknown");
            }
            authority = HostHeaders.of(Objects.requireNonNull(head.scheme()), fixed);
        }
        Request request;
        try {
            request = Request.fromTarget(head.method(),
                    head.scheme() + "://" + authority + head.path(), "HTTP/2.0", head.headers());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid :scheme, :authority or :path");
        }
        request.timestampStart(Instant.now());
        if (fixed != null) {
            String scheme = mode instanceof ProxyMode.Reverse reverse ? reverse.scheme()
                    : clientTls ? "https" : "http";
            request.scheme(scheme);
            request.host(fixed.host());
            request.port(fixed.port());
            if (mode instanceof ProxyMode.Reverse && !keepHostHeader) {
                request.hostHeader(HostHeaders.of(scheme, fixed));
            }
        }
        return request;
    }

    /**
     * An origin-form request at the proxy's front door (the JDK sends its WebSocket handshake so
     * on a reused proxy connection) goes where its Host header says, as in mitmproxy; a Host
     * naming the proxy itself is refused when connecting.
     *
     * @return false without a valid Host
     */
    private static boolean targetFromHost(Request request) {
        String hostHeader = request.headers().get("Host");
        if (hostHeader == null || hostHeader.isEmpty()) {
            return false;
        }
        Request parsed;
        try {
            parsed = Request.fromTarget("GET", "http://" + hostHeader + "/", "HTTP/1.1",
                    new Headers());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!parsed.authority().equals(hostHeader)) {
            return false; // a path, query or fragment inside the Host header
        }
        request.scheme("http");
        request.host(parsed.host());
        request.port(parsed.port());
        request.headers().set("Host", hostHeader);
        return true;
    }

    /** Reverse mode and tunnels: the destination comes from the context. */
    private void targetFixed(Request request, Destination d) {
        String scheme = mode instanceof ProxyMode.Reverse reverse ? reverse.scheme()
                : clientTls ? "https" : "http";
        String hostHeader = request.headers().get("Host");
        request.scheme(scheme);
        request.host(d.host());
        request.port(d.port());
        if (mode instanceof ProxyMode.Reverse && !keepHostHeader) {
            request.headers().set("Host", HostHeaders.of(scheme, d));
        } else if (hostHeader != null) {
            request.headers().set("Host", hostHeader);
        }
    }
}
