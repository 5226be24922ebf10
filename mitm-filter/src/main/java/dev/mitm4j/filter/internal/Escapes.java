package dev.mitm4j.filter.internal;

/**
 * Translates the Python escapes whose meaning differs in {@code java.util.regex}: octal escapes,
 * numbered group references and the Unicode escapes {@code \\u}, {@code \\U} and {@code \\N{...}}.
 * Each method is called with the translator positioned after the escaped character.
 */
final class Escapes {
    private Escapes() {
    }

    /** {@code \\0}..{@code \\9}: an octal escape or a group reference, by Python's rules. */
    static void digits(PythonRegex t, char first, int start) throws RegexTranslationException {
        String src = t.src();
        int p = t.pos();
        if (first == '0' || (isOctal(first) && isOctal(at(src, p)) && isOctal(at(src, p + 1)))) {
            int end = p;
            while (end < src.length() && end - p < 2 && isOctal(src.charAt(end))) {
                end++;
            }
            octal(t, src.substring(start + 1, end), start, end);
        } else {
            // A group reference: Python reads at most two digits; the group keeps Java from
            // reading a following literal digit as part of the number.
            int end = Character.isDigit(at(src, p)) ? p + 1 : p;
            t.emitAt("(?:\\" + src.substring(start + 1, end) + ")", start);
            t.pos(end);
        }
    }

    /** Octal escapes in a character class: up to three octal digits. */
    static void classDigits(PythonRegex t, char first, int start)
            throws RegexTranslationException {
        if (!isOctal(first)) {
            throw new RegexTranslationException("Bad escape \\" + first, start);
        }
        String src = t.src();
        int end = t.pos();
        while (end < src.length() && end - start < 4 && isOctal(src.charAt(end))) {
            end++;
        }
        octal(t, src.substring(start + 1, end), start, end);
    }

    private static void octal(PythonRegex t, String digits, int start, int end)
            throws RegexTranslationException {
        int value = Integer.parseInt(digits, 8);
        if (value > 0377) {
            throw new RegexTranslationException(
                    "Octal escape value \\" + digits + " outside of range 0-0o377", start);
        }
        t.emitAt(hex(value), start);
        t.pos(end);
    }

    /** {@code \\uXXXX}, {@code \\UXXXXXXXX}, {@code \\N{NAME}}: text patterns only. */
    static void unicode(PythonRegex t, char kind, int start) throws RegexTranslationException {
        if (t.bytes()) {
            throw new RegexTranslationException("\\" + kind + " escapes are not allowed in a"
                    + " pattern that matches bytes (~b, ~bq, ~bs, ~h, ~hq, ~hs, ~t, ~tq, ~ts, ~m)",
                    start);
        }
        String src = t.src();
        int p = t.pos();
        if (kind == 'N') {
            int close = src.indexOf('}', p);
            if (at(src, p) != '{' || close < 0) {
                throw new RegexTranslationException("Missing {...} after \\N", start);
            }
            named(t, src.substring(p + 1, close), start);
            t.pos(close + 1);
            return;
        }
        int digits = kind == 'u' ? 4 : 8;
        if (p + digits > src.length()
                || !src.substring(p, p + digits).matches("[0-9a-fA-F]+")) {
            throw new RegexTranslationException("Incomplete escape \\" + kind, start);
        }
        long value = Long.parseLong(src.substring(p, p + digits), 16);
        if (value > Character.MAX_CODE_POINT) {
            throw new RegexTranslationException("Bad escape \\" + kind, start);
        }
        t.emitAt(hex((int) value), start);
        t.pos(p + digits);
    }

    private static void named(PythonRegex t, String name, int start)
            throws RegexTranslationException {
        try {
            t.emitAt(hex(Character.codePointOf(name)), start);
        } catch (IllegalArgumentException e) {
            throw new RegexTranslationException("Undefined character name '" + name + "'", start);
        }
    }

    static String hex(int codePoint) {
        return "\\x{" + Integer.toHexString(codePoint) + "}";
    }

    private static boolean isOctal(char c) {
        return c >= '0' && c <= '7';
    }

    private static char at(String s, int i) {
        return i < s.length() ? s.charAt(i) : '\0';
    }
}
