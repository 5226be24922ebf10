package dev.mitm4j.http;

import dev.mitm4j.http.internal.ContentEncodings;
import dev.mitm4j.http.internal.ContentTypes;
import dev.mitm4j.http.internal.TextCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Request} and {@link Response} share: HTTP version, headers, trailers, the body in
 * three views, and timestamps. Mutable and not thread-safe, as in mitmproxy.
 *
 * <p><b>The body.</b> {@link #rawContent()} is the body as on the wire, still compressed by its
 * {@code Content-Encoding} (null when absent, for example because it was streamed; empty when
 * present but empty). {@link #content()} is that body decoded; {@link #text()} is the decoded
 * body as text, in the charset of {@code Content-Type} or, failing that, mitmproxy's guess (a
 * byte-order mark, then UTF-8 for json, html, xml, javascript and css unless the document
 * declares otherwise, else ISO-8859-1).
 *
 * <p><b>Assigning.</b> {@link #content(byte[])} re-encodes with the current
 * {@code Content-Encoding}; if that coding cannot be produced (unknown, or br, for which only a
 * decoder is bundled) the header is removed and the body is stored as is. Unless a
 * {@code Transfer-Encoding} header is present, {@code Content-Length} is then set to the length
 * of the raw body (as mitmproxy does). {@link #text(String)} encodes with the inferred charset,
 * and when that charset cannot represent the text uses UTF-8 and says so in
 * {@code Content-Type}. {@link #rawContent(byte[])} stores bytes untouched and changes no header.
 *
 * <p><b>The head.</b> Every text that goes into the head is checked when it is assigned, as
 * {@link Headers} checks its fields: the HTTP version (and {@link Request}'s method, scheme, host,
 * authority and path, {@link Response}'s reason) must hold no CR, LF or NUL, so that no edit can
 * write an extra header line or a second message. A bad value is an
 * {@link IllegalArgumentException} naming the field, never echoing the value.
 *
 * <p><b>Errors.</b> The strict getters throw {@link ContentDecodingException}; the lenient ones
 * ({@code content(false)}, {@code text(false)}) return the raw bytes, or UTF-8 text with
 * replacement characters, instead.
 */
public abstract sealed class Message permits Request, Response {
    private String httpVersion;
    private Headers headers;
    private @Nullable Headers trailers;
    private byte @Nullable [] rawContent;
    private @Nullable Instant timestampStart;
    private @Nullable Instant timestampEnd;

    Message(Builder<?> b) {
        this.httpVersion = b.httpVersion;
        this.headers = b.headers;
        this.rawContent = b.content;
        this.trailers = b.trailers;
        this.timestampStart = b.timestampStart;
        this.timestampEnd = b.timestampEnd;
    }

    /** {@return the HTTP version as on the wire, e.g. "HTTP/1.1" or "HTTP/2.0"} */
    public String httpVersion() {
        return httpVersion;
    }

    /**
     * Sets the HTTP version, e.g. "HTTP/1.1".
     *
     * @throws IllegalArgumentException when it holds CR, LF or NUL
     */
    public void httpVersion(String httpVersion) {
        this.httpVersion = version(httpVersion);
    }

    /** {@return whether the version is HTTP/1.0} */
    public boolean isHttp10() {
        return httpVersion.equals("HTTP/1.0");
    }

    /** {@return whether the version is HTTP/1.1} */
    public boolean isHttp11() {
        return httpVersion.equals("HTTP/1.1");
    }

    /** {@return whether the version is HTTP/2.0 (or the "HTTP/2" spelling)} */
    public boolean isHttp2() {
        return httpVersion.equals("HTTP/2.0") || httpVersion.equals("HTTP/2");
    }

    /** {@return whether the version is HTTP/3} */
    public boolean isHttp3() {
        return httpVersion.equals("HTTP/3") || httpVersion.equals("HTTP/3.0");
    }

    /** {@return the live header list; changes to it change this message} */
    public Headers headers() {
        return headers;
    }

    /** Replaces the headers. */
    public void headers(Headers headers) {
        this.headers = Objects.requireNonNull(headers, "headers");
    }

    /** {@return the trailers, or null when the message has none} */
    public @Nullable Headers trailers() {
        return trailers;
    }

    /** Sets or clears the trailers. */
    public void trailers(@Nullable Headers trailers) {
        this.trailers = trailers;
    }

    /** {@return the body as on the wire (still content-encoded), or null when absent} */
    public byte @Nullable [] rawContent() {
        return rawContent;
    }

    /** Stores {@code raw} as the wire body, changing no header. */
    public void rawContent(byte @Nullable [] raw) {
        this.rawContent = raw;
    }

    /**
     * {@return the body decoded by its Content-Encoding, or null when absent}
     *
     * @throws ContentDecodingException when the encoding is unknown or the bytes are malformed
     */
    public byte @Nullable [] content() {
        return content(true);
    }

    /**
     * {@return the decoded body; when not {@code strict}, the raw body if it does not decode}
     *
     * @throws ContentDecodingException when {@code strict} and the body does not decode
     */
    public byte @Nullable [] content(boolean strict) {
        byte[] raw = rawContent;
        String ce = headers.get("Content-Encoding");
        if (raw == null || ce == null || ce.isBlank()) {
            return raw;
        }
        try {
            return ContentEncodings.decode(raw, ce);
        } catch (ContentDecodingException e) {
            if (strict) {
                throw e;
            }
            return raw;
        }
    }

    /**
     * Sets the decoded body, re-encoding it with the current Content-Encoding (see the class
     * comment for the fallback and Content-Length rules); null makes the body absent.
     */
    public void content(byte @Nullable [] decoded) {
        if (decoded == null) {
            rawContent = null;
            return;
        }
        String ce = headers.get("Content-Encoding");
        byte[] raw = decoded;
        if (ce != null && !ce.isBlank()) {
            if (ContentEncodings.canEncode(ce)) {
                raw = ContentEncodings.encode(decoded, ce);
            } else {
                headers.remove("Content-Encoding");
            }
        }
        rawContent = raw;
        if (!headers.contains("Transfer-Encoding")) {
            headers.set("Content-Length", Integer.toString(raw.length));
        }
    }

    /**
     * {@return the decoded body as text, or null when absent}
     *
     * @throws ContentDecodingException when the body or its charset does not decode
     */
    public @Nullable String text() {
        return text(true);
    }

    /**
     * {@return the body as text; when not {@code strict}, bad bytes become U+FFFD instead}
     *
     * @throws ContentDecodingException when {@code strict} and decoding fails
     */
    public @Nullable String text(boolean strict) {
        byte[] content = content(strict);
        if (content == null) {
            return null;
        }
        String charset = ContentTypes.inferCharset(contentType(), content);
        return TextCodec.decode(content, charset, strict);
    }

    /** Sets the body from text (see the class comment); null makes the body absent. */
    public void text(@Nullable String text) {
        if (text == null) {
            content(null);
            return;
        }
        String charset = ContentTypes.inferCharset(contentType(), new byte[0]);
        byte[] encoded = TextCodec.encode(text, charset);
        if (encoded == null) {
            ContentTypes.ContentType ct = ContentTypes.parse(contentType());
            if (ct == null) {
                ct = new ContentTypes.ContentType("text", "plain", new java.util.LinkedHashMap<>());
            }
            String key = ct.parameters().keySet().stream()
                    .filter(k -> k.equalsIgnoreCase("charset")).findFirst().orElse("charset");
            ct.parameters().put(key, "utf-8"); // replaced in place, other parameters kept
            headers.set("Content-Type", ct.format());
            encoded = text.getBytes(StandardCharsets.UTF_8);
        }
        content(encoded);
    }

    /**
     * Decodes the body in place and removes {@code Content-Encoding}; nothing happens when the
     * body is absent or empty.
     *
     * @throws ContentDecodingException when {@code strict} and the body does not decode
     */
    public void decode(boolean strict) {
        if (rawContent == null || rawContent.length == 0) {
            return;
        }
        byte[] decoded = content(strict);
        headers.remove("Content-Encoding");
        content(decoded);
    }

    /**
     * Encodes the current raw body with {@code encoding} and sets {@code Content-Encoding}.
     *
     * @throws IllegalArgumentException when {@code encoding} cannot be produced; nothing changes
     */
    public void encode(String encoding) {
        if (!ContentEncodings.canEncode(encoding)) {
            throw new IllegalArgumentException("cannot encode with Content-Encoding: " + encoding);
        }
        headers.set("Content-Encoding", encoding);
        content(rawContent);
    }

    /** {@return when the first byte (headers) was seen, or null when unknown} */
    public @Nullable Instant timestampStart() {
        return timestampStart;
    }

    /** Sets when the headers were received. */
    public void timestampStart(@Nullable Instant timestampStart) {
        this.timestampStart = timestampStart;
    }

    /** {@return when the last byte was seen, or null while unknown or incomplete} */
    public @Nullable Instant timestampEnd() {
        return timestampEnd;
    }

    /** Sets when the last byte was received. */
    public void timestampEnd(@Nullable Instant timestampEnd) {
        this.timestampEnd = timestampEnd;
    }

    private static String version(String httpVersion) {
        return HeadText.text("HTTP version", Objects.requireNonNull(httpVersion, "httpVersion"));
    }

    final String contentType() {
        String ct = headers.get("Content-Type");
        return ct == null ? "" : ct;
    }

    /** Copies the shared fields of {@code from} into this message (headers copied deeply). */
    final void copyFrom(Message from) {
        httpVersion = from.httpVersion;
        headers = from.headers.copy();
        trailers = from.trailers == null ? null : from.trailers.copy();
        rawContent = from.rawContent == null ? null : from.rawContent.clone();
        timestampStart = from.timestampStart;
        timestampEnd = from.timestampEnd;
    }

    /**
     * What the builders of {@link Request} and {@link Response} share: HTTP version, headers,
     * raw body, trailers and timestamps, with the defaults HTTP/1.1, no headers, an empty raw body,
     * no trailers and no timestamps. The body given here is stored raw: no header is changed.
     * Not thread-safe; reusable.
     *
     * @param <B> the concrete builder, returned by every setter
     */
    public abstract static sealed class Builder<B extends Builder<B>>
            permits Request.Builder, Response.Builder {
        private String httpVersion = "HTTP/1.1";
        private Headers headers = new Headers();
        private byte @Nullable [] content = new byte[0];
        private @Nullable Headers trailers;
        private @Nullable Instant timestampStart;
        private @Nullable Instant timestampEnd;

        Builder() {}

        abstract B self();

        /**
         * Sets the HTTP version.
         *
         * @return this
         * @throws IllegalArgumentException when it holds CR, LF or NUL
         */
        public B httpVersion(String httpVersion) {
            this.httpVersion = version(httpVersion);
            return self();
        }

        /** Sets the headers (used as is, not copied). @return this */
        public B headers(Headers headers) {
            this.headers = Objects.requireNonNull(headers, "headers");
            return self();
        }

        /** Sets the raw body, changing no header; null means absent. @return this */
        public B content(byte @Nullable [] rawContent) {
            this.content = rawContent;
            return self();
        }

        /** Sets the trailers. @return this */
        public B trailers(@Nullable Headers trailers) {
            this.trailers = trailers;
            return self();
        }

        /** Sets when the headers arrived. @return this */
        public B timestampStart(@Nullable Instant timestampStart) {
            this.timestampStart = timestampStart;
            return self();
        }

        /** Sets when the last byte arrived. @return this */
        public B timestampEnd(@Nullable Instant timestampEnd) {
            this.timestampEnd = timestampEnd;
            return self();
        }
    }
}
