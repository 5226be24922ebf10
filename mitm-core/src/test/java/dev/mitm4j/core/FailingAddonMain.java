package dev.mitm4j.core;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Run in a JVM of its own by {@link AddonFailureStderrTest}: one request through a proxy whose
 * addon "boom" throws in {@code request}; prints the client's status and body. Argument: the
 * confdir.
 */
final class FailingAddonMain {
    private FailingAddonMain() {}

    public static void main(String[] args) throws Exception {
        ScriptedServer origin = new ScriptedServer(socket -> {
            InputStream in = socket.getInputStream();
            int matched = 0;
            while (matched < 4) { // up to the blank line that ends the request head
                int b = in.read();
                if (b < 0) {
                    return;
                }
                matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n"
                    + "Connection: close\r\n\r\nhello").getBytes(StandardCharsets.US_ASCII));
        });
        Addon boom = Addon.onRequest("boom", flow -> {
            throw new IllegalStateException("kaput");
        });
        try (ProxyServer proxy = TestProxies.start(TestProxies.options("confdir", args[0]),
                boom)) {
            HttpResponse<String> response = TestProxies.get(TestProxies.client(proxy.port()),
                    "http://127.0.0.1:" + origin.port() + "/");
            System.out.println(response.statusCode() + " " + response.body());
        } finally {
            origin.close();
        }
    }
}
