/**
 * The HTTP model (flows, requests, responses, headers). The codecs (HTTP/1, HTTP/2, WebSocket)
 * are in the {@code internal} subpackages.
 */
@NullMarked
package dev.mitm4j.http;

import org.jspecify.annotations.NullMarked;
