package dev.mitm4j.core;

import dev.mitm4j.http.Flow;
import dev.mitm4j.http.HttpFlow;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What an addon doing client-side replay offers the {@link ProxyServer}: the flows of the
 * {@code client_replay} option's files, which the server then replays through its own addons
 * once it runs (mitmproxy's {@code clientplayback} addon, which reads the files when configured
 * and starts replaying in {@code running}). mitm-replay's {@code ClientPlayback} implements it;
 * mitm-core reads no flow files itself.
 *
 * <p>Order: {@link ProxyServer#start()} uses the first addon that implements this interface. It
 * calls {@link #flows} once with {@link Options#clientReplay()} (possibly empty), before any
 * listener is bound; then it binds, fires {@link Addon#running()}, hands the flows to
 * {@link FlowMaster#replayClient} (which honours {@code client_replay_concurrency}) and passes
 * the resulting future to {@link #replaying}, before {@code start()} returns. A server whose
 * {@code client_replay} option is set without such an addon does not start.
 *
 * <p>Threads: both methods run on the thread that calls {@code start()}.
 *
 * <p>Errors: when {@link #flows} throws, {@code start()} fails with nothing bound and no
 * {@code running} event (an {@link IOException} becomes an {@link java.io.UncheckedIOException}
 * with the same message). An exception from {@link #replaying} is logged and ignored, as an
 * addon's event would be.
 */
public interface ClientReplaySource {

    /**
     * {@return the flows to replay for {@code files}, in order} Flows that cannot be replayed
     * (not HTTP, WebSocket, CONNECT) may be included: replay skips them with a warning.
     *
     * @param files the {@code client_replay} paths, in order; empty when the option is unset
     * @throws IOException with a message naming the file, when a file cannot be read or is
     *     damaged
     */
    List<? extends Flow> flows(List<String> files) throws IOException;

    /**
     * The flows returned by {@link #flows} were queued for replay; {@code replayed} completes,
     * on a replay thread, with their replayed copies once each has its response or error (see
     * {@link FlowMaster#replayClient}). Does nothing by default.
     */
    default void replaying(CompletableFuture<List<HttpFlow>> replayed) {}
}
