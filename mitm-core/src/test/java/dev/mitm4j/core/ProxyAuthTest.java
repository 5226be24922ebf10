package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** proxyauth end to end: 407/401 challenges, credentials stripped, curl --proxy-user. */
class ProxyAuthTest {
    @TempDir Path dir;

    @Test void missingOrWrongCredentialsGet407AndGoodOnesAreStripped() throws Exception {
        try (MockWebServer server = new MockWebServer();
                ProxyServer proxy = TestProxies.start(TestProxies.options("proxyauth",
                        "alice:s3cret"))) {
            server.start();
            server.enqueue(new MockResponse.Builder().body("secret stuff").build());
            HttpClient client = TestProxies.client(proxy.port());
            String url = "http://127.0.0.1:" + server.getPort() + "/x";
            HttpResponse<String> denied = TestProxies.get(client, url);
            assertEquals(407, denied.statusCode());
            assertEquals("Basic realm=\"mitm4j\"",
                    denied.headers().firstValue("Proxy-Authenticate").orElseThrow());
            assertEquals(407, send(client, url, "Proxy-Authorization", basic("alice:wrong"))
                    .statusCode());
            HttpResponse<String> ok = send(client, url, "Proxy-Authorization",
                    basic("alice:s3cret"));
            assertEquals(200, ok.statusCode());
            assertEquals("secret stuff", ok.body());
            RecordedRequest forwarded = server.takeRequest();
            assertNull(forwarded.getHeaders().get("Proxy-Authorization"));
            assertEquals(1, server.getRequestCount(), "refused requests never reach the server");
        }
    }

    @Test void curlProxyUserWithABcryptHtpasswdFile() throws Exception {
        Path htpasswd = dir.resolve("htpasswd");
        Files.write(htpasswd, List.of("carol:" + BCrypt.with(BCrypt.Version.VERSION_2Y)
                .hashToString(5, "pa55".toCharArray())));
        try (MockWebServer server = new MockWebServer();
                ProxyServer proxy = TestProxies.start(TestProxies.options("proxyauth",
                        "@" + htpasswd))) {
            server.start();
            server.enqueue(new MockResponse.Builder().body("one").build());
            server.enqueue(new MockResponse.Builder().body("two").build());
            String url = "http://127.0.0.1:" + server.getPort();
            String out = CurlTest.curl(List.of("curl", "-s", "--noproxy", "", "-x",
                    "http://127.0.0.1:" + proxy.port(), "--proxy-user", "carol:pa55",
                    url + "/1", url + "/2"));
            assertEquals("onetwo", out);
            String denied = CurlTest.curl(List.of("curl", "-s", "-o", "/dev/null", "-w",
                    "%{http_code}", "--noproxy", "", "-x", "http://127.0.0.1:" + proxy.port(),
                    "--proxy-user", "carol:nope", url + "/3"));
            assertEquals("407", denied);
        }
    }

    @Test void reverseModeAnswers401AndStripsAuthorization() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            server.enqueue(new MockResponse.Builder().body("behind").build());
            try (ProxyServer proxy = TestProxies.start(TestProxies.options("mode",
                    "reverse:http://127.0.0.1:" + server.getPort(), "proxyauth", "any"))) {
                HttpClient client = HttpClient.newHttpClient();
                String url = "http://127.0.0.1:" + proxy.port() + "/r";
                HttpResponse<String> denied = TestProxies.get(client, url);
                assertEquals(401, denied.statusCode());
                assertTrue(denied.headers().firstValue("WWW-Authenticate").orElseThrow()
                        .startsWith("Basic"));
                HttpResponse<String> ok = send(client, url, "Authorization", basic("x:y"));
                assertEquals("behind", ok.body());
                assertNull(server.takeRequest().getHeaders().get("Authorization"));
            }
        }
    }

    private static HttpResponse<String> send(HttpClient client, String url, String name,
            String value) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).header(name, value).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(
                userPass.getBytes(StandardCharsets.UTF_8));
    }
}
