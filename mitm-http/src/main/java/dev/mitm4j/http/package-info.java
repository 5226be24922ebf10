/**
 * The HTTP model (flows, requests, responses, headers) and the HTTP/1 codec.
 */
@NullMarked
package dev.mitm4j.http;

import org.jspecify.annotations.NullMarked;
