package dev.mitm4j.filter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The literal fast path must answer exactly as the compiled regex would: checked against
 * {@code java.util.regex} on random text full of characters whose case folding is special.
 */
class LiteralSearchTest {

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", nullValues = "NULL", value = {
        "example\\.com => example.com",
        "a/b:c=d,e;f@g%h'i!j&k<l>m#n~o => a/b:c=d,e;f@g%h'i!j&k<l>m#n~o",
        "foo bar => foo bar",
        "a\\-b\\\\c => a-b\\c",
        "a.b => NULL",
        "\\d => NULL",
        "\\. => .",
        "x{2} => NULL",
        "a|b => NULL",
        "(x) => NULL",
        "é => NULL",
        "tab\\ x => NULL",
    })
    void recognisesPlainAsciiLiterals(String python, String literal) {
        assertEquals(literal, LiteralSearch.literalOf(python));
    }

    @Test
    void answersAsTheRegexDoes() throws Exception {
        Random random = new Random(7);
        String needles = "aAkKsSiI.-/: ";
        String haystack = "aAkKsSiI\u212a\u017f\u0130\u0131\u00df\u00e9\u00c9.-/: \u00ff";
        for (Operator.Flavor flavor : new Operator.Flavor[] {
            Operator.Flavor.TEXT, Operator.Flavor.BYTES, Operator.Flavor.BYTES_MULTILINE}) {
            for (int i = 0; i < 20_000; i++) {
                String literal = randomString(random, needles, 1 + random.nextInt(3));
                String text = randomString(random, haystack, random.nextInt(8));
                String python = literal.replace(".", "\\.");
                Pattern regex = PythonRegex.compile(python, flavor);
                LiteralSearch fast = new LiteralSearch(LiteralSearch.literalOf(python),
                        !flavor.bytes);
                assertEquals(regex.matcher(text).find(), fast.find(text),
                        flavor + " /" + python + "/ in " + text);
            }
        }
    }

    private static String randomString(Random random, String alphabet, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
