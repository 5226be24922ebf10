package dev.mitm4j.http.internal.http2;

import java.time.Duration;

/**
 * Counts what a peer does that costs this endpoint work without carrying a request forward, and
 * ends the connection with GOAWAY ENHANCE_YOUR_CALM when the peer does it faster than {@link
 * Http2Limits} allow (two token buckets over {@link Http2Limits#rateWindow()}, as nghttp2's
 * stream-reset and "glitch" rate limits):
 * <ul>
 *   <li><b>Stream resets</b> ({@link Http2Limits#maxResetStreamsPerWindow()}): streams the peer
 *       opened and reset while open, the rapid reset attack of CVE-2023-44487, where every
 *       stream costs the server a request's work while never counting against
 *       SETTINGS_MAX_CONCURRENT_STREAMS; and streams this endpoint reset because of the peer's
 *       errors (malformed requests, flow-control violations, refusals, 431s: the reset flood of
 *       CVE-2019-9514).
 *   <li><b>Control frames</b> ({@link Http2Limits#maxControlFramesPerWindow()}): SETTINGS, PING,
 *       PRIORITY, RST_STREAM on closed streams, frames of unknown types and empty DATA frames
 *       without END_STREAM, none of which moves a message forward (the PING, SETTINGS and empty
 *       frame floods of CVE-2019-9512, -9515 and -9518). A PING that arrives after this endpoint
 *       sent DATA since the previous PING is not counted: it is what a bandwidth estimator (gRPC's
 *       BDP ping) sends in answer to data.
 * </ul>
 * Answers to PING and SETTINGS are written by the reader itself, blocking while the peer does not
 * read, so no queue of answers can grow as in those CVEs; the budgets bound the work instead.
 *
 * <p>Used by the connection's reader thread, except {@link #dataSent()}, which any thread calls.
 */
final class Http2FloodGuard {
    private final RateBudget resets;
    private final RateBudget controlFrames;
    private final int maxResets;
    private final int maxControlFrames;
    private final Duration window;
    private volatile boolean dataSinceLastPing;

    Http2FloodGuard(Http2Limits limits) {
        this.maxResets = limits.maxResetStreamsPerWindow();
        this.maxControlFrames = limits.maxControlFramesPerWindow();
        this.window = limits.rateWindow();
        this.resets = new RateBudget(maxResets, window, System::nanoTime);
        this.controlFrames = new RateBudget(maxControlFrames, window, System::nanoTime);
    }

    /**
     * Counts a stream the peer reset while open, or one reset because of its error.
     *
     * @throws Http2ConnectionException (ENHANCE_YOUR_CALM) when over the budget
     */
    void streamReset(long offset) throws Http2ConnectionException {
        if (!resets.take()) {
            throw calm("streams reset faster than " + maxResets + " per " + seconds(), offset);
        }
    }

    /**
     * Counts a control frame that carries no request forward.
     *
     * @param what the frame, for the message, e.g. {@code "PING"}
     * @throws Http2ConnectionException (ENHANCE_YOUR_CALM) when over the budget
     */
    void controlFrame(String what, long offset) throws Http2ConnectionException {
        if (!controlFrames.take()) {
            throw calm("control frames faster than " + maxControlFrames + " per " + seconds()
                    + " (last: " + what + ")", offset);
        }
    }

    /** Counts a PING from the peer, unless this endpoint sent DATA since the previous one. */
    void ping(long offset) throws Http2ConnectionException {
        if (dataSinceLastPing) {
            dataSinceLastPing = false;
            return;
        }
        controlFrame("PING", offset);
    }

    /** This endpoint sent DATA: the peer's next PING may be its answer. */
    void dataSent() {
        dataSinceLastPing = true;
    }

    private String seconds() {
        return window.toMillis() % 1000 == 0 ? window.toSeconds() + " s" : window.toMillis() + " ms";
    }

    private static Http2ConnectionException calm(String problem, long offset) {
        return new Http2ConnectionException(Http2ErrorCode.ENHANCE_YOUR_CALM, problem, offset);
    }
}
