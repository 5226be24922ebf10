package dev.mitm4j.core.internal.http;

import dev.mitm4j.http.Headers;
import dev.mitm4j.http.Response;
import dev.mitm4j.http.internal.http1.ResponseHead;
import java.time.Instant;
import java.util.Locale;

/** Model objects from wire heads. */
final class Messages {
    private Messages() {}

    static Response response(ResponseHead head) {
        Response response = Response.builder()
                .httpVersion(head.version())
                .statusCode(head.code())
                .reason(head.reason())
                .headers(head.headers())
                .build();
        response.timestampStart(Instant.now());
        return response;
    }

    /** {@return whether a message of {@code version} with {@code headers} keeps the connection} */
    static boolean keepAlive(String version, Headers headers) {
        String connection = headers.get("Connection");
        String lower = connection == null ? "" : connection.toLowerCase(Locale.ROOT);
        if (lower.contains("close")) {
            return false;
        }
        return !version.equals("HTTP/1.0") || lower.contains("keep-alive");
    }
}
