package dev.mitm4j.http;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by the strict body accessors ({@link Message#content()}, {@link Message#text()}) when
 * the body cannot be decoded with its {@code Content-Encoding} (or, for text, its charset).
 *
 * <p>The message names the encoding or charset and never contains body bytes. The lenient
 * variants ({@link Message#content(boolean)}, {@link Message#text(boolean)}) never throw this.
 */
public final class ContentDecodingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String encoding;

    /**
     * Creates an exception for a body that does not decode with {@code encoding}.
     *
     * @param encoding the Content-Encoding token or charset name that failed
     * @param reason a short description of the failure, free of body bytes
     * @param cause the decoder's own exception, or null
     */
    public ContentDecodingException(String encoding, String reason, @Nullable Throwable cause) {
        super("cannot decode body as '" + encoding + "': " + reason, cause);
        this.encoding = encoding;
    }

    /** {@return the Content-Encoding token or charset name that failed} */
    public String encoding() {
        return encoding;
    }
}
