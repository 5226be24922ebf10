package dev.mitm4j.replay;

import dev.mitm4j.core.FlowMaster;
import dev.mitm4j.core.Options;
import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.http.Flow;
import dev.mitm4j.http.HttpFlow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Client-side replay ({@code client_replay}, {@code -C}) from flow files: reads the files (flow
 * files of any supported version, or HAR) in order and hands their flows to
 * {@link FlowMaster#replayClient}, which sends copies marked {@code isReplay = "request"}
 * through the running proxy's addon chain to their servers, one at a time
 * ({@code client_replay_concurrency} 1) or all at once (-1). See that method for the events,
 * the route, the order and the errors.
 *
 * <p>Stateless and thread-safe; files are read on the calling thread.
 */
public final class ClientPlayback {
    private ClientPlayback() {}

    /**
     * Starts replaying the files of the server's {@code client_replay} option, as mitmproxy's
     * {@code clientplayback} addon does when the proxy is running.
     *
     * @return the replayed copies, in file order, once each has its response or error
     * @throws FlowFileException when a file is damaged (nothing is replayed then)
     * @throws IOException when a file cannot be read
     * @throws IllegalStateException when the server is not running
     */
    public static CompletableFuture<List<HttpFlow>> start(FlowMaster master) throws IOException {
        return replayFiles(master, master.options().clientReplay());
    }

    /**
     * Reads {@code files} in order and starts replaying their flows through {@code master}
     * (mitmproxy's {@code replay.client.file}).
     *
     * @return the replayed copies, in file order, once each has its response or error
     * @throws FlowFileException when a file is damaged (nothing is replayed then)
     * @throws IOException when a file cannot be read
     * @throws IllegalStateException when the server is not running
     */
    public static CompletableFuture<List<HttpFlow>> replayFiles(FlowMaster master,
            List<String> files) throws IOException {
        return master.replayClient(read(files));
    }

    /**
     * {@return the flows of {@code files}, in order} (to read them before a proxy starts)
     *
     * @throws FlowFileException when a file is damaged
     * @throws IOException when a file cannot be read
     */
    public static List<Flow> read(List<String> files) throws IOException {
        List<Flow> flows = new ArrayList<>();
        for (String file : files) {
            flows.addAll(ReadFile.readAll(file, null));
        }
        return flows;
    }

    /**
     * Replays {@code flows} without a proxy of the caller's: a server with no listener, no
     * addon and default options but {@code client_replay_concurrency}, started for the call.
     *
     * @param concurrency 1 (serial) or -1 (all at once)
     * @return copies of {@code flows} with fresh responses (or errors), in the same order
     * @throws IllegalArgumentException for another concurrency
     */
    public static List<HttpFlow> replay(List<HttpFlow> flows, int concurrency)
            throws InterruptedException {
        Options options = Options.builder().set("server", "false")
                .set("client_replay_concurrency", Integer.toString(concurrency)).build();
        try (ProxyServer server = ProxyServer.builder().options(options).build().start()) {
            return server.master().replayClient(flows).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
