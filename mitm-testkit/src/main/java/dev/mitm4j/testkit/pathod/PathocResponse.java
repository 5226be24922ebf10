package dev.mitm4j.testkit.pathod;

import dev.mitm4j.http.Headers;
import java.nio.charset.StandardCharsets;

/**
 * A response read by {@link Pathoc}. Immutable except for {@code headers} (do not change it).
 *
 * @param code the status code
 * @param reason the reason phrase
 * @param headers the response headers
 * @param body the body, de-chunked
 */
public record PathocResponse(int code, String reason, Headers headers, byte[] body) {
    /** {@return the body as ISO-8859-1 text} */
    public String bodyText() {
        return new String(body, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return code + " " + reason + " (" + body.length + " B)";
    }
}
