package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Lifecycle, listening address, and the timeouts every connection has. */
class ProxyServerTest {

    @Test
    void listensOnLoopbackAndReportsTheRealPort() {
        try (ProxyServer proxy = TestProxies.start(TestProxies.options())) {
            assertNotEquals(0, proxy.port());
            assertTrue(proxy.addresses().get(0).getAddress().isLoopbackAddress());
            assertThrows(IllegalStateException.class, proxy::start);
        }
    }

    @Test
    void portIsUnavailableBeforeStart() {
        ProxyServer proxy = ProxyServer.builder().options(TestProxies.options()).build();
        assertThrows(IllegalStateException.class, proxy::port);
        proxy.close();
    }

    @Test
    void transparentModeIsRefusedAtStart() {
        ProxyServer proxy = ProxyServer.builder()
                .options(TestProxies.options("mode", "transparent")).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, proxy::start);
        assertEquals("mode transparent is not implemented", e.getMessage());
    }

    @Test
    void closeEndsLiveConnections() throws Exception {
        RecordingAddon recorder = new RecordingAddon();
        // A request head in progress would get shutdown_timeout to finish (GracefulCloseTest).
        ProxyServer proxy = TestProxies.start(TestProxies.options("shutdown_timeout", "0"),
                recorder);
        try (RawClient client = new RawClient(proxy.port())) {
            client.send("GET http://127.0.0.1:1/ HTTP/1.1\r\n");
            while (!recorder.events.contains("client_connected")) {
                Thread.onSpinWait();
            }
            proxy.close();
            assertEquals("", client.readAll());
        }
        recorder.awaitDisconnects();
    }

    @Test
    void slowRequestHeadIsCutOffByTheHeaderTimeout() throws Exception {
        RecordingAddon recorder = new RecordingAddon();
        try (ProxyServer proxy = ProxyServer.builder().options(TestProxies.options())
                .addon(recorder).headerTimeout(Duration.ofMillis(200)).build().start();
                RawClient client = new RawClient(proxy.port())) {
            client.send("GET http://127.0.0.1:1/ HTTP/1.1\r\nHo");
            assertEquals("", client.readAll());
            recorder.awaitDisconnects();
        }
    }

    @Test
    void idleConnectionIsClosedAfterTcpTimeout() throws Exception {
        RecordingAddon recorder = new RecordingAddon();
        try (ProxyServer proxy = TestProxies.start(TestProxies.options("tcp_timeout", "1"),
                recorder);
                RawClient client = new RawClient(proxy.port())) {
            assertEquals("", client.readAll());
            recorder.awaitDisconnects();
        }
    }
}
