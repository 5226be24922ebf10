package dev.mitm4j.replay.internal;

import static dev.mitm4j.replay.internal.Migrations.dict;
import static dev.mitm4j.replay.internal.Migrations.eachConn;
import static dev.mitm4j.replay.internal.Migrations.rename;
import static dev.mitm4j.replay.internal.Migrations.truthy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The migration steps of {@link Migrations} that take more than a line. */
final class LegacySteps {
    private LegacySteps() {}

    /** 7 to 8: messages gain trailers. */
    static void addTrailers(Map<String, @Nullable Object> s) {
        if (s.get("request") instanceof Map<?, ?>) {
            dict(s, "request").put("trailers", null);
        }
        if (s.get("response") instanceof Map<?, ?>) {
            dict(s, "response").put("trailers", null);
        }
    }

    /** 8 to 9: authority appears; is_replay moves from the messages to the flow. */
    static void replayFlags(Map<String, @Nullable Object> s) {
        boolean requestReplay = false;
        boolean responseReplay = false;
        if (s.get("request") instanceof Map<?, ?>) {
            Map<String, @Nullable Object> r = dict(s, "request");
            r.remove("first_line_format");
            r.put("authority", new byte[0]);
            requestReplay = truthy(r.remove("is_replay"));
        }
        if (s.get("response") instanceof Map<?, ?>) {
            responseReplay = truthy(dict(s, "response").remove("is_replay"));
        }
        s.put("is_replay", requestReplay ? "request" : responseReplay ? "response" : null);
    }

    /** 9 to 10: state, error, tls, offers and certificate lists on connections. */
    static void connectionFacts9(Map<String, @Nullable Object> s) {
        Map<String, @Nullable Object> client = dict(s, "client_conn");
        client.put("sockname", new ArrayList<>(List.of("", 0L)));
        Object clientCert = client.remove("clientcert");
        client.put("certificate_list", clientCert == null ? new ArrayList<>()
                : new ArrayList<>(List.of(clientCert)));
        connCommon9(client);
        Map<String, @Nullable Object> server = dict(s, "server_conn");
        server9(server);
        if (server.get("via") instanceof Map<?, ?>) {
            server9(dict(server, "via"));
        }
    }

    private static void server9(Map<String, @Nullable Object> c) {
        Object cert = c.remove("cert");
        c.put("certificate_list", cert == null ? new ArrayList<>()
                : new ArrayList<>(List.of(cert)));
        c.put("cipher_name", null);
        c.put("via2", null);
        connCommon9(c);
    }

    private static void connCommon9(Map<String, @Nullable Object> c) {
        c.put("state", 0L);
        c.put("error", null);
        c.put("tls", c.get("tls_established"));
        Object alpn = c.get("alpn_proto_negotiated");
        c.put("alpn_offers", truthy(alpn) ? new ArrayList<>(List.of(alpn)) : null);
        Object cipher = c.get("cipher_name");
        c.put("cipher_list", truthy(cipher) ? new ArrayList<>(List.of(cipher)) : null);
    }

    /** 10 to 11: sni becomes str, alpn_proto_negotiated becomes alpn, lists never null. */
    static void connectionFacts10(Map<String, @Nullable Object> s) {
        eachConn(s, true, c -> {
            if (c.get("sni") instanceof byte[] b) {
                c.put("sni", new String(b, StandardCharsets.US_ASCII));
            }
            rename(c, "alpn_proto_negotiated", "alpn");
            if (c.get("alpn_offers") == null) {
                c.put("alpn_offers", new ArrayList<>());
            }
            if (c.get("cipher_list") == null) {
                c.put("cipher_list", new ArrayList<>());
            }
        });
    }

    /** 11 to 12 when the handshake flow is missing: a placeholder, as mitmproxy makes. */
    static Map<String, @Nullable Object> dummyHandshake(Map<String, @Nullable Object> ws) {
        Map<String, @Nullable Object> request = new LinkedHashMap<>();
        request.put("authority", new byte[0]);
        request.put("content", null);
        request.put("headers", new ArrayList<>());
        request.put("host", "unknown");
        request.put("http_version", "HTTP/1.1".getBytes(StandardCharsets.US_ASCII));
        request.put("method", "GET".getBytes(StandardCharsets.US_ASCII));
        request.put("path", "/".getBytes(StandardCharsets.US_ASCII));
        request.put("port", 80L);
        request.put("scheme", "http".getBytes(StandardCharsets.US_ASCII));
        request.put("timestamp_end", 0L);
        request.put("timestamp_start", 0L);
        request.put("trailers", null);
        Map<String, @Nullable Object> d = new LinkedHashMap<>();
        for (String key : List.of("client_conn", "error", "id", "intercepted", "is_replay",
                "marked", "server_conn")) {
            d.put(key, ws.get(key));
        }
        d.put("metadata", new LinkedHashMap<String, @Nullable Object>());
        d.put("mode", "transparent");
        d.put("request", request);
        d.put("response", null);
        d.put("type", "http");
        return d;
    }

    /** 13 to 14: comment; a response without timestamps gets the request's end time. */
    static void commentAndResponseTimes(Map<String, @Nullable Object> s) {
        s.put("comment", "");
        if (s.get("response") instanceof Map<?, ?> && s.get("request") instanceof Map<?, ?>) {
            Map<String, @Nullable Object> response = dict(s, "response");
            Object end = dict(s, "request").get("timestamp_end");
            if (response.get("timestamp_start") == null && end instanceof Number n) {
                response.put("timestamp_start", n.doubleValue());
                response.put("timestamp_end", n.doubleValue() + 1);
            }
        }
    }

    /** 14 to 15: WebSocket messages gain the "injected" flag. */
    static void injectedFlag(Map<String, @Nullable Object> s) {
        if (!(s.get("websocket") instanceof Map<?, ?>)) {
            return;
        }
        Map<String, @Nullable Object> ws = dict(s, "websocket");
        if (ws.get("messages") instanceof List<?> messages) {
            List<@Nullable Object> out = new ArrayList<>();
            for (Object m : messages) {
                List<@Nullable Object> msg = new ArrayList<>((List<?>) m);
                msg.add(false);
                out.add(msg);
            }
            ws.put("messages", out);
        }
    }

    /** 15 to 16: timestamp_created from the request (or the client connection) start. */
    static void timestampCreated(Map<String, @Nullable Object> s) {
        String from = s.get("request") instanceof Map<?, ?> ? "request" : "client_conn";
        s.put("timestamp_created", dict(s, from).get("timestamp_start"));
    }

    /** 18 to 19: mitmproxy 9's connection field names. */
    static void renameConnectionFields(Map<String, @Nullable Object> s) {
        Map<String, @Nullable Object> client = dict(s, "client_conn");
        rename(client, "address", "peername");
        if (client.get("timestamp_start") == null) {
            client.put("timestamp_start", 0.0);
        }
        client.remove("tls_extensions");
        Map<String, @Nullable Object> server = dict(s, "server_conn");
        rename(server, "ip_address", "peername");
        rename(server, "source_address", "sockname");
        server.remove("via");
        rename(server, "via2", "via");
        for (Map<String, @Nullable Object> c : List.of(client, server)) {
            c.remove("tls_established");
            rename(c, "cipher_name", "cipher");
            c.putIfAbsent("transport_protocol", "tcp");
            for (String name : List.of("peername", "sockname", "address")) {
                if (c.get(name) instanceof List<?> addr && !addr.isEmpty()
                        && addr.get(0) instanceof byte[] host) {
                    List<@Nullable Object> copy = new ArrayList<>(addr);
                    copy.set(0, new String(host, StandardCharsets.UTF_8));
                    c.put(name, copy);
                }
            }
        }
        if (Boolean.TRUE.equals(server.get("sni")) && server.get("address") instanceof List<?> a) {
            server.put("sni", Migrations.text(a.get(0)));
        }
    }
}
