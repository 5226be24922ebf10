package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** curl as the client, as users run it: {@code curl -x}. */
class CurlTest {

    static String curl(List<String> args) throws Exception {
        Process process = new ProcessBuilder(args).redirectErrorStream(false).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("curl did not finish");
        }
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "curl failed: " + err);
        return out;
    }

    @Test
    void curlThroughTheProxy() throws Exception {
        try (MockWebServer server = new MockWebServer();
                ProxyServer proxy = TestProxies.start(TestProxies.options(),
                        Addon.onResponse("tag", f -> f.response().headers().set("X-Mitm", "1")))) {
            server.start();
            server.enqueue(new MockResponse.Builder().body("one").build());
            server.enqueue(new MockResponse.Builder().body("two").build());
            String url = "http://127.0.0.1:" + server.getPort();
            String out = curl(List.of("curl", "-s", "-i", "--noproxy", "", "-x",
                    "http://127.0.0.1:" + proxy.port(), url + "/1", url + "/2"));
            assertEquals(true, out.contains("X-Mitm: 1"), out);
            assertEquals(true, out.endsWith("one") || out.contains("one"), out);
            assertEquals(true, out.endsWith("two"), out);
            assertEquals(0, server.takeRequest().getConnectionIndex());
            assertEquals(0, server.takeRequest().getConnectionIndex());
        }
    }
}
