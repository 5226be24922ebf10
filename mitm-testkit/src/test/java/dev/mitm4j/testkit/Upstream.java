package dev.mitm4j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** A loopback origin server answering {@code "hello " + target} to every request. */
final class Upstream implements AutoCloseable {
    private final MockWebServer server = new MockWebServer();

    Upstream() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().body("hello " + request.getTarget()).build();
            }
        });
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri(String path) {
        return server.url(path).uri();
    }

    /** {@return the body of GET {@code path} sent through {@code proxy}'s client} */
    String get(MitmProxy proxy, String path) throws IOException, InterruptedException {
        return proxy.httpClient().send(HttpRequest.newBuilder(uri(path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Override
    public void close() {
        server.close();
    }
}
