/**
 * The embeddable proxy: {@link dev.mitm4j.core.ProxyServer}, {@link dev.mitm4j.core.Options},
 * {@link dev.mitm4j.core.ProxyMode}, {@link dev.mitm4j.core.Addon},
 * {@link dev.mitm4j.core.FlowMaster} and {@link dev.mitm4j.core.Streaming}.
 *
 * <h2>Life of a connection</h2>
 * <ol>
 *   <li>A listener (one per mode) accepts a socket and starts one virtual thread for it, named
 *       after the connection id ({@code mitm4j-conn c17}).
 *   <li>The mode's fixed layers run ({@code block_global}/{@code block_private} first; reverse
 *       mode sets the destination; SOCKS5 reads it from the handshake), then each next layer is
 *       chosen by peeking at the client's bytes: an HTTP/1 request line gives the HTTP layer, a
 *       TLS ClientHello gives the TLS layer, which intercepts (the client gets a certificate made
 *       on the fly by the CA, the server a TLS connection of its own) and the next layer is
 *       chosen again on the decrypted bytes; anything else inside a tunnel is raw TCP.
 *       {@code ignore_hosts}/{@code allow_hosts} (and {@code tls_passthrough_untrusted}, or an
 *       addon in {@code tlsClientHello}) pass a tunnel through untouched, {@code tcp_hosts} makes
 *       it raw TCP, and the {@code nextLayer} event can replace the choice.
 *   <li>The HTTP layer serves requests one after the other on a keep-alive connection and keeps
 *       the server connection while consecutive requests go to the same server.
 *   <li>Every connection ends in one catch ladder: resets and timeouts are logged at DEBUG,
 *       unexpected failures at WARN, running out of heap at ERROR; a connection's failure never
 *       affects another.
 * </ol>
 *
 * <h2>Limits and defaults</h2>
 * <table>
 *   <caption>Engine limits</caption>
 *   <tr><th>what</th><th>default</th><th>set with</th></tr>
 *   <tr><td>listen address</td><td>127.0.0.1</td><td>{@code listen_host}</td></tr>
 *   <tr><td>client connections open at once (more are closed at once)</td>
 *       <td>(open-file limit - 128) / 2, at most max heap / 128 KiB</td>
 *       <td>{@code connection_limit}</td></tr>
 *   <tr><td>idle connection</td><td>600 s</td><td>{@code tcp_timeout}</td></tr>
 *   <tr><td>flows in progress at shutdown ({@code close()}, SIGTERM)</td><td>5 s to finish,
 *       then killed</td><td>{@code shutdown_timeout}</td></tr>
 *   <tr><td>reading a request head, per read once it started</td><td>30 s</td>
 *       <td>{@link dev.mitm4j.core.ProxyServer.Builder#headerTimeout}</td></tr>
 *   <tr><td>connecting upstream</td><td>30 s</td>
 *       <td>{@link dev.mitm4j.core.ProxyServer.Builder#connectTimeout}</td></tr>
 *   <tr><td>request line / header block / header count / chunk-size line</td>
 *       <td>8 KiB / 64 KiB / 100 / 4 KiB</td><td>{@code dev.mitm4j.http.Http1Limits}</td></tr>
 *   <tr><td>bodies</td><td>buffered whole</td><td>{@code stream_large_bodies},
 *       {@link dev.mitm4j.core.Streaming}</td></tr>
 *   <tr><td>bodies buffered at once, over all flows (a body that does not fit, or is over
 *       2 GiB, is streamed and not kept)</td><td>a quarter of the maximum heap</td>
 *       <td>{@code body_memory_budget}</td></tr>
 *   <tr><td>largest body</td><td>unlimited</td><td>{@code body_size_limit} (413 for requests,
 *       502 for responses, and an error flow)</td></tr>
 *   <tr><td>streamed chunk</td><td>at most 64 KiB per read</td><td>-</td></tr>
 * </table>
 *
 * <h2>Answers of the proxy itself</h2>
 * 400 for a malformed or misdirected request (logged with the parser's offset and state, also as
 * an {@code addLog} event), 407 (401 in reverse mode) for missing proxy credentials, 413 for a
 * request body over {@code body_size_limit}, 502 with a one-line plain-text reason when the
 * server cannot be reached or answers badly, 504 when it sends no response head within
 * {@code tcp_timeout}.
 */
@NullMarked
package dev.mitm4j.core;

import org.jspecify.annotations.NullMarked;
