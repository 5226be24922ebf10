package dev.mitm4j.examples.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.testkit.MitmProxy;
import dev.mitm4j.testkit.RecordedFlows;
import dev.mitm4j.testkit.WithMitmProxy;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

@WithMitmProxy                                   // proxy on 127.0.0.1:<ephemeral>, per-run CA
class ApiClientTest {
    @Test
    void sendsTheToken(MitmProxy proxy, RecordedFlows flows) throws Exception {
        try (MockWebServer api = new MockWebServer()) {           // the origin, on loopback
            api.enqueue(new MockResponse.Builder().body("[]").build());
            api.start(InetAddress.getLoopbackAddress(), 0);
            URI orders = URI.create("http://127.0.0.1:" + api.getPort() + "/orders");
            // your client under test, pointed at proxy.proxySelector() or given proxy.httpClient()
            proxy.httpClient().send(HttpRequest.newBuilder(orders)
                    .header("Authorization", "Bearer t").build(), BodyHandlers.ofString());
        }
        HttpFlow flow = flows.await("~u /orders", Duration.ofSeconds(5));
        assertEquals("Bearer t", flow.request().headers().get("Authorization"));
        assertEquals("[]", flow.response().text());
    }
}
