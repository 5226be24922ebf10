/**
 * The HTTP/2 codec (RFC 9113) with its header compression (HPACK, RFC 7541).
 *
 * <p>{@link dev.mitm4j.http.internal.http2.FrameReader} and {@link
 * dev.mitm4j.http.internal.http2.FrameWriter} read and write every frame type, joining and
 * splitting CONTINUATION frames and refusing what a frame can get wrong on its own. {@code
 * HpackDecoder} and {@code HpackEncoder} keep the two compression contexts of a connection, with
 * the dynamic tables bounded by SETTINGS_HEADER_TABLE_SIZE and the decoded field list bounded by
 * SETTINGS_MAX_HEADER_LIST_SIZE. Errors follow RFC 9113 section 5.4: {@link
 * dev.mitm4j.http.internal.http2.Http2ConnectionException} ends the connection with GOAWAY, {@link
 * dev.mitm4j.http.internal.http2.Http2StreamException} resets one stream; both carry the {@link
 * dev.mitm4j.http.internal.http2.Http2ErrorCode} and never a header value.
 *
 * <p>Internal: exported only to mitm-core.
 */
@NullMarked
package dev.mitm4j.http.internal.http2;

import org.jspecify.annotations.NullMarked;
