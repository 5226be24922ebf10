package dev.mitm4j.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.Options;
import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.http.HttpFlow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recorded requests are sent again to a loopback server, through a proxy's addons; copies carry
 * the new responses. The addon replays the {@code client_replay} files when the server starts.
 */
class ClientPlaybackTest {
    @Test
    void replaysEachRequestAndMarksTheCopies() throws Exception {
        try (LoopbackUpstream upstream = new LoopbackUpstream()) {
            String url = "http://127.0.0.1:" + upstream.port() + "/x";
            HttpFlow a = ServerPlaybackTest.recorded("GET", url, "", 500, "old");
            HttpFlow b = ServerPlaybackTest.recorded("POST", url, "body", 500, "old");
            for (int concurrency : new int[] {1, -1}) {
                List<HttpFlow> out = ClientPlayback.replay(List.of(a, b), concurrency);
                assertEquals(2, out.size());
                for (HttpFlow f : out) {
                    assertNull(f.error());
                    assertEquals(200, f.response().statusCode());
                    assertEquals("request", f.isReplay());
                    assertEquals(true, new String(f.response().rawContent(),
                            StandardCharsets.US_ASCII).startsWith("hello "));
                }
            }
            assertEquals(4, upstream.connections());
            assertEquals(500, a.response().statusCode(), "the originals are untouched");
        }
    }

    @Test
    void theAddonReplaysTheOptionsFilesInOrderOnceTheServerRuns(@TempDir Path dir)
            throws Exception {
        try (MockWebServer upstream = new MockWebServer()) {
            for (int i = 1; i <= 3; i++) {
                upstream.enqueue(new MockResponse.Builder().body("fresh " + i).build());
            }
            upstream.start(InetAddress.getLoopbackAddress(), 0);
            Path first = write(dir.resolve("first.mitm"), upstream.url("/1").toString(),
                    upstream.url("/2").toString());
            Path second = write(dir.resolve("second.mitm"), upstream.url("/3").toString());
            List<String> events = new CopyOnWriteArrayList<>();
            Addon recorder = new Addon() {
                @Override public void running() { events.add("running"); }
                @Override public void request(HttpFlow f) {
                    events.add("request " + f.request().path() + " " + f.isReplay());
                }
                @Override public void response(HttpFlow f) {
                    events.add("response " + f.response().text());
                }
            };
            ClientPlayback playback = new ClientPlayback();
            Options options = Options.builder().set("listen_port", "0")
                    .add("client_replay", first.toString())
                    .add("client_replay", second.toString()).build();
            try (ProxyServer proxy = ProxyServer.builder().options(options).addon(playback)
                    .addon(recorder).build().start()) {
                List<HttpFlow> out = playback.replayed().get(20, TimeUnit.SECONDS);
                assertEquals(List.of("fresh 1", "fresh 2", "fresh 3"),
                        out.stream().map(f -> f.response().text()).toList());
                assertTrue(proxy.port() > 0, "the proxy serves meanwhile");
            }
            assertEquals(List.of("running", "request /1 request", "response fresh 1",
                    "request /2 request", "response fresh 2", "request /3 request",
                    "response fresh 3"), events);
        }
    }

    @Test
    void anUnreadableFileFailsStartNamingItWithNothingListening(@TempDir Path dir)
            throws Exception {
        Path damaged = Files.writeString(dir.resolve("damaged.mitm"), "not a flow file");
        Path missing = dir.resolve("missing.mitm");
        for (Path file : List.of(missing, damaged)) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            ClientPlayback playback = new ClientPlayback();
            ProxyServer proxy = ProxyServer.builder().options(Options.builder()
                    .set("listen_port", Integer.toString(port))
                    .add("client_replay", file.toString()).build()).addon(playback).build();
            UncheckedIOException e = assertThrows(UncheckedIOException.class, proxy::start);
            assertTrue(e.getMessage().startsWith("cannot read client_replay file " + file
                    + ": "), e.getMessage());
            assertThrows(IllegalStateException.class, proxy::addresses, "not running");
            try (ServerSocket again = new ServerSocket(port, 1,
                    InetAddress.getLoopbackAddress())) {
                assertEquals(port, again.getLocalPort(), "nothing listens on the port");
            }
            assertFalse(playback.replayed().isDone(), "nothing replayed");
            proxy.close();
        }
        IOException e = assertThrows(IOException.class,
                () -> ClientPlayback.read(List.of(missing.toString())));
        assertEquals("cannot read client_replay file " + missing + ": no such file",
                e.getMessage());
        e = assertThrows(IOException.class, () -> ClientPlayback.read(List.of(damaged.toString())));
        assertTrue(e.getCause() instanceof FlowFileException, "the damage is the cause");
    }

    @Test
    void replayFilesAddsFilesToARunningProxy(@TempDir Path dir) throws Exception {
        try (MockWebServer upstream = new MockWebServer()) {
            upstream.enqueue(new MockResponse.Builder().body("later").build());
            upstream.start(InetAddress.getLoopbackAddress(), 0);
            Path file = write(dir.resolve("later.mitm"), upstream.url("/later").toString());
            try (ProxyServer proxy = ProxyServer.builder().options(Options.builder()
                    .set("server", "false").build()).addon(new ClientPlayback()).build()
                    .start()) {
                List<HttpFlow> out = ClientPlayback.replayFiles(proxy.master(),
                        List.of(file.toString())).get(20, TimeUnit.SECONDS);
                assertEquals("later", out.get(0).response().text());
            }
        }
    }

    private static Path write(Path file, String... urls) throws IOException {
        try (FlowWriter w = FlowWriter.open(file, false, FlowWriter.CURRENT_VERSION)) {
            for (String url : urls) {
                w.add(ServerPlaybackTest.recorded("GET", url, "", 500, "old"));
            }
        }
        return file;
    }

    @Test
    void anUnreachableServerBecomesTheFlowsError() throws Exception {
        int port;
        try (LoopbackUpstream closed = new LoopbackUpstream()) {
            port = closed.port();
        }
        HttpFlow f = ServerPlaybackTest.recorded("GET", "http://127.0.0.1:" + port + "/", "",
                200, "x");
        HttpFlow out = ClientPlayback.replay(List.of(f), 1).get(0);
        assertNotNull(out.error());
        assertNull(out.response());
        assertThrows(IllegalArgumentException.class, () -> ClientPlayback.replay(List.of(), 2));
    }
}
