package dev.mitm4j.core.internal.http;

import java.io.IOException;

/** A body exceeded {@code body_size_limit}; the flow ends with an error. */
final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTooLargeException(String what, long limit) {
        super(what + " body exceeds body_size_limit (" + limit + " bytes)");
    }
}
