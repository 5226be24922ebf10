package dev.mitm4j.testkit.pathod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.testkit.MitmProxy;
import dev.mitm4j.testkit.RecordedFlows;
import dev.mitm4j.testkit.WithMitmProxy;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faults crafted by pathod upstream of the proxy, seen by a client and in the flows. */
@WithMitmProxy
class FaultsThroughProxyTest {
    private final Pathod pathod = Pathod.start();

    @BeforeEach
    void fresh(RecordedFlows flows) {
        flows.clear();
    }

    @AfterEach
    void close() {
        pathod.close();
    }

    @Test
    void aDisconnectMidBodyEndsTheFlowWithAnError(MitmProxy proxy, RecordedFlows flows)
            throws Exception {
        Integer status = statusOrNull(proxy, "200:b@1k:d300");

        HttpFlow flow = flows.await("~u /p/", Duration.ofSeconds(10));
        assertNotNull(flow.error(), () -> "expected an error flow, got " + flow);
        assertTrue(status == null || status == 502, "client got " + status);
    }

    @Test
    void aCorruptedStatusLineIsAnError(MitmProxy proxy, RecordedFlows flows) throws Exception {
        Integer status = statusOrNull(proxy, "200:b'ok':i0,'garbage '");

        HttpFlow flow = flows.await("~u /p/", Duration.ofSeconds(10));
        assertNotNull(flow.error(), () -> "expected an error flow, got " + flow);
        assertTrue(status == null || status == 502, "client got " + status);
    }

    @Test
    void aRawBodyDelimitedByCloseArrivesWhole(MitmProxy proxy, RecordedFlows flows)
            throws Exception {
        HttpResponse<String> r = proxy.httpClient().send(HttpRequest.newBuilder(
                pathod.p("200:r:b'until close':da")).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals("until close", r.body());
        HttpFlow flow = flows.await("~u /p/ & ~c 200", Duration.ofSeconds(10));
        assertNull(flow.error());
        assertEquals("until close", flow.response().text());
    }

    @Test
    void pathocSendsCraftedRequestsThroughTheProxy(MitmProxy proxy, RecordedFlows flows)
            throws Exception {
        try (Pathoc pathoc = Pathoc.connect(proxy.address())) {
            List<PathocResponse> responses = pathoc.requests("post:'" + pathod.p("201:b'made'")
                    + "':h'X-Crafted'='1':b'payload':x2");
            assertEquals(2, responses.size());
            assertEquals("made", responses.get(1).bodyText());
        }
        assertEquals("payload", pathod.lastLog().bodyText());
        assertEquals("1", pathod.lastLog().headers().get("X-Crafted"));
        assertEquals(2, flows.matching("~m POST & ~c 201").size());
    }

    private @org.jspecify.annotations.Nullable Integer statusOrNull(MitmProxy proxy, String spec)
            throws InterruptedException {
        try {
            return proxy.httpClient().send(HttpRequest.newBuilder(pathod.p(spec)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException truncated) {
            return null;
        }
    }
}
