package dev.mitm4j.core.tls;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.Options;
import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.tls.CaTrust;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
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

    /**
     * CONNECTs through the proxy at {@code proxyPort} to 127.0.0.1:{@code targetPort}, then
     * handshakes with {@code sni} (sent even when it has no dot, which the JDK would drop)
     * trusting only {@code ca}. {@return the TLS socket; closing it closes the tunnel}
     */
    static SSLSocket tlsToIp(int proxyPort, int targetPort, String sni, X509Certificate ca)
            throws Exception {
        String target = "127.0.0.1:" + targetPort;
        Socket raw = new Socket("127.0.0.1", proxyPort);
        raw.setSoTimeout(20_000);
        raw.getOutputStream().write(("CONNECT " + target + " HTTP/1.1\r\nHost: " + target
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        String head = readUntil(raw.getInputStream(), "\r\n\r\n");
        if (!head.startsWith("HTTP/1.1 200")) {
            raw.close();
            throw new AssertionError("CONNECT refused: " + head);
        }
        SSLSocket tls = (SSLSocket) CaTrust.sslContext(ca).getSocketFactory()
                .createSocket(raw, sni, targetPort, true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(sni)));
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return tls;
    }
}
