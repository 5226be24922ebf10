/**
 * The HTTP/1.1 codec (RFC 9112): {@link dev.mitm4j.http.internal.http1.Http1Reader} parses heads
 * and bodies from an okio source as an explicit state machine with named limits, strict against
 * request smuggling by default; {@link dev.mitm4j.http.internal.http1.Http1Writer} writes them.
 * Internal: exported only to mitm-core and mitm-testkit.
 */
@NullMarked
package dev.mitm4j.http.internal.http1;

import org.jspecify.annotations.NullMarked;
