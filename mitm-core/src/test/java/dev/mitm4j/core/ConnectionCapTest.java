package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** connection_limit: connections over it are closed at once; slots free up as connections end. */
class ConnectionCapTest {
    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().body("ok").build();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private String get() {
        return "GET " + server.url("/") + " HTTP/1.1\r\nHost: x\r\n\r\n";
    }

    @Test
    void connectionsOverTheLimitAreClosedBeforeAnyByteAndOthersStayServed() throws Exception {
        try (ProxyServer proxy = TestProxies.start(TestProxies.options("connection_limit", "2"));
                RawClient first = new RawClient(proxy.port());
                RawClient second = new RawClient(proxy.port())) {
            assertTrue(first.send(get()).readUntil("\r\n\r\nok").startsWith("HTTP/1.1 200"));
            assertTrue(second.send(get()).readUntil("\r\n\r\nok").startsWith("HTTP/1.1 200"));
            try (RawClient third = new RawClient(proxy.port())) {
                assertEquals("", third.readAll(), "closed at once, without a response");
            }
            assertTrue(first.send(get()).readUntil("\r\n\r\nok").startsWith("HTTP/1.1 200"),
                    "admitted connections are not disturbed");
        }
    }

    @Test
    void aSlotFreesUpWhenAConnectionEnds() throws Exception {
        try (ProxyServer proxy = TestProxies.start(TestProxies.options("connection_limit", "1"))) {
            try (RawClient only = new RawClient(proxy.port())) {
                assertTrue(only.send(get()).readUntil("\r\n\r\nok").startsWith("HTTP/1.1 200"));
            }
            // The proxy sees the close on the connection's own thread, a moment later.
            assertTrue(servedWithin(proxy, TimeUnit.SECONDS.toNanos(10)),
                    "a new connection is served once the first one ended");
        }
    }

    private boolean servedWithin(ProxyServer proxy, long nanos) throws Exception {
        long deadline = System.nanoTime() + nanos;
        while (System.nanoTime() - deadline < 0) {
            try (RawClient client = new RawClient(proxy.port())) {
                String reply = client.send(get()).readUntil("\r\n\r\nok");
                return reply.startsWith("HTTP/1.1 200");
            } catch (IOException refusedWhileTheSlotWasStillTaken) {
                Thread.sleep(20);
            }
        }
        return false;
    }
}
