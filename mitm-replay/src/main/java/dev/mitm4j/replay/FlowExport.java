package dev.mitm4j.replay;

import dev.mitm4j.http.ContentDecodingException;
import dev.mitm4j.http.Flow;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.Response;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Exports an HTTP flow in the formats of mitmproxy's export addon: a {@code curl} command, an
 * HTTPie command, and raw HTTP/1 bytes of the request, the response or both. Bodies are
 * exported decoded (Content-Encoding undone, leniently). Stateless and thread-safe; the flow is
 * not modified.
 */
public final class FlowExport {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private FlowExport() {}

    /** {@return the request as a curl command, as mitmproxy's {@code export curl}} */
    public static String curl(HttpFlow flow) {
        return curl(flow, false);
    }

    /**
     * {@return the request as a curl command; with {@code preserveOriginalIp}
     * ({@code export_preserve_original_ip}) a {@code --resolve} pins the server address the
     * flow used}
     *
     * @throws IllegalArgumentException when the body is not text
     */
    public static String curl(HttpFlow flow, boolean preserveOriginalIp) {
        Request request = popHeaders(cleanRequest(flow));
        List<String> args = new ArrayList<>(List.of("curl"));
        InetSocketAddress peer = flow.server().peername();
        String serverAddr = peer == null ? null : peer.isUnresolved() ? peer.getHostString()
                : peer.getAddress().getHostAddress();
        if (preserveOriginalIp && serverAddr != null
                && !request.prettyHost().equals(serverAddr)) {
            args.add("--resolve");
            args.add(request.prettyHost() + ":" + request.port() + ":[" + serverAddr + "]");
        }
        for (Headers.Field f : request.headers()) {
            if (f.name().equalsIgnoreCase("accept-encoding")) {
                args.add("--compressed");
            } else {
                args.add("-H");
                args.add(f.name() + ": " + f.value());
            }
        }
        if (!request.method().equals("GET")) {
            args.add("-X");
            args.add(request.method());
        }
        args.add(request.prettyUrl());
        if (hasBody(request)) {
            args.add("-d");
            args.add(bodyForConsole(request));
        }
        return quoteAll(args);
    }

    /** {@return the request as an HTTPie command, as mitmproxy's {@code export httpie}} */
    public static String httpie(HttpFlow flow) {
        Request request = popHeaders(cleanRequest(flow));
        List<String> args = new ArrayList<>(List.of("http", request.method(),
                request.prettyUrl()));
        for (Headers.Field f : request.headers()) {
            args.add(f.name() + ": " + f.value());
        }
        String cmd = quoteAll(args);
        return hasBody(request) ? cmd + " <<< " + quote(bodyForConsole(request)) : cmd;
    }

    /**
     * {@return the request and the response as raw HTTP/1, separated by an empty line; only
     * the one that is present when the other is missing}
     *
     * @throws IllegalArgumentException when neither has a body kept
     */
    public static byte[] raw(HttpFlow flow) {
        boolean req = flow.request().rawContent() != null;
        boolean resp = flow.response() != null && flow.response().rawContent() != null;
        if (req && resp) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(rawRequest(flow));
            out.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(rawResponse(flow));
            return out.toByteArray();
        }
        if (req) {
            return rawRequest(flow);
        }
        if (resp) {
            return rawResponse(flow);
        }
        throw new IllegalArgumentException("Can't export flow with no request or response.");
    }

    /** {@return the request as raw HTTP/1: request line, headers, empty line, decoded body} */
    public static byte[] rawRequest(HttpFlow flow) {
        Request r = cleanRequest(flow);
        if (r.rawContent() == null) {
            throw new IllegalArgumentException("Request content missing.");
        }
        String line;
        if (r.method().equalsIgnoreCase("CONNECT")) {
            line = r.method() + " " + r.authority() + " " + r.httpVersion();
        } else if (!r.authority().isEmpty()) {
            line = r.method() + " " + r.scheme() + "://" + r.authority() + r.path() + " "
                    + r.httpVersion();
        } else {
            line = r.method() + " " + r.path() + " " + r.httpVersion();
        }
        return assemble(line, r.headers(), r.rawContent());
    }

    /** {@return the response as raw HTTP/1: status line, headers, empty line, decoded body} */
    public static byte[] rawResponse(HttpFlow flow) {
        if (flow.response() == null) {
            throw new IllegalArgumentException("Can't export flow with no response.");
        }
        Response r = flow.response().copy();
        r.decode(false);
        if (r.rawContent() == null) {
            throw new IllegalArgumentException("Response content missing.");
        }
        String line = r.httpVersion() + " " + r.statusCode() + " " + r.reason();
        return assemble(line, r.headers(), r.rawContent());
    }

    private static byte[] assemble(String line, Headers headers, byte[] body) {
        StringBuilder head = new StringBuilder(line).append("\r\n");
        for (Headers.Field f : headers) {
            head.append(f.name()).append(": ").append(f.value()).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static Request cleanRequest(Flow flow) {
        if (!(flow instanceof HttpFlow h)) {
            throw new IllegalArgumentException("Can't export flow with no request.");
        }
        Request r = h.request().copy();
        r.decode(false);
        return r;
    }

    /** Headers curl and HTTPie derive themselves. */
    private static Request popHeaders(Request r) {
        r.headers().remove("content-length");
        if (r.host().equals(r.headers().get("host"))) {
            r.headers().remove("host");
        }
        if (r.host().equals(r.headers().get(":authority"))) {
            r.headers().remove(":authority");
        }
        return r;
    }

    private static boolean hasBody(Request r) {
        return r.rawContent() != null && r.rawContent().length > 0;
    }

    private static String bodyForConsole(Request r) {
        String text;
        try {
            text = r.text(true);
        } catch (ContentDecodingException e) {
            throw new IllegalArgumentException("Request content must be valid unicode", e);
        }
        StringBuilder sb = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c < 32) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String quoteAll(List<String> args) {
        List<String> quoted = new ArrayList<>();
        args.forEach(a -> quoted.add(quote(a)));
        return String.join(" ", quoted);
    }

    /** Python's {@code shlex.quote}. */
    static String quote(String s) {
        if (s.isEmpty()) {
            return "''";
        }
        if (SAFE.matcher(s).matches()) {
            return s;
        }
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }
}
