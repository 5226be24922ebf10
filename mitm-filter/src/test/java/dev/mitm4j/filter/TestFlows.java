package dev.mitm4j.filter;

import dev.mitm4j.http.ClientConnection;
import dev.mitm4j.http.Flow;
import dev.mitm4j.http.FlowError;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.Response;
import dev.mitm4j.http.ServerConnection;
import dev.mitm4j.http.TcpFlow;
import dev.mitm4j.http.TcpMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small catalogue of flows, one per situation the operators distinguish. Built fresh on each
 * call, because flows are mutable.
 *
 * <ul>
 *   <li>{@code http}: GET http://example.com/index.html?page=1, 200 text/html, from
 *       192.168.1.10:50000 to example.com:80 (unresolved).
 *   <li>{@code api}: POST https://api.test.org:8443/v1/upload with JSON, 201 text/css gzipped,
 *       from [::1]:4000 to 10.0.0.1:8443; commented, marked ":star:", metadata, client replay.
 *   <li>{@code pending}: DELETE http://example.com:8080/items/42 without a response, killed,
 *       marked with the default marker, server address unknown.
 *   <li>{@code tcp}: an SMTP-like TCP flow, server replay, with a comment.
 *   <li>{@code other}: a flow of a type the filter does not know ("udp"), with an error.
 * </ul>
 */
final class TestFlows {
    static final String[] NAMES = {"http", "api", "pending", "tcp", "other"};

    private TestFlows() {
    }

    static Map<String, Flow> all() {
        Map<String, Flow> flows = new LinkedHashMap<>();
        flows.put("http", http());
        flows.put("api", api());
        flows.put("pending", pending());
        flows.put("tcp", tcp());
        flows.put("other", other());
        return flows;
    }

    static HttpFlow http() {
        Request request = Request.make("GET", "http://example.com/index.html?page=1");
        request.headers().add("User-Agent", "curl/8.0");
        request.headers().add("Accept", "*/*");
        HttpFlow flow = new HttpFlow(client("192.168.1.10", 50000),
                new ServerConnection(InetSocketAddress.createUnresolved("example.com", 80)),
                request, false);
        flow.response(Response.make(200, bytes("<html><title>Welcome</title></html>"),
                Headers.of("Content-Type", "text/html; charset=utf-8", "Server", "nginx")));
        return flow;
    }

    static HttpFlow api() {
        Request request = Request.make("POST", "https://api.test.org:8443/v1/upload",
                bytes("{\"user\":\"alice\"}"), Headers.of("Content-Type", "application/json"));
        HttpFlow flow = new HttpFlow(client("::1", 4000),
                new ServerConnection(new InetSocketAddress(ip("10.0.0.1"), 8443)), request, false);
        flow.response(Response.make(201, bytes("body { color: red }"),
                Headers.of("Content-Type", "text/css", "Content-Encoding", "gzip")));
        flow.comment("needs review\nsecond line");
        flow.marker(":star:");
        flow.metadata().put("source", "replay-file");
        flow.metadata().put("count", 3);
        flow.isReplay("request");
        return flow;
    }

    static HttpFlow pending() {
        Request request = Request.make("DELETE", "http://example.com:8080/items/42");
        request.headers().add("X-Trace", "abc123");
        HttpFlow flow = new HttpFlow(client("127.0.0.1", 5555), new ServerConnection(), request,
                false);
        flow.error(FlowError.of(FlowError.KILLED_MESSAGE));
        flow.marked(true);
        return flow;
    }

    static TcpFlow tcp() {
        TcpFlow flow = new TcpFlow(client("10.1.1.1", 6000),
                new ServerConnection(InetSocketAddress.createUnresolved("mail.example.net", 25)),
                false);
        flow.messages().add(new TcpMessage(true, bytes("EHLO client.example"), Instant.now()));
        flow.messages().add(
                new TcpMessage(false, bytes("220 mail.example.net ESMTP ready"), Instant.now()));
        flow.isReplay("response");
        flow.comment("tcp note");
        return flow;
    }

    static Flow other() {
        Flow flow = new OtherFlow(client("10.2.2.2", 53000),
                new ServerConnection(InetSocketAddress.createUnresolved("dns.example", 53)));
        flow.metadata().put("proto", "quic");
        flow.error(FlowError.of("timeout"));
        flow.comment("other");
        return flow;
    }

    /** Stands for the flow types the model does not have yet (UDP, DNS). */
    static final class OtherFlow extends Flow {
        OtherFlow(ClientConnection client, ServerConnection server) {
            super("udp", client, server, false);
        }
    }

    static ClientConnection client(String ip, int port) {
        return new ClientConnection(new InetSocketAddress(ip(ip), port), null);
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);     // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
