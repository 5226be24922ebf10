/**
 * The README's Java snippets, compiled and run: each file but the tests that drive them is a
 * snippet verbatim behind this package line, and {@link ReadmeSnippetsTest} fails when the README
 * and its twin here differ.
 */
@NullMarked
package dev.mitm4j.examples.readme;

import org.jspecify.annotations.NullMarked;
