package dev.mitm4j.examples.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mitm4j.core.Options;
import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.replay.ServerPlayback;
import dev.mitm4j.testkit.MitmProxy;
import dev.mitm4j.testkit.RecordedFlows;
import dev.mitm4j.testkit.WithMitmProxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Server replay of a recorded file, offline: record real traffic once through the proxy, save it
 * in mitmproxy's flow format, then let a proxy with {@code server_replay} answer the same requests
 * from the file while the origin is gone. This is how one runs client tests against a backend that
 * is slow, flaky or unreachable from CI (mitmproxy's {@code mitmdump -S recorded.mitm}).
 */
class ServerReplayExampleTest {

    @TempDir
    Path dir;

    @Test
    @WithMitmProxy
    void recordedResponsesAreServedWithoutTheOrigin(MitmProxy recorder, RecordedFlows recorded)
            throws Exception {
        // 1. Record: the client talks to a live (MockWebServer) origin through the proxy.
        List<URI> urls;
        List<String> live;
        try (MockWebServer origin = new MockWebServer()) {
            origin.enqueue(new MockResponse.Builder().body("{\"user\":\"ada\"}").build());
            origin.enqueue(new MockResponse.Builder().code(404).body("no such order").build());
            origin.start(InetAddress.getLoopbackAddress(), 0);
            urls = List.of(origin.url("/users/1").uri(), origin.url("/orders/7").uri());
            live = List.of(get(recorder.httpClient(), urls.get(0)),
                    get(recorder.httpClient(), urls.get(1)));
        } // the origin is shut down here
        Path file = dir.resolve("recorded.mitm");
        recorded.save(file); // mitmproxy's flow format: `mitmdump -nr recorded.mitm` reads it

        // 2. Replay: a new proxy answers from the file; nothing listens at the origin any more.
        Options options = Options.builder()
                .set("listen_host", "127.0.0.1").set("listen_port", "0")
                .set("server_replay", file.toString())
                .build();
        RecordedFlows replayed = new RecordedFlows(10);
        try (ProxyServer replayer = ProxyServer.builder().options(options)
                .addon(new ServerPlayback()) // serves the `server_replay` files
                .addon(replayed.addon())
                .build().start()) {
            InetSocketAddress proxy = new InetSocketAddress("127.0.0.1", replayer.port());
            HttpClient client = HttpClient.newBuilder().proxy(ProxySelector.of(proxy)).build();

            assertEquals(live.get(0), get(client, urls.get(0)));
            assertEquals(live.get(1), get(client, urls.get(1)));
        }
        assertEquals(List.of("response", "response"),
                replayed.all().stream().map(HttpFlow::isReplay).toList());
    }

    /** {@return "status body" of a GET, enough to compare live and replayed answers} */
    private static String get(HttpClient client, URI url) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(url).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}
