package dev.mitm4j.http;

import dev.mitm4j.http.internal.ContentEncodings;
import dev.mitm4j.http.internal.FormEncoding;
import dev.mitm4j.http.internal.Urls;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP request, mutable in place as mitmproxy's {@code Request}.
 *
 * <p><b>Target.</b> {@link #scheme()}, {@link #host()}, {@link #port()} say where the request
 * goes; {@link #authority()} is the authority written in the request-target (absolute or
 * authority form) or HTTP/2's {@code :authority}, "" otherwise; {@link #path()} is the path with
 * query ("/a?b=c", "*" for asterisk form, "" for CONNECT). A request read in origin form has an
 * empty scheme and host and port 0 until the proxy fills them in from the connection.
 * Setting {@link #host(String)} or {@link #port(int)} also rewrites a {@code Host} header that is
 * present and a non-empty authority, to "host[:port]" (port omitted when it is the scheme's
 * default).
 *
 * <p><b>Views.</b> {@link #query()}, {@link #cookies()}, {@link #urlencodedForm()} and
 * {@link #multipartForm()} are live {@link MultiDict} views that write back to the path, the
 * {@code Cookie} header or the body.
 *
 * <p>Not thread-safe; see {@link Message} for the body and {@link Flow} for threading.
 */
public final class Request extends Message {
    private String method;
    private String scheme;
    private String host;
    private int port;
    private String authority;
    private String path;

    private Request(Builder b) {
        super(b);
        this.method = b.method;
        this.scheme = b.scheme;
        this.host = b.host;
        this.port = b.port;
        this.authority = b.authority;
        this.path = b.path;
    }

    /** {@return a builder for a GET of "/" over HTTP/1.1 with no target and an empty body} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses a request line's parts into a request (with an empty body), as mitmproxy's HTTP/1
     * reader does: "*" (OPTIONS only) and "/..." are asterisk and origin form; with CONNECT the
     * target is "host:port"; otherwise it must be an absolute URL, whose port defaults to 80 for
     * http and 443 for https. IPv6 literals are written in brackets.
     *
     * @throws IllegalArgumentException naming the problem when the target is malformed
     */
    public static Request fromTarget(String method, String target, String httpVersion,
            Headers headers) {
        return RequestTargets.parse(method, target, httpVersion, headers);
    }

    /**
     * Creates a request as mitmproxy's {@code Request.make}: HTTP/1.1, target from {@code url},
     * body set through {@link #content(byte[])} (so {@code Content-Length} is set), timestamps
     * now.
     *
     * @throws IllegalArgumentException when {@code url} is not an absolute http(s) URL
     */
    public static Request make(String method, String url, byte[] content, Headers headers) {
        Instant now = Instant.now();
        Request r = builder().method(method).headers(headers).timestampStart(now)
                .timestampEnd(now).build();
        r.url(url);
        r.content(content);
        return r;
    }

    /**
     * Like {@link #make(String, String, byte[], Headers)}, the body set through
     * {@link #text(String)} (the Content-Type charset; UTF-8, declared in Content-Type, when
     * ISO-8859-1 cannot hold the text).
     *
     * @return the new request
     * @throws IllegalArgumentException when {@code url} is not an absolute http(s) URL
     */
    public static Request make(String method, String url, String text, Headers headers) {
        Request r = make(method, url, new byte[0], headers);
        r.text(text);
        return r;
    }

    /** {@return a request for {@code url} with an empty body and no headers; see {@link #make}} */
    public static Request make(String method, String url) {
        return make(method, url, new byte[0], new Headers());
    }

    /** {@return the method as received, e.g. "GET"} */
    public String method() {
        return method;
    }

    /**
     * Sets the method.
     *
     * @throws IllegalArgumentException unless it is a token (RFC 9110 section 9.1)
     */
    public void method(String method) {
        this.method = HeadText.token("method", Objects.requireNonNull(method, "method"));
    }

    /** {@return the scheme, "http" or "https" (empty for origin form until filled in)} */
    public String scheme() {
        return scheme;
    }

    /**
     * Sets the scheme.
     *
     * @throws IllegalArgumentException when it holds CR, LF or NUL
     */
    public void scheme(String scheme) {
        this.scheme = text("scheme", scheme);
    }

    /** {@return the target host: a name or an IP literal (IPv6 without brackets)} */
    public String host() {
        return host;
    }

    /**
     * Sets the host, and rewrites a present Host header and a non-empty authority.
     *
     * @throws IllegalArgumentException when it holds CR, LF or NUL
     */
    public void host(String host) {
        this.host = text("host", host);
        updateHostAndAuthority();
    }

    /** {@return the target port} */
    public int port() {
        return port;
    }

    /**
     * Sets the port, and rewrites a present Host header and a non-empty authority.
     *
     * @throws IllegalArgumentException unless {@code 0 <= port <= 65535}
     */
    public void port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.port = port;
        updateHostAndAuthority();
    }

    /** {@return the authority of the request-target or HTTP/2 {@code :authority}; "" if none} */
    public String authority() {
        return authority;
    }

    /**
     * Sets the authority ("" for none).
     *
     * @throws IllegalArgumentException when it holds CR, LF or NUL
     */
    public void authority(String authority) {
        this.authority = text("authority", authority);
    }

    /** {@return the path including the query, e.g. "/index.html?a=b"} */
    public String path() {
        return path;
    }

    /**
     * Sets the path including the query. A space is kept here (HTTP/2 can carry it), but the
     * HTTP/1 writer refuses it: percent-encode it as {@code %20}.
     *
     * @throws IllegalArgumentException when it holds CR, LF or NUL
     */
    public void path(String path) {
        this.path = text("path", path);
    }

    /** {@return the request-target form: CONNECT is authority, "*" asterisk, else by authority} */
    public RequestForm form() {
        if (method.equalsIgnoreCase("CONNECT")) {
            return RequestForm.AUTHORITY;
        } else if (path.equals("*")) {
            return RequestForm.ASTERISK;
        }
        return authority.isEmpty() ? RequestForm.ORIGIN : RequestForm.ABSOLUTE;
    }

    /**
     * {@return the host header: for HTTP/2 and 3 the authority (else the Host header), for
     * HTTP/1 the Host header; null when there is none}
     */
    public @Nullable String hostHeader() {
        if ((isHttp2() || isHttp3()) && !authority.isEmpty()) {
            return authority;
        }
        return headers().get("Host");
    }

    /**
     * Sets (or with null removes) the host header: HTTP/1 writes the Host header; HTTP/2 and 3
     * write the authority and overwrite, but never create, a Host header.
     *
     * @throws IllegalArgumentException when {@code value} holds CR, LF or NUL
     */
    public void hostHeader(@Nullable String value) {
        boolean h2 = isHttp2() || isHttp3();
        if (value != null) {
            HeadText.text("Host", value);
        }
        if (value == null) {
            if (h2) {
                authority = "";
            }
            headers().remove("Host");
            return;
        }
        if (h2) {
            authority = value;
        }
        if (!h2 || headers().contains("Host")) {
            headers().set("Host", value);
        }
    }

    /** {@return "scheme://host[:port]path", or "host:port" for CONNECT} */
    public String url() {
        if (form() == RequestForm.AUTHORITY) {
            return host + ":" + port;
        }
        return Urls.unparse(scheme, host, port, path.equals("*") ? "" : path);
    }

    /**
     * Sets scheme, host, port and path from an absolute URL (the Host header and authority are
     * updated as by {@link #host(String)}).
     *
     * @throws IllegalArgumentException when {@code url} has no scheme or an invalid host or port,
     *     or holds CR, LF or NUL
     */
    public void url(String url) {
        Urls.ParsedUrl u = Urls.parseUrl(text("URL", url));
        this.scheme = u.scheme();
        this.host = u.host();
        this.port = u.port();
        this.path = u.path();
        updateHostAndAuthority();
    }

    /**
     * {@return the host from {@link #hostHeader()} when there is one, else {@link #host()}}
     * Useful in transparent mode, where the host is an IP; the header may be spoofed.
     */
    public String prettyHost() {
        String hh = hostHeader();
        return hh == null || hh.isEmpty() ? host : Urls.parseAuthority(hh, false).host();
    }

    /** {@return {@link #url()} built with the host and port of {@link #hostHeader()}} */
    public String prettyUrl() {
        if (form() == RequestForm.AUTHORITY) {
            return authority.isEmpty() ? url() : authority;
        }
        String hh = hostHeader();
        if (hh == null || hh.isEmpty()) {
            return url();
        }
        Urls.HostPort hp = Urls.parseAuthority(hh, false);
        Integer def = Urls.defaultPort(scheme);
        int p = hp.port() != null ? hp.port() : def != null ? def : 443;
        return Urls.unparse(scheme, hp.host(), p, path.equals("*") ? "" : path);
    }

    /** {@return the query of the path as a live view; mutations rewrite {@link #path()}} */
    public MultiDict query() {
        return RequestViews.query(this);
    }

    /**
     * {@return the cookies of the Cookie header(s) as a live view; mutations write them back as
     * one Cookie header, or remove it when no cookie is left}
     */
    public MultiDict cookies() {
        return RequestViews.cookies(this);
    }

    /**
     * {@return the form of an {@code application/x-www-form-urlencoded} body as a live view
     * (empty for other content types); mutations set that Content-Type and rewrite the body}
     */
    public MultiDict urlencodedForm() {
        return RequestViews.urlencodedForm(this);
    }

    /**
     * {@return the named parts of a {@code multipart/form-data} body as a live view, values as
     * ISO-8859-1 strings (one char per byte); mutations rewrite the body, choosing a random
     * boundary when the request is not multipart yet}
     */
    public MultiDict multipartForm() {
        return RequestViews.multipartForm(this);
    }

    /** {@return the percent-decoded, non-empty segments of the path (query excluded)} */
    public List<String> pathComponents() {
        List<String> out = new ArrayList<>();
        for (String segment : Urls.pathOnly(path).split("/")) {
            if (!segment.isEmpty()) {
                out.add(FormEncoding.unquote(segment));
            }
        }
        return List.copyOf(out);
    }

    /** Replaces the path by "/" + the percent-encoded {@code components}, keeping the query. */
    public void pathComponents(List<String> components) {
        StringBuilder sb = new StringBuilder();
        for (String c : components) {
            sb.append('/').append(FormEncoding.quote(c, ""));
        }
        String newPath = sb.isEmpty() ? "/" : sb.toString();
        path(Urls.joinPath(newPath, Urls.query(path), Urls.fragment(path)));
    }

    /** Removes If-Modified-Since and If-None-Match so that the server cannot answer 304. */
    public void anticache() {
        headers().remove("If-Modified-Since");
        headers().remove("If-None-Match");
    }

    /** Sets {@code Accept-Encoding: identity} to ask for an uncompressed response. */
    public void anticomp() {
        headers().set("Accept-Encoding", "identity");
    }

    /**
     * Limits a present Accept-Encoding to the codings this model decodes (gzip, identity,
     * deflate, br, zstd), keeping that fixed order; a coding counts as offered when its name
     * occurs anywhere in the header value, as in mitmproxy.
     */
    public void constrainEncoding() {
        String accept = headers().get("Accept-Encoding");
        if (accept == null || accept.isEmpty()) {
            return;
        }
        String lower = accept.toLowerCase(Locale.ROOT);
        List<String> kept = new ArrayList<>();
        for (String coding : ContentEncodings.DECODABLE) {
            if (lower.contains(coding)) {
                kept.add(coding);
            }
        }
        headers().set("Accept-Encoding", String.join(", ", kept));
    }

    /** {@return a deep copy: same fields, copied headers, trailers and body} */
    public Request copy() {
        Request r = new Builder().method(method).scheme(scheme).host(host).port(port)
                .authority(authority).path(path).build();
        r.copyFrom(this);
        return r;
    }

    @Override
    public String toString() {
        String hostport = !host.isEmpty() && port != 0 ? host + ":" + port : "";
        return "Request(" + method + " " + hostport + path + ")";
    }

    private static String text(String field, String value) {
        return HeadText.text(field, Objects.requireNonNull(value, field));
    }

    private void updateHostAndAuthority() {
        String value = Urls.hostport(scheme, host, port);
        if (headers().contains("Host")) {
            headers().set("Host", value);
        }
        if (!authority.isEmpty()) {
            authority = value;
        }
    }

    /**
     * Builds a {@link Request}; every field has a default (GET, empty scheme/host/authority,
     * port 0, path "/", HTTP/1.1, no headers, empty body, no trailers, no timestamps). The body
     * given here is stored raw: no header is changed. Not thread-safe; reusable.
     */
    public static final class Builder extends Message.Builder<Builder> {
        private String method = "GET";
        private String scheme = "";
        private String host = "";
        private int port;
        private String authority = "";
        private String path = "/";

        private Builder() {}

        /**
         * Sets the method.
         *
         * @return this
         * @throws IllegalArgumentException unless it is a token
         */
        public Builder method(String method) {
            this.method = HeadText.token("method", Objects.requireNonNull(method, "method"));
            return this;
        }

        /**
         * Sets the scheme.
         *
         * @return this
         * @throws IllegalArgumentException when it holds CR, LF or NUL
         */
        public Builder scheme(String scheme) {
            this.scheme = text("scheme", scheme);
            return this;
        }

        /**
         * Sets the host (no header is touched).
         *
         * @return this
         * @throws IllegalArgumentException when it holds CR, LF or NUL
         */
        public Builder host(String host) {
            this.host = text("host", host);
            return this;
        }

        /** Sets the port. @return this @throws IllegalArgumentException when out of range */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Sets the authority.
         *
         * @return this
         * @throws IllegalArgumentException when it holds CR, LF or NUL
         */
        public Builder authority(String authority) {
            this.authority = text("authority", authority);
            return this;
        }

        /**
         * Sets the path with query.
         *
         * @return this
         * @throws IllegalArgumentException when it holds CR, LF or NUL
         */
        public Builder path(String path) {
            this.path = text("path", path);
            return this;
        }

        /**
         * Sets scheme, host, port and path from an absolute URL.
         *
         * @return this
         * @throws IllegalArgumentException when the URL is malformed or holds CR, LF or NUL
         */
        public Builder url(String url) {
            Urls.ParsedUrl u = Urls.parseUrl(text("URL", url));
            return scheme(u.scheme()).host(u.host()).port(u.port()).path(u.path());
        }

        /**
         * Sets the parts of a request-target that {@link RequestTargets} took from a method token
         * and a target it checked whole, skipping the per-field checks (they would scan the
         * target a second time for every request the proxy reads).
         */
        Builder validatedTarget(String method, String scheme, String authority, String host,
                int port, String path) {
            this.method = method;
            this.scheme = scheme;
            this.authority = authority;
            this.host = host;
            this.port = port;
            this.path = path;
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /** {@return a new request with this builder's values} */
        public Request build() {
            return new Request(this);
        }
    }
}
