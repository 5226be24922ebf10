package dev.mitm4j.http.internal.http2;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits and options of one HTTP/2 connection, most of them advertised to the peer in this
 * endpoint's SETTINGS (RFC 9113 section 6.5.2).
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>limit</th><th>default</th><th>what it bounds</th></tr>
 *   <tr><td>{@link #maxConcurrentStreams}</td><td>100</td><td>streams the peer may have open
 *       at once; more are refused with REFUSED_STREAM</td></tr>
 *   <tr><td>{@link #maxHeaderListSize}</td><td>64 KiB</td><td>one decoded field section
 *       (names, values, 32 per field); a larger request is answered 431, a larger response
 *       reset</td></tr>
 *   <tr><td>{@link #maxFrameSize}</td><td>16 KiB</td><td>one frame payload received</td></tr>
 *   <tr><td>{@link #initialWindowSize}</td><td>64 KiB - 1</td><td>each stream's receive window,
 *       and so the body bytes buffered per stream before its reader reads them</td></tr>
 *   <tr><td>{@link #connectionWindowSize}</td><td>1 MiB</td><td>the connection's receive window,
 *       and so the body bytes buffered for all streams together</td></tr>
 *   <tr><td>{@link #headerTableSize}</td><td>4096</td><td>each HPACK dynamic table</td></tr>
 *   <tr><td>{@link #enableConnectProtocol}</td><td>false</td><td>whether a server accepts
 *       extended CONNECT (RFC 8441)</td></tr>
 *   <tr><td>{@link #settingsTimeout}</td><td>10 s</td><td>how long the peer may take to
 *       acknowledge our SETTINGS before the connection ends with GOAWAY SETTINGS_TIMEOUT (RFC
 *       9113 section 6.5.3)</td></tr>
 *   <tr><td>{@link #maxResetStreamsPerWindow}</td><td>1000</td><td>streams the peer may reset
 *       while open, or make this endpoint reset by its errors, per {@link #rateWindow} (the rapid
 *       reset attack, CVE-2023-44487); more end the connection with ENHANCE_YOUR_CALM</td></tr>
 *   <tr><td>{@link #maxControlFramesPerWindow}</td><td>10000</td><td>SETTINGS, PING, PRIORITY,
 *       empty DATA and other frames that carry no request forward, per {@link #rateWindow};
 *       more end the connection with ENHANCE_YOUR_CALM</td></tr>
 *   <tr><td>{@link #rateWindow}</td><td>30 s</td><td>the window of the two limits above, each a
 *       token bucket refilled evenly over it (as nghttp2's: 1000 resets and 10000 "glitches"
 *       per 30 s)</td></tr>
 *   <tr><td>{@link #maxContinuationFrames}</td><td>8</td><td>CONTINUATION frames after one
 *       HEADERS (as nghttp2); more are a connection error (ENHANCE_YOUR_CALM). A peer that fills
 *       its frames never needs more than {@link #maxFieldBlock()} allows; raise it with
 *       {@link #maxHeaderListSize} beyond 128 KiB</td></tr>
 * </table>
 * See {@code Http2FloodGuard} for what each rate limit counts.
 *
 * <p>Memory per connection is about {@code connectionWindowSize} plus one frame per stream and
 * two HPACK tables; a peer's encoded field block is refused past {@link #maxFieldBlock()}.
 * Immutable and thread-safe; build with {@link #builder()}.
 *
 * @param maxConcurrentStreams SETTINGS_MAX_CONCURRENT_STREAMS advertised
 * @param maxHeaderListSize SETTINGS_MAX_HEADER_LIST_SIZE advertised and enforced
 * @param maxFrameSize SETTINGS_MAX_FRAME_SIZE advertised and enforced
 * @param initialWindowSize SETTINGS_INITIAL_WINDOW_SIZE advertised
 * @param connectionWindowSize the connection receive window (raised by WINDOW_UPDATE at start)
 * @param headerTableSize SETTINGS_HEADER_TABLE_SIZE advertised; also the encoder's own cap
 * @param enableConnectProtocol SETTINGS_ENABLE_CONNECT_PROTOCOL advertised (servers only)
 * @param settingsTimeout how long the peer may take to acknowledge our SETTINGS
 * @param maxResetStreamsPerWindow streams reset by or because of the peer per window
 * @param maxControlFramesPerWindow frames that carry no request forward per window
 * @param rateWindow the window of the two rate limits
 * @param maxContinuationFrames CONTINUATION frames accepted after one HEADERS
 */
public record Http2Limits(int maxConcurrentStreams, int maxHeaderListSize, int maxFrameSize,
        int initialWindowSize, int connectionWindowSize, int headerTableSize,
        boolean enableConnectProtocol, Duration settingsTimeout, int maxResetStreamsPerWindow,
        int maxControlFramesPerWindow, Duration rateWindow, int maxContinuationFrames) {
    /** 100, as RFC 9113 section 6.5.2 recommends at least. */
    public static final int DEFAULT_MAX_CONCURRENT_STREAMS = 100;
    /** 64 KiB, as {@code Http1Limits}'s header block. */
    public static final int DEFAULT_MAX_HEADER_LIST_SIZE = 64 * 1024;
    /** The protocol's initial and smallest frame size. */
    public static final int DEFAULT_MAX_FRAME_SIZE = Http2Settings.DEFAULT_MAX_FRAME_SIZE;
    /** The protocol's initial window. */
    public static final int DEFAULT_INITIAL_WINDOW_SIZE =
            Http2Settings.DEFAULT_INITIAL_WINDOW_SIZE;
    /** 1 MiB: sixteen streams' windows, so one slow stream does not starve the others. */
    public static final int DEFAULT_CONNECTION_WINDOW_SIZE = 1024 * 1024;
    /** The protocol's initial table size. */
    public static final int DEFAULT_HEADER_TABLE_SIZE = Http2Settings.DEFAULT_HEADER_TABLE_SIZE;
    /** 10 s: long enough for a slow peer on a congested path, short enough to free a dead one. */
    public static final Duration DEFAULT_SETTINGS_TIMEOUT = Duration.ofSeconds(10);
    /** nghttp2's stream reset budget: a burst of 1000, refilled at about 33 per second. */
    public static final int DEFAULT_MAX_RESET_STREAMS_PER_WINDOW = 1000;
    /** nghttp2's "glitch" budget: a burst of 10000, refilled at about 330 per second. */
    public static final int DEFAULT_MAX_CONTROL_FRAMES_PER_WINDOW = 10_000;
    /** 30 s, over which both budgets refill. */
    public static final Duration DEFAULT_RATE_WINDOW = Duration.ofSeconds(30);
    /** nghttp2's limit since the CONTINUATION flood reports of 2024. */
    public static final int DEFAULT_MAX_CONTINUATION_FRAMES = 8;

    private static final Http2Limits DEFAULTS = builder().build();

    /**
     * Validates the limits.
     *
     * @throws IllegalArgumentException naming the first limit out of its range
     */
    public Http2Limits {
        range("maxConcurrentStreams", maxConcurrentStreams, 1, Integer.MAX_VALUE);
        range("maxHeaderListSize", maxHeaderListSize, 1, Integer.MAX_VALUE);
        range("maxFrameSize", maxFrameSize, Http2Settings.DEFAULT_MAX_FRAME_SIZE,
                Http2Settings.MAX_MAX_FRAME_SIZE);
        range("initialWindowSize", initialWindowSize, 1, Http2Settings.MAX_WINDOW_SIZE);
        range("connectionWindowSize", connectionWindowSize,
                Http2Settings.DEFAULT_INITIAL_WINDOW_SIZE, Http2Settings.MAX_WINDOW_SIZE);
        range("headerTableSize", headerTableSize, 0, Integer.MAX_VALUE);
        positive("settingsTimeout", settingsTimeout);
        range("maxResetStreamsPerWindow", maxResetStreamsPerWindow, 1, Integer.MAX_VALUE);
        range("maxControlFramesPerWindow", maxControlFramesPerWindow, 1, Integer.MAX_VALUE);
        positive("rateWindow", rateWindow);
        range("maxContinuationFrames", maxContinuationFrames, 0, Integer.MAX_VALUE);
    }

    /** {@return the defaults listed in the class documentation} */
    public static Http2Limits defaults() {
        return DEFAULTS;
    }

    /** {@return a builder holding the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return the most bytes of one encoded field block (HEADERS and its CONTINUATION frames)}
     * A sane encoder never makes a block larger than the list it encodes, so a block beyond the
     * list limit plus one frame cannot be one this endpoint would accept.
     */
    public int maxFieldBlock() {
        return (int) Math.min(Integer.MAX_VALUE, (long) maxHeaderListSize + maxFrameSize);
    }

    /** {@return the SETTINGS this endpoint sends first} */
    Http2Settings settings(boolean server) {
        Http2Settings s = Http2Settings.empty()
                .with(Http2Settings.HEADER_TABLE_SIZE, headerTableSize)
                .with(Http2Settings.ENABLE_PUSH, 0)
                .with(Http2Settings.MAX_CONCURRENT_STREAMS, maxConcurrentStreams)
                .with(Http2Settings.INITIAL_WINDOW_SIZE, initialWindowSize)
                .with(Http2Settings.MAX_FRAME_SIZE, maxFrameSize)
                .with(Http2Settings.MAX_HEADER_LIST_SIZE, maxHeaderListSize);
        if (server) {
            s = s.without(Http2Settings.ENABLE_PUSH); // a server never sends 1; omit it
            if (enableConnectProtocol) {
                s = s.with(Http2Settings.ENABLE_CONNECT_PROTOCOL, 1);
            }
        }
        return s;
    }

    private static void range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " outside [" + min + ", " + max + "]: "
                    + value);
        }
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " not positive: " + value);
        }
    }

    /** A mutable builder of {@link Http2Limits}; not thread-safe. */
    public static final class Builder {
        private int maxConcurrentStreams = DEFAULT_MAX_CONCURRENT_STREAMS;
        private int maxHeaderListSize = DEFAULT_MAX_HEADER_LIST_SIZE;
        private int maxFrameSize = DEFAULT_MAX_FRAME_SIZE;
        private int initialWindowSize = DEFAULT_INITIAL_WINDOW_SIZE;
        private int connectionWindowSize = DEFAULT_CONNECTION_WINDOW_SIZE;
        private int headerTableSize = DEFAULT_HEADER_TABLE_SIZE;
        private boolean enableConnectProtocol;
        private Duration settingsTimeout = DEFAULT_SETTINGS_TIMEOUT;
        private int maxResetStreamsPerWindow = DEFAULT_MAX_RESET_STREAMS_PER_WINDOW;
        private int maxControlFramesPerWindow = DEFAULT_MAX_CONTROL_FRAMES_PER_WINDOW;
        private Duration rateWindow = DEFAULT_RATE_WINDOW;
        private int maxContinuationFrames = DEFAULT_MAX_CONTINUATION_FRAMES;

        private Builder() {}

        /** Sets the most streams the peer may open at once. */
        public Builder maxConcurrentStreams(int streams) {
            this.maxConcurrentStreams = streams;
            return this;
        }

        /** Sets the largest decoded field section accepted. */
        public Builder maxHeaderListSize(int bytes) {
            this.maxHeaderListSize = bytes;
            return this;
        }

        /** Sets the largest frame payload accepted (16384 to 16777215). */
        public Builder maxFrameSize(int bytes) {
            this.maxFrameSize = bytes;
            return this;
        }

        /** Sets each stream's receive window: the body bytes buffered per stream. */
        public Builder initialWindowSize(int bytes) {
            this.initialWindowSize = bytes;
            return this;
        }

        /** Sets the connection's receive window (at least 65535). */
        public Builder connectionWindowSize(int bytes) {
            this.connectionWindowSize = bytes;
            return this;
        }

        /** Sets the HPACK dynamic table size. */
        public Builder headerTableSize(int bytes) {
            this.headerTableSize = bytes;
            return this;
        }

        /** Sets whether a server accepts extended CONNECT (RFC 8441). */
        public Builder enableConnectProtocol(boolean enable) {
            this.enableConnectProtocol = enable;
            return this;
        }

        /** Sets how long the peer may take to acknowledge our SETTINGS (positive). */
        public Builder settingsTimeout(Duration timeout) {
            this.settingsTimeout = timeout;
            return this;
        }

        /** Sets how many streams the peer may reset, or make us reset, per rate window. */
        public Builder maxResetStreamsPerWindow(int streams) {
            this.maxResetStreamsPerWindow = streams;
            return this;
        }

        /** Sets how many frames that carry no request forward the peer may send per window. */
        public Builder maxControlFramesPerWindow(int frames) {
            this.maxControlFramesPerWindow = frames;
            return this;
        }

        /** Sets the window over which the two rate limits refill (positive). */
        public Builder rateWindow(Duration window) {
            this.rateWindow = window;
            return this;
        }

        /** Sets how many CONTINUATION frames may follow one HEADERS frame. */
        public Builder maxContinuationFrames(int frames) {
            this.maxContinuationFrames = frames;
            return this;
        }

        /**
         * {@return the limits}
         *
         * @throws IllegalArgumentException naming the first limit out of its range
         */
        public Http2Limits build() {
            return new Http2Limits(maxConcurrentStreams, maxHeaderListSize, maxFrameSize,
                    initialWindowSize, connectionWindowSize, headerTableSize,
                    enableConnectProtocol, settingsTimeout, maxResetStreamsPerWindow,
                    maxControlFramesPerWindow, rateWindow, maxContinuationFrames);
        }
    }
}
