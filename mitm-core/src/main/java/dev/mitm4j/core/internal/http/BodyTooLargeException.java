package dev.mitm4j.core.internal.http;

import java.io.IOException;

/** A body exceeded {@code body_size_limit}; the flow ends with an error. */
final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final boolean request;

    /** @param what "request" or "response" */
    BodyTooLargeException(String what, long limit) {
        super(what + " body exceeds body_size_limit (" + limit + " bytes)");
        this.request = what.equals("request");
    }

    /** {@return whether it was the request's body (the client's, answered with 413)} */
    boolean request() {
        return request;
    }
}
