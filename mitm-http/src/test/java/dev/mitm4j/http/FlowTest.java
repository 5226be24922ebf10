package dev.mitm4j.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Flow fields and flow control (intercept, resume, kill) across threads. */
class FlowTest {
    private static HttpFlow flow() {
        return new HttpFlow(new ClientConnection(), new ServerConnection(),
                Request.make("GET", "http://example.com/"));
    }

    /** Runs awaitResume() on a virtual thread; the future completes with its result. */
    private static CompletableFuture<Boolean> parkedProxyThread(Flow f) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                result.complete(f.awaitResume());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    @Test
    void newFlowsHaveAUuidAndDefaults() {
        HttpFlow f = flow();
        assertEquals(36, f.id().length());
        assertNotEquals(f.id(), flow().id());
        assertEquals("http", f.type());
        assertEquals("tcp", new TcpFlow(new ClientConnection(), new ServerConnection()).type());
        assertFalse(f.intercepted());
        assertFalse(f.marked());
        assertEquals("", f.comment());
        assertNull(f.isReplay());
        assertNull(f.response());
        assertTrue(f.live());
        assertTrue(f.killable());
    }

    @Test
    void markedIsANonEmptyMarker() {
        HttpFlow f = flow();
        f.marked(true);
        assertEquals(Flow.DEFAULT_MARKER, f.marker());
        f.marker("🔴");
        assertTrue(f.marked());
        f.marker("");
        assertFalse(f.marked());
    }

    @Test
    void isReplayAcceptsOnlyMitmproxysValues() {
        HttpFlow f = flow();
        f.isReplay("response");
        assertEquals("response", f.isReplay());
        assertThrows(IllegalArgumentException.class, () -> f.isReplay("both"));
    }

    @Test
    void awaitResumeReturnsAtOnceWhenNotIntercepted() throws Exception {
        assertTrue(flow().awaitResume());
    }

    @Test
    void anInterceptedFlowParksTheProxyUntilResumed() throws Exception {
        HttpFlow f = flow();
        f.intercept();
        CompletableFuture<Boolean> proxy = parkedProxyThread(f);
        assertFalse(f.awaitResume(Duration.ofMillis(20)), "still held");
        assertFalse(proxy.isDone());
        f.resume();
        assertTrue(proxy.get(10, TimeUnit.SECONDS));
        assertFalse(f.intercepted());
    }

    @Test
    void killWakesTheParkedProxyWithFalse() throws Exception {
        HttpFlow f = flow();
        f.intercept();
        CompletableFuture<Boolean> proxy = parkedProxyThread(f);
        f.kill();
        assertFalse(proxy.get(10, TimeUnit.SECONDS));
        assertEquals(FlowError.KILLED_MESSAGE, f.error().msg());
        assertTrue(f.error().isKilled());
        assertFalse(f.intercepted());
        assertFalse(f.live());
        assertFalse(f.killable());
        assertThrows(IllegalStateException.class, f::kill);
    }

    @Test
    void resumeFromAnotherThreadReachesEveryWaiter() throws Exception {
        HttpFlow f = flow();
        f.intercept();
        CompletableFuture<Boolean> first = parkedProxyThread(f);
        CompletableFuture<Boolean> second = parkedProxyThread(f);
        Thread.ofPlatform().start(f::resume).join();
        assertTrue(first.get(10, TimeUnit.SECONDS));
        assertTrue(second.get(10, TimeUnit.SECONDS));
    }

    @Test
    void killListenersRunOnceOnTheKillingThread() throws Exception {
        HttpFlow f = flow();
        List<Thread> ranOn = new CopyOnWriteArrayList<>();
        f.onKill(() -> ranOn.add(Thread.currentThread()));
        Thread killer = Thread.ofPlatform().unstarted(f::kill);
        killer.start();
        killer.join(10_000);
        assertEquals(List.of(killer), ranOn);
    }

    @Test
    void aListenerAddedAfterTheKillRunsAtOnce() {
        HttpFlow f = flow();
        f.kill();
        AtomicInteger runs = new AtomicInteger();
        f.onKill(runs::incrementAndGet);
        assertEquals(1, runs.get());
    }

    @Test
    void anUnregisteredListenerDoesNotRun() {
        HttpFlow f = flow();
        AtomicInteger runs = new AtomicInteger();
        Runnable unregister = f.onKill(runs::incrementAndGet);
        unregister.run();
        f.kill();
        assertEquals(0, runs.get());
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        HttpFlow f = flow();
        AtomicInteger runs = new AtomicInteger();
        f.onKill(() -> {
            throw new IllegalStateException("boom");
        });
        f.onKill(runs::incrementAndGet);
        IllegalStateException e = assertThrows(IllegalStateException.class, f::kill);
        assertEquals("boom", e.getMessage());
        assertEquals(1, runs.get());
        assertTrue(f.error().isKilled());
    }

    @Test
    void aKilledFlowIsNeverHeldAgain() throws Exception {
        HttpFlow f = flow();
        f.kill();
        f.intercept();
        assertFalse(f.intercepted());
        assertFalse(f.awaitResume(), "returns at once: killed");
    }

    @Test
    void flowsThatAreNotLiveCannotBeKilled() {
        HttpFlow f = new HttpFlow(new ClientConnection(), new ServerConnection(),
                Request.make("GET", "http://h/"), false);
        assertFalse(f.killable());
        assertThrows(IllegalStateException.class, f::kill);
    }

    @Test
    void copyHasANewIdAndDeepMessages() {
        HttpFlow f = flow();
        f.response(Response.make(200));
        f.comment("c");
        f.metadata().put("k", 1);
        HttpFlow c = f.copy();
        assertNotEquals(f.id(), c.id());
        assertEquals("c", c.comment());
        assertEquals(1, c.metadata().get("k"));
        c.request().host("other");
        c.response().statusCode(500);
        assertEquals("example.com", f.request().host());
        assertEquals(200, f.response().statusCode());
        assertEquals(f.client().id(), c.client().id());
        assertFalse(c.live());
    }

    @Test
    void timestampStartComesFromTheRequestOrTheClient() {
        HttpFlow f = flow();
        f.request().timestampStart(java.time.Instant.EPOCH);
        assertEquals(java.time.Instant.EPOCH, f.timestampStart());
        ClientConnection client = new ClientConnection();
        client.timestampStart(java.time.Instant.ofEpochSecond(7));
        TcpFlow tcp = new TcpFlow(client, new ServerConnection());
        assertEquals(java.time.Instant.ofEpochSecond(7), tcp.timestampStart());
    }

    @Test
    void tcpFlowsCollectMessagesInOrder() {
        TcpFlow f = new TcpFlow(new ClientConnection(), new ServerConnection());
        TcpMessage m = new TcpMessage(true, new byte[] {1, 2}, java.time.Instant.EPOCH);
        f.messages().add(m);
        assertEquals(List.of(new TcpMessage(true, new byte[] {1, 2}, java.time.Instant.EPOCH)),
                f.messages());
    }
}
