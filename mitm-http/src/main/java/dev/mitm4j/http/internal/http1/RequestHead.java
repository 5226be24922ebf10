package dev.mitm4j.http.internal.http1;

import dev.mitm4j.http.Headers;
import org.jspecify.annotations.Nullable;

/**
 * A request line and its header fields as read from the wire. The strings hold ISO-8859-1
 * characters; {@code headers} is mutable (see {@link Headers}), the rest is fixed. Like the
 * headers, not thread-safe: it belongs to the connection's thread until handed over.
 *
 * @param method the method token, e.g. {@code GET}
 * @param target the request target in whichever of the four forms was sent
 * @param version {@code HTTP/1.0} or {@code HTTP/1.1}
 * @param headers the header fields, keeping the raw block
 * @param offset the stream offset of the request line's first byte
 */
public record RequestHead(
        String method, String target, String version, Headers headers, long offset) {
    /**
     * {@return whether the client waits for {@code 100 Continue} before sending the body} True for
     * HTTP/1.1 requests with {@code Expect: 100-continue} (RFC 9110 section 10.1.1). Whether and
     * when to write the interim response is the caller's choice.
     */
    public boolean expectsContinue() {
        return version.equals("HTTP/1.1") && "100-continue".equalsIgnoreCase(headers.get("Expect"));
    }

    /**
     * {@return the protocols of {@code Upgrade} when {@code Connection} lists {@code upgrade}, else
     * null} For example {@code websocket} or {@code h2c}.
     */
    public @Nullable String upgrade() {
        return Http1Reader.upgrade(headers);
    }

    /** {@return whether the connection stays open after this exchange, as far as the client asks} */
    public boolean keepAlive() {
        return KeepAlive.persists(version, headers, BodyFraming.NONE);
    }
}
