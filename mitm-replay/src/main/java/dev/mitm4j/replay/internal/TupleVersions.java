package dev.mitm4j.replay.internal;

import static dev.mitm4j.replay.internal.Migrations.dict;
import static dev.mitm4j.replay.internal.Migrations.rename;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The flow formats of mitmproxy 0.11 to 3.0, whose version is the release as a tuple
 * ({@code [0, 11, 3]}; only major and minor count), brought to format version 4 one step at a
 * time with mitmproxy's field changes (its {@code io/compat.py}): 0.11 → 0.12 → ... → 0.19 →
 * 1.0 → 2.0 → 3.0 → 4. Older files (0.10 and before) are refused, as mitmproxy refuses them.
 *
 * <p>Python 2 wrote these files with byte strings everywhere: dict keys are already text here
 * ({@link TNetParser}); the values mitmproxy turns into text on the way ({@code type},
 * {@code id}, {@code error.msg}) are turned into text too, and the other byte values stay bytes,
 * which the later steps and {@link State} accept.
 */
final class TupleVersions {
    /** The oldest release whose files mitmproxy still migrates. */
    static final String OLDEST = "0.11";

    private TupleVersions() {}

    /**
     * {@return the state of {@code s} (version {@code [major, minor, ...]}) at format version 4}
     *
     * @throws BadStateException for a release older than 0.11, a tuple that names no release
     *     mitmproxy had, or a state without the fields a step needs
     */
    static Map<String, @Nullable Object> toVersion4(Map<String, @Nullable Object> s,
            List<?> tuple) {
        String release = release(tuple);
        while (!release.equals("3.0")) {
            release = switch (release) {
                case "0.11" -> "0.12";
                case "0.12" -> "0.13";
                case "0.13" -> from013(s);
                case "0.14" -> "0.15";
                case "0.15" -> from015(s);
                case "0.16" -> {
                    dict(s, "server_conn").put("peer_address", null);
                    yield "0.17";
                }
                case "0.17" -> from017(s);
                case "0.18" -> from018(s);
                case "0.19" -> {
                    textValues(s);
                    yield "1.0";
                }
                case "1.0" -> from100(s);
                case "2.0" -> from200(s);
                default -> throw new BadStateException("flow format version " + release
                        + (older(tuple) ? " is older than " + OLDEST + " and not supported"
                                : " is not a mitmproxy release with a flow format"));
            };
        }
        s.put("version", 4L);
        return s;
    }

    /** {@return "major.minor" of a version tuple} */
    static String release(List<?> tuple) {
        if (tuple.size() < 2 || !(tuple.get(0) instanceof Long major)
                || !(tuple.get(1) instanceof Long minor)) {
            throw new BadStateException("flow format version " + tuple + " is not a version");
        }
        return major + "." + minor;
    }

    private static boolean older(List<?> tuple) {
        return (Long) tuple.get(0) == 0 && (Long) tuple.get(1) < 11;
    }

    /** 0.13 to 0.14: first_line_format, http_version as text, status_code, body. */
    private static String from013(Map<String, @Nullable Object> s) {
        Map<String, @Nullable Object> request = dict(s, "request");
        rename(request, "form_in", "first_line_format");
        request.put("http_version", httpVersion(request.remove("httpversion")));
        if (s.get("response") instanceof Map<?, ?>) {
            Map<String, @Nullable Object> response = dict(s, "response");
            response.put("http_version", httpVersion(response.remove("httpversion")));
            rename(response, "code", "status_code");
            rename(response, "content", "body");
        }
        Map<String, @Nullable Object> server = dict(s, "server_conn");
        server.remove("state");
        server.put("via", null);
        return "0.14";
    }

    /** {@code [1, 1]} as {@code b"HTTP/1.1"}. */
    private static byte[] httpVersion(@Nullable Object tuple) {
        if (!(tuple instanceof List<?> parts) || parts.isEmpty()) {
            throw new BadStateException("httpversion is missing or not a list");
        }
        StringBuilder v = new StringBuilder("HTTP/");
        for (int i = 0; i < parts.size(); i++) {
            v.append(i == 0 ? "" : ".").append(parts.get(i));
        }
        return v.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** 0.15 to 0.16: body back to content, msg to reason, no form_out. */
    private static String from015(Map<String, @Nullable Object> s) {
        for (String message : List.of("request", "response")) {
            if (s.get(message) instanceof Map<?, ?>) {
                Map<String, @Nullable Object> m = dict(s, message);
                if (m.containsKey("body")) {
                    rename(m, "body", "content");
                }
            }
        }
        if (s.get("response") instanceof Map<?, ?>) {
            Map<String, @Nullable Object> response = dict(s, "response");
            if (response.containsKey("msg")) {
                rename(response, "msg", "reason");
            }
        }
        dict(s, "request").remove("form_out");
        return "0.16";
    }

    /** 0.17 to 0.18: text values; peer_address becomes ip_address; marked. */
    private static String from017(Map<String, @Nullable Object> s) {
        textValues(s);
        Map<String, @Nullable Object> server = dict(s, "server_conn");
        server.put("ip_address", server.remove("peer_address"));
        s.put("marked", false);
        return "0.18";
    }

    /** 0.18 to 0.19: no sticky flags; TLS facts, mode and metadata appear. */
    private static String from018(Map<String, @Nullable Object> s) {
        textValues(s);
        Map<String, @Nullable Object> request = dict(s, "request");
        request.remove("stickyauth");
        request.remove("stickycookie");
        Map<String, @Nullable Object> client = dict(s, "client_conn");
        for (String key : List.of("sni", "alpn_proto_negotiated", "cipher_name",
                "tls_version")) {
            client.put(key, null);
        }
        Map<String, @Nullable Object> server = dict(s, "server_conn");
        server.put("alpn_proto_negotiated", null);
        if (server.get("via") instanceof Map<?, ?>) {
            dict(server, "via").put("alpn_proto_negotiated", null);
        }
        s.put("mode", "regular");
        s.put("metadata", new LinkedHashMap<String, @Nullable Object>());
        return "0.19";
    }

    /** 1.0 to 2.0: addresses lose their {@code {"address": [host, port], ...}} wrapper. */
    private static String from100(Map<String, @Nullable Object> s) {
        unwrap(dict(s, "client_conn"), "address");
        Map<String, @Nullable Object> server = dict(s, "server_conn");
        for (Map<String, @Nullable Object> c : server.get("via") instanceof Map<?, ?>
                ? List.of(server, dict(server, "via")) : List.of(server)) {
            unwrap(c, "address");
            unwrap(c, "source_address");
            unwrap(c, "ip_address");
        }
        return "2.0";
    }

    private static void unwrap(Map<String, @Nullable Object> conn, String key) {
        if (conn.get(key) instanceof Map<?, ?>) {
            conn.put(key, dict(conn, key).get("address"));
        }
    }

    /** 2.0 to 3.0: mitmcert on the client side, tls_version on the server sides. */
    private static String from200(Map<String, @Nullable Object> s) {
        dict(s, "client_conn").put("mitmcert", null);
        Map<String, @Nullable Object> server = dict(s, "server_conn");
        server.put("tls_version", null);
        if (server.get("via") instanceof Map<?, ?>) {
            dict(server, "via").put("tls_version", null);
        }
        return "3.0";
    }

    /**
     * The values mitmproxy's {@code convert_unicode} makes text, at 0.17, 0.18 and 0.19: the
     * flow's {@code type} and {@code id}, the request's {@code first_line_format} and the
     * error's {@code msg}.
     */
    private static void textValues(Map<String, @Nullable Object> s) {
        toText(s, "type");
        toText(s, "id");
        if (s.get("request") instanceof Map<?, ?>) {
            toText(dict(s, "request"), "first_line_format");
        }
        if (s.get("error") instanceof Map<?, ?>) {
            toText(dict(s, "error"), "msg");
        }
    }

    private static void toText(Map<String, @Nullable Object> m, String key) {
        if (m.get(key) instanceof byte[] b) {
            m.put(key, new String(b, StandardCharsets.UTF_8));
        }
    }
}
