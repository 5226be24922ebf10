package dev.mitm4j.examples.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mitm4j.testkit.MitmProxy;
import dev.mitm4j.testkit.RecordedFlows;
import dev.mitm4j.testkit.WithMitmProxy;
import dev.mitm4j.testkit.pathod.Pathod;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Faults crafted with pathod specs behind the proxy, and a client that must cope with them: it
 * falls back to a default when the upstream drops the connection mid-body, and gives up after
 * its timeout when the upstream stalls forever.
 */
@WithMitmProxy
class PathodFaultExampleTest {
    private final Pathod upstream = Pathod.start();

    @AfterEach
    void stop() {
        upstream.close();
    }

    /** The client under test: a price lookup that answers "unknown" when the backend fails. */
    static String price(HttpClient client, URI uri) throws InterruptedException {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Test
    void aDisconnectMidBodyFallsBackToUnknown(MitmProxy proxy, RecordedFlows flows)
            throws Exception {
        assertEquals("unknown", price(proxy.httpClient(), upstream.p("200:b@10k:d2000")));

        assertNotNull(flows.await("~u /p/", Duration.ofSeconds(10)).error());
        assertEquals("200:b@10240:d2000", upstream.lastLog().response());
    }

    @Test
    void aStalledUpstreamMakesTheClientTimeOut(MitmProxy proxy) {
        URI stalls = upstream.p("200:b'never':p0,f");

        assertThrows(HttpTimeoutException.class, () -> proxy.httpClient().send(
                HttpRequest.newBuilder(stalls).timeout(Duration.ofMillis(500)).build(),
                HttpResponse.BodyHandlers.ofString()));
    }
}
