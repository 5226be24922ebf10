/**
 * Socket streams every layer shares: okio sources and sinks over a socket's plain streams that
 * move up to 64 KiB per call and hold no large array while idle. Depends on no other package of
 * mitm-core but the SPI. Not API: exported to no module.
 */
@NullMarked
package dev.mitm4j.core.internal.io;

import org.jspecify.annotations.NullMarked;
