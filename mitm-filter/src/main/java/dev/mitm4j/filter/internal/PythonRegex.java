package dev.mitm4j.filter.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles a regex written in Python's {@code re} syntax (as mitmproxy users write them) with
 * {@code java.util.regex}, translating the constructs whose syntax or meaning differ:
 *
 * <ul>
 *   <li>{@code (?P<name>...)} and {@code (?P=name)} become {@code (?<name>...)} and
 *       {@code \k<name>}; names Java does not accept (underscores, non-ASCII) are renamed.
 *   <li>{@code \Z} (end of input) becomes {@code \z}; {@code \v} (vertical tab) becomes
 *       {@code \x0B}; {@code [\b]} (backspace) becomes {@code \x08}; octal escapes and
 *       {@code \UXXXXXXXX} become {@code \x{...}}.
 *   <li>Inline flags {@code (?aiLmsux)} and scoped {@code (?i-s:...)}: {@code a} and {@code u}
 *       switch Unicode classes off and on; {@code (?L)} is rejected. {@code (?#...)} comments
 *       are dropped.
 *   <li>A <code>{</code> that does not start a quantifier is a literal, as in Python;
 *       {@code {,n}} becomes {@code {0,n}}. In character classes, {@code [}, {@code &&},
 *       whitespace and {@code #} are literals, as in Python.
 * </ul>
 *
 * Conditionals {@code (?(1)yes|no)} are rejected, and so are <code>&#92;u</code>,
 * <code>&#92;U</code> and <code>&#92;N</code> escapes in byte patterns, as Python does. Every
 * pattern is compiled case-insensitive (mitmproxy's default) with
 * {@link Pattern#UNIX_LINES}, so that {@code .}, {@code ^} and {@code $} see only {@code \n}
 * as a line end, as Python does.
 *
 * <p>Byte patterns (bodies, headers, content types, methods) are matched against text holding one
 * ISO-8859-1 char per byte, so their non-ASCII characters are turned into their UTF-8 bytes here,
 * as mitmproxy encodes them; case-insensitivity and {@code \w}-style classes are ASCII-only there,
 * as in Python's byte patterns. Text patterns get Unicode case folding and classes.
 */
final class PythonRegex {
    private final String src;
    private final boolean bytes;
    private final StringBuilder out = new StringBuilder();
    private int[] sourceIndex = new int[16];
    private final Map<String, String> groupNames = new HashMap<>();
    private int pos;

    private PythonRegex(String src, boolean bytes) {
        this.src = src;
        this.bytes = bytes;
    }

    /**
     * Translates and compiles {@code python}.
     *
     * @param flavor byte or text semantics and the operator's extra flags
     * @throws RegexTranslationException with the index in {@code python} where it failed
     */
    static Pattern compile(String python, Operator.Flavor flavor) throws RegexTranslationException {
        PythonRegex t = new PythonRegex(python, flavor.bytes);
        String java = t.translate();
        int flags = Pattern.CASE_INSENSITIVE | Pattern.UNIX_LINES;
        if (!flavor.bytes) {
            flags |= Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;
        }
        if (flavor.multiline) {
            flags |= Pattern.MULTILINE;
        }
        if (flavor.dotall) {
            flags |= Pattern.DOTALL;
        }
        try {
            return Pattern.compile(java, flags);
        } catch (PatternSyntaxException e) {
            throw new RegexTranslationException(
                    e.getDescription(), t.toSource(e.getIndex()));
        }
    }

    /** {@return the Java regex for a Python one; for tests and diagnostics} */
    static String translate(String python, boolean bytes) throws RegexTranslationException {
        return new PythonRegex(python, bytes).translate();
    }

    private String translate() throws RegexTranslationException {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            switch (c) {
                case '\\' -> escape(false);
                case '[' -> characterClass();
                case '(' -> group();
                case '{' -> brace();
                default -> literal();
            }
        }
        return out.toString();
    }

    private int toSource(int javaIndex) {
        if (javaIndex < 0) {
            return 0;
        }
        return javaIndex < out.length() ? sourceIndex[javaIndex] : src.length();
    }

    /** Appends {@code s} as the translation of the source text starting at {@code from}. */
    private void emit(String s, int from) {
        for (int i = 0; i < s.length(); i++) {
            if (out.length() == sourceIndex.length) {
                sourceIndex = Arrays.copyOf(sourceIndex, sourceIndex.length * 2);
            }
            sourceIndex[out.length()] = from;
            out.append(s.charAt(i));
        }
    }

    /** Copies one (possibly non-ASCII) character, as UTF-8 bytes in a byte pattern. */
    private void literal() {
        int cp = src.codePointAt(pos);
        int from = pos;
        pos += Character.charCount(cp);
        if (bytes && cp > 0x7f) {
            byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            emit(new String(utf8, StandardCharsets.ISO_8859_1), from);
        } else {
            emit(Character.toString(cp), from);
        }
    }

    private void characterClass() throws RegexTranslationException {
        int start = pos;
        emit("[", pos++);
        if (pos < src.length() && src.charAt(pos) == '^') {
            emit("^", pos++);
        }
        if (pos < src.length() && src.charAt(pos) == ']') {
            emit("\\]", pos++);     // Python: a ']' first in a set is a literal
        }
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == ']') {
                emit("]", pos++);
                return;
            } else if (c == '\\') {
                escape(true);
            } else if (c == '[' || c == '&' || c == '#') {
                emit("\\" + c, pos++);   // nested classes and && exist only in Java
            } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                emit(String.format("\\x%02x", (int) c), pos++);  // kept even under (?x)
            } else {
                literal();
            }
        }
        throw new RegexTranslationException("Unterminated character set", start);
    }

    private void brace() {
        int end = src.indexOf('}', pos);
        String body = end < 0 ? "" : src.substring(pos + 1, end);
        if (end >= 0 && body.matches("\\d+|\\d*,\\d*")) {
            emit("{" + (body.startsWith(",") ? "0" + body : body) + "}", pos);
            pos = end + 1;
        } else {
            emit("\\{", pos++);     // Python reads a '{' that starts no quantifier literally
        }
    }

    private void group() throws RegexTranslationException {
        int start = pos;
        if (!src.startsWith("(?", pos)) {
            emit("(", pos++);
            return;
        }
        if (src.startsWith("(?P<", pos)) {
            namedGroup(start);
        } else if (src.startsWith("(?P=", pos)) {
            backReference(start);
        } else if (src.startsWith("(?#", pos)) {
            int end = src.indexOf(')', pos);
            if (end < 0) {
                throw new RegexTranslationException("Missing ) after comment", start);
            }
            pos = end + 1;
        } else if (src.startsWith("(?(", pos)) {
            throw new RegexTranslationException(
                    "Conditional groups (?(id)yes|no) are not supported", start);
        } else if (pos + 2 < src.length() && isFlag(src.charAt(pos + 2))) {
            InlineFlags.translate(this, start);
        } else {
            emit("(?", pos);
            pos += 2;
        }
    }

    private static boolean isFlag(char c) {
        return "aiLmsux-".indexOf(c) >= 0;
    }

    private void namedGroup(int start) throws RegexTranslationException {
        int end = src.indexOf('>', start + 4);
        String name = end < 0 ? "" : src.substring(start + 4, end);
        if (!isIdentifier(name)) {
            throw new RegexTranslationException("Bad group name in (?P<...>)", start + 4);
        }
        if (groupNames.containsKey(name)) {
            throw new RegexTranslationException("Redefinition of group name " + name, start + 4);
        }
        String java = javaGroupName(name);
        groupNames.put(name, java);
        emit("(?<" + java + ">", start);
        pos = end + 1;
    }

    private void backReference(int start) throws RegexTranslationException {
        int end = src.indexOf(')', start + 4);
        String name = end < 0 ? "" : src.substring(start + 4, end);
        String java = groupNames.get(name);
        if (java == null) {
            throw new RegexTranslationException("Unknown group name in (?P=...)", start + 4);
        }
        emit("\\k<" + java + ">", start);
        pos = end + 1;
    }

    private static boolean isIdentifier(String name) {
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.codePointAt(0))
                || name.charAt(0) == '$') {
            return false;
        }
        return name.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || c == '_');
    }

    /** Java group names are ASCII letters and digits, starting with a letter. */
    private String javaGroupName(String name) {
        if (name.matches("[a-zA-Z][a-zA-Z0-9]*")) {
            return name;
        }
        String base = "py" + name.replaceAll("[^a-zA-Z0-9]", "");
        String candidate = base;
        for (int i = 2; groupNames.containsValue(candidate) || isPythonName(candidate); i++) {
            candidate = base + "x" + i;
        }
        return candidate;
    }

    private boolean isPythonName(String candidate) {
        return src.contains("(?P<" + candidate + ">");
    }

    private void escape(boolean inClass) throws RegexTranslationException {
        int start = pos;
        if (pos + 1 >= src.length()) {
            throw new RegexTranslationException("Trailing backslash", start);
        }
        char c = src.charAt(pos + 1);
        pos += 2;
        switch (c) {
            case 'Z' -> emit(inClass ? "Z" : "\\z", start);
            case 'v' -> emit("\\x0B", start);
            case 'b' -> emit(inClass ? "\\x08" : "\\b", start);
            case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> {
                if (inClass) {
                    Escapes.classDigits(this, c, start);
                } else {
                    Escapes.digits(this, c, start);
                }
            }
            case 'u', 'U', 'N' -> Escapes.unicode(this, c, start);
            default -> {
                pos = start + 1;
                emit("\\", start);
                literal();
            }
        }
    }

    // Accessors for the helpers that translate parts of the syntax.

    String src() {
        return src;
    }

    boolean bytes() {
        return bytes;
    }

    int pos() {
        return pos;
    }

    void pos(int pos) {
        this.pos = pos;
    }

    void emitAt(String s, int from) {
        emit(s, from);
    }
}
