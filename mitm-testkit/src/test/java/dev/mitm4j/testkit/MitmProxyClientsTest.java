package dev.mitm4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.HttpFlow;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The annotation used directly, as users will: clients configured by {@link MitmProxy}. */
@WithMitmProxy(options = "ssl_insecure=true")
class MitmProxyClientsTest {

    @Test
    void describesWhereItListens(MitmProxy proxy) {
        assertEquals(new InetSocketAddress("127.0.0.1", proxy.port()), proxy.address());
        assertEquals("127.0.0.1:" + proxy.port(), proxy.hostPort());
        assertEquals(List.of(java.net.Proxy.Type.HTTP), proxy.proxySelector()
                .select(URI.create("http://example.invalid/")).stream().map(p -> p.type())
                .toList());
    }

    @Test
    void httpClientSpeaksHttpsThroughTheProxyTrustingItsCa(MitmProxy proxy, RecordedFlows flows)
            throws Exception {
        flows.clear();
        try (HttpsUpstream upstream = new HttpsUpstream("over tls")) {
            HttpResponse<String> response = proxy.httpClient().send(
                    HttpRequest.newBuilder(upstream.uri("/secure?q=1"))
                            .header("x-test", "yes").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("over tls", response.body());
        }
        HttpFlow flow = flows.await("~u /secure & ~h x-test", Duration.ofSeconds(5));
        assertEquals("https", flow.request().scheme());
        assertEquals("1", flow.request().query().get("q"));
        assertTrue(proxy.caCertificate().getSubjectX500Principal().getName().contains("mitm"),
                proxy.caCertificate().getSubjectX500Principal().getName());
    }
}
