package dev.mitm4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.ClientConnection;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.ServerConnection;
import java.lang.ref.WeakReference;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The flows in progress belong to their server's registry, from {@link FlowRegistry#start} to
 * {@link LiveFlow#end()}; a finished flow that an addon keeps (a recorder of 100k flows) keeps
 * neither its entry nor its connection's sockets and buffers.
 */
class FlowRegistryTest {
    private final FlowRegistry registry = new FlowRegistry(BodyBudget.of(OptionalLong.empty()));
    private final Threads threads = new Threads(registry);

    @Test
    void aFlowIsListedWhileInProgressAndKillingItClosesItsConnection() throws Exception {
        HttpFlow flow = newFlow();
        try (ServerSocket server = loopback();
                Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
                Socket accepted = server.accept()) {
            Connection connection = new Connection("c1", threads, accepted);
            LiveFlow live = registry.start(flow, connection);
            assertEquals(List.of(flow), registry.live());
            assertSame(live, registry.of(flow));
            assertSame(connection, registry.connectionOf(flow));

            flow.kill();
            assertTrue(connection.isClosed());
            assertEquals(-1, client.getInputStream().read(), "the client sees the end");
            live.end();
            assertEquals(List.of(), registry.live());
        }
    }

    @Test
    void aFinishedFlowDoesNotKeepItsConnectionReachable() throws Exception {
        HttpFlow flow = newFlow();
        WeakReference<Connection> connection = runToTheEnd(flow);

        assertEquals(List.of(), registry.live());
        assertNull(registry.of(flow));
        assertFalse(flow.killable(), "a finished flow is not live");
        assertTrue(collected(connection, Duration.ofSeconds(10)),
                "the finished flow still reaches its connection");
    }

    /** Runs {@code flow} on a connection over a real socket; only a weak reference is left. */
    private WeakReference<Connection> runToTheEnd(HttpFlow flow) throws Exception {
        try (ServerSocket server = loopback();
                Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
                Socket accepted = server.accept()) {
            Connection connection = new Connection("c1", threads, accepted);
            LiveFlow live = registry.start(flow, connection);
            live.end();
            connection.close();
            assertEquals(-1, client.getInputStream().read(), "the client sees the end");
            return new WeakReference<>(connection);
        }
    }

    private static boolean collected(WeakReference<?> ref, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (ref.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(10);
        }
        return ref.get() == null;
    }

    private static HttpFlow newFlow() {
        return new HttpFlow(new ClientConnection(), new ServerConnection(),
                Request.make("GET", "http://example.com/"));
    }

    private static ServerSocket loopback() throws Exception {
        return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }
}
