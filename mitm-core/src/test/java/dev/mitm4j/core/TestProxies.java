package dev.mitm4j.core;

import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Small helpers shared by the integration tests: proxies on port 0, clients through them. */
final class TestProxies {
    private TestProxies() {}

    /** {@return options listening on 127.0.0.1:0, plus {@code nameValues} pairs} */
    static Options options(String... nameValues) {
        Options.Builder b = Options.builder().set("listen_port", "0");
        java.util.Map<String, java.util.List<String>> sequences = new java.util.LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            if (nameValues[i].equals("mode") || nameValues[i].endsWith("_hosts")) {
                sequences.computeIfAbsent(nameValues[i], k -> new java.util.ArrayList<>())
                        .add(nameValues[i + 1]);
            } else {
                b.set(nameValues[i], nameValues[i + 1]);
            }
        }
        sequences.forEach(b::setAll);
        return b.build();
    }

    /** {@return a started proxy with {@code options} and {@code addons}} */
    static ProxyServer start(Options options, Addon... addons) {
        ProxyServer.Builder b = ProxyServer.builder().options(options);
        for (Addon a : addons) {
            b.addon(a);
        }
        return b.build().start();
    }

    /** {@return a JDK client that sends everything through 127.0.0.1:{@code port}} */
    static HttpClient client(int port) {
        return HttpClient.newBuilder()
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", port)))
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
