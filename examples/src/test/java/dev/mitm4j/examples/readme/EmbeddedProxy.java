package dev.mitm4j.examples.readme;

import dev.mitm4j.core.Options;
import dev.mitm4j.core.ProxyServer;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

public final class EmbeddedProxy {
    /** Fetches {@code uri} (http or https) through a proxy that runs for this one request. */
    public static HttpResponse<String> fetch(URI uri) throws Exception {
        try (ProxyServer proxy = ProxyServer.builder()
                .options(Options.builder().listenPort(0)
                        .set("stream_large_bodies", "1m")        // any option, by mitmproxy's name
                        .modifyHeaders("/~q/User-Agent/mitm4j")  // or by a typed method
                        .build())
                .addon(new StampAddon())
                .build()
                .start();
             HttpClient client = HttpClient.newBuilder()
                     .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.port())))
                     .sslContext(proxy.certificateAuthority().sslContext()) // trusts the proxy's CA
                     .build()) {
            // meanwhile proxy.master() lists, intercepts, resumes and kills the flows
            return client.send(HttpRequest.newBuilder(uri).build(), BodyHandlers.ofString());
        }
    }
}
