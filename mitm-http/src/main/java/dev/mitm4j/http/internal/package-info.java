/**
 * Helpers behind the HTTP model: content encodings, charset inference, URLs, cookies, dates,
 * multipart bodies and status phrases. Not an API: exported to no module.
 */
@NullMarked
package dev.mitm4j.http.internal;

import org.jspecify.annotations.NullMarked;
