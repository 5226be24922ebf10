/**
 * The WebSocket codec: RFC 6455 frames and messages, permessage-deflate (RFC 7692) and the
 * opening handshake's headers. Internal: exported to no module until mitm-core's WebSocket layer
 * uses it (mitm-core relays WebSocket connections byte for byte today).
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@link dev.mitm4j.http.internal.websocket.FrameReader} and
 *       {@link dev.mitm4j.http.internal.websocket.FrameWriter}: one frame at a time, masking by
 *       the sender's {@link dev.mitm4j.http.internal.websocket.Role}, every frame-level rule of
 *       RFC 6455 §5 checked on read.
 *   <li>{@link dev.mitm4j.http.internal.websocket.MessageReader} and
 *       {@link dev.mitm4j.http.internal.websocket.MessageWriter}: whole messages (reassembled,
 *       decompressed, UTF-8 checked) or, above a threshold, the same message streamed in bounded
 *       chunks; control frames in wire order between them.
 *   <li>{@link dev.mitm4j.http.internal.websocket.DeflateNegotiation} and
 *       {@link dev.mitm4j.http.internal.websocket.DeflateParameters}: what each leg of a
 *       connection agreed, and the per-direction compressor and decompressor it implies.
 *   <li>{@link dev.mitm4j.http.internal.websocket.WebSocketHandshake}: keys, accept values,
 *       subprotocols, request and response checks.
 * </ul>
 *
 * <h2>Errors</h2>
 * A peer that breaks the protocol raises
 * {@link dev.mitm4j.http.internal.websocket.WebSocketProtocolException}, which names the close
 * code to answer with (1002, 1007 or 1009), the stream offset and the reader state; its message
 * never contains payload bytes. A bad handshake raises
 * {@link dev.mitm4j.http.internal.websocket.WebSocketHandshakeException}, naming the header but
 * never its value.
 */
@NullMarked
package dev.mitm4j.http.internal.websocket;

import org.jspecify.annotations.NullMarked;
