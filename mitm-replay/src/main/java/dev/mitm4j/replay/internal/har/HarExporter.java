package dev.mitm4j.replay.internal.har;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mitm4j.http.Flow;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.MultiDict;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.Response;
import dev.mitm4j.http.ResponseCookie;
import dev.mitm4j.http.ServerConnection;
import dev.mitm4j.http.WebSocketData;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Base64;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Writes HTTP flows as a HAR 1.2 document with the fields and timings of mitmproxy's
 * {@code savehar} addon (creator "mitmproxy exporthar"; connect and ssl time only on the first
 * flow of each server connection; bodies as text or, when mostly binary, base64; WebSocket
 * messages as {@code _webSocketMessages}). Other flow types are skipped.
 */
public final class HarExporter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
            .optionalEnd().appendLiteral("+00:00").toFormatter();

    private HarExporter() {}

    /** Writes the HAR document of {@code flows} (pretty-printed, UTF-8) to {@code out}. */
    public static void write(List<? extends Flow> flows, OutputStream out) throws IOException {
        JSON.writerWithDefaultPrettyPrinter().writeValue(out, document(flows));
    }

    /** {@return the HAR document of {@code flows}} */
    public static ObjectNode document(List<? extends Flow> flows) {
        Set<ServerConnection> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayNode entries = NODES.arrayNode();
        for (Flow f : flows) {
            if (f instanceof HttpFlow h) {
                entries.add(entry(h, seen));
            }
        }
        ObjectNode log = NODES.objectNode().put("version", "1.2");
        log.putObject("creator").put("name", "mitmproxy exporthar").put("version", "0.1")
                .put("comment", "mitm4j");
        log.putArray("pages");
        log.set("entries", entries);
        ObjectNode root = NODES.objectNode();
        root.set("log", log);
        return root;
    }

    static ObjectNode entry(HttpFlow flow, Set<ServerConnection> seen) {
        ObjectNode timings = timings(flow, seen);
        double time = 0;
        for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> t : timings.properties()) {
            if (t.getValue().isNumber() && t.getValue().asDouble() >= 0) {
                time += t.getValue().asDouble();
            }
        }
        Request req = flow.request();
        ObjectNode e = NODES.objectNode();
        Instant start = req.timestampStart() != null ? req.timestampStart()
                : flow.timestampCreated();
        e.put("startedDateTime", ISO.format(start.atOffset(ZoneOffset.UTC)));
        e.put("time", time);
        e.set("request", request(req));
        e.set("response", flow.response() != null ? response(flow.response())
                : missingResponse(flow));
        e.putObject("cache");
        e.set("timings", timings);
        if (flow.server().peername() != null) {
            e.put("serverIPAddress", flow.server().peername().isUnresolved()
                    ? flow.server().peername().getHostString()
                    : flow.server().peername().getAddress().getHostAddress());
        }
        WebSocketData ws = flow.websocket();
        if (ws != null) {
            e.put("_resourceType", "websocket");
            ArrayNode messages = e.putArray("_webSocketMessages");
            for (WebSocketData.Message m : ws.messages()) {
                messages.addObject().put("type", m.fromClient() ? "send" : "receive")
                        .put("time", seconds(m.timestamp())).put("opcode", m.opcode())
                        .put("data", m.opcode() == 1
                                ? new String(m.content(), StandardCharsets.UTF_8)
                                : Base64.getEncoder().encodeToString(m.content()));
            }
        }
        return e;
    }

    private static ObjectNode timings(HttpFlow flow, Set<ServerConnection> seen) {
        ServerConnection s = flow.server();
        ObjectNode t = NODES.objectNode();
        if (seen.contains(s)) {
            t.put("connect", -1.0).put("ssl", -1.0);
        } else if (s.timestampTcpSetup() != null && s.timestampStart() != null) {
            t.put("connect", millis(s.timestampStart(), s.timestampTcpSetup()));
            if (s.timestampTlsSetup() != null) {
                t.put("ssl", millis(s.timestampTcpSetup(), s.timestampTlsSetup()));
            } else {
                t.putNull("ssl");
            }
            seen.add(s);
        } else {
            t.putNull("connect").putNull("ssl");
        }
        Request req = flow.request();
        Response resp = flow.response();
        t.put("send", req.timestampEnd() != null && req.timestampStart() != null
                ? millis(req.timestampStart(), req.timestampEnd()) : 0);
        t.put("receive", resp != null && resp.timestampEnd() != null
                && resp.timestampStart() != null
                ? millis(resp.timestampStart(), resp.timestampEnd()) : 0);
        t.put("wait", resp != null && req.timestampEnd() != null && resp.timestampStart() != null
                ? millis(req.timestampEnd(), resp.timestampStart()) : 0);
        return t;
    }

    private static ObjectNode request(Request req) {
        ObjectNode r = NODES.objectNode();
        r.put("method", req.method()).put("url", req.prettyUrl())
                .put("httpVersion", req.httpVersion());
        r.set("cookies", pairs(req.cookies()));
        r.set("headers", headers(req.headers()));
        r.set("queryString", pairs(req.query()));
        r.put("headersSize", headersSize(req.headers()));
        byte[] content = req.content(false);
        r.put("bodySize", content == null ? 0 : content.length);
        if (List.of("POST", "PUT", "PATCH").contains(req.method())) {
            ObjectNode post = r.putObject("postData");
            post.put("mimeType", orEmpty(req.headers().get("Content-Type")));
            post.put("text", orEmpty(req.text(false)));
            post.set("params", pairs(req.urlencodedForm()));
        }
        return r;
    }

    private static ObjectNode response(Response resp) {
        byte[] raw = resp.rawContent();
        byte[] decoded = resp.content(false);
        int size = raw == null ? 0 : raw.length;
        int decodedSize = decoded == null ? 0 : decoded.length;
        ObjectNode r = NODES.objectNode();
        r.put("status", resp.statusCode()).put("statusText", resp.reason())
                .put("httpVersion", resp.httpVersion());
        r.set("cookies", responseCookies(resp));
        r.set("headers", headers(resp.headers()));
        ObjectNode content = r.putObject("content");
        content.put("size", size).put("compression", decodedSize - size)
                .put("mimeType", orEmpty(resp.headers().get("Content-Type")));
        if (decoded != null && decoded.length > 0 && mostlyBinary(decoded)) {
            content.put("text", Base64.getEncoder().encodeToString(decoded));
            content.put("encoding", "base64");
        } else {
            content.put("text", orEmpty(resp.text(false)));
        }
        r.put("redirectURL", orEmpty(resp.headers().get("Location")));
        r.put("headersSize", headersSize(resp.headers()));
        r.put("bodySize", size);
        return r;
    }

    private static ObjectNode missingResponse(HttpFlow flow) {
        ObjectNode r = NODES.objectNode();
        r.put("status", 0).put("statusText", "").put("httpVersion", "");
        r.putArray("headers");
        r.putArray("cookies");
        r.putObject("content");
        r.put("redirectURL", "").put("headersSize", -1).put("bodySize", -1)
                .put("_transferSize", 0);
        if (flow.error() != null) {
            r.put("_error", flow.error().msg());
        } else {
            r.putNull("_error");
        }
        return r;
    }

    private static ArrayNode responseCookies(Response resp) {
        ArrayNode out = NODES.arrayNode();
        for (Map.Entry<String, ResponseCookie> c : resp.cookies().items(true)) {
            MultiDict attrs = c.getValue().attributes();
            ObjectNode cookie = out.addObject().put("name", c.getKey())
                    .put("value", c.getValue().value())
                    .put("path", orEmpty(attrs.get("path")))
                    .put("domain", orEmpty(attrs.get("domain")))
                    .put("httpOnly", attrs.contains("httpOnly"))
                    .put("secure", attrs.contains("secure"));
            if (attrs.contains("sameSite")) {
                cookie.put("sameSite", attrs.get("sameSite"));
            }
        }
        return out;
    }

    private static ArrayNode headers(Headers headers) {
        ArrayNode out = NODES.arrayNode();
        for (Headers.Field f : headers) {
            out.addObject().put("name", text(f.name())).put("value", text(f.value()));
        }
        return out;
    }

    private static ArrayNode pairs(MultiDict dict) {
        ArrayNode out = NODES.arrayNode();
        for (Map.Entry<String, String> e : dict.items(true)) {
            out.addObject().put("name", e.getKey()).put("value", e.getValue());
        }
        return out;
    }

    /** mitmproxy's len(str(headers)): "name: value" lines joined and ended by CRLF. */
    private static int headersSize(Headers headers) {
        int n = 0;
        for (Headers.Field f : headers) {
            n += f.name().length() + 2 + f.value().length() + 2;
        }
        return n;
    }

    /** mitmproxy's is_mostly_bin: over 30% of the first 100 bytes are control bytes. */
    static boolean mostlyBinary(byte[] data) {
        int n = Math.min(100, data.length);
        int bin = 0;
        for (int i = 0; i < n; i++) {
            int b = data[i] & 0xff;
            if (b < 9 || (b > 13 && b < 32) || b > 126) {
                bin++;
            }
        }
        return bin > 0.3 * n;
    }

    /** Header strings hold one char per byte; HAR holds text: UTF-8 when valid, else as is. */
    private static String text(String latin1) {
        byte[] bytes = latin1.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return latin1;
        }
    }

    private static String orEmpty(@Nullable String s) {
        return s == null ? "" : s;
    }

    private static double millis(Instant from, Instant to) {
        return java.time.Duration.between(from, to).toNanos() / 1e6;
    }

    private static double seconds(Instant i) {
        return i.getEpochSecond() + i.getNano() / 1e9;
    }
}
