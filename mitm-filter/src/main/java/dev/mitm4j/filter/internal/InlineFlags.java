package dev.mitm4j.filter.internal;

/**
 * Translates Python's inline flag groups: global {@code (?aiLmsux)} and scoped
 * {@code (?aiLmsux-imsx:...)}. {@code i m s x} mean the same in Java; {@code u} (Unicode classes)
 * becomes Java's {@code U}, {@code a} (ASCII classes) becomes {@code -U}; {@code L} (locale) has
 * no Java equivalent and is rejected. Java applies a global flag from where it stands, Python 3.11
 * only accepts it at the start of the pattern: patterns Python accepts mean the same in both.
 */
final class InlineFlags {
    private InlineFlags() {
    }

    static void translate(PythonRegex t, int start) throws RegexTranslationException {
        String src = t.src();
        int p = start + 2;
        StringBuilder on = new StringBuilder();
        StringBuilder off = new StringBuilder();
        StringBuilder target = on;
        for (; p < src.length() && src.charAt(p) != ')' && src.charAt(p) != ':'; p++) {
            char c = src.charAt(p);
            if (c == '-' && target == on) {
                target = off;
            } else if (target == off && "imsx".indexOf(c) < 0) {
                throw new RegexTranslationException("Only i, m, s and x can be turned off", p);
            } else {
                flag(t, c, target, target == on ? off : on, p);
            }
        }
        if (p >= src.length()) {
            throw new RegexTranslationException("Missing ) after flags", start);
        }
        boolean scoped = src.charAt(p) == ':';
        String flags = on + (off.isEmpty() ? "" : "-" + off);
        if (!flags.isEmpty() || scoped) {
            t.emitAt("(?" + flags + (scoped ? ":" : ")"), start);
        }
        t.pos(p + 1);
    }

    private static void flag(PythonRegex t, char c, StringBuilder same, StringBuilder opposite,
            int at) throws RegexTranslationException {
        switch (c) {
            case 'i', 'm', 's', 'x' -> same.append(c);
            case 'u' -> {
                if (t.bytes()) {
                    throw new RegexTranslationException("(?u) cannot be used in a pattern that"
                            + " matches bytes (~b, ~bq, ~bs, ~h, ~hq, ~hs, ~t, ~tq, ~ts, ~m)", at);
                }
                same.append('U');
            }
            case 'a' -> {
                if (!t.bytes()) {
                    opposite.append('U');
                }
            }
            case 'L' -> throw new RegexTranslationException(
                    "(?L) (locale-dependent matching) is not supported", at);
            default -> throw new RegexTranslationException("Unknown flag " + c, at);
        }
    }
}
