package dev.mitm4j.replay.internal.har;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mitm4j.http.ClientConnection;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.Response;
import dev.mitm4j.http.ServerConnection;
import dev.mitm4j.replay.FlowFileException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads a HAR 1.2 file into HTTP flows the way mitmproxy's {@code io/har.py} does: one flow per
 * entry; the request made from method, URL, headers and {@code postData.text}; the response
 * with the standard reason phrase, its body from {@code content.text} (base64 when
 * {@code encoding} says so, else text in the charset of Content-Type); both bodies stored
 * decoded (Content-Encoding dropped, Content-Length set); timestamps from
 * {@code startedDateTime} and {@code time}; client 127.0.0.1:0; server at
 * {@code serverIPAddress} when given. Headers may be {name, value} objects or [name, value]
 * pairs.
 */
public final class HarImporter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HarImporter() {}

    /** {@return the flows of the HAR document read from {@code in}} */
    public static List<HttpFlow> read(InputStream in) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (IOException e) {
            throw new FlowFileException("not a valid HAR file: " + e.getMessage(), -1, e);
        }
        JsonNode entries = root.path("log").path("entries");
        if (!entries.isArray()) {
            throw new FlowFileException("not a HAR file: no log.entries array", -1);
        }
        List<HttpFlow> flows = new ArrayList<>();
        int i = 0;
        for (JsonNode entry : entries) {
            try {
                flows.add(flow(entry));
            } catch (RuntimeException e) {
                throw new FlowFileException("HAR entry " + i + " is invalid: " + e.getMessage(),
                        -1, e);
            }
            i++;
        }
        return flows;
    }

    static HttpFlow flow(JsonNode entry) {
        Instant start = started(entry.path("startedDateTime").asText());
        long micros = Math.round(entry.path("time").asDouble(0) * 1000);
        Instant end = start.plus(Duration.ofNanos(micros * 1000));
        JsonNode req = entry.path("request");
        JsonNode resp = entry.path("response");
        String url = required(req, "url");
        int port = url.startsWith("http://") ? 80 : 443;
        ClientConnection client = new ClientConnection(new InetSocketAddress("127.0.0.1", 0),
                new InetSocketAddress("127.0.0.1", 0));
        client.timestampStart(start);
        client.timestampEnd(end);
        String serverIp = entry.path("serverIPAddress").asText("");
        ServerConnection server = new ServerConnection(serverIp.isEmpty() ? null
                : InetSocketAddress.createUnresolved(serverIp, port));
        Headers requestHeaders = headers(req.path("headers"));
        String lengthName = lengthName(requestHeaders);
        Request request = Request.make(required(req, "method"), url, new byte[0],
                requestHeaders);
        JsonNode post = req.path("postData");
        if (post.has("text")) {
            request.text(post.path("text").asText());
        }
        request.decode(false);
        restoreLengthName(request, lengthName);
        request.timestampStart(start);
        request.timestampEnd(end);
        request.httpVersion(version(req.path("httpVersion").asText("")));
        HttpFlow flow = new HttpFlow(client, server, request, false);
        flow.response(response(resp, start, end));
        flow.timestampCreated(start);
        return flow;
    }

    private static Response response(JsonNode resp, Instant start, Instant end) {
        int status = resp.path("status").asInt(0);
        Response r = Response.builder().statusCode(status).httpVersion(
                version(resp.path("httpVersion").asText(""))).headers(headers(
                resp.path("headers"))).timestampStart(start).timestampEnd(end).build();
        r.reason(null);
        JsonNode content = resp.path("content");
        String text = content.path("text").asText("");
        byte[] body;
        if ("base64".equals(content.path("encoding").asText(""))) {
            body = Base64.getMimeDecoder().decode(text);
        } else {
            Response scratch = Response.builder().headers(r.headers().copy()).build();
            scratch.headers().remove("content-encoding");
            scratch.text(text); // the charset of Content-Type, as mitmproxy infers it
            body = scratch.rawContent();
        }
        r.headers().remove("content-encoding");
        r.rawContent(body);
        // What mitmproxy's import leaves behind: a length for every non-empty body that is
        // not chunked, under the existing header's name or "content-length".
        if (body.length > 0 && !r.headers().contains("transfer-encoding")) {
            String name = lengthName(r.headers());
            if (r.headers().contains(name)) {
                r.headers().set(name, Integer.toString(body.length));
            } else {
                r.headers().add(name, Integer.toString(body.length));
            }
        }
        return r;
    }

    private static String lengthName(Headers headers) {
        for (Headers.Field f : headers) {
            if (f.name().equalsIgnoreCase("content-length")) {
                return f.name();
            }
        }
        return "content-length";
    }

    /**
     * The model names a Content-Length it adds "Content-Length"; mitmproxy keeps the name of
     * an existing one and adds "content-length". Keeps the imported headers identical to
     * mitmproxy's.
     */
    private static void restoreLengthName(dev.mitm4j.http.Message m, String name) {
        Headers fixed = new Headers();
        for (Headers.Field f : m.headers()) {
            fixed.add(f.name().equalsIgnoreCase("content-length") ? name : f.name(), f.value());
        }
        m.headers(fixed);
    }

    private static Headers headers(JsonNode list) {
        Headers h = new Headers();
        for (JsonNode field : list) {
            if (field.isArray()) {
                h.add(latin1(field.path(0).asText()), latin1(field.path(1).asText()));
            } else {
                h.add(latin1(field.path("name").asText()), latin1(field.path("value").asText()));
            }
        }
        return h;
    }

    /** Header text as UTF-8 bytes, one char per byte (the model's convention). */
    private static String latin1(String s) {
        return new String(s.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static String version(String har) {
        return switch (har) {
            case "http/2.0", "HTTP/2" -> "HTTP/2";
            case "HTTP/3" -> "HTTP/3";
            default -> "HTTP/1.1";
        };
    }

    private static Instant started(String iso) {
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("startedDateTime is not ISO 8601: " + iso, e);
        }
    }

    private static String required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("request." + field + " is missing");
        }
        return v.asText();
    }
}
