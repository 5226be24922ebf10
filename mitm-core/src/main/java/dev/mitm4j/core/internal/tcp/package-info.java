/**
 * Raw TCP: the layer that relays a stream both ways with a {@code tcp_message} event per chunk,
 * the pass-through of {@code ignore_hosts}/{@code allow_hosts}, and the relay they share. Not
 * API.
 */
@NullMarked
package dev.mitm4j.core.internal.tcp;

import org.jspecify.annotations.NullMarked;
