package dev.mitm4j.examples.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mitm4j.core.Addon;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.testkit.MitmProxy;
import dev.mitm4j.testkit.RecordedFlows;
import dev.mitm4j.testkit.WithMitmProxy;
import java.net.InetAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/**
 * An addon rewrites the origin's response on its way to the client: here it turns on a feature
 * flag that the (MockWebServer) origin keeps off, the way one tests a client against a response
 * the real backend cannot easily be made to send.
 */
@WithMitmProxy(addons = RewriteResponseExampleTest.EnableBeta.class)
class RewriteResponseExampleTest {

    /** Rewrites {@code "beta":false} to {@code "beta":true} in JSON responses. */
    public static final class EnableBeta implements Addon {
        @Override
        public void response(HttpFlow flow) {
            String text = flow.response().text();
            if (text != null) {
                flow.response().text(text.replace("\"beta\":false", "\"beta\":true"));
                flow.response().headers().set("X-Rewritten-By", "EnableBeta");
            }
        }
    }

    @Test
    void theClientSeesTheRewrittenResponse(MitmProxy proxy, RecordedFlows flows)
            throws Exception {
        try (MockWebServer origin = new MockWebServer()) {
            origin.enqueue(new MockResponse.Builder()
                    .setHeader("Content-Type", "application/json")
                    .body("{\"beta\":false}").build());
            origin.start(InetAddress.getLoopbackAddress(), 0);

            HttpResponse<String> response = proxy.httpClient().send(
                    HttpRequest.newBuilder(origin.url("/features").uri()).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals("{\"beta\":true}", response.body());
            assertEquals("EnableBeta", response.headers().firstValue("X-Rewritten-By")
                    .orElseThrow());
            assertEquals("/features", origin.takeRequest().getTarget());
        }
        assertEquals(200, flows.last().response().statusCode());
    }
}
