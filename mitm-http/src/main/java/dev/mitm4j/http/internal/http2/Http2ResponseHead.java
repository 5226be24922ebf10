package dev.mitm4j.http.internal.http2;

import dev.mitm4j.http.Headers;
import java.util.Objects;
import java.util.Set;

/**
 * A response head as HTTP/2 carries it: the {@code :status} and the regular fields. Read heads
 * were validated by {@link Http2Fields}; heads to write are validated the same way when written.
 * Immutable except {@code headers} (see {@link Headers}).
 *
 * @param status the three-digit status; 1xx heads are interim and precede the final one
 * @param headers the regular fields, names in lowercase when read
 * @param neverIndexed names the sender marked never-indexed in HPACK, to encode so again
 */
public record Http2ResponseHead(int status, Headers headers, Set<String> neverIndexed) {
    /** Checks for null only. */
    public Http2ResponseHead {
        Objects.requireNonNull(headers, "headers");
        neverIndexed = Set.copyOf(neverIndexed);
    }

    /** {@return a response head} */
    public static Http2ResponseHead of(int status, Headers headers) {
        return new Http2ResponseHead(status, headers, Set.of());
    }

    /** {@return whether this is an interim (1xx) head, to be followed by another} */
    public boolean isInterim() {
        return status >= 100 && status < 200;
    }
}
