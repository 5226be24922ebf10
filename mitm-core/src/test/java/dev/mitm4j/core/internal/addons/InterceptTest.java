package dev.mitm4j.core.internal.addons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.FlowMaster;
import dev.mitm4j.core.Options;
import dev.mitm4j.http.Flow;
import dev.mitm4j.http.HttpFlow;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** intercept: matching flows wait for FlowMaster.resume or kill. */
class InterceptTest {
    private final MockWebServer server = new MockWebServer();
    /** Flows seen intercepted by an addon that runs after the built-ins, with their phase. */
    private final BlockingQueue<String> held = new LinkedBlockingQueue<>();
    private final Addon watcher = new Addon() {
        @Override
        public void request(HttpFlow flow) {
            if (flow.intercepted()) {
                held.add("request " + flow.request().path());
            }
        }

        @Override
        public void response(HttpFlow flow) {
            if (flow.intercepted()) {
                held.add("response " + flow.request().path());
            }
        }
    };

    @BeforeEach
    void start() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().body("served " + request.getTarget()).build();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void aMatchingRequestWaitsUntilResumed() throws Exception {
        try (Harness h = Harness.start(Options.builder().intercept("~q & ~u /hold"), watcher)) {
            CompletableFuture<HttpResponse<String>> answer = async(h, "/hold");
            assertEquals("request /hold", held.poll(10, TimeUnit.SECONDS));
            FlowMaster master = h.proxy.master();
            List<Flow> intercepted = master.intercepted();
            assertEquals(1, intercepted.size());
            assertEquals(0, server.getRequestCount(), "nothing went upstream yet");
            assertEquals("served /free", h.get(Harness.url(server, "/free")).body(),
                    "other flows are not held");
            master.resume(intercepted.get(0));
            assertEquals("served /hold", answer.get(10, TimeUnit.SECONDS).body());
        }
    }

    @Test
    void aKilledFlowNeverReachesTheServer() throws Exception {
        try (Harness h = Harness.start(Options.builder().intercept("~q"), watcher)) {
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return h.raw(Harness.rawGet(Harness.url(server, "/doomed")));
                } catch (IOException e) {
                    return e.toString();
                }
            });
            assertEquals("request /doomed", held.poll(10, TimeUnit.SECONDS));
            h.proxy.master().kill(h.proxy.master().intercepted().get(0));
            String got = answer.get(10, TimeUnit.SECONDS);
            assertTrue(got.isEmpty() || got.contains("reset"), got);
            assertTrue(h.proxy.master().intercepted().isEmpty());
        }
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void theResponsePhaseCanBeHeldToo() throws Exception {
        try (Harness h = Harness.start(Options.builder().intercept("~s"), watcher)) {
            CompletableFuture<HttpResponse<String>> answer = async(h, "/late");
            assertEquals("response /late", held.poll(10, TimeUnit.SECONDS));
            assertEquals(1, server.getRequestCount());
            assertTrue(!answer.isDone(), "the client waits");
            h.proxy.master().resume(h.proxy.master().intercepted().get(0));
            assertEquals("served /late", answer.get(10, TimeUnit.SECONDS).body());
        }
    }

    @Test
    void aFlowMatchingInBothPhasesIsHeldAtRequestAndAgainAtResponse() throws Exception {
        try (Harness h = Harness.start(Options.builder().intercept("~u /twice"), watcher)) {
            FlowMaster master = h.proxy.master();
            CompletableFuture<HttpResponse<String>> answer = async(h, "/twice");
            assertEquals("request /twice", held.poll(10, TimeUnit.SECONDS));
            assertEquals(0, server.getRequestCount(), "held before it goes upstream");
            master.resume(master.intercepted().get(0));
            assertEquals("response /twice", held.poll(10, TimeUnit.SECONDS));
            assertEquals(1, server.getRequestCount());
            assertFalse(answer.isDone(), "the client waits for the second resume");
            master.resume(master.intercepted().get(0));
            assertEquals("served /twice", answer.get(10, TimeUnit.SECONDS).body());
        }
    }

    @Test
    void interceptActiveSwitchesHoldingOffAndOnAtRunTime() throws Exception {
        try (Harness h = Harness.start(Options.builder().intercept("~q"), watcher)) {
            FlowMaster master = h.proxy.master();
            assertTrue(master.interceptActive(), "setting a filter turns interception on");
            master.interceptActive(false);
            assertEquals("served /passes", h.get(Harness.url(server, "/passes")).body());
            assertTrue(held.isEmpty(), "nothing was held while switched off");
            master.interceptActive(true);
            CompletableFuture<HttpResponse<String>> answer = async(h, "/held");
            assertEquals("request /held", held.poll(10, TimeUnit.SECONDS));
            master.resume(master.intercepted().get(0));
            assertEquals("served /held", answer.get(10, TimeUnit.SECONDS).body());
        }
    }

    @Test
    void switchingWithoutAnInterceptFilterSaysWhatIsMissing() throws Exception {
        try (Harness h = Harness.start(Options.builder(), watcher)) {
            assertFalse(h.proxy.master().interceptActive());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> h.proxy.master().interceptActive(true));
            assertEquals("no intercept filter is set: set the option intercept=FILTER first",
                    e.getMessage());
        }
    }

    private CompletableFuture<HttpResponse<String>> async(Harness h, String path) {
        return h.client.sendAsync(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(Harness.url(server, path))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
