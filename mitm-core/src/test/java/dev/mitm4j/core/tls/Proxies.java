package dev.mitm4j.core.tls;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.Options;
import dev.mitm4j.core.ProxyServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** Proxies and clients for the TLS tests: a temp confdir always, never ~/.mitmproxy. */
final class Proxies {
    private Proxies() {}

    /** {@return options on 127.0.0.1:0 with {@code confdir}, plus name/value pairs} */
    static Options options(Path confdir, String... nameValues) {
        Options.Builder b = Options.builder().set("listen_port", "0")
                .set("confdir", confdir.toString());
        for (int i = 0; i < nameValues.length; i += 2) {
            if (nameValues[i].endsWith("_hosts")) {
                b.add(nameValues[i], nameValues[i + 1]);
            } else {
                b.set(nameValues[i], nameValues[i + 1]);
            }
        }
        return b.build();
    }

    static ProxyServer start(Options options, Addon... addons) {
        ProxyServer.Builder b = ProxyServer.builder().options(options);
        for (Addon a : addons) {
            b.addon(a);
        }
        return b.build().start();
    }

    /** {@return a JDK client through the proxy on {@code port}, trusting {@code trust}} */
    static HttpClient client(int port, SSLContext trust) {
        return HttpClient.newBuilder()
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", port)))
                .sslContext(trust)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@return what {@code in} sends up to and including {@code end}, or until it closes} */
    static String readUntil(InputStream in, String end) throws IOException {
        StringBuilder text = new StringBuilder();
        while (!text.toString().endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            text.append((char) b);
        }
        return text.toString();
    }
}
