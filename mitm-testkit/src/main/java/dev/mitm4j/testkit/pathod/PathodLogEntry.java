package dev.mitm4j.testkit.pathod;

import dev.mitm4j.http.Headers;
import org.jspecify.annotations.Nullable;

/**
 * One request {@link Pathod} received and what it answered, as pathod.test's log entries.
 * Immutable except for {@code headers} (a copy; do not change it).
 *
 * @param method the request method
 * @param path the request path (the path part for absolute-form proxy requests)
 * @param headers the request headers
 * @param body the request body (decoded from chunked, if it was)
 * @param response the response spec served, in spec form
 * @param error why the request's own spec failed (then an 800 was served), or null
 */
public record PathodLogEntry(String method, String path, Headers headers, byte[] body,
        String response, @Nullable String error) {

    /** {@return {@code body} as ISO-8859-1 text} */
    public String bodyText() {
        return new String(body, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return method + " " + path + " -> " + response + (error == null ? "" : " (" + error + ")");
    }
}
