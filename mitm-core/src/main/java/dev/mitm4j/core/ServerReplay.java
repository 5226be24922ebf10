package dev.mitm4j.core;

import dev.mitm4j.http.Flow;
import java.util.List;

/**
 * What an addon doing server-side replay offers the {@link FlowMaster}, so that recorded flows can
 * be loaded and cleared while the proxy runs (mitmproxy's {@code replay.server},
 * {@code replay.server.add}, {@code replay.server.stop} and {@code replay.server.count}
 * commands). mitm-replay's {@code ServerPlayback} implements it; mitm-core has no server replay
 * of its own.
 *
 * <p>Implementations are called from any thread, concurrently with the flows they answer, and
 * must be thread-safe. Flows that are not HTTP flows are ignored; flows without a response are
 * counted but never served.
 */
public interface ServerReplay {

    /** Replaces the recorded flows with {@code flows} (in order: first recorded, first served). */
    void load(List<? extends Flow> flows);

    /** Adds {@code flows} after the recorded flows left. */
    void add(List<? extends Flow> flows);

    /** Forgets every recorded flow; requests are then all forwarded, as without replay. */
    void clear();

    /** {@return how many recorded flows are left to serve} */
    int count();
}
