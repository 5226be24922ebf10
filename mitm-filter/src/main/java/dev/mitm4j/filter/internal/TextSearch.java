package dev.mitm4j.filter.internal;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An unanchored search of one regex argument ({@code re.search}): the compiled regex, or for a
 * plain ASCII literal (the common {@code ~d example\.com}) a {@link LiteralSearch} that finds
 * exactly the same matches without allocating a {@link java.util.regex.Matcher}. Immutable and
 * thread-safe.
 */
@FunctionalInterface
interface TextSearch {

    /** {@return whether the regex matches anywhere in {@code text}} */
    boolean find(CharSequence text);

    /** {@return the fastest search equivalent to {@code op}'s compiled regex} */
    static TextSearch of(Expr.Op op) {
        Pattern pattern = op.pattern();
        if (pattern != null) {
            return text -> pattern.matcher(text).find();
        }
        String literal = Objects.requireNonNull(LiteralSearch.literalOf(
                Objects.requireNonNull(op.argument())));
        return new LiteralSearch(literal, !Objects.requireNonNull(op.operator().flavor()).bytes);
    }
}
