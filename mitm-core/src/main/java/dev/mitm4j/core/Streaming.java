package dev.mitm4j.core;

import dev.mitm4j.core.internal.FlowRegistry;
import dev.mitm4j.core.internal.LiveFlow;
import dev.mitm4j.http.HttpFlow;
import java.util.Objects;

/**
 * Asks the proxy to stream a body instead of buffering it, as mitmproxy's
 * {@code flow.request.stream} / {@code flow.response.stream}. Call it from
 * {@link Addon#requestHeaders} for the request body or {@link Addon#responseHeaders} for the
 * response body, on the thread that delivers the event (the flow is found among the flows of
 * the server that runs that thread); later calls have no effect on a body already read. Each
 * method throws {@link IllegalStateException} when the flow is not in progress there.
 *
 * <p>A streamed body goes to its peer chunk by chunk as it arrives and is never held whole in
 * memory; it is not available to the {@code request}/{@code response} events (its content is
 * null there, as in mitmproxy) and the flow records it: its metadata entry {@link #NOT_KEPT}
 * lists {@code "request"} and/or {@code "response"}, also in saved flow files. Bodies are
 * streamed without asking when they are larger than {@code stream_large_bodies}, or when they
 * do not fit in {@code body_memory_budget} (logged at WARN, naming the flow);
 * {@code body_size_limit} still applies to streamed bodies.
 */
public final class Streaming {
    /**
     * The flow metadata key that lists the bodies of a flow that were passed on without being
     * kept: a list of {@code "request"} and/or {@code "response"}.
     */
    public static final String NOT_KEPT = "body_not_kept";

    private Streaming() {}

    /**
     * Changes one chunk of a streamed body; called on the connection's thread, once per chunk in
     * order. It may return the same array, another one, or an empty one to drop the chunk. A body
     * with a transformer is sent with chunked transfer coding, since its length may change.
     */
    @FunctionalInterface
    public interface ChunkTransformer {
        /** {@return the bytes to forward instead of {@code chunk}} */
        byte[] transform(byte[] chunk);
    }

    /** Turns streaming of {@code flow}'s request body on or off. */
    public static void request(HttpFlow flow, boolean on) {
        live(flow).streamRequest(on, null);
    }

    /** Streams {@code flow}'s request body through {@code transformer}. */
    public static void request(HttpFlow flow, ChunkTransformer transformer) {
        live(flow).streamRequest(true, Objects.requireNonNull(transformer, "transformer"));
    }

    /** Turns streaming of {@code flow}'s response body on or off. */
    public static void response(HttpFlow flow, boolean on) {
        live(flow).streamResponse(on, null);
    }

    /** Streams {@code flow}'s response body through {@code transformer}. */
    public static void response(HttpFlow flow, ChunkTransformer transformer) {
        live(flow).streamResponse(true, Objects.requireNonNull(transformer, "transformer"));
    }

    private static LiveFlow live(HttpFlow flow) {
        FlowRegistry flows = FlowRegistry.ofCurrentThread();
        LiveFlow live = flows == null ? null : flows.of(flow);
        if (live == null) {
            throw new IllegalStateException("flow " + flow.id() + " is not in progress on the "
                    + "proxy whose event calls this");
        }
        return live;
    }
}
