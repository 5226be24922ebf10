package dev.mitm4j.http.internal.http2;

import dev.mitm4j.http.Headers;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A request head as HTTP/2 carries it: the pseudo-header fields (RFC 9113 section 8.3.1) and the
 * regular fields, without pseudo-headers. Read heads were validated by {@link Http2Fields}; heads
 * to write are validated the same way when written. Strings hold ISO-8859-1 characters, one per
 * octet. The record is immutable except {@code headers} (see {@link Headers}), which belongs to
 * one thread at a time.
 *
 * <p>Three shapes: a normal request ({@code method}, {@code scheme}, {@code path}, usually {@code
 * authority}); CONNECT ({@code authority} only); extended CONNECT of RFC 8441 (CONNECT with {@code
 * protocol}, {@code scheme}, {@code path} and {@code authority}).
 *
 * @param method the {@code :method}
 * @param scheme the {@code :scheme}, null for CONNECT
 * @param authority the {@code :authority}, null when absent
 * @param path the {@code :path}, null for CONNECT
 * @param protocol the {@code :protocol} of an extended CONNECT, else null
 * @param headers the regular fields, names in lowercase when read
 * @param neverIndexed names the sender marked never-indexed in HPACK, to encode so again
 */
public record Http2RequestHead(String method, @Nullable String scheme,
        @Nullable String authority, @Nullable String path, @Nullable String protocol,
        Headers headers, Set<String> neverIndexed) {
    /** Checks for null only; see {@link Http2Fields} for validation. */
    public Http2RequestHead {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(headers, "headers");
        neverIndexed = Set.copyOf(neverIndexed);
    }

    /** {@return a normal request head} */
    public static Http2RequestHead of(String method, String scheme, @Nullable String authority,
            String path, Headers headers) {
        return new Http2RequestHead(method, scheme, authority, path, null, headers, Set.of());
    }

    /** {@return a CONNECT request head (a tunnel to {@code authority})} */
    public static Http2RequestHead connect(String authority, Headers headers) {
        return new Http2RequestHead("CONNECT", null, authority, null, null, headers, Set.of());
    }

    /** {@return whether this is CONNECT, plain or extended} */
    public boolean isConnect() {
        return method.equals("CONNECT");
    }

    /** {@return whether this is an extended CONNECT (RFC 8441), e.g. WebSocket over HTTP/2} */
    public boolean isExtendedConnect() {
        return protocol != null;
    }
}
