package dev.mitm4j.replay.internal;

import dev.mitm4j.http.Headers;
import dev.mitm4j.http.Message;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Converts {@code request} and {@code response} states (mitmproxy's {@code RequestData} and
 * {@code ResponseData}) to the model and back. Wire fields (method, scheme, authority, path,
 * versions, reason, header names and values) are bytes read as ISO-8859-1; the body is stored
 * raw (still content-encoded), null when it was not kept.
 */
final class MessageStates {
    private MessageStates() {}

    static Request request(State s) {
        long port = s.integer("port", 0);
        if (port < 0 || port > 65535) {
            throw s.wrong("port", "a port number");
        }
        return Request.builder()
                .httpVersion(s.requireLatin1("http_version"))
                .headers(headers(s, "headers"))
                .content(s.bytes("content"))
                .trailers(s.raw("trailers") == null ? null : headers(s, "trailers"))
                .timestampStart(s.instant("timestamp_start"))
                .timestampEnd(s.instant("timestamp_end"))
                .host(s.requireText("host"))
                .port((int) port)
                .method(s.requireLatin1("method"))
                .scheme(s.requireLatin1("scheme"))
                .authority(s.has("authority") ? s.requireLatin1("authority") : "")
                .path(s.requireLatin1("path"))
                .build();
    }

    static Response response(State s) {
        return Response.builder()
                .httpVersion(s.requireLatin1("http_version"))
                .headers(headers(s, "headers"))
                .content(s.bytes("content"))
                .trailers(s.raw("trailers") == null ? null : headers(s, "trailers"))
                .timestampStart(s.instant("timestamp_start"))
                .timestampEnd(s.instant("timestamp_end"))
                .statusCode((int) s.integer("status_code", 0))
                .reason(s.latin1("reason") == null ? "" : s.latin1("reason"))
                .build();
    }

    private static Headers headers(State s, String key) {
        List<@Nullable Object> fields = s.list(key);
        Headers h = new Headers();
        if (fields == null) {
            return h;
        }
        for (Object f : fields) {
            if (!(f instanceof List<?> pair) || pair.size() != 2) {
                throw s.wrong(key, "a list of [name, value] pairs");
            }
            h.add(latin1(pair.get(0), s, key), latin1(pair.get(1), s, key));
        }
        return h;
    }

    private static String latin1(@Nullable Object o, State s, String key) {
        return switch (o) {
            case byte[] b -> new String(b, StandardCharsets.ISO_8859_1);
            case String str -> str;
            case null, default -> throw s.wrong(key, "a list of [name, value] byte pairs");
        };
    }

    static Map<String, @Nullable Object> requestState(Request r) {
        Map<String, @Nullable Object> m = message(r);
        m.put("host", r.host());
        m.put("port", (long) r.port());
        m.put("method", bytes(r.method()));
        m.put("scheme", bytes(r.scheme()));
        m.put("authority", bytes(r.authority()));
        m.put("path", bytes(r.path()));
        return m;
    }

    static Map<String, @Nullable Object> responseState(Response r) {
        Map<String, @Nullable Object> m = message(r);
        m.put("status_code", (long) r.statusCode());
        m.put("reason", bytes(r.reason()));
        return m;
    }

    private static Map<String, @Nullable Object> message(Message msg) {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        m.put("http_version", bytes(msg.httpVersion()));
        m.put("headers", headerState(msg.headers()));
        m.put("content", msg.rawContent());
        m.put("trailers", msg.trailers() == null ? null : headerState(msg.trailers()));
        m.put("timestamp_start", ConnectionStates.seconds(msg.timestampStart()));
        m.put("timestamp_end", ConnectionStates.seconds(msg.timestampEnd()));
        return m;
    }

    private static List<Object> headerState(Headers headers) {
        List<Object> out = new ArrayList<>(headers.size());
        for (Headers.Field f : headers) {
            out.add(new ArrayList<>(List.of(bytes(f.name()), bytes(f.value()))));
        }
        return out;
    }

    static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }
}
