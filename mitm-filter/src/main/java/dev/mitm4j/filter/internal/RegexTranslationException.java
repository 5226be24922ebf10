package dev.mitm4j.filter.internal;

/**
 * A Python regex that cannot be used: either it has a construct {@code java.util.regex} lacks or
 * it is invalid. {@link #index()} is the position in the Python source; the parser turns this
 * into a {@link dev.mitm4j.filter.FilterSyntaxException} at the right offset of the expression.
 */
final class RegexTranslationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int index;

    RegexTranslationException(String message, int index) {
        super(message, null, false, false);
        this.index = index;
    }

    int index() {
        return index;
    }
}
