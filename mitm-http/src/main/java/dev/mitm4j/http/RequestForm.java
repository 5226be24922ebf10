package dev.mitm4j.http;

/**
 * The four forms of an HTTP/1 request-target (RFC 9112 section 3.2), as
 * {@link Request#form()} derives them from the request's fields.
 */
public enum RequestForm {
    /** {@code /path?query}: the usual form towards an origin server. */
    ORIGIN,
    /** {@code http://host:port/path}: requests to a forward proxy. */
    ABSOLUTE,
    /** {@code host:port}: only with CONNECT. */
    AUTHORITY,
    /** {@code *}: only with OPTIONS, asking about the server as a whole. */
    ASTERISK
}
