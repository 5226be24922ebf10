package dev.mitm4j.core.internal.addons;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.Options;
import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A proxy on 127.0.0.1:0 with the given options, a JDK client through it, and a guard addon
 * (after the built-ins) that answers 599 instead of letting a request leave loopback, so that a
 * broken block or map never reaches the network. It also records every finished flow.
 */
final class Harness implements AutoCloseable {
    static final int GUARD_STATUS = 599;

    final ProxyServer proxy;
    final HttpClient client;
    final List<HttpFlow> flows = new CopyOnWriteArrayList<>();

    private Harness(ProxyServer proxy) {
        this.proxy = proxy;
        this.client = HttpClient.newBuilder()
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.port())))
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    static Harness start(Options.Builder options, Addon... extra) {
        ProxyServer.Builder b = ProxyServer.builder().options(options.listenPort(0).build());
        b.addon(Addon.onRequest("loopback-guard", Harness::guard));
        for (Addon a : extra) {
            b.addon(a);
        }
        return new Harness(b.build().start());
    }

    static Harness start(Options.Builder options, List<Addon> extra) {
        return start(options, extra.toArray(new Addon[0]));
    }

    private static void guard(HttpFlow flow) {
        String host = flow.request().host();
        boolean loopback = host.equals("127.0.0.1") || host.equals("localhost");
        if (flow.response() == null && flow.error() == null && !loopback) {
            flow.response(Response.make(GUARD_STATUS, "would leave loopback: " + host,
                    new Headers()));
        }
    }

    HttpResponse<String> get(String url, String... headers) throws Exception {
        return send("GET", url, null, headers);
    }

    HttpResponse<String> send(String method, String url, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sends {@code rawRequest} on a new socket and {@return everything the proxy answers until
     * it closes the connection} (the request should say {@code Connection: close}).
     */
    String raw(String rawRequest) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(rawRequest.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** {@return a GET for {@code url} in absolute-form that closes the connection} */
    static String rawGet(String url) {
        String host = URI.create(url).getRawAuthority();
        return "GET " + url + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
    }

    /** {@return {@code http://127.0.0.1:PORT/path} of {@code server}} */
    static String url(MockWebServer server, String path) {
        return "http://127.0.0.1:" + server.getPort() + path;
    }

    /** {@return the next request {@code server} received; fails after 10 s without one} */
    static RecordedRequest take(MockWebServer server) throws InterruptedException {
        RecordedRequest r = server.takeRequest(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("the upstream server received no request");
        }
        return r;
    }

    @Override
    public void close() {
        proxy.close();
    }
}
