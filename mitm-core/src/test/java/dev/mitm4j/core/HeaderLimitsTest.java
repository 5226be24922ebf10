package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP/1 limits are options whose defaults let through what real sites send (hundreds of
 * response fields, large cookies, URLs of tens of kilobytes); over a limit a request gets 400
 * and a response 502, naming the limit.
 */
class HeaderLimitsTest {
    private final MockWebServer server = new MockWebServer();
    private ProxyServer proxy;

    @BeforeEach
    void setUp() throws Exception {
        server.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        server.close();
    }

    @Test
    void aResponseWithAThousandFieldsReachesTheJdkClient() throws Exception {
        proxy = TestProxies.start(TestProxies.options());
        MockResponse.Builder many = new MockResponse.Builder().body("many");
        for (int i = 0; i < 990; i++) {
            many.addHeader("X-Field-" + i, "value " + i);
        }
        server.enqueue(many.build());
        HttpResponse<String> response = TestProxies.get(TestProxies.client(proxy.port()),
                server.url("/many").toString());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("many", response.body());
        assertEquals("value 989", response.headers().firstValue("x-field-989").orElseThrow());
    }

    @Test
    void aRequestWithA60KiBUrlAndA200KiBCookieGoesThroughCurl() throws Exception {
        proxy = TestProxies.start(TestProxies.options());
        server.enqueue(new MockResponse.Builder().body("long").build());
        String query = "q=" + "u".repeat(60 * 1024);
        String cookie = "c=" + "k".repeat(200 * 1024);
        java.nio.file.Path headers = java.nio.file.Files.createTempFile("headers", ".txt");
        try {
            // The cookie comes from a file: a 200 KiB argument is over the kernel's
            // per-argument limit, and curl's -K config lines are shorter still.
            java.nio.file.Files.writeString(headers, "Cookie: " + cookie + "\n");
            String out = CurlTest.curl(List.of("curl", "-s", "--noproxy", "", "-x",
                    "http://127.0.0.1:" + proxy.port(), "-H", "@" + headers, "-w",
                    " %{http_code}", server.url("/long").toString() + "?" + query));
            assertEquals("long 200", out);
        } finally {
            java.nio.file.Files.delete(headers);
        }
        var recorded = server.takeRequest();
        assertEquals("/long?" + query, recorded.getTarget());
        assertEquals(cookie, recorded.getHeaders().get("Cookie"));
    }

    @Test
    void theJdkClientSendsA60KiBUrlThroughTheProxy() throws Exception {
        proxy = TestProxies.start(TestProxies.options());
        server.enqueue(new MockResponse.Builder().body("jdk").build());
        String url = server.url("/j").toString() + "?q=" + "j".repeat(60 * 1024);
        HttpClient client = TestProxies.client(proxy.port());
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("jdk", response.body());
    }

    @Test
    void overTheFieldCountOptionAResponseGets502AndARequest400() throws Exception {
        proxy = TestProxies.start(TestProxies.options("http1_max_header_count", "10"));
        MockResponse.Builder eleven = new MockResponse.Builder();
        for (int i = 0; i < 11; i++) {
            eleven.addHeader("X-F" + i, "v");
        }
        server.enqueue(eleven.build());
        HttpResponse<String> response = TestProxies.get(TestProxies.client(proxy.port()),
                server.url("/").toString());
        assertEquals(502, response.statusCode());
        assertTrue(response.body().contains("more than 10"), response.body());
        try (RawClient raw = new RawClient(proxy.port())) {
            StringBuilder request = new StringBuilder("GET " + server.url("/r") + " HTTP/1.1\r\n");
            for (int i = 0; i < 11; i++) {
                request.append("X-F").append(i).append(": v\r\n");
            }
            String answer = raw.send(request + "\r\n").readAll();
            assertTrue(answer.startsWith("HTTP/1.1 400 Bad Request\r\n"), answer);
        }
    }

    @Test
    void overTheStartLineAndHeaderBlockOptionsARequestGets400() throws Exception {
        proxy = TestProxies.start(TestProxies.options("http1_max_start_line", "1k",
                "http1_max_header_block", "2k"));
        try (RawClient raw = new RawClient(proxy.port())) {
            String answer = raw.send("GET " + server.url("/") + "?" + "a".repeat(1100)
                    + " HTTP/1.1\r\n\r\n").readAll();
            assertTrue(answer.startsWith("HTTP/1.1 400 Bad Request\r\n"), answer);
            assertTrue(answer.contains("request line longer than 1024 bytes"), answer);
        }
        try (RawClient raw = new RawClient(proxy.port())) {
            String answer = raw.send("GET " + server.url("/") + " HTTP/1.1\r\nCookie: "
                    + "b".repeat(2100) + "\r\n\r\n").readAll();
            assertTrue(answer.startsWith("HTTP/1.1 400 Bad Request\r\n"), answer);
            assertTrue(answer.contains("2048"), answer);
        }
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void theLimitOptionsTakeSizesAndRefuseZeroNamingTheOption() {
        Options options = Options.builder().set("http1_max_header_block", "512k")
                .set("http1_max_start_line", "1m").set("http1_max_chunk_size_line", "8192")
                .set("http1_max_header_count", "5000").build();
        assertEquals(512 * 1024, options.http1Limits().maxHeaderBlock());
        assertEquals(1024 * 1024, options.http1Limits().maxStartLine());
        assertEquals(8192, options.http1Limits().maxChunkSizeLine());
        assertEquals(5000, options.http1Limits().maxHeaderCount());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Options.builder().set("http1_max_header_block", "0"));
        assertTrue(e.getMessage().contains("option http1_max_header_block"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Options.builder().set("http1_max_start_line", "4g"));
        assertThrows(IllegalArgumentException.class,
                () -> Options.builder().set("http1_max_header_count", "0"));
        Options defaults = Options.builder().build();
        assertEquals("65536", defaults.valueAsString("http1_max_start_line"));
        assertEquals(1000, defaults.http1Limits().maxHeaderCount());
    }
}
