package dev.mitm4j.core;

import dev.mitm4j.core.spi.NextLayer;
import dev.mitm4j.http.ClientConnection;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.ServerConnection;
import dev.mitm4j.http.TcpFlow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Records the name of every event it receives, in order; waits for client disconnects. */
class RecordingAddon implements Addon {
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<HttpFlow> errors = new CopyOnWriteArrayList<>();
    final List<LogEntry> logs = new CopyOnWriteArrayList<>();
    private final CountDownLatch disconnected;

    RecordingAddon() {
        this(1);
    }

    RecordingAddon(int expectedDisconnects) {
        this.disconnected = new CountDownLatch(expectedDisconnects);
    }

    /** Waits until the expected number of clients disconnected. */
    List<String> awaitDisconnects() throws InterruptedException {
        if (!disconnected.await(20, TimeUnit.SECONDS)) {
            throw new AssertionError("clients did not disconnect; events: " + events);
        }
        return new ArrayList<>(events);
    }

    @Override public void load(ProxyConfig config) { events.add("load"); }
    @Override public void configure(Options options) { events.add("configure"); }
    @Override public void running() { events.add("running"); }
    @Override public void done() { events.add("done"); }
    @Override public void clientConnected(ClientConnection c) { events.add("client_connected"); }

    @Override
    public void clientDisconnected(ClientConnection c) {
        events.add("client_disconnected");
        disconnected.countDown();
    }

    @Override public void serverConnect(ClientConnection c, ServerConnection s) {
        events.add("server_connect");
    }
    @Override public void serverConnected(ClientConnection c, ServerConnection s) {
        events.add("server_connected");
    }
    @Override public void serverConnectError(ClientConnection c, ServerConnection s) {
        events.add("server_connect_error");
    }
    @Override public void serverDisconnected(ClientConnection c, ServerConnection s) {
        events.add("server_disconnected");
    }
    @Override public void nextLayer(NextLayer data) { events.add("next_layer"); }
    @Override public void httpConnect(HttpFlow f) { events.add("http_connect"); }
    @Override public void httpConnected(HttpFlow f) { events.add("http_connected"); }
    @Override public void httpConnectError(HttpFlow f) { events.add("http_connect_error"); }
    @Override public void requestHeaders(HttpFlow f) { events.add("requestheaders"); }
    @Override public void request(HttpFlow f) { events.add("request"); }
    @Override public void responseHeaders(HttpFlow f) { events.add("responseheaders"); }
    @Override public void response(HttpFlow f) { events.add("response"); }

    @Override
    public void error(HttpFlow f) {
        events.add("error");
        errors.add(f);
    }

    @Override public void tcpStart(TcpFlow f) { events.add("tcp_start"); }
    @Override public void tcpMessage(TcpFlow f) { events.add("tcp_message"); }
    @Override public void tcpEnd(TcpFlow f) { events.add("tcp_end"); }
    @Override public void tcpError(TcpFlow f) { events.add("tcp_error"); }

    @Override
    public void addLog(LogEntry entry) {
        events.add("add_log");
        logs.add(entry);
    }
}
