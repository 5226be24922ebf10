/**
 * JMH benchmarks of the codecs, the filter language and flow files; see {@code bench/} for the
 * end-to-end proxy measurements.
 */
@NullMarked
package dev.mitm4j.benchmarks;

import org.jspecify.annotations.NullMarked;
