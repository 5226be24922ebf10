package dev.mitm4j.core.internal;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.ClientReplaySource;
import dev.mitm4j.core.FlowMaster;
import dev.mitm4j.core.ProxyConfig;
import dev.mitm4j.http.Flow;
import dev.mitm4j.http.HttpFlow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code client_replay} option of one server start: the flows read through the first
 * {@link ClientReplaySource} addon before binding ({@link #read}), replayed once the server runs
 * ({@link #start}). Not thread-safe; used by the thread that starts the server.
 */
public final class ClientReplayOption {
    private static final Logger LOG = LoggerFactory.getLogger("dev.mitm4j.core.replay");

    /** The name of the addon to add, in the error when it is missing. */
    static final String ADDON = "dev.mitm4j.replay.ClientPlayback";

    private final @Nullable ClientReplaySource source;
    private final List<? extends Flow> flows;

    private ClientReplayOption(@Nullable ClientReplaySource source, List<? extends Flow> flows) {
        this.source = source;
        this.flows = flows;
    }

    /**
     * {@return the flows of the option's files, read by the first source addon} Nothing is read
     * when no addon is a source and the option is empty.
     *
     * @throws IllegalStateException when the option is set and no addon is a source
     * @throws UncheckedIOException when the source cannot read a file (its message, which names
     *     the file)
     */
    public static ClientReplayOption read(ProxyConfig config) {
        List<String> files = config.options().clientReplay();
        ClientReplaySource source = sourceOf(config.addons());
        if (source == null) {
            if (!files.isEmpty()) {
                throw new IllegalStateException("the option client_replay is set (" + files
                        + ") but no addon replays it: add mitm-replay's " + ADDON
                        + " to the ProxyServer builder");
            }
            return new ClientReplayOption(null, List.of());
        }
        try {
            return new ClientReplayOption(source, List.copyOf(source.flows(files)));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * Queues the flows on {@code master} and tells the source. When the server was closed
     * meanwhile, the source gets a future of no flows, as {@link FlowMaster#replayClient} leaves
     * dropped flows out.
     */
    public void start(FlowMaster master) {
        if (source == null) {
            return;
        }
        CompletableFuture<List<HttpFlow>> replayed;
        try {
            replayed = master.replayClient(flows);
        } catch (IllegalStateException closedMeanwhile) {
            replayed = CompletableFuture.completedFuture(List.of());
        }
        try {
            source.replaying(replayed);
        } catch (RuntimeException e) {
            AddonFailures.report(LOG, ((Addon) source).name(), "replaying",
                    "the replay goes on", e);
        }
    }

    private static @Nullable ClientReplaySource sourceOf(List<Addon> addons) {
        for (Addon addon : addons) {
            if (addon instanceof ClientReplaySource source) {
                return source;
            }
        }
        return null;
    }
}
