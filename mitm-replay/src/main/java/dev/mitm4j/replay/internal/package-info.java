/**
 * Internals of mitm-replay: the tnetstring codec, flow state conversion and migration, HAR
 * mapping. Not an API; exported to no one.
 */
@NullMarked
package dev.mitm4j.replay.internal;

import org.jspecify.annotations.NullMarked;
