/**
 * SOCKSv5 (RFC 1928) with username/password authentication (RFC 1929): the wire codec and the
 * server-side handshake of the {@code socks5} mode. Not API.
 */
@NullMarked
package dev.mitm4j.core.internal.socks5;

import org.jspecify.annotations.NullMarked;
