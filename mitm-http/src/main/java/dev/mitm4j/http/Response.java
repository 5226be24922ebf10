package dev.mitm4j.http;

import dev.mitm4j.http.internal.Cookies;
import dev.mitm4j.http.internal.HttpDates;
import dev.mitm4j.http.internal.StatusCodes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP response, mutable in place as mitmproxy's {@code Response}. See {@link Message} for
 * the body views and their encoding rules. Not thread-safe.
 */
public final class Response extends Message {
    private static final List<String> REFRESHED_DATES = List.of("Date", "Expires", "Last-Modified");

    private int statusCode;
    private @Nullable String reason;

    private Response(Builder b) {
        super(b);
        this.statusCode = b.statusCode;
        this.reason = b.reason;
    }

    /** {@return a builder for "HTTP/1.1 200" with no headers and an empty body} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates a response as mitmproxy's {@code Response.make}: HTTP/1.1, the default reason
     * phrase, the body set through {@link #content(byte[])} (so {@code Content-Length} is set
     * unless {@code Transfer-Encoding} is present, and a {@code Content-Encoding} is applied),
     * timestamps now.
     */
    public static Response make(int status, byte[] body, Headers headers) {
        Instant now = Instant.now();
        Response r = builder().statusCode(status).reason(StatusCodes.reason(status))
                .headers(headers).timestampStart(now).timestampEnd(now).build();
        r.content(body);
        return r;
    }

    /**
     * {@return like {@link #make(int, byte[], Headers)}, the body set through
     * {@link #text(String)} (the Content-Type charset, else UTF-8 noted in Content-Type when
     * ISO-8859-1 cannot hold the text)}
     */
    public static Response make(int status, String text, Headers headers) {
        Instant now = Instant.now();
        Response r = builder().statusCode(status).reason(StatusCodes.reason(status))
                .headers(headers).timestampStart(now).timestampEnd(now).build();
        r.text(text);
        return r;
    }

    /** {@return {@link #make(int, byte[], Headers)} with an empty body and no headers} */
    public static Response make(int status) {
        return make(status, new byte[0], new Headers());
    }

    /** {@return the status code, e.g. 200} */
    public int statusCode() {
        return statusCode;
    }

    /**
     * Sets the status code. Not validated: a proxy relays what it sees, and a recording may hold
     * any number (a HAR file records 0 for a blocked request). The HTTP/1 writer refuses a code
     * outside 100..999, and the client then gets a 502 instead.
     */
    public void statusCode(int statusCode) {
        this.statusCode = statusCode;
    }

    /**
     * {@return the reason phrase as received; when none was set, the default phrase of the
     * status code ("" for unknown codes)}
     */
    public String reason() {
        return reason != null ? reason : StatusCodes.reason(statusCode);
    }

    /**
     * Sets the reason phrase; null restores the default for the status code.
     *
     * @throws IllegalArgumentException when it holds CR, LF or NUL
     */
    public void reason(@Nullable String reason) {
        this.reason = reason == null ? null : HeadText.text("reason", reason);
    }

    /**
     * {@return the cookies this response sets, as a live view of its Set-Cookie headers}
     */
    public ResponseCookies cookies() {
        return new ResponseCookies(this);
    }

    /** Refreshes for replay as of now; see {@link #refresh(Instant)}. */
    public void refresh() {
        refresh(Instant.now());
    }

    /**
     * Makes a recorded response look fresh, as mitmproxy's {@code refresh}: with
     * {@code delta = now - timestampStart()} (zero when that is unknown), the {@code Date},
     * {@code Expires} and {@code Last-Modified} headers that parse as dates are shifted by delta
     * and rewritten as IMF-fixdate in GMT (unparsable ones stay); in every {@code Set-Cookie}
     * the {@code expires} attribute is shifted, or removed when it does not parse, and
     * {@code Max-Age} is left alone; a cookie without name or value is kept unchanged.
     */
    public void refresh(Instant now) {
        Instant start = timestampStart();
        Duration delta = start == null ? Duration.ZERO : Duration.between(start, now);
        for (String name : REFRESHED_DATES) {
            String value = headers().get(name);
            Instant when = value == null ? null : HttpDates.parse(value);
            if (when != null) {
                headers().set(name, HttpDates.format(when.plus(delta)));
            }
        }
        List<String> refreshed = new ArrayList<>();
        for (String header : headers().getAll("Set-Cookie")) {
            try {
                refreshed.add(Cookies.refreshSetCookieHeader(header, delta));
            } catch (IllegalArgumentException e) {
                refreshed.add(header);
            }
        }
        if (!refreshed.isEmpty()) {
            headers().setAll("Set-Cookie", refreshed);
        }
    }

    /** {@return a deep copy: copied headers, trailers and body} */
    public Response copy() {
        Response r = builder().statusCode(statusCode).reason(reason).build();
        r.copyFrom(this);
        return r;
    }

    @Override
    public String toString() {
        byte[] raw = rawContent();
        String details = raw == null ? "no content"
                : (headers().get("Content-Type") == null ? "unknown content type"
                        : headers().get("Content-Type")) + ", " + raw.length + "b";
        return "Response(" + statusCode + ", " + details + ")";
    }

    /**
     * Builds a {@link Response}; defaults: 200, reason unset (so the default phrase),
     * HTTP/1.1, no headers, empty raw body, no trailers, no timestamps. Not thread-safe.
     */
    public static final class Builder extends Message.Builder<Builder> {
        private int statusCode = 200;
        private @Nullable String reason;

        private Builder() {}

        /** Sets the status code. @return this */
        public Builder statusCode(int statusCode) {
            this.statusCode = statusCode;
            return this;
        }

        /**
         * Sets the reason phrase; null means the default phrase.
         *
         * @return this
         * @throws IllegalArgumentException when it holds CR, LF or NUL
         */
        public Builder reason(@Nullable String reason) {
            this.reason = reason == null ? null : HeadText.text("reason", reason);
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /** {@return a new response with this builder's values} */
        public Response build() {
            return new Response(this);
        }
    }
}
