package dev.mitm4j.replay;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.ClientReplaySource;
import dev.mitm4j.core.FlowMaster;
import dev.mitm4j.core.Options;
import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.http.Flow;
import dev.mitm4j.http.HttpFlow;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Client-side replay ({@code client_replay}, {@code -C}) from flow files, as mitmproxy's
 * {@code clientplayback} addon: add it to a server whose {@code client_replay} option names
 * flow files (of any supported version, or HAR) and {@link ProxyServer#start()} replays their
 * flows in file order through the running proxy's addon chain to their servers, one at a time
 * ({@code client_replay_concurrency} 1) or all at once (-1), as copies marked
 * {@code isReplay = "request"}. See {@link FlowMaster#replayClient} for the events, the route
 * and the per-flow errors, and {@link ClientReplaySource} for when the files are read.
 *
 * <pre>{@code
 * ClientPlayback playback = new ClientPlayback();
 * try (ProxyServer proxy = ProxyServer.builder()
 *         .options(Options.builder().set("client_replay", "flows.mitm").build())
 *         .addon(playback)
 *         .build()
 *         .start()) {                      // throws, naming the file, when it is unreadable
 *     List<HttpFlow> replayed = playback.replayed().get();
 * }
 * }</pre>
 *
 * <p>Errors: a file that is missing, unreadable or damaged makes {@code start()} throw an
 * {@link java.io.UncheckedIOException} whose message names the file; nothing is then bound and
 * nothing replayed. Without this addon (or another {@link ClientReplaySource}), a server with
 * {@code client_replay} set refuses to start.
 *
 * <p>Threads: files are read on the thread that starts the server. One instance serves one
 * server at a time: {@link #replayed()} is about the server started last. Thread-safe.
 */
public final class ClientPlayback implements Addon, ClientReplaySource {
    private volatile CompletableFuture<List<HttpFlow>> replayed = new CompletableFuture<>();

    /** Creates the addon; the flows come from the server's {@code client_replay} option. */
    public ClientPlayback() {}

    /**
     * {@inheritDoc} Reads {@code files} with {@link #read(List)}.
     */
    @Override
    public List<Flow> flows(List<String> files) throws IOException {
        return read(files);
    }

    @Override
    public void replaying(CompletableFuture<List<HttpFlow>> copies) {
        replayed = copies;
    }

    /**
     * {@return the replayed copies of the option's flows, in file order, once each has its
     * response or error} Not complete before the server started; completed with no flows when
     * {@code client_replay} is empty. Flows dropped by {@link FlowMaster#stopClientReplay()} or
     * by closing the server are left out.
     */
    public CompletableFuture<List<HttpFlow>> replayed() {
        return replayed;
    }

    /**
     * Reads {@code files} in order and starts replaying their flows through {@code master}
     * (mitmproxy's {@code replay.client.file}), after any replay already queued.
     *
     * @return the replayed copies, in file order, once each has its response or error
     * @throws IOException naming the file, when a file cannot be read or is damaged (nothing is
     *     replayed then)
     * @throws IllegalStateException when the server is not running
     */
    public static CompletableFuture<List<HttpFlow>> replayFiles(FlowMaster master,
            List<String> files) throws IOException {
        return master.replayClient(read(files));
    }

    /**
     * {@return the flows of {@code files}, in order} ({@code -} is standard input)
     *
     * @throws IOException with a message {@code "cannot read client_replay file F: reason"},
     *     when a file cannot be read or is damaged; for damage its cause is the
     *     {@link FlowFileException} with the byte offset
     */
    public static List<Flow> read(List<String> files) throws IOException {
        List<Flow> flows = new ArrayList<>();
        for (String file : files) {
            try {
                flows.addAll(ReadFile.readAll(file, null));
            } catch (IOException e) {
                throw new IOException("cannot read client_replay file " + file + ": "
                        + reason(e), e);
            }
        }
        return flows;
    }

    /** {@return why reading failed, without repeating the file name of file system errors} */
    private static String reason(IOException e) {
        return switch (e) {
            case NoSuchFileException x -> "no such file";
            case AccessDeniedException x -> "permission denied";
            case FileSystemException x when x.getReason() != null -> x.getReason();
            default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        };
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
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
