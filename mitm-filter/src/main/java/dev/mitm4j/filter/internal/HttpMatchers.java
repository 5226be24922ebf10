package dev.mitm4j.filter.internal;

import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Message;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.Response;
import java.util.List;
import java.util.regex.Pattern;

/** Matchers over HTTP flows; every one of them is false for other flow types. */
final class HttpMatchers {
    /** mitmproxy's asset content types, searched case-sensitively as mitmproxy does. */
    private static final String[] ASSET_TYPES = {
        "text/javascript", "application/x-javascript", "application/javascript", "text/css",
        "image/", "font/", "application/font",
    };

    private HttpMatchers() {
    }

    /** {@code ~http}. */
    static FlowMatcher http() {
        return flow -> flow instanceof HttpFlow;
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
            if (field.name().equalsIgnoreCase("content-type")) {
                for (String type : ASSET_TYPES) {
                    if (field.value().contains(type)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** {@code ~u}: the pretty URL (built with the Host header's host). */
    static FlowMatcher url(Pattern regex) {
        return flow -> flow instanceof HttpFlow h && regex.matcher(prettyUrl(h.request())).find();
    }

    /** {@code ~d}: the request's host, or else the host of its Host header. */
    static FlowMatcher domain(Pattern regex) {
        return flow -> flow instanceof HttpFlow h && (regex.matcher(h.request().host()).find()
                || regex.matcher(prettyHost(h.request())).find());
    }

    /** {@code ~m}. */
    static FlowMatcher method(Pattern regex) {
        return flow -> flow instanceof HttpFlow h && regex.matcher(h.request().method()).find();
    }

    /** {@code ~h}, {@code ~hq}, {@code ~hs}: "name: value" lines, each ending in CRLF. */
    static FlowMatcher header(Pattern regex, boolean request, boolean response) {
        return flow -> flow instanceof HttpFlow h
                && ((request && regex.matcher(headerLines(h.request())).find())
                    || (response && h.response() instanceof Response r
                        && regex.matcher(headerLines(r)).find()));
    }

    /** {@code ~t}, {@code ~tq}, {@code ~ts}: any Content-Type field's value. */
    static FlowMatcher contentType(Pattern regex, boolean request, boolean response) {
        return flow -> flow instanceof HttpFlow h
                && ((request && contentTypeMatches(regex, h.request()))
                    || (response && h.response() instanceof Response r
                        && contentTypeMatches(regex, r)));
    }

    private static boolean contentTypeMatches(Pattern regex, Message message) {
        List<Headers.Field> fields = message.headers().fields();
        for (int i = 0, n = fields.size(); i < n; i++) {
            Headers.Field field = fields.get(i);
            if (field.name().equalsIgnoreCase("content-type")
                    && regex.matcher(field.value()).find()) {
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
