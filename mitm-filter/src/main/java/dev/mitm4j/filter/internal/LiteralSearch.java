package dev.mitm4j.filter.internal;

import org.jspecify.annotations.Nullable;

/**
 * A case-insensitive substring search that answers exactly as {@code java.util.regex} does for a
 * literal compiled with {@code CASE_INSENSITIVE} (ASCII folding, byte operators) or with
 * {@code CASE_INSENSITIVE | UNICODE_CASE} (text operators, where for instance the Kelvin sign
 * matches {@code k}): both sides are folded with the same function the JDK's case-insensitive
 * slices use. Only ASCII literals take this path; {@link #literalOf} decides.
 */
final class LiteralSearch implements TextSearch {
    private static final String PYTHON_META = ".^$*+?{}[]\\|()";

    private final char[] folded;
    private final boolean unicode;

    LiteralSearch(String literal, boolean unicode) {
        this.unicode = unicode;
        this.folded = new char[literal.length()];
        for (int i = 0; i < folded.length; i++) {
            folded[i] = fold(literal.charAt(i));
        }
    }

    /**
     * {@return the text a Python regex matches when it is a non-empty ASCII literal (letters,
     * digits, non-special punctuation and backslash-escaped punctuation), else null}
     */
    static @Nullable String literalOf(String python) {
        StringBuilder sb = new StringBuilder(python.length());
        for (int i = 0; i < python.length(); i++) {
            char c = python.charAt(i);
            if (c == '\\' && i + 1 < python.length()) {
                char next = python.charAt(++i);
                if (next >= 0x80 || Character.isLetterOrDigit(next) || next <= ' ') {
                    return null;     // \d, \b, \0, \n...: not a literal
                }
                sb.append(next);
            } else if (c >= 0x80 || c < ' ' || PYTHON_META.indexOf(c) >= 0) {
                return null;
            } else {
                sb.append(c);
            }
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    @Override
    public boolean find(CharSequence text) {
        int last = text.length() - folded.length;
        char first = folded[0];
        for (int i = 0; i <= last; i++) {
            char c = text.charAt(i);
            if ((c == first || fold(c) == first) && matchesAt(text, i)) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesAt(CharSequence text, int start) {
        for (int j = 1; j < folded.length; j++) {
            char c = text.charAt(start + j);
            if (c != folded[j] && fold(c) != folded[j]) {
                return false;
            }
        }
        return true;
    }

    private char fold(char c) {
        if (c < 0x80) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;    // the same in both foldings
        }
        return unicode ? Character.toLowerCase(Character.toUpperCase(c)) : c;
    }
}
