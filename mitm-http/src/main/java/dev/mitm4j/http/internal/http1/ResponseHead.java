package dev.mitm4j.http.internal.http1;

import dev.mitm4j.http.Headers;
import dev.mitm4j.http.Response;
import org.jspecify.annotations.Nullable;

/**
 * A status line and its header fields as read from the wire. The strings hold ISO-8859-1
 * characters; {@code headers} is mutable (see {@link Headers}), the rest is fixed. Like the
 * headers, not thread-safe: it belongs to the connection's thread until handed over.
 *
 * @param version {@code HTTP/1.0} or {@code HTTP/1.1}
 * @param code the three-digit status code
 * @param reason the reason phrase, possibly empty
 * @param headers the header fields, keeping the raw block
 * @param offset the stream offset of the status line's first byte
 */
public record ResponseHead(String version, int code, String reason, Headers headers, long offset) {
    /** {@return whether this is an interim (1xx) response, to be followed by another head} */
    public boolean isInterim() {
        return code >= 100 && code < 200;
    }

    /** {@return the protocol switched to by a 101 response ({@code Upgrade}), else null} */
    public @Nullable String upgrade() {
        return code == 101 ? Http1Reader.upgrade(headers) : null;
    }

    /** {@return whether the connection stays open after this exchange, as far as the server says} */
    public boolean keepAlive() {
        return KeepAlive.persists(version, headers, BodyFraming.NONE);
    }

    /**
     * {@return a model response of this head, without body: version, code, reason, and these
     * very headers (not copied, so unchanged ones are written back as received)}
     */
    public Response toResponse() {
        return Response.builder().httpVersion(version).statusCode(code).reason(reason)
                .headers(headers).build();
    }
}
