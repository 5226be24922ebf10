package dev.mitm4j.http;

/**
 * Limits and the strictness policy of the HTTP/1 parser. Every limit is counted in bytes on the
 * wire, line endings included; exceeding one raises {@link LimitExceededException}.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>limit</th><th>default</th></tr>
 *   <tr><td>{@link #maxStartLine} (request or status line)</td><td>64 KiB</td></tr>
 *   <tr><td>{@link #maxHeaderBlock} (all field lines and the empty line; trailers too)</td>
 *       <td>256 KiB</td></tr>
 *   <tr><td>{@link #maxHeaderCount} (field lines in one block)</td><td>1,000</td></tr>
 *   <tr><td>{@link #maxChunkSizeLine} (size, extensions, CRLF)</td><td>4 KiB</td></tr>
 *   <tr><td>{@link #strict}</td><td>true</td></tr>
 * </table>
 *
 * <p>The defaults accept what real sites send and browsers accept (long URLs, many and large
 * cookies, responses with hundreds of fields; Chromium refuses response heads over 256 KiB),
 * while still bounding what one connection can make the parser hold. Memory is spent only on
 * what arrives: the parser copies a head out in steps and grows its buffer up to the limit only
 * for a head that large.
 *
 * <p>Strict mode follows RFC 9112 to the letter where a deviation could let two parsers disagree
 * about message boundaries. Lenient mode tolerates exactly two deviations still seen in the wild:
 * obs-fold continuation lines (unfolded into one value with a single space) and bare LF line
 * endings. A message read leniently that needed either is re-serialised in normal form rather than
 * forwarded byte-for-byte. The request-smuggling checks (Content-Length and Transfer-Encoding) apply
 * in both modes.
 *
 * <p>Immutable and thread-safe; build with {@link #builder()}.
 *
 * @param maxStartLine the longest request or status line accepted
 * @param maxHeaderBlock the largest header (or trailer) block accepted
 * @param maxHeaderCount the most field lines accepted in one block
 * @param maxChunkSizeLine the longest chunk-size line accepted
 * @param strict whether obs-fold and bare LF are rejected
 */
public record Http1Limits(
        int maxStartLine,
        int maxHeaderBlock,
        int maxHeaderCount,
        int maxChunkSizeLine,
        boolean strict) {
    /** 64 KiB: URLs of tens of kilobytes (long query strings, data URLs) pass. */
    public static final int DEFAULT_MAX_START_LINE = 64 * 1024;
    /** 256 KiB: the most a browser (Chromium) accepts in a response head. */
    public static final int DEFAULT_MAX_HEADER_BLOCK = 256 * 1024;
    /** 1,000 fields: far above what sites send, still a bound on per-field overhead. */
    public static final int DEFAULT_MAX_HEADER_COUNT = 1000;
    /** 4 KiB: a size plus any sane extensions. */
    public static final int DEFAULT_MAX_CHUNK_SIZE_LINE = 4 * 1024;

    private static final Http1Limits DEFAULTS = builder().build();

    /**
     * Validates the limits.
     *
     * @throws IllegalArgumentException naming the first limit that is not positive
     */
    public Http1Limits {
        positive("maxStartLine", maxStartLine);
        positive("maxHeaderBlock", maxHeaderBlock);
        positive("maxHeaderCount", maxHeaderCount);
        positive("maxChunkSizeLine", maxChunkSizeLine);
    }

    /** {@return the defaults listed in the class documentation} */
    public static Http1Limits defaults() {
        return DEFAULTS;
    }

    /** {@return a builder holding the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these limits} */
    public Builder toBuilder() {
        return new Builder()
                .maxStartLine(maxStartLine)
                .maxHeaderBlock(maxHeaderBlock)
                .maxHeaderCount(maxHeaderCount)
                .maxChunkSizeLine(maxChunkSizeLine)
                .strict(strict);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0: " + value);
        }
    }

    /** A mutable builder of {@link Http1Limits}; not thread-safe. */
    public static final class Builder {
        private int maxStartLine = DEFAULT_MAX_START_LINE;
        private int maxHeaderBlock = DEFAULT_MAX_HEADER_BLOCK;
        private int maxHeaderCount = DEFAULT_MAX_HEADER_COUNT;
        private int maxChunkSizeLine = DEFAULT_MAX_CHUNK_SIZE_LINE;
        private boolean strict = true;

        private Builder() {}

        /** Sets the longest request or status line, line ending included. */
        public Builder maxStartLine(int bytes) {
            positive("maxStartLine", bytes);
            this.maxStartLine = bytes;
            return this;
        }

        /** Sets the largest header or trailer block, the final empty line included. */
        public Builder maxHeaderBlock(int bytes) {
            positive("maxHeaderBlock", bytes);
            this.maxHeaderBlock = bytes;
            return this;
        }

        /** Sets the most field lines in one header or trailer block. */
        public Builder maxHeaderCount(int count) {
            positive("maxHeaderCount", count);
            this.maxHeaderCount = count;
            return this;
        }

        /** Sets the longest chunk-size line, extensions and line ending included. */
        public Builder maxChunkSizeLine(int bytes) {
            positive("maxChunkSizeLine", bytes);
            this.maxChunkSizeLine = bytes;
            return this;
        }

        /** Sets strict (true, the default) or lenient parsing; see the class documentation. */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /** {@return the limits} */
        public Http1Limits build() {
            return new Http1Limits(
                    maxStartLine, maxHeaderBlock, maxHeaderCount, maxChunkSizeLine, strict);
        }
    }
}
