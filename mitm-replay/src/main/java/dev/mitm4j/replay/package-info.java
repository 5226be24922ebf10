/**
 * Flow files in mitmproxy format, HAR, client-side and server-side replay.
 */
@NullMarked
package dev.mitm4j.replay;

import org.jspecify.annotations.NullMarked;
