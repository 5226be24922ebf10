package dev.mitm4j.filter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Python {@code re} syntax translated to {@code java.util.regex}, and what it then matches. */
class PythonRegexTest {

    static Stream<Arguments> textTranslations() {
        return Stream.of(
                Arguments.of("google\\.com", "google\\.com"),
                Arguments.of("(?P<name>a)(?P=name)", "(?<name>a)\\k<name>"),
                Arguments.of("(?P<user_id>\\d+)-(?P=user_id)", "(?<pyuserid>\\d+)-\\k<pyuserid>"),
                Arguments.of("foo\\Z", "foo\\z"),
                Arguments.of("\\Afoo", "\\Afoo"),
                Arguments.of("[\\b]", "[\\x08]"),
                Arguments.of("\\bword\\b", "\\bword\\b"),
                Arguments.of("\\v", "\\x0B"),
                Arguments.of("\\0", "\\x{0}"),
                Arguments.of("\\012", "\\x{a}"),
                Arguments.of("\\101", "\\x{41}"),
                Arguments.of("(a)\\1", "(a)(?:\\1)"),
                Arguments.of("(a)\\10", "(a)(?:\\10)"),
                Arguments.of("[\\1]", "[\\x{1}]"),
                Arguments.of("\\u00e9", "\\x{e9}"),
                Arguments.of("\\U0001F600", "\\x{1f600}"),
                Arguments.of("\\N{LATIN SMALL LETTER E WITH ACUTE}", "\\x{e9}"),
                Arguments.of("\\x41", "\\x41"),
                Arguments.of("(?i)abc", "(?i)abc"),
                Arguments.of("(?a)\\w", "(?-U)\\w"),
                Arguments.of("(?u)\\w", "(?U)\\w"),
                Arguments.of("(?i-s:a.)", "(?i-s:a.)"),
                Arguments.of("(?x)a b", "(?x)a b"),
                Arguments.of("(?:a|b)", "(?:a|b)"),
                Arguments.of("(?<=a)b(?!c)", "(?<=a)b(?!c)"),
                Arguments.of("(?>a+)b", "(?>a+)b"),
                Arguments.of("a(?#comment)b", "ab"),
                Arguments.of("a{", "a\\{"),
                Arguments.of("a{,3}", "a{0,3}"),
                Arguments.of("a{2,}", "a{2,}"),
                Arguments.of("a{2}", "a{2}"),
                Arguments.of("a{,}", "a{0,}"),
                Arguments.of("a{}", "a\\{}"),
                Arguments.of("{foo}", "\\{foo}"),
                Arguments.of("a{1,x}", "a\\{1,x}"),
                Arguments.of("[]a]", "[\\]a]"),
                Arguments.of("[^]a]", "[^\\]a]"),
                Arguments.of("[a[b]", "[a\\[b]"),
                Arguments.of("[a&&b]", "[a\\&\\&b]"),
                Arguments.of("[ #]", "[\\x20\\#]"),
                Arguments.of("é", "é"));
    }

    @ParameterizedTest
    @MethodSource("textTranslations")
    void translatesTextPatterns(String python, String java) throws Exception {
        assertEquals(java, PythonRegex.translate(python, false));
        PythonRegex.compile(python, Operator.Flavor.TEXT);   // and Java accepts the result
    }

    @Test
    void bytePatternsSpellNonAsciiAsUtf8Bytes() throws Exception {
        assertEquals("\u00c3\u00a9", PythonRegex.translate("é", true));
        assertEquals("[\u00c3\u00a9]", PythonRegex.translate("[é]", true));
        Pattern p = PythonRegex.compile("шгн", Operator.Flavor.BYTES);
        assertTrue(p.matcher(latin1("xx шгн yy")).find());
    }

    static Stream<Arguments> matches() {
        return Stream.of(
                // python regex, flavor, input, Python's re.search(..., IGNORECASE | flags) result
                Arguments.of("a\\Z", Operator.Flavor.TEXT, "a\n", false),
                Arguments.of("a$", Operator.Flavor.TEXT, "a\n", true),
                Arguments.of("a.b", Operator.Flavor.TEXT, "a\rb", true),
                Arguments.of("a.b", Operator.Flavor.TEXT, "a\nb", false),
                Arguments.of("a.b", Operator.Flavor.BYTES_DOTALL, "a\nb", true),
                Arguments.of("^b$", Operator.Flavor.BYTES_MULTILINE, "a\nb\nc", true),
                Arguments.of("^b$", Operator.Flavor.BYTES, "a\nb\nc", false),
                Arguments.of("^b$", Operator.Flavor.BYTES_MULTILINE, "a\r\nb\r\nc", false),
                Arguments.of("EXAMPLE", Operator.Flavor.TEXT, "www.example.com", true),
                Arguments.of("ÉTÉ", Operator.Flavor.TEXT, "été", true),
                Arguments.of("\\w+", Operator.Flavor.TEXT, "été", true),
                Arguments.of("^\\w+$", Operator.Flavor.BYTES, latin1("été"), false),
                Arguments.of("(?a)^\\w+$", Operator.Flavor.TEXT, "été", false),
                Arguments.of("(?x)[ ]", Operator.Flavor.TEXT, "a b", true),
                Arguments.of("(?P<q>['\"]).*(?P=q)", Operator.Flavor.TEXT, "say 'hi'", true),
                Arguments.of("(?P<q>['\"]).*(?P=q)", Operator.Flavor.TEXT, "say 'hi\"", false),
                Arguments.of("x{,2}y", Operator.Flavor.TEXT, "xxy", true),
                Arguments.of("{1}", Operator.Flavor.TEXT, "a{1}", true),
                Arguments.of("\\0", Operator.Flavor.BYTES, "a\0b", true));
    }

    @ParameterizedTest
    @MethodSource("matches")
    void matchesAsPythonDoes(String python, Operator.Flavor flavor, String input, boolean found)
            throws Exception {
        assertEquals(found, PythonRegex.compile(python, flavor).matcher(input).find());
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("(?(1)a|b)", Operator.Flavor.TEXT,
                        "Conditional groups (?(id)yes|no) are not supported", 0),
                Arguments.of("x(?L)", Operator.Flavor.TEXT,
                        "(?L) (locale-dependent matching) is not supported", 3),
                Arguments.of("(?u)x", Operator.Flavor.BYTES, "(?u) cannot be used in a pattern"
                        + " that matches bytes (~b, ~bq, ~bs, ~h, ~hq, ~hs, ~t, ~tq, ~ts, ~m)", 2),
                Arguments.of("(?-u:x)", Operator.Flavor.TEXT,
                        "Only i, m, s and x can be turned off", 3),
                Arguments.of("(?P<1bad>x)", Operator.Flavor.TEXT, "Bad group name in (?P<...>)", 4),
                Arguments.of("(?P<a>x)(?P<a>y)", Operator.Flavor.TEXT,
                        "Redefinition of group name a", 12),
                Arguments.of("(?P=missing)", Operator.Flavor.TEXT,
                        "Unknown group name in (?P=...)", 4),
                Arguments.of("[abc", Operator.Flavor.TEXT, "Unterminated character set", 0),
                Arguments.of("abc\\", Operator.Flavor.TEXT, "Trailing backslash", 3),
                Arguments.of("\\u12", Operator.Flavor.TEXT, "Incomplete escape \\u", 0),
                Arguments.of("\\u00e9", Operator.Flavor.BYTES, "\\u escapes are not allowed in a"
                        + " pattern that matches bytes (~b, ~bq, ~bs, ~h, ~hq, ~hs, ~t, ~tq, ~ts,"
                        + " ~m)",
                        0),
                Arguments.of("\\N{NOT A NAME}", Operator.Flavor.TEXT,
                        "Undefined character name 'NOT A NAME'", 0),
                Arguments.of("\\777", Operator.Flavor.TEXT,
                        "Octal escape value \\777 outside of range 0-0o377", 0),
                Arguments.of("(?#open", Operator.Flavor.TEXT, "Missing ) after comment", 0),
                Arguments.of("ab(c", Operator.Flavor.TEXT, "Unclosed group", 4));
    }

    @ParameterizedTest
    @MethodSource("rejected")
    void rejectsWithReasonAndIndex(String python, Operator.Flavor flavor, String message,
            int index) {
        RegexTranslationException e = assertThrows(RegexTranslationException.class,
                () -> PythonRegex.compile(python, flavor));
        assertEquals(message, e.getMessage());
        assertEquals(index, e.index());
    }

    @Test
    void javaOnlyClassSyntaxIsLiteral() throws Exception {
        Pattern p = PythonRegex.compile("[a&&b]", Operator.Flavor.TEXT);
        assertTrue(p.matcher("&").find());
        assertFalse(p.matcher("c").find());
    }

    private static String latin1(String s) {
        return new String(s.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
