/**
 * The filter language's implementation: {@link dev.mitm4j.filter.internal.Parser} (syntax to
 * {@link dev.mitm4j.filter.internal.Expr}), {@link dev.mitm4j.filter.internal.PythonRegex}
 * (Python regexes to {@code java.util.regex}) and {@link dev.mitm4j.filter.internal.Compiler}
 * (syntax tree to matchers). Not an API.
 */
@NullMarked
package dev.mitm4j.filter.internal;

import org.jspecify.annotations.NullMarked;
