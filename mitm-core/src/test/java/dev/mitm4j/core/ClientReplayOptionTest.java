package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.Flow;
import dev.mitm4j.http.HttpFlow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code client_replay} option at {@link ProxyServer#start()}: a {@link ClientReplaySource}
 * addon reads the files before anything is bound, and their flows are replayed through the
 * addons after {@code running}; without that addon, or with an unreadable file, the server does
 * not start and nothing listens.
 */
class ClientReplayOptionTest {
    private final MockWebServer upstream = new MockWebServer();

    @BeforeEach
    void setUp() throws Exception {
        upstream.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        upstream.close();
    }

    @Test
    void theSourcesFlowsAreReplayedInOrderAfterRunning() throws Exception {
        for (int i = 0; i < 3; i++) {
            upstream.enqueue(new MockResponse.Builder().body("fresh " + i).build());
        }
        List<String> events = new CopyOnWriteArrayList<>();
        FakeSource source = new FakeSource(events, Map.of(
                "a.mitm", List.of(flow("/0"), flow("/1")), "b.mitm", List.of(flow("/2"))));
        Addon recorder = new Addon() {
            @Override public void running() { events.add("running"); }
            @Override public void request(HttpFlow f) {
                events.add("request " + f.request().path() + " " + f.isReplay());
            }
        };
        Options options = Options.builder().set("server", "false")
                .add("client_replay", "a.mitm").add("client_replay", "b.mitm").build();
        try (ProxyServer proxy = TestProxies.start(options, source, recorder)) {
            List<HttpFlow> replayed = source.replayed.get(20, TimeUnit.SECONDS);
            assertEquals(List.of("fresh 0", "fresh 1", "fresh 2"),
                    replayed.stream().map(f -> f.response().text()).toList());
            assertEquals(0, proxy.master().clientReplayCount());
        }
        assertEquals(List.of("flows [a.mitm, b.mitm]", "running", "request /0 request",
                "request /1 request", "request /2 request"), events);
        for (int i = 0; i < 3; i++) {
            assertEquals("/" + i, upstream.takeRequest().getTarget(), "file order upstream");
        }
    }

    @Test
    void concurrencyMinusOneReplaysTheOptionsFlowsAllAtOnce() throws Exception {
        upstream.enqueue(new MockResponse.Builder().body("r").build());
        upstream.enqueue(new MockResponse.Builder().body("r").build());
        CountDownLatch bothArrived = new CountDownLatch(2);
        List<Boolean> sawTheOther = new CopyOnWriteArrayList<>();
        Addon holder = Addon.onRequest("holder", f -> {
            bothArrived.countDown();
            try {
                sawTheOther.add(bothArrived.await(20, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        FakeSource source = new FakeSource(new ArrayList<>(),
                Map.of("x.mitm", List.of(flow("/0"), flow("/1"))));
        Options options = Options.builder().set("server", "false")
                .set("client_replay_concurrency", "-1").add("client_replay", "x.mitm").build();
        try (ProxyServer proxy = TestProxies.start(options, source, holder)) {
            assertEquals(2, source.replayed.get(30, TimeUnit.SECONDS).size());
            assertEquals(0, proxy.master().clientReplayCount());
        }
        assertEquals(List.of(true, true), sawTheOther, "each waited in request for the other");
    }

    @Test
    void theOptionWithoutASourceAddonDoesNotStartAndNamesTheAddon() throws Exception {
        int port = freePort();
        List<String> events = new CopyOnWriteArrayList<>();
        Options options = Options.builder().set("listen_port", Integer.toString(port))
                .add("client_replay", "flows.mitm").build();
        ProxyServer proxy = ProxyServer.builder().options(options)
                .addon(lifecycle(events)).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, proxy::start);
        assertTrue(e.getMessage().contains("client_replay")
                && e.getMessage().contains("dev.mitm4j.replay.ClientPlayback"), e.getMessage());
        assertNothingListensOn(port, proxy);
        proxy.close();
        assertEquals(List.of("done"), events, "no running event; close ends the addons");
    }

    @Test
    void aSourceThatCannotReadAFileFailsStartNamingIt() throws Exception {
        int port = freePort();
        List<String> events = new CopyOnWriteArrayList<>();
        FakeSource source = new FakeSource(events, Map.of());
        Options options = Options.builder().set("listen_port", Integer.toString(port))
                .add("client_replay", "/nowhere/gone.mitm").build();
        ProxyServer proxy = ProxyServer.builder().options(options).addon(source)
                .addon(lifecycle(events)).build();
        UncheckedIOException e = assertThrows(UncheckedIOException.class, proxy::start);
        assertEquals("cannot read client_replay file /nowhere/gone.mitm: no such file",
                e.getMessage());
        assertNothingListensOn(port, proxy);
        proxy.close();
        assertEquals(List.of("flows [/nowhere/gone.mitm]", "done"), events);
        assertTrue(!source.replayed.isDone(), "nothing was replayed");
    }

    @Test
    void aSourceWithTheOptionEmptyGetsAnEmptyReplay() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        FakeSource source = new FakeSource(events, Map.of());
        try (ProxyServer proxy = TestProxies.start(TestProxies.options(), source)) {
            assertEquals(List.of(), source.replayed.getNow(null));
            assertTrue(proxy.port() > 0);
        }
        assertEquals(List.of("flows []"), events);
    }

    private static void assertNothingListensOn(int port, ProxyServer proxy) throws IOException {
        assertThrows(IllegalStateException.class, proxy::addresses, "not running");
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, again.getLocalPort(), "the port is still free");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Addon lifecycle(List<String> events) {
        return new Addon() {
            @Override public void running() { events.add("running"); }
            @Override public void done() { events.add("done"); }
        };
    }

    private HttpFlow flow(String path) {
        return ClientReplayTest.recorded("GET", upstream.url(path).toString(), "");
    }

    /** Flow files by name, in memory; a name it does not know is a missing file. */
    private static final class FakeSource implements Addon, ClientReplaySource {
        final CompletableFuture<List<HttpFlow>> replayed = new CompletableFuture<>();
        private final List<String> events;
        private final Map<String, List<HttpFlow>> files;

        FakeSource(List<String> events, Map<String, List<HttpFlow>> files) {
            this.events = events;
            this.files = files;
        }

        @Override
        public List<Flow> flows(List<String> names) throws IOException {
            events.add("flows " + names);
            List<Flow> out = new ArrayList<>();
            for (String name : names) {
                List<HttpFlow> content = files.get(name);
                if (content == null) {
                    throw new IOException("cannot read client_replay file " + name
                            + ": no such file");
                }
                out.addAll(content);
            }
            return out;
        }

        @Override
        public void replaying(CompletableFuture<List<HttpFlow>> copies) {
            copies.whenComplete((flows, error) -> replayed.complete(flows));
        }
    }
}
