package dev.mitm4j.filter.internal;

import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Message;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.Response;
import java.util.List;

/** Matchers over HTTP flows; every one of them is false for other flow types. */
final class HttpMatchers {
    private HttpMatchers() {
    }

    /** {@code ~http}. */
    static FlowMatcher http() {
        return flow -> flow instanceof HttpFlow;
    }

    /** {@code ~websocket}: an HTTP flow whose connection was upgraded to WebSocket. */
    static FlowMatcher websocket() {
        return flow -> flow instanceof HttpFlow h && h.websocket() != null;
    }

    /**
     * {@code ~grpc} (a mitm4j extension): a gRPC call, whose request or response has the
     * content-type {@code application/grpc} or {@code application/grpc+...} (e.g. +proto, +json).
     */
    static FlowMatcher grpc() {
        return flow -> flow instanceof HttpFlow h && (grpc(h.request().headers())
                || (h.response() != null && grpc(h.response().headers())));
    }

    private static boolean grpc(Headers headers) {
        String type = headers.get("content-type");
        if (type == null) {
            return false;
        }
        String t = type.strip().toLowerCase(java.util.Locale.ROOT);
        return t.equals("application/grpc") || t.startsWith("application/grpc+")
                || t.startsWith("application/grpc;");
    }

    /** {@code ~q}: a request without a response. */
    static FlowMatcher requestOnly() {
        return flow -> flow instanceof HttpFlow h && h.response() == null;
    }

    /** {@code ~s}. */
    static FlowMatcher hasResponse() {
        return flow -> flow instanceof HttpFlow h && h.response() != null;
    }

    /** {@code ~c}. */
    static FlowMatcher code(int code) {
        return flow -> flow instanceof HttpFlow h && h.response() instanceof Response r
                && r.statusCode() == code;
    }

    /** {@code ~a}: the response's Content-Type names a script, style sheet, image or font. */
    static FlowMatcher asset() {
        return flow -> flow instanceof HttpFlow h && h.response() instanceof Response r
                && isAsset(r.headers());
    }

    private static boolean isAsset(Headers headers) {
        List<Headers.Field> fields = headers.fields();
        for (int i = 0, n = fields.size(); i < n; i++) {
            Headers.Field field = fields.get(i);
            if (field.name().equalsIgnoreCase("content-type")
                    && AssetTypes.isAsset(field.value())) {
                return true;
            }
        }
        return false;
    }

    /** {@code ~u}: the pretty URL (built with the Host header's host). */
    static FlowMatcher url(TextSearch regex) {
        return flow -> flow instanceof HttpFlow h && regex.find(prettyUrl(h.request()));
    }

    /** {@code ~d}: the request's host, or else the host of its Host header. */
    static FlowMatcher domain(TextSearch regex) {
        return flow -> flow instanceof HttpFlow h && (regex.find(h.request().host())
                || regex.find(prettyHost(h.request())));
    }

    /** {@code ~m}. */
    static FlowMatcher method(TextSearch regex) {
        return flow -> flow instanceof HttpFlow h && regex.find(h.request().method());
    }

    /** {@code ~h}, {@code ~hq}, {@code ~hs}: "name: value" lines, each ending in CRLF. */
    static FlowMatcher header(TextSearch regex, boolean request, boolean response) {
        return flow -> flow instanceof HttpFlow h
                && ((request && regex.find(headerLines(h.request())))
                    || (response && h.response() instanceof Response r
                        && regex.find(headerLines(r))));
    }

    /** {@code ~t}, {@code ~tq}, {@code ~ts}: any Content-Type field's value. */
    static FlowMatcher contentType(TextSearch regex, boolean request, boolean response) {
        return flow -> flow instanceof HttpFlow h
                && ((request && contentTypeMatches(regex, h.request()))
                    || (response && h.response() instanceof Response r
                        && contentTypeMatches(regex, r)));
    }

    private static boolean contentTypeMatches(TextSearch regex, Message message) {
        List<Headers.Field> fields = message.headers().fields();
        for (int i = 0, n = fields.size(); i < n; i++) {
            Headers.Field field = fields.get(i);
            if (field.name().equalsIgnoreCase("content-type")
                    && regex.find(field.value())) {
                return true;
            }
        }
        return false;
    }

    /** mitmproxy's {@code bytes(headers)}: normalised lines, not the raw block. */
    static String headerLines(Message message) {
        List<Headers.Field> fields = message.headers().fields();
        StringBuilder sb = new StringBuilder(fields.size() * 32);
        for (int i = 0, n = fields.size(); i < n; i++) {
            Headers.Field field = fields.get(i);
            sb.append(field.name()).append(": ").append(field.value()).append("\r\n");
        }
        return sb.toString();
    }

    /** A malformed Host header must not make a filter throw: fall back to the URL. */
    private static String prettyUrl(Request request) {
        try {
            return request.prettyUrl();
        } catch (IllegalArgumentException e) {
            return request.url();
        }
    }

    private static String prettyHost(Request request) {
        try {
            return request.prettyHost();
        } catch (IllegalArgumentException e) {
            return request.host();
        }
    }
}
