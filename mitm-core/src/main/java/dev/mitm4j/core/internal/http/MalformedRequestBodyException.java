package dev.mitm4j.core.internal.http;

import dev.mitm4j.http.HttpParseException;
import java.io.IOException;

/**
 * The client's request body broke the HTTP/1 framing (a bad chunk size, a truncated chunk) while
 * it was being streamed to the server: the client's fault, answered with 400, not the server's.
 */
final class MalformedRequestBodyException extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedRequestBodyException(HttpParseException cause) {
        super(cause.getMessage(), cause);
    }

    /** {@return the codec's description of the problem} */
    HttpParseException parseError() {
        return (HttpParseException) getCause();
    }
}
