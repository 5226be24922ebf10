/**
 * The HTTP/2 codec (RFC 9113) with its header compression (HPACK, RFC 7541), on blocking I/O for
 * virtual threads.
 *
 * <h2>Layers</h2>
 * <ul>
 *   <li>{@link dev.mitm4j.http.internal.http2.FrameReader} and {@link
 *       dev.mitm4j.http.internal.http2.FrameWriter} read and write every frame type, joining and
 *       splitting CONTINUATION frames and refusing what a frame can get wrong on its own.
 *   <li>{@link dev.mitm4j.http.internal.http2.HpackDecoder} and {@link
 *       dev.mitm4j.http.internal.http2.HpackEncoder} keep the two compression contexts of a
 *       connection, the dynamic tables bounded by SETTINGS_HEADER_TABLE_SIZE and the decoded field
 *       list by SETTINGS_MAX_HEADER_LIST_SIZE.
 *   <li>{@link dev.mitm4j.http.internal.http2.Http2Fields} validates field sections (RFC 9113
 *       8.2, 8.3) into {@link dev.mitm4j.http.internal.http2.Http2RequestHead} and {@link
 *       dev.mitm4j.http.internal.http2.Http2ResponseHead}, and builds the field lists written.
 *   <li>{@link dev.mitm4j.http.internal.http2.Http2Connection} runs one connection in either role
 *       (one reader thread, SETTINGS, flow control, PING, GOAWAY, RST_STREAM) and hands out
 *       {@link dev.mitm4j.http.internal.http2.Http2Stream}s, each one exchange.
 * </ul>
 *
 * <h2>The stream API, for a protocol-neutral exchange</h2>
 * An exchange thread uses a stream as it uses an HTTP/1 connection for one request/response, in
 * the same phases: request head, request body, (upstream), response head, response body, done.
 * <table>
 *   <caption>Phase by phase</caption>
 *   <tr><th>phase</th><th>HTTP/1 codec</th><th>HTTP/2 stream</th></tr>
 *   <tr><td>request head in</td><td>{@code Http1Reader.readRequestHead()}</td>
 *       <td>{@code Http2Connection.accept()} then {@code stream.requestHead()}</td></tr>
 *   <tr><td>request body in</td><td>{@code reader.body(framing)}</td>
 *       <td>{@code stream.body()}, then {@code stream.trailers()}</td></tr>
 *   <tr><td>request out (upstream)</td><td>{@code Http1Writer} head, body sink</td>
 *       <td>{@code connection.newStream(head, endStream)}, {@code stream.bodySink()}, {@code
 *       writeTrailers}</td></tr>
 *   <tr><td>response head in</td><td>{@code readResponseHead()} (1xx first)</td>
 *       <td>{@code stream.readResponseHead()} (1xx first)</td></tr>
 *   <tr><td>response body in</td><td>{@code reader.body(framing)}</td>
 *       <td>{@code stream.body()}, then {@code stream.trailers()}</td></tr>
 *   <tr><td>response out (client)</td><td>{@code Http1Writer} head, body sink</td>
 *       <td>{@code stream.writeResponseHead(head, endStream)}, {@code bodySink()}, {@code
 *       writeTrailers}</td></tr>
 *   <tr><td>abort</td><td>close the connection</td>
 *       <td>{@code stream.cancel(code)}; the connection lives on</td></tr>
 * </table>
 * Bodies are okio {@link okio.Source}s and {@link okio.Sink}s in both codecs, so streaming code
 * (chunk transformers, {@code stream_large_bodies}) is shared; the HTTP/2 sink splits into DATA
 * frames and blocks on flow control, the source returns window credit only as it is read (real
 * backpressure: at most {@link dev.mitm4j.http.internal.http2.Http2Limits#initialWindowSize()}
 * bytes are buffered per stream). Heads differ only in the start line: HTTP/2 carries {@code
 * :method}, {@code :scheme}, {@code :authority}, {@code :path} (and {@code :protocol} for RFC 8441
 * extended CONNECT) and {@code :status}, never a reason phrase; the regular fields are the
 * model's {@link dev.mitm4j.http.Headers}, names lowercase. To translate h1 to h2, build the head
 * from the request target and Host and write it: the writer drops connection-specific fields (RFC
 * 9113 8.2.2). To translate h2 to h1, join {@code cookie} fields with {@code "; "} (8.2.3) and
 * let the HTTP/1 writer frame the body (the h2 head carries no Transfer-Encoding). Failures map
 * one to one: {@link dev.mitm4j.http.internal.http2.Http2StreamException} with {@code
 * REFUSED_STREAM} means "not processed, retry", with {@code HTTP_1_1_REQUIRED} "retry over
 * HTTP/1.1"; {@link dev.mitm4j.http.internal.http2.Http2ConnectionException} means the whole
 * connection is gone.
 *
 * <p>Internal: exported to no module until mitm-core's HTTP/2 layer uses it.
 */
@NullMarked
package dev.mitm4j.http.internal.http2;

import org.jspecify.annotations.NullMarked;
