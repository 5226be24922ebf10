package dev.mitm4j.replay;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.Options;
import dev.mitm4j.core.ServerReplay;
import dev.mitm4j.http.Flow;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Response;
import dev.mitm4j.replay.internal.ReplayKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-side replay ({@code server_replay}, {@code -S}) as mitmproxy's {@code serverplayback}
 * addon: in the {@code request} event, a request whose {@link ReplayKey} matches a recorded
 * flow is answered with a copy of that flow's response (refreshed unless
 * {@code server_replay_refresh} is off) and marked {@code isReplay = "response"}; the proxy
 * then opens no upstream connection. Recorded flows are used first-in first-out and each once,
 * unless {@code server_replay_reuse} (or the deprecated {@code server_replay_nopop}) keeps
 * them; recorded flows without a response are skipped. An unmatched request follows
 * {@code server_replay_extra}: {@code forward} (default), {@code kill}, or a status code
 * answered with an empty response (also marked as replay).
 *
 * <p>Flows come from the {@code server_replay} files at {@link #configure(Options)}, or at any
 * time from {@link #load(List)} and {@link #add(List)} (also through
 * {@link dev.mitm4j.core.FlowMaster#replayServer}); {@link #clear()} stops replay. While no
 * recorded flow is left, every request is forwarded, as in mitmproxy. Changing any matching
 * option rebuilds the index (mitmproxy #4506). Thread-safe: many connections consult it at
 * once.
 */
public final class ServerPlayback implements Addon, ServerReplay {
    private static final Logger LOG = LoggerFactory.getLogger(ServerPlayback.class);

    private final ReentrantLock lock = new ReentrantLock();
    private Map<List<@Nullable Object>, List<HttpFlow>> flowmap = new LinkedHashMap<>();
    private ReplayKey key = new ReplayKey(false, List.of(), false, false, List.of(), List.of());
    private Options options = Options.defaults();
    private List<String> files = List.of();

    /** Creates the addon with no flows; they come from options or {@link #load(List)}. */
    public ServerPlayback() {}

    @Override
    public void configure(Options options) {
        lock.lock();
        try {
            this.options = options;
            key = new ReplayKey(options.serverReplayIgnoreContent(),
                    options.serverReplayIgnorePayloadParams(), options.serverReplayIgnoreHost(),
                    options.serverReplayIgnorePort(), options.serverReplayIgnoreParams(),
                    options.serverReplayUseHeaders());
            List<HttpFlow> source;
            if (!options.serverReplay().equals(files)) {
                files = options.serverReplay();
                source = new ArrayList<>();
                for (String file : files) {
                    source.addAll(httpFlows(read(file)));
                }
            } else {
                source = remaining(); // rehash what is left, as mitmproxy does
            }
            rebuild(source);
        } finally {
            lock.unlock();
        }
    }

    /** Replaces the recorded flows with {@code flows} (HTTP flows only are used). */
    @Override
    public void load(List<? extends Flow> flows) {
        lock.lock();
        try {
            rebuild(httpFlows(flows));
        } finally {
            lock.unlock();
        }
    }

    /** Adds {@code flows} (HTTP flows only) after those left (mitmproxy's replay.server.add). */
    @Override
    public void add(List<? extends Flow> flows) {
        lock.lock();
        try {
            List<HttpFlow> all = remaining();
            all.addAll(httpFlows(flows));
            rebuild(all);
        } finally {
            lock.unlock();
        }
    }

    /** Forgets every recorded flow (mitmproxy's replay.server.stop). */
    @Override
    public void clear() {
        load(List.of());
    }

    /** {@return how many recorded flows are left to serve} */
    @Override
    public int count() {
        lock.lock();
        try {
            return flowmap.values().stream().mapToInt(List::size).sum();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void request(HttpFlow flow) {
        HttpFlow recorded;
        Options o;
        lock.lock();
        try {
            if (flowmap.isEmpty()) {
                return;
            }
            recorded = next(flow);
            o = options;
        } finally {
            lock.unlock();
        }
        if (recorded != null) {
            Response response = recorded.response().copy();
            if (o.serverReplayRefresh()) {
                response.refresh();
            }
            flow.response(response);
            flow.isReplay("response");
        } else if (o.serverReplayKillExtra() || o.serverReplayExtra().equals("kill")) {
            LOG.warn("server_playback: killed non-replay request {}", flow.request().url());
            if (flow.killable()) {
                flow.kill();
            }
        } else if (!o.serverReplayExtra().equals("forward")) {
            LOG.warn("server_playback: returned {} non-replay request {}",
                    o.serverReplayExtra(), flow.request().url());
            flow.response(Response.make(Integer.parseInt(o.serverReplayExtra())));
            flow.isReplay("response");
        }
    }

    /** The next recorded flow for {@code flow}: FIFO and removed, or the first kept. */
    private @Nullable HttpFlow next(HttpFlow flow) {
        List<@Nullable Object> k = key.of(flow);
        List<HttpFlow> candidates = flowmap.get(k);
        if (candidates == null) {
            return null;
        }
        if (options.serverReplayReuse() || options.serverReplayNopop()) {
            return candidates.stream().filter(f -> f.response() != null).findFirst()
                    .orElse(null);
        }
        HttpFlow found = null;
        for (Iterator<HttpFlow> it = candidates.iterator(); it.hasNext() && found == null; ) {
            HttpFlow f = it.next();
            it.remove();
            if (f.response() != null) {
                found = f;
            }
        }
        if (candidates.isEmpty()) {
            flowmap.remove(k);
        }
        return found;
    }

    private List<HttpFlow> remaining() {
        List<HttpFlow> out = new ArrayList<>();
        flowmap.values().forEach(out::addAll);
        return out;
    }

    private void rebuild(List<HttpFlow> source) {
        Map<List<@Nullable Object>, List<HttpFlow>> map = new LinkedHashMap<>();
        for (HttpFlow f : source) {
            map.computeIfAbsent(key.of(f), x -> new ArrayList<>()).add(f);
        }
        flowmap = map;
    }

    private static List<HttpFlow> httpFlows(List<? extends Flow> flows) {
        List<HttpFlow> out = new ArrayList<>();
        for (Flow f : flows) {
            if (f instanceof HttpFlow h) {
                out.add(h);
            }
        }
        return out;
    }

    private static List<Flow> read(String file) {
        try {
            return FlowReader.readAll(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("server_replay: cannot read " + file, e);
        }
    }
}
