package dev.mitm4j.examples.internal;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.Options;
import dev.mitm4j.http.Flow;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.TcpFlow;
import dev.mitm4j.replay.ReadFile;
import java.io.IOException;
import java.util.List;

/**
 * mitmdump's file work before (or instead of) serving: {@code -r} reads flows and hands each to
 * the addons as if it had just ended (so the dumper prints it and {@code -w} saves it). Flows
 * are streamed one at a time, so reading a large file takes constant memory. ({@code -C} is not
 * file work here: its requests go through the running proxy, see {@code ClientPlayback}.)
 */
public final class FlowFiles {
    private FlowFiles() {}

    /**
     * Runs {@code rfile} through {@code addons}.
     *
     * @return whether a file was read (then mitmdump exits after it unless {@code keepserving})
     * @throws IOException when a file cannot be read or is damaged (the message names the file
     *     and, for damage, the byte offset)
     */
    public static boolean run(Options options, List<Addon> addons) throws IOException {
        if (options.rfile() == null) {
            return false;
        }
        ReadFile.read(options, flow -> deliver(flow, addons));
        return true;
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
