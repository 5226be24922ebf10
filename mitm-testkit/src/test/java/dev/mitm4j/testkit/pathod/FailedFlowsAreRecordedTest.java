package dev.mitm4j.testkit.pathod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.testkit.MitmProxy;
import dev.mitm4j.testkit.RecordedFlows;
import dev.mitm4j.testkit.WithMitmProxy;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The recorder keeps a flow that fails after its response head arrived, with that head and the
 * error, whether the origin hangs up mid-body or stalls until {@code tcp_timeout}.
 */
@WithMitmProxy(options = "tcp_timeout=1")
class FailedFlowsAreRecordedTest {
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
    void aResponseCutOffMidBodyIsRecordedWithItsHeadAndError(MitmProxy proxy,
            RecordedFlows flows) throws Exception {
        send(proxy, "200:b@1k:d300");

        assertHeadAndError(flows.await("~u /p/", Duration.ofSeconds(10)));
    }

    @Test
    void aResponseStalledMidBodyIsRecordedWithItsHeadAndError(MitmProxy proxy,
            RecordedFlows flows) throws Exception {
        send(proxy, "200:b@1k:p300,f");

        assertHeadAndError(flows.await("~u /p/", Duration.ofSeconds(10)));
    }

    private static void assertHeadAndError(HttpFlow flow) {
        assertNotNull(flow.response(), () -> "the response head is kept: " + flow);
        assertEquals(200, flow.response().statusCode());
        assertNotNull(flow.error(), () -> "and the error: " + flow);
    }

    private void send(MitmProxy proxy, String spec) throws InterruptedException {
        try {
            proxy.httpClient().send(HttpRequest.newBuilder(pathod.p(spec))
                    .timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException cutOff) {
            // the client sees the failure too; the flow is what this test is about
        }
    }
}
