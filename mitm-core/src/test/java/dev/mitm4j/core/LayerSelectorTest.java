package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.spi.Context;
import dev.mitm4j.core.spi.Destination;
import dev.mitm4j.core.spi.FlowInProgress;
import dev.mitm4j.core.spi.Hook;
import dev.mitm4j.core.spi.Layer;
import dev.mitm4j.core.spi.LayerChain;
import dev.mitm4j.core.spi.LayerSelector;
import dev.mitm4j.core.spi.RootContext;
import dev.mitm4j.core.spi.UpstreamConnection;
import dev.mitm4j.http.Flow;
import dev.mitm4j.http.TcpFlow;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.BufferedSink;
import okio.BufferedSource;
import okio.ByteString;
import org.junit.jupiter.api.Test;

/**
 * Protocols added with {@link ProxyServer.Builder#layerSelector}: chosen by the client's first
 * bytes before the proxy's own choice, built only on the SPI, over real sockets.
 */
class LayerSelectorTest {

    /** The custom protocol's own event, for addons that know it. */
    interface ShoutAddon extends Addon {
        void shouted(String line);
    }

    static final Hook<String> SHOUTED = Hook.of("shouted",
            (addon, line) -> {
                if (addon instanceof ShoutAddon shout) {
                    shout.shouted(line);
                }
            });

    /**
     * "SHOUT [host:port]\n", then lines: each goes upper-cased to the server (the one named,
     * else the context's), and the server's answer line comes back. Uses only the SPI.
     */
    static final class ShoutLayer implements Layer {
        @Override
        public void handle(LayerChain chain) throws IOException {
            Context context = chain.context();
            RootContext root = context.root();
            BufferedSource in = context.clientSource();
            BufferedSink out = context.clientSink();
            String greeting = in.readUtf8LineStrict(64);
            int space = greeting.indexOf(' ');
            String address = space < 0 ? "" : greeting.substring(space + 1);
            try (UpstreamConnection server = server(context, address)) {
                TcpFlow flow = new TcpFlow(root.client(), server.server());
                try (FlowInProgress live = root.inProgress(flow)) {
                    String line;
                    while ((line = in.readUtf8Line()) != null) {
                        root.fire(SHOUTED, line);
                        server.sink().writeUtf8(line.toUpperCase(Locale.ROOT) + "\n").flush();
                        out.writeUtf8(server.source().readUtf8LineStrict() + "\n").flush();
                        root.active();
                    }
                }
            }
        }

        private static UpstreamConnection server(Context context, String address)
                throws IOException {
            if (address.isEmpty()) {
                UpstreamConnection preopened = context.get(Context.UPSTREAM);
                return preopened != null ? preopened : context.root().connect(
                        context.require(Context.DESTINATION), UpstreamConnection.Transport.TCP);
            }
            int colon = address.lastIndexOf(':');
            return context.root().connect(new Destination(address.substring(0, colon),
                    Integer.parseInt(address.substring(colon + 1))),
                    UpstreamConnection.Transport.TCP);
        }
    }

    /** Selects a layer when the first bytes start with {@code prefix}; records what it saw. */
    static final class PrefixSelector implements LayerSelector {
        private final String prefix;
        private final Layer layer;
        final List<String> seen = new CopyOnWriteArrayList<>();

        PrefixSelector(String prefix, Layer layer) {
            this.prefix = prefix;
            this.layer = layer;
        }

        @Override
        public int bytesToIdentify() {
            return prefix.length();
        }

        @Override
        public Support supports(Context context, ByteString firstBytes) {
            String bytes = firstBytes.utf8();
            seen.add(bytes);
            int n = Math.min(bytes.length(), prefix.length());
            if (!bytes.substring(0, n).equals(prefix.substring(0, n))) {
                return Support.UNSUPPORTED;
            }
            return n < prefix.length() ? Support.UNKNOWN : Support.SUPPORTED;
        }

        @Override
        public Layer create(Context context) {
            return layer;
        }

        @Override
        public String toString() {
            return "prefix(" + prefix + ")";
        }
    }

    /** "ROUTE host:port\n" sends what follows to that server, through the proxy's own layers. */
    static final class RouteLayer implements Layer {
        @Override
        public void handle(LayerChain chain) throws IOException {
            String address = chain.context().clientSource().readUtf8LineStrict(64).substring(6);
            int colon = address.lastIndexOf(':');
            chain.proceed(chain.context().with(Context.DESTINATION, new Destination(
                    address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)))));
        }
    }

    private static ProxyServer start(RecordingAddon recorder, LayerSelector... selectors) {
        ProxyServer.Builder builder = ProxyServer.builder().options(TestProxies.options())
                .addon(recorder);
        for (LayerSelector selector : selectors) {
            builder.layerSelector(selector);
        }
        return builder.build().start();
    }

    @Test
    void aRegisteredProtocolIsServedBesideHttpOnTheSamePort() throws Exception {
        List<String> shouted = new CopyOnWriteArrayList<>();
        RecordingAddon recorder = new ShoutRecorder(shouted);
        try (EchoServer echo = new EchoServer();
                MockWebServer web = started(new MockWebServer());
                ProxyServer proxy = start(recorder,
                        new PrefixSelector("SHOUT", new ShoutLayer()))) {
            try (RawClient client = new RawClient(proxy.port())) {
                client.send("SHOUT 127.0.0.1:" + echo.port() + "\nhello\n");
                assertEquals("HELLO\n", client.readUntil("\n"));
                client.send("again\n");
                assertEquals("AGAIN\n", client.readUntil("\n"));
            }
            assertEquals(List.of("load", "configure", "running", "client_connected",
                    "next_layer", "server_connect", "server_connected", "shouted", "shouted",
                    "server_disconnected", "client_disconnected"), recorder.awaitDisconnects());
            web.enqueue(new MockResponse.Builder().body("plain http").build());
            HttpResponse<String> response = TestProxies.get(TestProxies.client(proxy.port()),
                    web.url("/").toString());
            assertEquals("plain http", response.body());
        }
        assertEquals(List.of("hello", "again"), shouted);
    }

    @Test
    void aFlowOfACustomLayerIsLiveAndCanBeKilled() throws Exception {
        try (EchoServer echo = new EchoServer();
                ProxyServer proxy = start(new RecordingAddon(),
                        new PrefixSelector("SHOUT", new ShoutLayer()));
                RawClient client = new RawClient(proxy.port())) {
            client.send("SHOUT 127.0.0.1:" + echo.port() + "\nhello\n");
            assertEquals("HELLO\n", client.readUntil("\n"));
            List<Flow> live = proxy.master().flows();
            assertEquals(1, live.size(), live.toString());
            assertTrue(live.get(0) instanceof TcpFlow, live.toString());
            proxy.master().kill(live.get(0));
            assertEquals("", client.readAll());
        }
    }

    @Test
    void aLayerThatProceedsHandsTheRestToTheProxysOwnLayers() throws Exception {
        try (MockWebServer web = started(new MockWebServer());
                ProxyServer proxy = start(new RecordingAddon(),
                        new PrefixSelector("ROUTE ", new RouteLayer()));
                RawClient client = new RawClient(proxy.port())) {
            web.enqueue(new MockResponse.Builder().body("routed").build());
            String response = client.send("ROUTE 127.0.0.1:" + web.getPort() + "\n"
                    + "GET /x HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n")
                    .readAll();
            assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
            assertTrue(response.endsWith("routed"), response);
            RecordedRequest request = web.takeRequest();
            assertEquals("/x", request.getTarget());
        }
    }

    @Test
    void anEarlierSelectorThatNeedsMoreBytesIsWaitedFor() throws Exception {
        PrefixSelector longer = new PrefixSelector("SHOUTING", new ShoutLayer());
        PrefixSelector route = new PrefixSelector("S", new RouteLayer());
        try (EchoServer echo = new EchoServer();
                ProxyServer proxy = start(new RecordingAddon(), longer, route);
                RawClient client = new RawClient(proxy.port())) {
            client.send("SHOU");
            awaitSeen(longer, "SHOU");
            client.send("TING 127.0.0.1:" + echo.port() + "\nquiet\n");
            assertEquals("QUIET\n", client.readUntil("\n"));
        }
        assertEquals("SHOU", longer.seen.get(0));
        assertTrue(longer.seen.getLast().startsWith("SHOUTING"), longer.seen.toString());
    }

    @Test
    void aLaterSelectorWinsWhenEveryEarlierOneRefuses() throws Exception {
        PrefixSelector shout = new PrefixSelector("SHOUT", new ShoutLayer());
        try (MockWebServer web = started(new MockWebServer());
                ProxyServer proxy = start(new RecordingAddon(), shout,
                        new PrefixSelector("ROUTE ", new RouteLayer()));
                RawClient client = new RawClient(proxy.port())) {
            web.enqueue(new MockResponse.Builder().body("second").build());
            String response = client.send("ROUTE 127.0.0.1:" + web.getPort() + "\n"
                    + "GET / HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n")
                    .readAll();
            assertTrue(response.endsWith("second"), response);
        }
        assertTrue(shout.seen.get(0).startsWith("ROUTE"), shout.seen.toString());
    }

    @Test
    void selectorsAreAskedAgainInsideATunnel() throws Exception {
        PrefixSelector shout = new PrefixSelector("SHOUT", new ShoutLayer());
        try (EchoServer echo = new EchoServer();
                ProxyServer proxy = start(new RecordingAddon(), shout);
                RawClient client = new RawClient(proxy.port())) {
            String authority = "127.0.0.1:" + echo.port();
            client.send("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n");
            assertTrue(client.readUntil("\r\n\r\n").startsWith("HTTP/1.1 200"));
            client.send("SHOUT\ninside\n");
            assertEquals("INSIDE\n", client.readUntil("\n"));
        }
        assertTrue(shout.seen.get(0).startsWith("CONNECT"), shout.seen.toString());
        assertTrue(shout.seen.getLast().startsWith("SHOUT"), shout.seen.toString());
    }

    @Test
    void undecidedSelectorsLeaveTheChoiceToTheProxy() throws Exception {
        PrefixSelector undecided = new PrefixSelector("GET /shout", new ShoutLayer());
        try (MockWebServer web = started(new MockWebServer());
                ProxyServer proxy = start(new RecordingAddon(), undecided)) {
            web.enqueue(new MockResponse.Builder().body("built-in").build());
            HttpResponse<String> response = TestProxies.get(TestProxies.client(proxy.port()),
                    web.url("/").toString());
            assertEquals("built-in", response.body());
        }
        assertTrue(undecided.seen.size() >= 1, undecided.seen.toString());
    }

    @Test
    void aSelectorMustWantAtLeastOneByte() {
        LayerSelector none = new PrefixSelector("", chain -> { });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProxyServer.builder().options(TestProxies.options()).layerSelector(none)
                        .build());
        assertEquals("layer selector prefix() must identify with at least 1 byte: 0",
                e.getMessage());
    }

    private static MockWebServer started(MockWebServer server) throws IOException {
        server.start();
        return server;
    }

    private static void awaitSeen(PrefixSelector selector, String bytes)
            throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!selector.seen.contains(bytes)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("never asked with " + bytes + ": " + selector.seen);
            }
            Thread.sleep(5);
        }
    }

    /** A recorder that also knows the custom protocol's event. */
    static final class ShoutRecorder extends RecordingAddon implements ShoutAddon {
        private final List<String> shouted;

        ShoutRecorder(List<String> shouted) {
            this.shouted = shouted;
        }

        @Override
        public void shouted(String line) {
            events.add("shouted");
            shouted.add(line);
        }
    }
}
