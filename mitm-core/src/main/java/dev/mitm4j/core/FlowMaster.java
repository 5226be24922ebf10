package dev.mitm4j.core;

import dev.mitm4j.core.internal.server.ClientReplays;
import dev.mitm4j.core.internal.Connection;
import dev.mitm4j.core.internal.FlowRegistry;
import dev.mitm4j.core.internal.addons.Intercept;
import dev.mitm4j.http.Flow;
import dev.mitm4j.http.HttpFlow;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The control room of a {@link ProxyServer}: its options and addons, the flows in progress, and
 * flow control. Every method may be called from any thread.
 *
 * <p>Interception: a flow whose {@link Flow#intercept()} was called by an addon (in any HTTP
 * event) parks its connection's thread after that event until {@link #resume(Flow)} or
 * {@link #kill(Flow)}. Killing ends the flow with the error {@code "Connection killed."}, fires
 * the {@code error} event, and closes the flow's client and server connections.
 *
 * <p>Replay, as mitmproxy's {@code replay.client*} and {@code replay.server*} commands, so that a
 * tool can record in one run (for instance with mitm-replay's {@code SaveStream}) and replay in
 * the next: {@link #replayClient} sends recorded requests again through this server's addons
 * and upstream route; {@link #replayServer} hands recorded responses to the installed
 * {@link ServerReplay} addon (mitm-replay's {@code ServerPlayback}). The files of the
 * {@code client_replay} option go through {@link #replayClient} by themselves when the server
 * starts, read by its {@link ClientReplaySource} addon (mitm-replay's {@code ClientPlayback}).
 */
public final class FlowMaster {
    private final ProxyServer server;
    private final FlowRegistry flows;

    private final ClientReplays clientReplays;

    FlowMaster(ProxyServer server, FlowRegistry flows, ClientReplays clientReplays) {
        this.server = server;
        this.flows = flows;
        this.clientReplays = clientReplays;
    }

    /** {@return the options of the server} */
    public Options options() {
        return server.config().options();
    }

    /** {@return the addons, in event order} */
    public List<Addon> addons() {
        return server.config().addons();
    }

    /** {@return the servers run by this master} */
    public List<ProxyServer> servers() {
        return List.of(server);
    }

    /** {@return a snapshot of the flows in progress, replayed ones included} */
    public List<Flow> flows() {
        return flows.live();
    }

    /** {@return a snapshot of the flows waiting for {@link #resume} or {@link #kill}} */
    public List<Flow> intercepted() {
        return flows.intercepted();
    }

    /**
     * {@return whether the {@code intercept} filter holds matching flows now} False when no
     * intercept filter is set.
     */
    public boolean interceptActive() {
        Intercept intercept = interceptAddon();
        return intercept != null && intercept.active();
    }

    /**
     * Switches the {@code intercept} filter on or off at run time, as mitmproxy's
     * {@code intercept_active}. Flows already held stay held until resumed or killed.
     *
     * @throws IllegalStateException when the server has no {@code intercept} filter to switch
     */
    public void interceptActive(boolean on) {
        Intercept intercept = interceptAddon();
        if (intercept == null) {
            throw new IllegalStateException(
                    "no intercept filter is set: set the option intercept=FILTER first");
        }
        intercept.active(on);
    }

    private @Nullable Intercept interceptAddon() {
        for (Addon addon : addons()) {
            if (addon instanceof Intercept intercept) {
                return intercept;
            }
        }
        return null;
    }

    /** Marks {@code flow} intercepted: it parks after the event that is running, or the next. */
    public void intercept(Flow flow) {
        flow.intercept();
    }

    /** Lets an intercepted flow go on. */
    public void resume(Flow flow) {
        flow.resume();
    }

    /**
     * Ends {@code flow} with the error {@code "Connection killed."} and closes its connections.
     * Does nothing to a flow that already ended.
     */
    public void kill(Flow flow) {
        Connection connection = flows.connectionOf(flow);
        if (connection == null || !flow.killable()) {
            return;
        }
        flow.kill();
    }

    // ---- client replay ----

    /**
     * Replays the requests of {@code flows} (client-side replay, {@code client_replay}): each
     * HTTP flow is copied with a new id, its response and error cleared, marked
     * {@code isReplay = "request"}, and run as if a client had just sent the request:
     * {@code requestheaders} → {@code request} → (the upstream, unless an addon answered) →
     * {@code responseheaders} → {@code response}, or {@code error}, through every addon, with
     * interception and {@link #kill} as for live flows; {@link #flows()} lists it meanwhile.
     *
     * <p>Route: as this server would send it in its first mode: to the request's own scheme,
     * host and port (TLS verified as configured), through the upstream proxy in
     * {@code upstream:} mode. Reverse mode replays to the recorded host, which is the reverse
     * target. One server connection per flow, closed when it ends.
     *
     * <p>Order and threads: with {@code client_replay_concurrency} 1 (the default) the flows
     * run one after the other, in the order given, after those of earlier calls; with -1 each
     * runs at once. Each flow runs on a virtual thread of its own, and its addon events run
     * there; {@link ProxyServer#close()} waits for these threads. This call does not block.
     *
     * <p>Errors: a flow that fails (no route, refused connection, TLS failure, bad response)
     * ends with its error and the {@code error} event; the next one still runs. Flows that
     * cannot be replayed (not HTTP, WebSocket, CONNECT, body not stored) are skipped with a
     * warning in the log.
     *
     * @param flows recorded flows; they are not modified
     * @return a future of the replayed copies in the order of {@code flows}, completed on a
     *     replay thread once every copy has its response or error; copies dropped by
     *     {@link #stopClientReplay()} are left out
     * @throws IllegalStateException when the server is not running (see {@link
     *     ProxyServer#start()}; with the option {@code server=false} it runs without listeners)
     */
    public CompletableFuture<List<HttpFlow>> replayClient(List<? extends Flow> flows) {
        server.requireRunning();
        return clientReplays.submit(flows);
    }

    /**
     * {@return how many replayed requests are waiting or running} (mitmproxy's
     * {@code replay.client.count})
     */
    public int clientReplayCount() {
        return clientReplays.count();
    }

    /**
     * Drops the replayed requests that have not started (mitmproxy's
     * {@code replay.client.stop}); running ones finish.
     *
     * @return how many were dropped
     */
    public int stopClientReplay() {
        return clientReplays.stop();
    }

    // ---- server replay ----

    /**
     * Replaces the flows the {@link ServerReplay} addon answers from with {@code flows}
     * (mitmproxy's {@code replay.server}); matching follows the {@code server_replay_*} options.
     *
     * @throws IllegalStateException when no addon of this server implements {@link ServerReplay}
     */
    public void replayServer(List<? extends Flow> flows) {
        serverReplay().load(flows);
    }

    /**
     * Forgets every recorded flow of the {@link ServerReplay} addon (mitmproxy's
     * {@code replay.server.stop}); requests are then forwarded. Does nothing without that addon.
     */
    public void stopServerReplay() {
        ServerReplay replay = serverReplayAddon();
        if (replay != null) {
            replay.clear();
        }
    }

    /**
     * {@return how many recorded flows the {@link ServerReplay} addon has left to serve; 0
     * without that addon} (mitmproxy's {@code replay.server.count})
     */
    public int serverReplayCount() {
        ServerReplay replay = serverReplayAddon();
        return replay == null ? 0 : replay.count();
    }

    private ServerReplay serverReplay() {
        ServerReplay replay = serverReplayAddon();
        if (replay == null) {
            throw new IllegalStateException("no server replay addon: add mitm-replay's "
                    + "dev.mitm4j.replay.ServerPlayback to the ProxyServer builder");
        }
        return replay;
    }

    private @Nullable ServerReplay serverReplayAddon() {
        for (Addon addon : addons()) {
            if (addon instanceof ServerReplay replay) {
                return replay;
            }
        }
        return null;
    }
}
