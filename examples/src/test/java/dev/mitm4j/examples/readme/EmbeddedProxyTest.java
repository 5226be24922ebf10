package dev.mitm4j.examples.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** Runs the README's embedding snippet and its addon against a real origin on loopback. */
class EmbeddedProxyTest {

    @Test
    void theAddonStampsRequestsAndRewritesNotFound() throws Exception {
        try (MockWebServer origin = new MockWebServer()) {
            origin.enqueue(new MockResponse.Builder().code(404).body("no such page").build());
            origin.start(InetAddress.getLoopbackAddress(), 0);

            HttpResponse<String> response = EmbeddedProxy.fetch(
                    URI.create("http://127.0.0.1:" + origin.getPort() + "/missing"));

            assertEquals(404, response.statusCode());
            assertEquals("not here, says mitm4j", response.body());
            RecordedRequest seen = origin.takeRequest();
            assertEquals("mitm4j", seen.getHeaders().get("X-Seen-By"));
            assertEquals("mitm4j", seen.getHeaders().get("User-Agent"), "modify_headers");
        }
    }

    @Test
    void otherResponsesPassUnchanged() throws Exception {
        try (MockWebServer origin = new MockWebServer()) {
            origin.enqueue(new MockResponse.Builder().body("hello").build());
            origin.start(InetAddress.getLoopbackAddress(), 0);

            HttpResponse<String> response = EmbeddedProxy.fetch(
                    URI.create("http://127.0.0.1:" + origin.getPort() + "/"));

            assertEquals(200, response.statusCode());
            assertEquals("hello", response.body());
        }
    }
}
