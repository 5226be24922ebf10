package dev.mitm4j.examples.internal;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.Options;
import dev.mitm4j.http.Flow;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.TcpFlow;
import dev.mitm4j.replay.ClientPlayback;
import dev.mitm4j.replay.ReadFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * mitmdump's file work before (or instead of) serving: {@code -r} reads flows and hands each to
 * the addons as if it had just ended (so the dumper prints it and {@code -w} saves it), and
 * {@code -C} sends recorded requests again and hands on the replayed copies. Flows are streamed
 * one at a time, so reading a large file takes constant memory.
 */
public final class FlowFiles {
    private FlowFiles() {}

    /**
     * Runs {@code rfile} and then {@code client_replay} through {@code addons}.
     *
     * @return whether any file work was asked for (then mitmdump exits after it unless
     *     {@code keepserving})
     * @throws IOException when a file cannot be read or is damaged (the message names the file
     *     and, for damage, the byte offset)
     */
    public static boolean run(Options options, List<Addon> addons) throws IOException {
        boolean worked = false;
        if (options.rfile() != null) {
            ReadFile.read(options, flow -> deliver(flow, addons));
            worked = true;
        }
        if (!options.clientReplay().isEmpty()) {
            List<HttpFlow> recorded = new ArrayList<>();
            for (String file : options.clientReplay()) {
                for (Flow flow : ReadFile.readAll(file, null)) {
                    if (flow instanceof HttpFlow h) {
                        recorded.add(h);
                    }
                }
            }
            for (HttpFlow replayed : replay(recorded, options.clientReplayConcurrency())) {
                deliver(replayed, addons);
            }
            worked = true;
        }
        return worked;
    }

    private static List<HttpFlow> replay(List<HttpFlow> recorded, int concurrency)
            throws IOException {
        try {
            return ClientPlayback.replay(recorded, concurrency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("client replay interrupted", e);
        }
    }

    /** Fires the event that ends {@code flow} (response, error, TCP end) on every addon. */
    static void deliver(Flow flow, List<Addon> addons) {
        for (Addon addon : addons) {
            switch (flow) {
                case HttpFlow h when h.response() != null -> addon.response(h);
                case HttpFlow h when h.error() != null -> addon.error(h);
                case HttpFlow h -> addon.request(h);
                case TcpFlow t when t.error() != null -> addon.tcpError(t);
                case TcpFlow t -> addon.tcpEnd(t);
                default -> { }
            }
        }
    }
}
