package dev.mitm4j.filter.internal;

import dev.mitm4j.filter.FilterSyntaxException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The character-level half of {@link Parser}: a cursor over the expression that reads operator
 * codes, integers, bare words and quoted strings. Whitespace is space, tab, CR and LF (what
 * mitmproxy's grammar skips).
 *
 * <p>Quoted strings: {@code '...'} or {@code "..."}; a backslash escapes the next character.
 * {@code \\\\}, {@code \\'} and {@code \\"} become the character itself; any other escape is kept
 * with its backslash, so that regex escapes such as {@code \\.} or {@code \\d} survive quoting
 * (mitmproxy drops those backslashes; see the module documentation).
 *
 * <p>Bare words end at whitespace, {@code ~}, quotes and a {@code )} that closes nothing in the
 * word. Parentheses that balance within the word belong to it ({@code get(Info|Routers)} is one
 * regex); an unbalanced {@code (} ends the word there, as in mitmproxy. {@code \\(} and
 * {@code \\)} are regex escapes and never count.
 */
final class Scanner {
    /** A word or quoted string, with the expression offset of each of its characters. */
    record Token(String text, int[] offsets) {
        int offsetOf(int index) {
            return offsets[Math.clamp(index, 0, offsets.length - 1)];
        }
    }

    private final String s;
    private int pos;

    Scanner(String expression) {
        this.s = expression;
    }

    int pos() {
        return pos;
    }

    boolean atEnd() {
        return pos >= s.length();
    }

    char peek() {
        return s.charAt(pos);
    }

    void advance() {
        pos++;
    }

    FilterSyntaxException error(String reason, int offset) {
        return new FilterSyntaxException(reason, s, offset);
    }

    /** Skips whitespace; {@return whether the end was reached} */
    boolean skipWhitespace() {
        while (pos < s.length() && isWhitespace(s.charAt(pos))) {
            pos++;
        }
        return atEnd();
    }

    /** {@return whether something other than {@code )} follows the character at the cursor} */
    boolean somethingFollows() {
        int p = pos + 1;
        while (p < s.length() && isWhitespace(s.charAt(p))) {
            p++;
        }
        return p < s.length() && s.charAt(p) != ')';
    }

    /** Reads {@code ~code}; {@return the code without the tilde} */
    String operatorCode() {
        int start = ++pos;
        while (pos < s.length() && !isWhitespace(s.charAt(pos))
                && "()'\"~!&|".indexOf(s.charAt(pos)) < 0) {
            pos++;
        }
        return s.substring(start, pos);
    }

    /** {@return ASCII digits ending at a delimiter, or null (cursor unmoved) if there are none} */
    @Nullable String digits() {
        int end = pos;
        while (end < s.length() && s.charAt(end) >= '0' && s.charAt(end) <= '9') {
            end++;
        }
        if (end == pos || (end < s.length() && !isDelimiter(s.charAt(end)))) {
            return null;
        }
        String digits = s.substring(pos, end);
        pos = end;
        return digits;
    }

    /** A regex in operand position: a quoted string or a word (which cannot start with '('). */
    Token regex() {
        Token token = argument();
        if (token == null) {
            throw error("Expected an expression", pos);
        }
        return token;
    }

    /** A regex argument: quoted, or a word that may start with a balanced group; null if none. */
    @Nullable Token argument() {
        char c = peek();
        return c == '\'' || c == '"' ? quoted(c) : word();
    }

    private @Nullable Token word() {
        int start = pos;
        int depth = 0;
        int open = -1;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (isWhitespace(c) || c == '~' || c == '\'' || c == '"') {
                break;
            } else if (c == '\\' && pos + 1 < s.length() && "()".indexOf(s.charAt(pos + 1)) >= 0) {
                pos++;
            } else if (c == '(') {
                open = depth++ == 0 ? pos : open;
            } else if (c == ')') {
                if (depth == 0) {
                    break;
                }
                depth--;
            }
            pos++;
        }
        if (depth > 0) {
            pos = open;     // an unbalanced '(' is grouping, as in mitmproxy
        }
        return pos == start ? null : new Token(s.substring(start, pos), offsets(start, pos));
    }

    private Token quoted(char quote) {
        int start = pos++;
        StringBuilder text = new StringBuilder();
        int[] offsets = new int[s.length() - start + 1];
        while (pos < s.length() && s.charAt(pos) != quote) {
            char c = s.charAt(pos);
            if (c == '\\' && pos + 1 < s.length()) {
                char next = s.charAt(pos + 1);
                if (next != '\\' && next != '\'' && next != '"') {
                    offsets[text.length()] = pos;
                    text.append(c);
                }
                pos++;
                c = next;
            }
            offsets[text.length()] = pos;
            text.append(c);
            pos++;
        }
        if (pos >= s.length()) {
            throw error("Unterminated quoted string", start);
        }
        offsets[text.length()] = pos++;
        return new Token(text.toString(), Arrays.copyOf(offsets, text.length() + 1));
    }

    private static int[] offsets(int start, int end) {
        int[] offsets = new int[end - start + 1];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = start + i;
        }
        return offsets;
    }

    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isDelimiter(char c) {
        return isWhitespace(c) || "()'\"~!&|".indexOf(c) >= 0;
    }
}
