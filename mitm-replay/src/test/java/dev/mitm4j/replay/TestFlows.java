package dev.mitm4j.replay;

import dev.mitm4j.http.ClientConnection;
import dev.mitm4j.http.FlowError;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.Response;
import dev.mitm4j.http.ServerConnection;
import dev.mitm4j.http.TcpFlow;
import dev.mitm4j.http.TcpMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Small flows with every kind of field set, timestamps at microsecond precision. */
final class TestFlows {
    static final Instant T0 = Instant.parse("2026-11-23T01:02:03.123456Z");

    private TestFlows() {}

    static HttpFlow http(int i) {
        Request req = Request.builder().method("POST").scheme("http").host("example.com")
                .port(8080).path("/items/" + i + "?q=a%20b").httpVersion("HTTP/1.1")
                .headers(Headers.of("Host", "example.com:8080", "Content-Type",
                        "application/x-www-form-urlencoded", "X-Bytes", "caf\u00e9"))
                .content(("a=1&b=" + i).getBytes(StandardCharsets.US_ASCII))
                .timestampStart(T0.plusMillis(i)).timestampEnd(T0.plusMillis(i + 1)).build();
        ClientConnection client = new ClientConnection(new InetSocketAddress("127.0.0.1", 50000),
                new InetSocketAddress("127.0.0.1", 8080));
        client.timestampStart(T0);
        ServerConnection server = new ServerConnection(
                InetSocketAddress.createUnresolved("example.com", 8080));
        server.peername(new InetSocketAddress("::1", 8080));
        server.timestampStart(T0.plusMillis(2));
        server.timestampTcpSetup(T0.plusMillis(3));
        HttpFlow f = new HttpFlow(client, server, req, false);
        f.response(Response.builder().statusCode(201).reason("Created")
                .headers(Headers.of("Content-Length", "2", "Set-Cookie", "a=b"))
                .content("ok".getBytes(StandardCharsets.US_ASCII))
                .timestampStart(T0.plusMillis(i + 5)).timestampEnd(T0.plusMillis(i + 6))
                .build());
        f.timestampCreated(T0.plusMillis(i));
        f.comment("comment " + i);
        f.marker(i % 2 == 0 ? ":default:" : "");
        f.metadata().put("n", (long) i);
        return f;
    }

    static HttpFlow tlsWithError() {
        HttpFlow f = http(7);
        f.request().scheme("https");
        f.client().tls(true);
        f.client().sni("example.com");
        f.client().alpnOffers(List.of("h2", "http/1.1"));
        f.client().alpn("http/1.1");
        f.client().tlsVersion("TLSv1.3");
        f.client().cipher("TLS_AES_128_GCM_SHA256");
        f.client().timestampTlsSetup(T0.plusMillis(1));
        f.server().via("http://upstream:3128");
        f.response(null);
        f.error(new FlowError("Connection killed.", T0.plusSeconds(1)));
        f.isReplay("request");
        return f;
    }

    static TcpFlow tcp() {
        ClientConnection client = new ClientConnection(new InetSocketAddress("127.0.0.1", 50001),
                null);
        client.timestampStart(T0);
        TcpFlow f = new TcpFlow(client, new ServerConnection(
                InetSocketAddress.createUnresolved("db.local", 5432)), false);
        f.messages().add(new TcpMessage(true, new byte[] {1, 2, 3}, T0.plusMillis(1)));
        f.messages().add(new TcpMessage(false, new byte[] {(byte) 0xff}, T0.plusMillis(2)));
        f.timestampCreated(T0);
        return f;
    }
}
